"""What the store does with files it did not expect: unreadable ones, newer ones, old ones.

Kept apart from ``tinydb_store`` (the everyday reading and writing) because each of these
runs only while a log folder is opened, and each has its own promise: an unreadable file is set
aside under a new name and never deleted, a file from a newer version is left untouched, and an
old format is upgraded only after a copy of the old file is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from data.practice_log.completion import Completion
from data.practice_log.log_file import TABLE, LogFile, ParsedLog, parse_log_file, schema_of
from data.practice_log.store import StoreVersionError
from data.practice_log.tinydb_files import CorruptFileError, Tables, load_tables
from data.runtime.files import atomic_write_bytes

T = TypeVar("T")

YearLogs = dict[int, tuple[list[Completion], LogFile, bool]]
"""Per year: its records, its file, and whether the file carried our digest."""


def _attempt(read: Callable[[Path], T], path: Path) -> tuple[T | None, str | None]:
    """``read(path)``, or why it failed: the file's own problem, or the OS's."""
    try:
        return read(path), None
    except CorruptFileError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"{path.name} cannot be read: {exc.strerror}"


def read_tables(path: Path) -> tuple[Tables | None, str | None]:
    """The main file's tables, or why they cannot be read."""
    return _attempt(load_tables, path)


def parse_log(path: Path) -> tuple[ParsedLog | None, str | None]:
    """A log file, parsed, or why it cannot be."""
    return _attempt(parse_log_file, path)


def refuse_newer(versions: Iterable[tuple[Path, int]], supported: int) -> None:
    """Raise ``StoreVersionError`` for the first file a newer Micro Pause wrote."""
    for path, version in versions:
        if version > supported:
            raise StoreVersionError(
                f"{path} was written by a newer version of Micro Pause (format "
                f"{version}; this version reads up to {supported}). It was "
                "left untouched: please update Micro Pause to open it."
            )


def _stamp(now: Callable[[], datetime]) -> str:
    return now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def set_aside(path: Path, problem: str, what: str, now: Callable[[], datetime]) -> str:
    """Keep an unreadable file under a timestamped name; returns the notice, in plain words."""
    stamp = _stamp(now)
    target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.corrupt-{stamp}-{counter}{path.suffix}")
    path.replace(target)
    return (
        f"{what} could not be read ({problem}), so Micro Pause started without it. "
        f"Nothing was deleted: the old file was kept as {target}."
    )


def backup_main(path: Path, main_tables: Tables, now: Callable[[], datetime]) -> Path:
    """A copy of the main file, named by its format and the time, before a migration."""
    old = schema_of(main_tables)
    backup = path.with_name(f"{path.stem}.v{old}-backup-{_stamp(now)}{path.suffix}")
    atomic_write_bytes(backup, path.read_bytes())
    return backup


def move_out_of_main(
    main_tables: Tables,
    years: YearLogs,
    backup: Path,
    new_year_file: Callable[[int], LogFile],
) -> str:
    """Schema 1: the log lived in the main file; add its records to ``years`` (marked for a
    rewrite) and return the notice. The caller writes the year files before the main file
    loses its log, so a crash in between loses nothing."""
    records, skipped = [], 0
    for doc in main_tables.get(TABLE, {}).values():
        try:
            records.append(Completion.model_validate(doc))
        except ValidationError:
            skipped += 1
    known = {c.id for cs, _, _ in years.values() for c in cs}
    for record in records:
        if record.id in known:
            continue  # a migration interrupted earlier already moved it
        known.add(record.id)
        year = record.local_date.year
        stored, log_file, _ = years.get(year) or ([], new_year_file(year), False)
        years[year] = ([*stored, record], log_file, False)
    lost = f" {skipped} unreadable records stay only in that copy." if skipped else ""
    return (
        "Your practice log was upgraded to the current format. A copy of the old file was "
        f"kept as {backup}.{lost}"
    )
