"""The CLI actions with a memory store, a fake clock and string streams."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest

from data.cli.commands import export_command, log_command, stats_command
from data.content.catalogue import Catalogue
from data.content.models import Lesson, Program, Step
from data.content.vocabulary import StepKind
from data.practice_log.memory_store import MemoryStore
from data.runtime.timezones import system_timezone_name
from data.usecases.practice import Practice
from tests.clocks import FakeClock

LESSON = Lesson(
    id="lower-back-3",
    number=1,
    title="Cat and cow",
    why="Because sitting all day stiffens the back.",
    steps=[
        Step(
            instruction="Round and arch slowly.",
            kind=StepKind.MOVE,
            position="standing",
            seconds=120,
        )
    ],
)
CAT = Catalogue(
    programs=(
        Program(
            id="lower-back",
            title="Lower back",
            summary="For the lower back.",
            description="Gentle movement for the lower back.",
            safety_note="Move gently and stop if anything hurts.",
            lessons=[LESSON],
        ),
    )
)
NOW = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)  # 21:00 in Berlin


def practice(store: MemoryStore) -> Practice:
    return Practice(CAT, store, FakeClock(NOW), "Europe/Berlin")


def run_log(store: MemoryStore, lesson: str, at: str | None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = log_command(practice(store), lesson, at, out, err)
    return code, out.getvalue(), err.getvalue()


LOG_CASES = [
    pytest.param(None, "2026-03-10", "Europe/Berlin", id="now"),
    pytest.param("2026-03-09T23:30+01:00", "2026-03-09", "Europe/Berlin", id="at, same zone"),
    pytest.param("2026-03-09T08:00+09:00", "2026-03-09", "Etc/GMT-9", id="at, written in Tokyo"),
    pytest.param(
        "2026-03-09T08:00+05:30", "2026-03-09", "Europe/Berlin", id="at, half-hour offset"
    ),
    pytest.param("2026-03-09T22:30Z", "2026-03-09", "Etc/GMT", id="at, utc"),
]


@pytest.mark.parametrize(("at", "local_date", "zone"), LOG_CASES)
def test_log_records_a_pause(at: str | None, local_date: str, zone: str) -> None:
    store = MemoryStore()
    code, out, _ = run_log(store, "lower-back-3", at)
    assert code == 0 and "Cat and cow" in out
    (record,) = store.completions()
    assert (record.local_date.isoformat(), record.timezone) == (local_date, zone)
    assert record.seconds == 120 and record.completed


@pytest.mark.parametrize(
    ("lesson", "at", "message"),
    [
        pytest.param("lower-back-99", None, "No lesson with id", id="unknown lesson"),
        pytest.param("lower-back-3", "2026-03-09T08:00", "no UTC offset", id="naive datetime"),
        pytest.param("lower-back-3", "yesterday", "not a date and time", id="not a datetime"),
    ],
)
def test_log_errors(lesson: str, at: str | None, message: str) -> None:
    store = MemoryStore()
    code, _, err = run_log(store, lesson, at)
    assert code == 1 and message in err
    assert store.completions() == []


def test_stats_json_and_text() -> None:
    store = MemoryStore()
    for at in ("2026-03-08T10:00+01:00", "2026-03-09T10:00+01:00", "2026-03-10T10:00+01:00"):
        run_log(store, "lower-back-3", at)
    out = io.StringIO()
    assert stats_command(practice(store), True, out) == 0
    assert json.loads(out.getvalue()) == {
        "current_streak": 3,
        "longest_streak": 3,
        "days_practised": 3,
        "completions": 3,
        "minutes": 6,
        "today_done": True,
    }
    text = io.StringIO()
    stats_command(practice(store), False, text)
    assert "Current streak: 3 days" in text.getvalue()


@pytest.mark.parametrize(
    ("fmt", "code", "start"), [("json", 0, "{"), ("csv", 0, "id,"), ("xml", 2, "")]
)
def test_export_formats(fmt: str, code: int, start: str) -> None:
    store = MemoryStore()
    run_log(store, "lower-back-3", None)
    out = io.StringIO()
    assert export_command(practice(store), fmt, out, io.StringIO()) == code
    assert out.getvalue().startswith(start)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        pytest.param({"TZ": "Asia/Tokyo"}, "Asia/Tokyo", id="tz variable"),
        pytest.param({"TZ": ":Europe/Paris"}, "Europe/Paris", id="tz with colon"),
        pytest.param({"TZ": "Nowhere/Special"}, "UTC", id="unknown falls back"),
    ],
)
def test_system_timezone_name(tmp_path: object, environ: dict[str, str], expected: str) -> None:
    from pathlib import Path

    missing = Path(str(tmp_path)) / "no-localtime"
    assert system_timezone_name(environ, localtime=missing) == expected


def test_today_uses_the_recorded_dates() -> None:
    assert date(2026, 3, 10) == NOW.date()
