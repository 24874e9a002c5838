"""Export and import of the whole log, in a documented format a person can keep or inspect.

JSON: ``{"format": "micropause-log", "version": 2, "completions": [...]}``, each completion with
every field of ``Completion``: version 2 added ``checkin_before``, ``checkin_after`` (0-10 or
null) and ``note`` (text or null) to every record. CSV has the same columns (an empty cell is
null). Import takes both versions: a version 1 file is read exactly as before (its records
have no check-ins, and a check-in field in one is an unknown field, as it always was).
Import is strict: the first bad record is named with its field, and nothing is imported unless
everything is valid, so a foreign or damaged file can never half-merge.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from data.practice_log.completion import CHECKIN_FIELDS, Completion
from data.validation import UNKNOWN_FIELD, first_field_error

EXPORT_FORMAT = "micropause-log"
EXPORT_VERSION = 2
COLUMNS = tuple(Completion.model_fields)
_NEW_IN = {2: CHECKIN_FIELDS}
"""The fields each export version added: an older file that has them is not that version."""
MAX_UPLOAD_BYTES = 8_000_000
"""The largest file a restore in the app accepts: an export takes ~420 bytes a Micro Pause, so
this holds ~19,000 (ten a day for five years), well under the 16 MiB a websocket message may
carry; the CLI's import reads local files and has no bound."""


class BackupError(ValueError):
    """An import file that is not a valid Micro Pause log export; the message says why."""


def _row(completion: Completion) -> dict[str, Any]:
    return completion.model_dump(mode="json")


def export_json(completions: Sequence[Completion]) -> str:
    """The log as an indented JSON document (ends with a newline)."""
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "completions": [_row(c) for c in completions],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export_csv(completions: Sequence[Completion]) -> str:
    """The log as CSV with a header row; booleans are written ``true``/``false``, nulls as
    empty cells."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for completion in completions:
        row = _row(completion)
        row["completed"] = "true" if completion.completed else "false"
        writer.writerow(row)
    return buffer.getvalue()


def check_upload_size(size: int) -> None:
    """Raise BackupError, before anything is read, for a file larger than ``MAX_UPLOAD_BYTES``."""
    if size > MAX_UPLOAD_BYTES:
        raise BackupError(
            f"this file is {size / 1e6:.1f} MB; a Micro Pause export of up to "
            f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB can be restored here (larger logs: "
            "`python main.py import FILE` on the server)."
        )


def parse_export(text: str) -> list[Completion]:
    """Every record of a JSON export, validated; raises BackupError at the first problem."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise BackupError(
            f"This file is not a Micro Pause log export: it is not JSON ({exc})."
        ) from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        tag = document.get("format") if isinstance(document, dict) else None
        found = f"its format tag is {tag!r}" if tag is not None else "it has no format tag"
        raise BackupError(
            f"This file is not a Micro Pause log export: {found}, expected {EXPORT_FORMAT!r}."
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupError("This export has no valid version number.")
    if version > EXPORT_VERSION:
        raise BackupError(
            f"This export was made by a newer Micro Pause (format version {version}); "
            "please update Micro Pause to import it."
        )
    records = document.get("completions")
    if not isinstance(records, list):
        raise BackupError("This export has no list of completions.")
    later = [name for v, names in _NEW_IN.items() if v > version for name in names]
    return [_parse_record(number, raw, later) for number, raw in enumerate(records, start=1)]


def _parse_record(number: int, raw: object, unknown: Sequence[str] = ()) -> Completion:
    if not isinstance(raw, dict):
        raise BackupError(f"Record {number} is not an object with fields.")
    extra = next((name for name in raw if name in unknown), None)
    if extra is not None:
        raise BackupError(f"Record {number}, field '{extra}': {UNKNOWN_FIELD}.")
    try:
        return Completion.model_validate(raw)
    except ValidationError as exc:
        error = first_field_error(exc)
        raise BackupError(
            f"Record {number}, field '{error.field or '(record)'}': {error.message}."
        ) from None
