"""A full disk and a read-only data folder: the CLI says so in one line and exits non-zero; the
app keeps the finished pause in memory, says it could not save, and saves it once it can."""

from __future__ import annotations

import asyncio
import errno
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from data.practice_log.completion import Completion
from data.practice_log.memory_store import MemoryStore
from data.practice_log.tinydb_store import open_store
from data.usecases.practice import NotSavedError, Practice
from tests.clocks import FakeClock
from tests.disks import fill, read_only, small_disk
from tests.fakes import all_text, by_key, catalogue, make_context
from views.lesson_screen import LessonScreen

ROOT = Path(__file__).resolve().parents[1]
LESSON = "quick-pauses-1"


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk") as mounted:
        yield mounted


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MICROPAUSE_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def logged(data_dir: Path) -> int:
    return len(open_store(data_dir / "profiles" / "default").completions())


def record(at: datetime) -> Completion:
    return Completion.record(
        program_id="quick-pauses",
        lesson_id=LESSON,
        lesson_title="A pause",
        started_at=at,
        finished_at=at,
        timezone="UTC",
        seconds=60,
        completed=True,
    )


# --------------------------------------------------------------------------- the CLI


def test_cli_on_a_full_disk_prints_one_line_exits_non_zero_and_keeps_the_log(disk: Path) -> None:
    assert cli(disk, "log", LESSON).returncode == 0
    filler = fill(disk)
    failed = cli(disk, "log", LESSON)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    [line] = failed.stderr.strip().splitlines()
    assert "disk is full" in line and str(disk) in line and "free some disk space" in line.lower()
    filler.unlink()
    assert logged(disk) == 1  # the first record is intact
    assert cli(disk, "log", LESSON).returncode == 0
    assert logged(disk) == 2


def test_cli_in_a_read_only_folder_says_so_and_still_reads(disk: Path) -> None:
    assert cli(disk, "log", LESSON).returncode == 0
    read_only(disk)
    try:
        failed = cli(disk, "log", LESSON)
        assert failed.returncode == 1
        [line] = failed.stderr.strip().splitlines()
        assert "read-only" in line and str(disk) in line and "Traceback" not in failed.stderr
        stats = cli(disk, "stats", "--json")
        assert stats.returncode == 0, stats.stderr
        assert '"completions": 1' in stats.stdout
    finally:
        read_only(disk, on=False)


# ---------------------------------------------------------------- the use case, real disk


def test_a_pause_the_full_disk_refused_counts_now_and_is_saved_when_space_returns(
    disk: Path,
) -> None:
    store = open_store(disk / "me")
    practice = Practice(catalogue(), store, FakeClock(), "UTC")
    practice.retry_delays = (0.0,)
    practice.keep(record(datetime(2026, 3, 1, 9, tzinfo=UTC)))
    filler = fill(disk)
    second = record(datetime(2026, 3, 2, 9, tzinfo=UTC))
    with pytest.raises(NotSavedError) as refused:
        practice.keep(second)
    assert refused.value.kept and "disk is full" in str(refused.value)
    assert practice.unsaved == 1
    assert [c.id for c in practice.completions()][-1] == second.id  # it counts meanwhile
    filler.unlink()
    assert asyncio.run(practice.keep_trying())
    assert practice.unsaved == 0
    assert second.id in {c.id for c in open_store(disk / "me").completions()}


def test_the_next_write_saves_what_waits_in_memory(disk: Path) -> None:
    practice = Practice(catalogue(), open_store(disk / "me"), FakeClock(), "UTC")
    practice.change_settings({"daily_goal": 2})
    filler = fill(disk)
    with pytest.raises(NotSavedError):
        practice.keep(record(datetime(2026, 3, 2, 9, tzinfo=UTC)))
    with pytest.raises(NotSavedError) as refused:
        practice.change_settings({"daily_goal": 3})
    assert not refused.value.kept and "Nothing was changed" in str(refused.value)
    filler.unlink()
    practice.change_settings({"daily_goal": 3})
    reopened = open_store(disk / "me")
    assert len(reopened.completions()) == 1 and reopened.settings().daily_goal == 3


# ---------------------------------------------------------------- the view, a fake store


class RefusingStore(MemoryStore):
    """A store whose writes fail like a full disk until ``refusing`` is turned off."""

    def __init__(self) -> None:
        super().__init__()
        self.refusing = True

    def merge(self, completions: Sequence[Completion]) -> int:
        if self.refusing:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().merge(completions)


def test_the_finish_screen_says_it_could_not_save_then_that_it_saved() -> None:
    clock = FakeClock()
    store = RefusingStore()
    ctx, page = make_context(clock=clock, store=store)
    ctx.practice.retry_delays = (0.0,)
    found = catalogue().find_lesson(LESSON)
    assert found is not None
    screen = LessonScreen(ctx, *found)
    shown: list[str] = []
    original = screen._show_finish

    def watch(*, saved: bool, note: str | None = None) -> None:
        original(saved=saved, note=note)
        shown.append(by_key(screen.body, "saved-line").value)
        store.refusing = False  # the disk has room again before the first retry

    screen._show_finish = watch  # type: ignore[method-assign]
    screen.start()
    clock.advance(screen.lesson.total_seconds + 10)
    screen.tick()
    page.run_pending("_save")
    assert shown[0].startswith("Could not save: the disk is full.")
    assert "kept here and saved as soon as it can be" in shown[0]
    assert "1-day streak" in all_text(screen.body)  # it counted all the same
    assert shown[-1] == "Saved to your log."
    [saved] = store.completions()
    assert saved.lesson_id == LESSON
