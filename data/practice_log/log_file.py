"""One append-only file of the practice log: a year of Micro Pauses, or the journal of recent ones.

The format is TinyDB's (people and TinyDB can still read it), written in one fixed layout::

    {"meta": {"1": {"schema": 4, "app": "micropause", "sha256": "…"}}, "completions": {"1": {…}, …}}

``sha256`` is the digest of the exact bytes between the braces of the ``completions`` table.
Records are validated when they are written; a file whose table still has the digest we wrote
is loaded without validating each record again (a fast, exact constructor; ~3x quicker at
100,000 records). Any mismatch - a hand edit, a bit flip, a file from an older version - falls
back to full validation, so a bad record is still found and the file set aside as before. The
digest guards against accidents, not against someone forging it on purpose.

The log is append-only, so the table's bytes are kept and extended: adding records encodes only
the new ones, however large the file already is. A later answer to a check-in (``amend``)
swaps the bytes of that one record, never re-encoding the others. Every write is atomic and
durable (``atomic_write_bytes``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pydantic_core
from pydantic import ValidationError

from data.practice_log.completion import Completion
from data.practice_log.tinydb_files import CorruptFileError, Tables, read_tables
from data.runtime.files import atomic_write_bytes
from data.validation import first_field_error

TABLE = "completions"
_HEAD = b'{"meta": '
_TABLE_OPEN = b', "completions": {'
_TAIL = b"}}"
_FIELDS = frozenset(Completion.model_fields)
_new = object.__new__
_set = object.__setattr__
_parse_instant = datetime.fromisoformat
_parse_day = date.fromisoformat


def schema_of(tables: Tables) -> int:
    """The file's schema version; a file without a meta record predates versioning (1)."""
    meta = tables.get("meta", {}).get("1", {})
    version = meta.get("schema", 1)
    return version if isinstance(version, int) and version >= 1 else 1


def _encoded(record: Completion) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False)


def _entries(first_id: int, records: Sequence[Completion]) -> bytes:
    return ", ".join(
        f'"{doc_id}": {_encoded(record)}' for doc_id, record in enumerate(records, first_id)
    ).encode("utf-8")


def render(body: bytes, schema: int) -> bytes:
    """The whole file for a table body (the entries without the braces)."""
    meta = {"schema": schema, "app": "micropause", "sha256": hashlib.sha256(body).hexdigest()}
    return b"".join((_HEAD, json.dumps({"1": meta}).encode(), _TABLE_OPEN, body, _TAIL))


class LogFile:
    """An append-only log file as this process last wrote or read it.

    Not thread-safe by itself: the store holds its lock (and the folder's file lock) around
    every call. The in-memory state changes only once a write succeeded.
    """

    def __init__(self, path: Path, schema: int, body: bytes = b"", next_id: int = 1) -> None:
        self.path = path
        self._schema = schema
        self._body = body
        self._next_id = next_id

    @classmethod
    def of(cls, path: Path, schema: int, records: Sequence[Completion]) -> LogFile:
        """The file as it would be written for ``records`` (nothing is written yet)."""
        return cls(path, schema, _entries(1, records), len(records) + 1)

    def append(self, records: Sequence[Completion]) -> None:
        """Add ``records`` after the ones already there: only the new ones are encoded."""
        if not records:
            return
        new = _entries(self._next_id, records)
        body = self._body + b", " + new if self._body else new
        atomic_write_bytes(self.path, render(body, self._schema))
        self._body, self._next_id = body, self._next_id + len(records)

    def amend(self, old: Completion, new: Completion) -> bool:
        """Write ``new`` in the place of ``old`` (the same id): only its entry is re-encoded.

        False, writing nothing, when ``old`` is not in this file exactly as this process
        wrote or read it; the caller then rewrites the file from its records.
        """
        before = _encoded(old).encode("utf-8")
        at = self._body.find(before)
        if at < 0 or self._body.find(before, at + len(before)) >= 0:
            return False
        body = self._body[:at] + _encoded(new).encode("utf-8") + self._body[at + len(before) :]
        atomic_write_bytes(self.path, render(body, self._schema))
        self._body = body
        return True

    def replace(self, records: Sequence[Completion]) -> None:
        """Rewrite the file with exactly ``records`` (empties the journal; upgrades a file)."""
        body = _entries(1, records)
        atomic_write_bytes(self.path, render(body, self._schema))
        self._body, self._next_id = body, len(records) + 1


@dataclass
class ParsedLog:
    """A log file read and parsed, its records not yet checked."""

    path: Path
    raw: bytes
    tables: Tables

    @property
    def schema(self) -> int:
        return schema_of(self.tables)

    def load(self, schema: int) -> tuple[list[Completion], LogFile, bool]:
        """The records, the file to append to, and whether the digest matched (trusted).

        Raises CorruptFileError naming the first bad record when the file has to be validated
        and a record does not pass.
        """
        docs = self.tables.get(TABLE, {})
        body = self._trusted_body()
        if body is not None:
            try:
                records = [_trusted(doc) for doc in docs.values()]
            except (KeyError, TypeError, ValueError):
                pass  # the digest matched but a record is not what we write: validate it all
            else:
                # Our writes number the documents 1..n, so the next one is n + 1.
                return records, LogFile(self.path, schema, body, len(docs) + 1), True
        records = []
        for doc_id, doc in docs.items():
            try:
                records.append(Completion.model_validate(doc))
            except ValidationError as exc:
                error = first_field_error(exc)
                raise CorruptFileError(
                    f"record {doc_id} has a bad '{error.field or '?'}' ({error.message})"
                ) from exc
        # Re-encoded from the validated records: the next write also upgrades the file.
        return records, LogFile.of(self.path, schema, records), False

    def _trusted_body(self) -> bytes | None:
        """The table's bytes when they are exactly what a write of ours produced, else None."""
        digest = self.tables.get("meta", {}).get("1", {}).get("sha256")
        raw = self.raw
        start = raw.find(_TABLE_OPEN)
        if not isinstance(digest, str) or not raw.startswith(_HEAD) or start < 0:
            return None
        if not raw.endswith(_TAIL):
            return None
        body = raw[start + len(_TABLE_OPEN) : -len(_TAIL)]
        return body if hashlib.sha256(body).hexdigest() == digest else None


def parse_log_file(path: Path) -> ParsedLog | None:
    """Read and parse a log file: None when missing or empty, CorruptFileError when unreadable."""
    # pydantic's parser (already a dependency) is ~1.5x faster than json at 100,000 records.
    found = read_tables(path, lambda raw: pydantic_core.from_json(raw, cache_strings="keys"))
    return None if found is None else ParsedLog(path, *found)


def _trusted(doc: dict[str, Any]) -> Completion:
    """A Completion from a document we validated and wrote ourselves, without validating again.

    Builds exactly what ``Completion.model_validate`` builds for such a document (same field
    values, UTC instants, fields set), as pydantic's own ``model_construct`` does, only without
    its per-field loop (which is slower than validating). Raises on anything unexpected, and
    the caller then validates the whole file.
    """
    if doc.keys() != _FIELDS:
        raise KeyError("fields")
    # ``doc`` was just parsed from the file and is used nowhere else: it becomes the record.
    started = doc["started_at"] = _parse_instant(doc["started_at"])
    finished = doc["finished_at"] = _parse_instant(doc["finished_at"])
    if started.tzinfo is not UTC or finished.tzinfo is not UTC:
        raise ValueError("not UTC")
    doc["local_date"] = _parse_day(doc["local_date"])
    record: Completion = _new(Completion)
    _set(record, "__dict__", doc)
    _set(record, "__pydantic_fields_set__", set(_FIELDS))
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record
