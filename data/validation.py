"""A pydantic error as a person can act on it: which field, and what is wrong with it.

Content files, imported exports and the log's own files all validate with pydantic; each says
"field 'seconds': Input should be ..." the same way, from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

UNKNOWN_FIELD = "is not a known field (check the spelling)"
_PLAIN = {
    "missing": "is required",
    "extra_forbidden": UNKNOWN_FIELD,
}


@dataclass(frozen=True)
class FieldError:
    """One failed check: where (pydantic's ``loc``) and, in plain words, why."""

    loc: tuple[int | str, ...]
    message: str

    @property
    def field(self) -> str:
        """The dotted field name ('steps.2.seconds'), or '' when the whole record failed."""
        return ".".join(str(part) for part in self.loc)


def field_error(error: Any) -> FieldError:
    """One entry of ``ValidationError.errors()`` as a ``FieldError``."""
    kind = error.get("type", "")
    message = _PLAIN.get(kind) or str(error.get("msg", "is not valid"))
    return FieldError(tuple(error.get("loc", ())), message.removeprefix("Value error, "))


def field_errors(exc: ValidationError) -> list[FieldError]:
    """Every failed check of ``exc``, in pydantic's order."""
    return [field_error(error) for error in exc.errors()]


def first_field_error(exc: ValidationError) -> FieldError:
    """The first failed check: what an import or a log file names when it refuses a record."""
    return field_error(exc.errors()[0])
