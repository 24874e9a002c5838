"""TinyDB's files as the store reads and writes them: parsed and checked for TinyDB's shape,
and written through a storage that never leaves a half-written file.

TinyDB's ``JSONStorage`` rewrites the file in place; a crash mid-write can leave it unreadable.
Here every write is ``data.runtime.files.atomic_write_bytes`` (temporary file, fsync, rename),
so the file on disk is always either the old or the new complete version. The parsed data is
kept in memory (TinyDB would otherwise parse the whole file before each insert), and each
document's JSON text is memoised, so a write re-encodes only the documents that changed.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from data.runtime.files import atomic_write_bytes

Tables = dict[str, dict[str, Any]]


class CorruptFileError(Exception):
    """The file exists but is not a TinyDB JSON document (truncated, garbage, wrong shape)."""


def read_tables(
    path: Path, parse: Callable[[bytes], Any] = json.loads
) -> tuple[bytes, Tables] | None:
    """Read and parse a TinyDB file with ``parse``: its bytes and tables.

    None when the file is missing or empty (an empty database); ``CorruptFileError`` when it
    is not JSON or not shaped like TinyDB's tables of documents.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    if not raw.strip():
        return None
    try:
        data = parse(raw)
    except ValueError as exc:  # UnicodeDecodeError is one too
        raise CorruptFileError(f"{path.name} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise CorruptFileError(f"{path.name} does not have the shape of a TinyDB file")
    return raw, data


def load_tables(path: Path) -> Tables | None:
    """Parse a TinyDB file: None when missing or empty, CorruptFileError when unreadable."""
    found = read_tables(path)
    return None if found is None else found[1]


class AtomicJSONStorage(Storage):
    """TinyDB storage: in-memory copy, written through atomically on every change.

    Not thread-safe by itself: the store serialises all writes to one file with one lock.
    """

    def __init__(self, path: str | Path, initial: Tables | None = None) -> None:
        self.path = Path(path)
        self._data: Tables | None = initial
        self._loaded = initial is not None
        self._memo: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}

    def read(self) -> Tables | None:
        if not self._loaded:
            self._data = load_tables(self.path)
            self._loaded = True
        if self._data is None:
            return None
        # A shallow copy: TinyDB assigns rebuilt tables into the dict it is given, and that
        # must not touch our copy unless the write succeeds.
        return dict(self._data)

    def write(self, data: Tables) -> None:
        try:
            atomic_write_bytes(self.path, self.encode(data).encode("utf-8"))
        except BaseException:
            # TinyDB may have changed documents in place; forget them and re-read the file.
            self._data, self._loaded, self._memo = None, False, {}
            raise
        self._data = data

    def close(self) -> None:
        """Nothing to release: no file handle stays open between writes."""

    def encode(self, data: Tables) -> str:
        """The whole database as JSON, reusing the text of documents that did not change."""
        memo = self._memo
        if len(memo) > 2 * sum(len(table) for table in data.values()) + 64:
            memo.clear()
        return (
            "{" + ", ".join(self._encode_table(name, table) for name, table in data.items()) + "}"
        )

    def _encode_table(self, name: str, table: dict[str, Any]) -> str:
        return f"{json.dumps(name)}: {{{', '.join(self._encoded_docs(name, table))}}}"

    def _encoded_docs(self, name: str, table: dict[str, Any]) -> Iterator[str]:
        memo = self._memo
        for doc_id, doc in table.items():
            key = (name, doc_id)
            hit = memo.get(key)
            if hit is not None and hit[0] == doc:
                yield hit[1]
                continue
            text = f"{json.dumps(str(doc_id))}: {json.dumps(doc, ensure_ascii=False)}"
            memo[key] = (copy.deepcopy(doc), text)
            yield text
