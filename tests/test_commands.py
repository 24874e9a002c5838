"""The CLI actions with a memory store, a fake clock and string streams."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from data.cli.commands import export_command, log_command, stats_command
from data.cli.settings_command import settings_command
from data.content.catalogue import Catalogue
from data.content.models import Lesson, Program, Step
from data.content.vocabulary import StepKind
from data.practice_log.memory_store import MemoryStore
from data.practice_log.settings import Settings
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
        "today_rest": False,
        "rest_days": [],
        "checkins": json.loads(out.getvalue())["checkins"],
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


def run_settings(store: MemoryStore, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    key, value = [*argv, None, None][:2]
    code = settings_command(practice(store), key, value, out, err)
    return code, out.getvalue(), err.getvalue()


def test_settings_prints_every_setting_and_its_value() -> None:
    code, out, _ = run_settings(MemoryStore())
    assert code == 0
    lines = dict(line.split(None, 1) for line in out.splitlines())
    assert list(lines) == list(Settings.model_fields)  # every one, in the model's order
    assert lines["rest_days"] == "none"
    assert lines["work_days"] == "mon,tue,wed,thu,fri"
    assert (lines["checkins_on"], lines["reminder_time"], lines["daily_goal"]) == ("on", "off", "1")


SET_CASES = [
    pytest.param("rest_days", "sat,sun", {"rest_days": [5, 6]}, "sat,sun", id="rest days"),
    pytest.param("rest_days", "Sunday, saturday", {"rest_days": [5, 6]}, "sat,sun",
                 id="rest days as full names, sorted"),
    pytest.param("rest_days", "none", {"rest_days": []}, "none", id="no rest days"),
    pytest.param("work_days", "mon,wed", {"work_days": [0, 2]}, "mon,wed", id="work days"),
    pytest.param("daily_goal", "3", {"daily_goal": 3}, "3", id="a number"),
    pytest.param("checkins_on", "off", {"checkins_on": False}, "off", id="check-ins off"),
    pytest.param("theme", "dark", {"theme": "dark"}, "dark", id="an enum"),
    pytest.param("reminder_time", "18:30", {"reminder_time": time(18, 30)}, "18:30",
                 id="a time"),
    pytest.param("work_equipment", "chair,wall", {"work_equipment": ["chair", "wall"]},
                 "chair,wall", id="equipment"),
]  # fmt: skip


@pytest.mark.parametrize(("key", "value", "stored", "shown"), SET_CASES)
def test_settings_sets_one_value(key: str, value: str, stored: dict[str, Any], shown: str) -> None:
    store = MemoryStore()
    code, out, err = run_settings(store, key, value)
    assert (code, err) == (0, "")
    assert out.split() == [key, shown]
    assert store.settings() == Settings(**stored)


ERROR_CASES = [
    pytest.param("bogus", "1", ["Unknown setting 'bogus'", "rest_days", "daily_goal"],
                 id="unknown key"),
    pytest.param("rest_days", "funday", ["rest_days takes weekday names", "mon, tue", "none",
                                         "'funday'"], id="not a weekday"),
    pytest.param("rest_days", "sat,,sun", ["rest_days takes weekday names"], id="an empty name"),
    pytest.param("rest_days", "sat,sat", ["rest_days", "listed twice"], id="a day twice"),
    pytest.param("rest_days", "mon,tue,wed,thu,fri,sat,sun", ["rest_days", "at least one day"],
                 id="every day a rest day"),
    pytest.param("daily_goal", "eleven", ["daily_goal takes a whole number from 1 to 10"],
                 id="not a number"),
    pytest.param("daily_goal", "11", ["daily_goal", "from 1 to 10"], id="out of range"),
    pytest.param("checkins_on", "maybe", ["checkins_on takes on or off"], id="not on or off"),
    pytest.param("theme", "purple", ["theme takes system or light or dark"], id="not a theme"),
    pytest.param("work_end", "08:00", ["must end after they start", "work_end"],
                 id="a rule across settings"),
    pytest.param("reminder_time", "25:00", ["reminder_time takes a time like 18:00, or off"],
                 id="not a time"),
    pytest.param("work_equipment", "chair,sofa", ["work_equipment takes any of chair"],
                 id="unknown equipment"),
]  # fmt: skip


@pytest.mark.parametrize(("key", "value", "words"), ERROR_CASES)
def test_a_bad_setting_exits_non_zero_and_changes_nothing(
    key: str, value: str, words: list[str]
) -> None:
    store = MemoryStore()
    store.save_settings(Settings(rest_days=[6], daily_goal=2))
    before = store.settings()
    code, out, err = run_settings(store, key, value)
    assert code == 2 and out == ""
    for word in words:
        assert word in err
    assert store.settings() == before


def test_stats_json_has_the_rest_days_and_the_check_in_summary() -> None:
    store = MemoryStore()
    for day, (before, after) in enumerate([(6, 4), (7, 4), (5, 4), (3, None)], start=6):
        run_log(store, "lower-back-3", f"2026-03-{day:02d}T10:00+01:00")
        record = store.completions()[-1]
        store.amend(record.id, {"checkin_before": before, "checkin_after": after})
    store.save_settings(Settings(rest_days=[5, 6]))
    out = io.StringIO()
    assert stats_command(practice(store), True, out) == 0
    figures = json.loads(out.getvalue())
    assert figures["rest_days"] == ["sat", "sun"]
    assert figures["current_streak"] == 4  # Friday 6 to Monday 9, practised rest days counted
    checkins = figures["checkins"]
    assert checkins["pauses_with_both"] == 3
    assert checkins["programs"] == [
        {"program_id": "lower-back", "pauses": 3, "body_area": "whole body", "average_easier": 2.0}
    ]
    assert checkins["lessons"] == [
        {"lesson_id": "lower-back-3", "pauses": 3, "average_easier": 2.0}
    ]
    assert checkins["before_by_week"][-2:] == [
        {"week": "2026-03-02", "check_ins": 3, "average_before": 6.0},
        {"week": "2026-03-09", "check_ins": 1, "average_before": 3.0},
    ]
    text = io.StringIO()
    stats_command(practice(store), False, text)
    assert "Rest days: sat, sun" in text.getvalue()
    assert "What helps: Whole body: 2.0 easier on average, 3 pauses" in text.getvalue()
