"""The practice log on disk: TinyDB files, written atomically, one lock, split by year.

Layout (schema 2) in one folder: ``micropause.json`` holds the schema version, the settings
and the nudge counts; ``micropause-log-2026.json`` holds the Micro Pauses whose local date
falls in 2026. Every write rewrites one whole file (TinyDB's model), so splitting by year
keeps a write proportional to one year of practice, not to the whole history. Schema 1 (the
first prototype) kept the log in the main file; it is migrated on open, after a backup copy.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tinydb import TinyDB

from data.atomic_storage import (
    AtomicJSONStorage,
    CorruptFileError,
    Tables,
    atomic_write_bytes,
    load_tables,
    remove_temp_files,
)
from data.completion import Completion
from data.settings import Settings
from data.store_base import LogCache, StoreVersionError, check_nudge_event

SCHEMA_VERSION = 2
LOG_TABLE = "completions"

try:
    import fcntl
except ImportError:  # Windows: one app per profile folder is assumed there.
    fcntl = None  # type: ignore[assignment]


def schema_of(tables: Tables) -> int:
    """The file's schema version; a file without a meta record predates versioning (1)."""
    meta = tables.get("meta", {}).get("1", {})
    version = meta.get("schema", 1)
    return version if isinstance(version, int) and version >= 1 else 1


def _meta_tables() -> Tables:
    return {"meta": {"1": {"schema": SCHEMA_VERSION, "app": "micropause"}}}


class _ProcessLock:
    """An flock on a lock file so the CLI and a running app never write at the same time.

    Re-entrant within the process (callers already hold the store's thread lock).
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._depth = 0
        self._fd: int | None = None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        if self._depth == 0 and fcntl is not None:
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0 and self._fd is not None:
                os.close(self._fd)  # closing releases the flock
                self._fd = None


class TinyDBStore:
    """The file-backed LogStore. Thread-safe; every write is durable when the call returns."""

    def __init__(self, path: Path, now: Callable[[], datetime] | None = None) -> None:
        self._path = path
        self._folder = path.parent
        self._now = now or (lambda: datetime.now(UTC))
        self._year_re = re.compile(
            rf"^{re.escape(path.stem)}-log-(\d{{4}}){re.escape(path.suffix)}$"
        )
        self._lock = threading.RLock()
        self._notices: list[str] = []
        self._folder.mkdir(parents=True, exist_ok=True)
        self._plock = _ProcessLock(self._folder / f".{path.name}.lock")
        self._seen: tuple[Any, ...] | None = None
        self._cache = LogCache()
        self._main: Any = None
        self._years: dict[int, Any] = {}
        self._nudge_ids: dict[date, int] = {}
        with self._lock, self._plock.held():
            self._load()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def notice(self) -> str | None:
        return " ".join(self._notices) or None

    # --- reads -------------------------------------------------------------------------

    def completions(self) -> list[Completion]:
        with self._lock:
            self._sync()
            return list(self._cache.completions)

    def settings(self) -> Settings:
        with self._lock:
            self._sync()
            return self._cache.settings

    def nudge_counts(self) -> dict[date, dict[str, int]]:
        with self._lock:
            self._sync()
            return {day: dict(counts) for day, counts in self._cache.nudges.items()}

    # --- writes ------------------------------------------------------------------------

    def add(self, completion: Completion) -> None:
        """Append one record (a record whose id is already there is ignored)."""
        self.merge([completion])

    def merge(self, completions: Sequence[Completion]) -> int:
        """Add the records not yet present; one write per year touched. Returns how many."""
        with self._writing():
            fresh = self._cache.new_only(completions)
            by_year: dict[int, list[Completion]] = {}
            for completion in fresh:
                by_year.setdefault(completion.local_date.year, []).append(completion)
            for year, records in sorted(by_year.items()):
                docs = [record.model_dump(mode="json") for record in records]
                self._year_db(year).table(LOG_TABLE).insert_multiple(docs)
                self._cache.remember(records)
            return len(fresh)

    def save_settings(self, settings: Settings) -> None:
        with self._writing():
            self._main.table("settings").upsert(_doc(settings.model_dump(mode="json"), 1))
            self._cache.settings = settings

    def record_nudge(self, day: date, event: str) -> None:
        check_nudge_event(event)
        with self._writing():
            counts = self._cache.bumped(day, event)
            table = self._main.table("nudges")
            doc_id = self._nudge_ids.get(day)
            record = {"day": day.isoformat(), **counts}
            if doc_id is None:
                self._nudge_ids[day] = table.insert(record)
            else:
                table.upsert(_doc(record, doc_id))
            self._cache.nudges[day] = counts

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        with self._lock, self._plock.held():
            self._sync()
            try:
                yield
            except BaseException:
                self._seen = None  # a failed write: re-read everything from disk next time
                raise
            self._seen = self._fingerprint()

    # --- loading -----------------------------------------------------------------------

    def _sync(self) -> None:
        """Reload when another process (the CLI) changed the files since we last looked."""
        if self._seen is None or self._fingerprint() != self._seen:
            with self._plock.held():
                self._load()

    def _fingerprint(self) -> tuple[Any, ...]:
        marks = []
        with os.scandir(self._folder) as entries:
            for entry in entries:
                if entry.name == self._path.name or self._year_re.match(entry.name):
                    st = entry.stat()
                    marks.append((entry.name, st.st_ino, st.st_mtime_ns, st.st_size))
        return tuple(sorted(marks))

    def _load(self) -> None:
        self._seen = None
        main_tables, main_bad = self._read(self._path)
        year_files: dict[int, tuple[Tables | None, str | None]] = {}
        for path in sorted(self._folder.iterdir()):
            match = self._year_re.match(path.name)
            if match:
                year_files[int(match.group(1))] = self._read(path)
        for path, tables in [(self._path, main_tables)] + [
            (self._year_path(y), t) for y, (t, _) in year_files.items()
        ]:
            if tables is not None and schema_of(tables) > SCHEMA_VERSION:
                raise StoreVersionError(
                    f"{path} was written by a newer version of Micro Pause (format "
                    f"{schema_of(tables)}; this version reads up to {SCHEMA_VERSION}). It was "
                    "left untouched: please update Micro Pause to open it."
                )
        # From here on we may change files: nothing newer than us is involved.
        remove_temp_files(self._folder, self._path.stem)
        if main_bad:
            self._set_aside(self._path, main_bad, "Your Micro Pause data file")
            main_tables = None
        logs: dict[int, list[Completion]] = {}
        for year, (tables, problem) in year_files.items():
            records, problem = _records(tables, problem)
            if problem:
                self._set_aside(self._year_path(year), problem, f"Your {year} practice log")
                year_files[year] = (None, None)
            else:
                logs[year] = records
        if main_tables is not None and schema_of(main_tables) < SCHEMA_VERSION:
            main_tables = self._migrate(main_tables, year_files, logs)
        if main_tables is None:
            main_tables = _meta_tables()
            _write_tables(self._path, main_tables)
        self._open_dbs(main_tables, year_files, logs)
        self._seen = self._fingerprint()

    def _open_dbs(
        self,
        main_tables: Tables,
        year_files: dict[int, tuple[Tables | None, str | None]],
        logs: dict[int, list[Completion]],
    ) -> None:
        self._main = _tinydb(self._path, main_tables)
        self._years = {
            year: _tinydb(self._year_path(year), tables)
            for year, (tables, _) in year_files.items()
            if tables is not None
        }
        cache = LogCache()
        cache.remember(sorted((c for cs in logs.values() for c in cs), key=_finished))
        settings_doc = main_tables.get("settings", {}).get("1")
        if settings_doc is not None:
            try:
                cache.settings = Settings.model_validate(settings_doc)
            except ValidationError:
                self._notices.append("Your settings could not be read, so the defaults are used.")
        self._nudge_ids = {}
        for doc_id, doc in main_tables.get("nudges", {}).items():
            with contextlib.suppress(ValueError, TypeError, KeyError):
                day = date.fromisoformat(doc["day"])
                cache.nudges[day] = {k: int(v) for k, v in doc.items() if k != "day"}
                self._nudge_ids[day] = int(doc_id)
        self._cache = cache

    def _read(self, path: Path) -> tuple[Tables | None, str | None]:
        try:
            return load_tables(path), None
        except CorruptFileError as exc:
            return None, str(exc)
        except OSError as exc:
            return None, f"{path.name} cannot be read: {exc.strerror}"

    def _set_aside(self, path: Path, problem: str, what: str) -> None:
        """Keep an unreadable file under a timestamped name and say so in plain words."""
        stamp = self._now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
        counter = 1
        while target.exists():
            counter += 1
            target = path.with_name(f"{path.stem}.corrupt-{stamp}-{counter}{path.suffix}")
        path.replace(target)
        self._notices.append(
            f"{what} could not be read ({problem}), so Micro Pause started without it. "
            f"Nothing was deleted: the old file was kept as {target}."
        )

    def _migrate(
        self,
        main_tables: Tables,
        year_files: dict[int, tuple[Tables | None, str | None]],
        logs: dict[int, list[Completion]],
    ) -> Tables:
        """Schema 1 → 2: move the log out of the main file into yearly files (after a backup)."""
        old = schema_of(main_tables)
        stamp = self._now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = self._path.with_name(f"{self._path.stem}.v{old}-backup-{stamp}{self._path.suffix}")
        atomic_write_bytes(backup, self._path.read_bytes())
        records, skipped = [], 0
        for doc in main_tables.get(LOG_TABLE, {}).values():
            try:
                records.append(Completion.model_validate(doc))
            except ValidationError:
                skipped += 1
        known = {c.id for cs in logs.values() for c in cs}
        for record in records:
            if record.id in known:
                continue  # a migration interrupted earlier already moved it
            known.add(record.id)
            year = record.local_date.year
            tables = year_files.get(year, (None, None))[0] or _meta_tables()
            table = tables.setdefault(LOG_TABLE, {})
            table[str(max(map(int, table), default=0) + 1)] = record.model_dump(mode="json")
            year_files[year] = (tables, None)
            logs.setdefault(year, []).append(record)
        for year, (year_tables, _) in year_files.items():
            if year_tables is not None:
                _write_tables(self._year_path(year), year_tables)
        new_main = _meta_tables()
        new_main.update({k: v for k, v in main_tables.items() if k not in ("meta", LOG_TABLE)})
        _write_tables(self._path, new_main)
        lost = f" {skipped} unreadable records stay only in that copy." if skipped else ""
        self._notices.append(
            "Your practice log was upgraded to the current format. A copy of the old file was "
            f"kept as {backup}.{lost}"
        )
        return new_main

    def _year_path(self, year: int) -> Path:
        return self._path.with_name(f"{self._path.stem}-log-{year:04d}{self._path.suffix}")

    def _year_db(self, year: int) -> Any:
        db = self._years.get(year)
        if db is None:
            db = self._years[year] = _tinydb(self._year_path(year), _meta_tables())
        return db


def _tinydb(path: Path, tables: Tables) -> Any:
    storage = AtomicJSONStorage(path, initial=tables, append_only=frozenset({LOG_TABLE}))
    return TinyDB(storage=lambda: storage)


def _write_tables(path: Path, tables: Tables) -> None:
    atomic_write_bytes(path, AtomicJSONStorage(path).encode(tables).encode("utf-8"))


def _doc(fields: dict[str, Any], doc_id: int) -> Any:
    from tinydb.table import Document

    return Document(fields, doc_id=doc_id)


def _finished(completion: Completion) -> datetime:
    return completion.finished_at


def _records(tables: Tables | None, problem: str | None) -> tuple[list[Completion], str | None]:
    """Validate a year's records; one bad record makes the whole file suspect."""
    if problem or tables is None:
        return [], problem
    records = []
    for doc_id, doc in tables.get(LOG_TABLE, {}).items():
        try:
            records.append(Completion.model_validate(doc))
        except ValidationError as exc:
            field = ".".join(str(p) for p in exc.errors()[0]["loc"]) or "?"
            return [], f"record {doc_id} has a bad '{field}'"
    return records, None
