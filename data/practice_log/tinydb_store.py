"""The practice log on disk: TinyDB-format files, written atomically, one lock, split by year.

Layout (schema 4) in one folder:

- ``micropause.json``: the schema version, the settings and the nudge counts (TinyDB).
- ``micropause-log-journal.json``: the most recent Micro Pauses, at most ``JOURNAL_LIMIT``.
- ``micropause-log-2026.json``: the Micro Pauses whose local date falls in 2026.

Nothing is created until the first write: opening a folder that does not exist reads an empty
log and leaves the disk alone, so a visitor who only looks leaves no folder, lock or file. The
first write (a practised pause, a changed setting, a nudge counted) creates the folder, the lock
and the main file.

Every write rewrites one whole file atomically (temp file, fsync, rename, folder fsync). Logging
a Micro Pause rewrites only the journal (a few KB), so it costs the same at 100 or 100,000
records, however they are spread over years. When the journal would pass ``JOURNAL_LIMIT``,
its records move into their year files (each year file is extended, not re-encoded), then the
journal is emptied: one write in ``JOURNAL_LIMIT`` pays for a year file. That order makes the
move crash-safe: a crash in between leaves a record in both files, and loading keeps each id
once. A log file whose bytes still carry the digest we wrote loads without re-validating each
record (``data.practice_log.log_file``).

The after check-in and the note reach a pause that is already written (``amend``): the one
file that holds it is rewritten atomically with that record's entry swapped, which is the
journal (a few KB) unless the pause has just moved into its year file.

Older layouts are upgraded when opened. Schema 3 records have no check-in fields: each log file
is validated once (the new fields empty) and rewritten. Schema 2 (no journal, no digests) is
upgraded the same way; schema 1 (the first prototype: the log in the main file) is migrated
after a backup copy. Each version is refused by the versions before it (schema 3 would see
the check-in fields as unknown and set the files aside; schema 2 would not see the journal).
What opening does with unreadable, newer and old files is in ``recovery``.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tinydb import TinyDB

from data.practice_log.completion import Completion
from data.practice_log.log_file import TABLE, LogFile, ParsedLog, schema_of
from data.practice_log.memory_store import LogCache
from data.practice_log.recovery import (
    YearLogs,
    backup_main,
    move_out_of_main,
    parse_log,
    read_tables,
    refuse_newer,
    set_aside,
)
from data.practice_log.settings import Settings
from data.practice_log.store import NudgeEvent, nudge_event
from data.practice_log.tinydb_files import AtomicJSONStorage, CorruptFileError, Tables
from data.runtime.files import atomic_write_bytes, remove_temp_files

SCHEMA_VERSION = 4
LOG_TABLE = TABLE
JOURNAL = "journal"
JOURNAL_LIMIT = 256

DATA_FILE_NAME = "micropause.json"

__all__ = [
    "DATA_FILE_NAME",
    "JOURNAL_LIMIT",
    "LOG_TABLE",
    "SCHEMA_VERSION",
    "TinyDBStore",
    "open_store",
    "schema_of",
]

try:
    import fcntl
except ImportError:  # Windows: one app per profile folder is assumed there.
    fcntl = None  # type: ignore[assignment]


def _meta_tables() -> Tables:
    return {"meta": {"1": {"schema": SCHEMA_VERSION, "app": "micropause"}}}


class _ProcessLock:
    """An flock on a lock file so the CLI and a running app never write at the same time.

    Re-entrant within the process (callers already hold the store's thread lock). A write
    (``create=True``) makes the folder and the lock file; a read never creates either: with no
    folder there is nothing to read and no one to wait for, and a folder that cannot hold a lock
    file (read-only) is read without one, since no one can write there either.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._depth = 0
        self._fd: int | None = None

    def _open(self, create: bool) -> int | None:
        if create:
            return os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        if not self._path.parent.is_dir():
            return None
        try:
            return os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            try:  # a read-only folder: an existing lock file still works read-only
                return os.open(self._path, os.O_RDONLY)
            except OSError:
                return None

    @contextlib.contextmanager
    def held(self, *, create: bool = False) -> Iterator[None]:
        if create:
            self._path.parent.mkdir(parents=True, exist_ok=True)
        if self._depth == 0 and fcntl is not None:
            self._fd = self._open(create)
            if self._fd is not None:
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

    def __init__(
        self,
        path: Path,
        now: Callable[[], datetime] | None = None,
        journal_limit: int = JOURNAL_LIMIT,
    ) -> None:
        if journal_limit < 0:
            raise ValueError(
                "the journal limit is 0 (no journal: straight to the year files) or more"
            )
        self._path = path
        self._folder = path.parent
        self._now = now or (lambda: datetime.now(UTC))
        self._journal_limit = journal_limit
        self._log_re = re.compile(
            rf"^{re.escape(path.stem)}-log-(\d{{4}}|{JOURNAL}){re.escape(path.suffix)}$"
        )
        self._lock = threading.RLock()
        self._notices: list[str] = []
        self._plock = _ProcessLock(self._folder / f".{path.name}.lock")
        self._seen: tuple[Any, ...] | None = None
        self._cache = LogCache()
        self._main: Any = None
        self._years: dict[int, LogFile] = {}
        self._journal = LogFile(self._journal_path(), SCHEMA_VERSION)
        self._pending: list[Completion] = []  # in the journal, not yet in a year file
        self._nudge_ids: dict[date, int] = {}
        self._main_tables: Tables = _meta_tables()
        self._main_on_disk = False  # False until the first write creates the main file
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
        """Add the records not yet present: to the journal, or with it into the year files
        when it would overflow. Returns how many were added."""
        with self._writing():
            fresh = self._cache.new_only(completions)
            if not fresh:
                return 0
            if len(self._pending) + len(fresh) <= self._journal_limit:
                self._journal.append(fresh)
                self._pending.extend(fresh)
            else:
                self._compact(fresh)
            self._cache.remember(fresh)
            return len(fresh)

    def amend(self, completion_id: str, changes: Mapping[str, object]) -> Completion:
        """Later answers to a logged pause: rewrites the one file that holds it."""
        with self._writing():
            index = self._cache.index_of(completion_id)
            old = self._cache.completions[index]
            new = old.amended(changes)
            if new == old:
                return old
            pending = next((i for i, c in enumerate(self._pending) if c.id == completion_id), None)
            if pending is not None:
                if not self._journal.amend(old, new):
                    self._journal.replace(
                        [*self._pending[:pending], new, *self._pending[pending + 1 :]]
                    )
                self._pending[pending] = new
            else:
                year = old.local_date.year
                if not self._year_file(year).amend(old, new):
                    self._rewrite_year(year, {completion_id: new})
            self._cache.replace(index, new)
            return new

    def _rewrite_year(self, year: int, amended: Mapping[str, Completion]) -> None:
        """The year file from the log as this process holds it (the slow way, for a file
        whose bytes do not hold a record as we expect)."""
        in_journal = {c.id for c in self._pending}
        records = [
            amended.get(c.id, c)
            for c in self._cache.completions
            if c.local_date.year == year and c.id not in in_journal
        ]
        self._year_file(year).replace(records)

    def save_settings(self, settings: Settings) -> None:
        with self._writing():
            self._main.table("settings").upsert(_doc(settings.model_dump(mode="json"), 1))
            self._cache.settings = settings

    def record_nudge(self, day: date, event: NudgeEvent) -> None:
        event = nudge_event(event)  # an unknown event is refused before anything is written
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

    def _compact(self, extra: Sequence[Completion] = ()) -> None:
        """Move the journal's records (and ``extra``) into their year files, then empty it.

        Year files first, journal last: a crash in between duplicates records across the two
        files, which loading resolves (each id once); it never loses one.
        """
        by_year: dict[int, list[Completion]] = {}
        for record in (*self._pending, *extra):
            by_year.setdefault(record.local_date.year, []).append(record)
        for year, records in sorted(by_year.items()):
            self._year_file(year).append(records)
        if self._pending:
            self._journal.replace([])
            self._pending = []

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        with self._lock, self._plock.held(create=True):
            self._sync()
            try:
                if not self._main_on_disk:  # the first write of a new log: the main file first
                    _write_tables(self._path, self._main_tables)
                    self._main_on_disk = True
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
        if not self._folder.is_dir():
            return ()
        with os.scandir(self._folder) as entries:
            for entry in entries:
                if entry.name == self._path.name or self._log_re.match(entry.name):
                    st = entry.stat()
                    marks.append((entry.name, st.st_ino, st.st_mtime_ns, st.st_size))
        return tuple(sorted(marks))

    def _load(self) -> None:
        # 100,000 records are 100,000 new objects at once: without the cyclic collector's
        # passes over them (nothing here makes cycles) an open is ~30% faster.
        paused = gc.isenabled()
        gc.disable()
        try:
            self._load_files()
        finally:
            if paused:
                gc.enable()

    def _load_files(self) -> None:
        self._seen = None
        main_tables, main_bad = read_tables(self._path)
        logs: dict[str, tuple[ParsedLog | None, str | None]] = {}
        present = sorted(self._folder.iterdir()) if self._folder.is_dir() else []
        for path in present:
            match = self._log_re.match(path.name)
            if match:
                logs[match.group(1)] = parse_log(path)
        versions = [(self._path, schema_of(main_tables))] if main_tables is not None else []
        versions += [(p.path, p.schema) for p, _ in logs.values() if p is not None]
        refuse_newer(versions, SCHEMA_VERSION)
        # From here on we may change files: nothing newer than us is involved.
        remove_temp_files(self._folder, self._path.stem)
        if main_bad:
            self._set_aside(self._path, main_bad, "Your Micro Pause data file")
            main_tables = None
        years: YearLogs = {}
        journal: tuple[list[Completion], LogFile, bool] | None = None
        for key, (parsed, problem) in logs.items():
            what = "Your most recent Micro Pauses" if key == JOURNAL else f"Your {key} practice log"
            path = self._journal_path() if key == JOURNAL else self._year_path(int(key))
            loaded = None
            if parsed is not None:
                try:
                    loaded = parsed.load(SCHEMA_VERSION)
                except CorruptFileError as exc:
                    problem = str(exc)
            if problem:
                self._set_aside(path, problem, what)
            elif loaded is not None and key == JOURNAL:
                journal = loaded
            elif loaded is not None:
                years[int(key)] = loaded
        if main_tables is not None and schema_of(main_tables) < 2:
            backup = backup_main(self._path, main_tables, self._now)
            self._notices.append(move_out_of_main(main_tables, years, backup, self._new_year_file))
        for year, (records, log_file, trusted) in years.items():
            if not trusted:  # schema 2, a hand edit or a migration: rewrite it with a digest
                log_file.replace(records)
                years[year] = (records, log_file, True)
        self._main_on_disk = main_tables is not None
        if main_tables is None or schema_of(main_tables) < SCHEMA_VERSION:
            kept = {k: v for k, v in (main_tables or {}).items() if k not in ("meta", LOG_TABLE)}
            main_tables = {**_meta_tables(), **kept}
            if self._main_on_disk or years or journal is not None or self._notices:
                # An upgrade, or logs without their main file: there is data, so write.
                _write_tables(self._path, main_tables)
                self._main_on_disk = True
        self._main_tables = main_tables
        self._open(main_tables, years, journal)
        if len(self._pending) >= self._journal_limit:
            self._compact()
        self._seen = self._fingerprint()

    def _open(
        self,
        main_tables: Tables,
        years: YearLogs,
        journal: tuple[list[Completion], LogFile, bool] | None,
    ) -> None:
        self._main = _tinydb(self._path, main_tables)
        self._years = {year: log_file for year, (_, log_file, _) in years.items()}
        cache = LogCache()
        stored = [record for records, _, _ in years.values() for record in records]
        ids = {record.id for record in stored}
        if len(ids) == len(stored):  # the usual case: no id twice, no per-record checks
            cache.completions, cache.ids = sorted(stored, key=_finished), ids
        else:
            cache.remember(sorted(cache.new_only(stored), key=_finished))
        self._pending, self._journal = [], LogFile(self._journal_path(), SCHEMA_VERSION)
        if journal is not None:
            records, log_file, _ = journal
            # Records already in a year file were moved by a move cut short: drop them here.
            self._pending = cache.new_only(records)
            self._journal = log_file
            if len(self._pending) != len(records):
                self._journal = LogFile.of(log_file.path, SCHEMA_VERSION, self._pending)
            elif not journal[2]:  # an older schema or a hand edit: upgrade it now
                self._journal.replace(self._pending)
            cache.remember(sorted(self._pending, key=_finished))
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

    def _set_aside(self, path: Path, problem: str, what: str) -> None:
        self._notices.append(set_aside(path, problem, what, self._now))

    def _new_year_file(self, year: int) -> LogFile:
        return LogFile(self._year_path(year), SCHEMA_VERSION)

    def _journal_path(self) -> Path:
        return self._path.with_name(f"{self._path.stem}-log-{JOURNAL}{self._path.suffix}")

    def _year_path(self, year: int) -> Path:
        return self._path.with_name(f"{self._path.stem}-log-{year:04d}{self._path.suffix}")

    def _year_file(self, year: int) -> LogFile:
        log_file = self._years.get(year)
        if log_file is None:
            log_file = self._years[year] = LogFile(self._year_path(year), SCHEMA_VERSION)
        return log_file


def _tinydb(path: Path, tables: Tables) -> Any:
    storage = AtomicJSONStorage(path, initial=tables)
    return TinyDB(storage=lambda: storage)


def _write_tables(path: Path, tables: Tables) -> None:
    atomic_write_bytes(path, AtomicJSONStorage(path).encode(tables).encode("utf-8"))


def _doc(fields: dict[str, Any], doc_id: int) -> Any:
    from tinydb.table import Document

    return Document(fields, doc_id=doc_id)


def _finished(completion: Completion) -> datetime:
    return completion.finished_at


def open_store(folder: Path) -> TinyDBStore:
    """The file store in ``folder`` (created at its first write, not here).

    Raises StoreVersionError, leaving every file untouched, when a newer Micro Pause wrote it.
    """
    return TinyDBStore(folder / DATA_FILE_NAME)
