"""The safety library: the cautions lessons refer to by id, and the signs to stop for.

A caution's words are written once (``safety.json``) and shown the same on every lesson that
carries it, so "kneeling" or "a stable chair" never reads three slightly different ways.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError

from data.content.models import FrozenModel, Slug
from data.validation import first_field_error

BUNDLED_SAFETY_FILE = Path(__file__).resolve().parent / "safety.json"


class Caution(FrozenModel):
    """One caution a lesson can carry: a short title and what to do about it."""

    title: Annotated[str, Field(min_length=3, max_length=50)]
    text: Annotated[str, Field(min_length=20, max_length=300)]


class SafetyLibrary(FrozenModel):
    """Every caution by id, and the red flags: reasons to stop any lesson at once."""

    red_flags: Annotated[str, Field(min_length=40, max_length=400)]
    cautions: dict[Slug, Caution] = Field(default_factory=dict)


class SafetyFileError(ValueError):
    """The safety library cannot be read; the message names the file and the problem."""


def load_safety(path: Path = BUNDLED_SAFETY_FILE) -> SafetyLibrary:
    """The safety library in ``path``; SafetyFileError naming the problem when it is broken."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return SafetyLibrary.model_validate(raw)
    except OSError as exc:
        raise SafetyFileError(f"{path.name}: cannot be read: {exc.strerror}") from None
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            error = first_field_error(exc)
            raise SafetyFileError(f"{path.name} › field '{error.field}': {error.message}") from None
        raise SafetyFileError(f"{path.name}: not valid JSON: {exc}") from None
