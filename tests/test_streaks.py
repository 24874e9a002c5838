"""Streaks from recorded local dates: the edge cases read like the spec."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from data.practice_log.completion import Completion
from data.progress.practice_days import practice_day, today_for
from data.progress.streaks import compute_stats

BERLIN = "Europe/Berlin"


def done(local: str, tz: str = BERLIN, completed: bool = True, seconds: int = 300) -> Completion:
    """A Micro Pause finished at ``local`` wall-clock time in ``tz``."""
    finished = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)
    return Completion.record(
        program_id="lower-back",
        lesson_id="lower-back-1",
        lesson_title="Lesson",
        started_at=finished - timedelta(seconds=seconds),
        finished_at=finished,
        timezone=tz,
        seconds=seconds,
        completed=completed,
    )


D = date.fromisoformat

# (log, today, goal, day_start_hour) → (current, longest, today_done, at_risk, days_practised)
CASES = [
    pytest.param([], D("2026-03-10"), 1, 0, (0, 0, False, False, 0), id="empty log"),
    pytest.param([done("2026-03-10T09:00")], D("2026-03-10"), 1, 0, (1, 1, True, False, 1),
                 id="today only"),
    pytest.param([done("2026-03-09T09:00")], D("2026-03-10"), 1, 0, (1, 1, False, True, 1),
                 id="yesterday only, still alive"),
    pytest.param([done("2026-03-08T09:00")], D("2026-03-10"), 1, 0, (0, 1, False, False, 1),
                 id="two days ago: streak over"),
    pytest.param(
        [done(f"2026-03-{d:02d}T09:00") for d in (5, 6, 7, 9, 10)],
        D("2026-03-10"), 1, 0, (2, 3, True, False, 5), id="a one-day gap",
    ),
    pytest.param(
        [done("2026-03-09T08:00"), *[done(f"2026-03-10T{h:02d}:00") for h in (8, 12, 16)]],
        D("2026-03-10"), 1, 0, (2, 2, True, False, 2), id="several per day",
    ),
    pytest.param(
        [done(f"2026-03-{d:02d}T{h:02d}:00") for d, n in ((8, 3), (9, 2), (10, 3))
         for h in range(9, 9 + n)],
        D("2026-03-10"), 3, 0, (1, 1, True, False, 3), id="a goal of 3",
    ),
    pytest.param(
        [done("2026-03-10T09:00"), done("2026-03-10T10:00")],
        D("2026-03-10"), 3, 0, (0, 0, False, False, 1), id="goal of 3 not reached today",
    ),
    pytest.param(
        [done(f"2026-03-{d}T23:30") for d in (28, 29, 30)],
        D("2026-03-30"), 1, 0, (3, 3, True, False, 3), id="dst spring forward",
    ),
    pytest.param(
        [done(f"2026-10-{d}T00:30") for d in (24, 25, 26)],
        D("2026-10-26"), 1, 0, (3, 3, True, False, 3), id="dst fall back",
    ),
    pytest.param(
        [done("2026-03-08T09:00", "Asia/Tokyo"), done("2026-03-09T09:00", "Asia/Tokyo"),
         done("2026-03-09T18:00", "Pacific/Honolulu")],
        D("2026-03-09"), 1, 0, (2, 2, True, False, 2), id="flight east across the date line",
    ),
    pytest.param(
        [done("2026-03-09T22:00", "America/New_York"), done("2026-03-10T23:00", "Asia/Tokyo")],
        D("2026-03-10"), 1, 0, (2, 2, True, False, 2), id="late night abroad keeps its date",
    ),
    pytest.param(
        [done("2026-03-09T10:00"), done("2026-03-10T01:30")],
        D("2026-03-10"), 1, 3, (1, 1, False, True, 1), id="day-start hour: 01:30 is yesterday",
    ),
    pytest.param(
        [done("2026-03-09T10:00"), done("2026-03-10T03:00")],
        D("2026-03-10"), 1, 3, (2, 2, True, False, 2), id="day-start hour: 03:00 is today",
    ),
    pytest.param(
        [done("2026-03-09T10:00"), done("2026-03-10T10:00", completed=False)],
        D("2026-03-10"), 1, 0, (1, 1, False, True, 1), id="stopped early does not count",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("log", "today", "goal", "day_start", "expected"), CASES)
def test_streaks(
    log: list[Completion],
    today: date,
    goal: int,
    day_start: int,
    expected: tuple[int, int, bool, bool, int],
) -> None:
    stats = compute_stats(log, today, daily_goal=goal, day_start_hour=day_start)
    got = (
        stats.current_streak,
        stats.longest_streak,
        stats.today_done,
        stats.at_risk,
        stats.days_practised,
    )
    assert got == expected


def test_totals_count_every_second_but_only_finished_pauses() -> None:
    log = [
        done("2026-03-09T09:00", seconds=300),  # Monday of the ISO week
        done("2026-03-10T09:00", seconds=240),
        done("2026-03-10T10:00", completed=False, seconds=60),
        done("2026-03-08T09:00", seconds=300),  # Sunday: the week before
    ]
    stats = compute_stats(log, D("2026-03-10"))
    assert (stats.completions, stats.minutes, stats.this_week, stats.today_count) == (3, 15, 2, 1)
    assert stats.day_counts == {D("2026-03-08"): 1, D("2026-03-09"): 1, D("2026-03-10"): 1}


def test_goal_out_of_range_is_an_error() -> None:
    with pytest.raises(ValueError, match="between 1 and 10"):
        compute_stats([], D("2026-03-10"), daily_goal=0)


@pytest.mark.parametrize(
    ("now_utc", "tz", "day_start", "expected"),
    [
        pytest.param("2026-03-10T08:00Z", BERLIN, 0, "2026-03-10", id="morning"),
        pytest.param("2026-03-09T23:30Z", BERLIN, 0, "2026-03-10", id="after local midnight"),
        pytest.param("2026-03-10T01:30Z", BERLIN, 3, "2026-03-09", id="before the day start"),
        pytest.param("2026-03-10T02:00Z", BERLIN, 3, "2026-03-10", id="at the day start"),
        pytest.param("2026-03-10T02:00Z", "Pacific/Kiritimati", 0, "2026-03-10", id="utc+14"),
        pytest.param("2026-03-10T02:00Z", "Pacific/Pago_Pago", 0, "2026-03-09", id="utc-11"),
    ],
)
def test_today_for(now_utc: str, tz: str, day_start: int, expected: str) -> None:
    assert today_for(datetime.fromisoformat(now_utc), tz, day_start) == D(expected)


def test_practice_day_uses_the_recorded_date_not_todays_zone() -> None:
    # Recorded in Tokyo at 08:00 on the 10th; in Berlin that instant was still the 9th.
    completion = done("2026-03-10T08:00", "Asia/Tokyo")
    assert practice_day(completion, 0) == D("2026-03-10")
    assert practice_day(completion, 6) == D("2026-03-10")
    assert practice_day(done("2026-03-10T05:59", "Asia/Tokyo"), 6) == D("2026-03-09")


SAT_SUN = (5, 6)
WEEK_1 = [done(f"2026-03-0{d}T09:00") for d in range(2, 7)]  # Monday 2 to Friday 6 March 2026

# (log, today, goal, day_start_hour, rest days) → (current, longest, today_done, at_risk, days)
REST_CASES = [
    pytest.param([*WEEK_1, done("2026-03-09T09:00"), done("2026-03-10T09:00")],
                 D("2026-03-10"), 1, 0, SAT_SUN, (7, 7, True, False, 7),
                 id="weekdays only, weekends off: the weekend bridges"),
    pytest.param([*WEEK_1, done("2026-03-09T09:00"), done("2026-03-10T09:00")],
                 D("2026-03-10"), 1, 0, (), (2, 5, True, False, 7),
                 id="the same log without rest days breaks at the weekend"),
    pytest.param(WEEK_1, D("2026-03-07"), 1, 0, SAT_SUN, (5, 5, False, False, 5),
                 id="today a rest day: nothing to do, not at risk"),
    pytest.param(WEEK_1, D("2026-03-09"), 1, 0, SAT_SUN, (5, 5, False, True, 5),
                 id="monday after a rest weekend: at risk, still alive"),
    pytest.param(WEEK_1, D("2026-03-10"), 1, 0, SAT_SUN, (0, 5, False, False, 5),
                 id="a missed weekday after the weekend ends it"),
    pytest.param([*WEEK_1[:4], done("2026-03-09T09:00")], D("2026-03-09"), 1, 0, SAT_SUN,
                 (1, 4, True, False, 5), id="a missed friday is not bridged"),
    pytest.param([done("2026-03-06T09:00"), done("2026-03-07T09:00"), done("2026-03-08T09:00"),
                  done("2026-03-09T09:00")], D("2026-03-09"), 1, 0, SAT_SUN,
                 (4, 4, True, False, 4), id="rest days practised anyway count"),
    pytest.param([done("2026-03-06T09:00"), done("2026-03-07T09:00")], D("2026-03-08"), 1, 0,
                 SAT_SUN, (2, 2, False, False, 2), id="a practised rest day counts on sunday"),
    pytest.param([done("2026-03-06T09:00"), done("2026-03-06T10:00"), done("2026-03-07T09:00"),
                  done("2026-03-09T09:00"), done("2026-03-09T10:00")], D("2026-03-09"), 2, 0,
                 SAT_SUN, (2, 2, True, False, 3),
                 id="a rest day below the goal neither breaks nor counts"),
    pytest.param([done("2026-03-27T23:30"), done("2026-03-28T23:30"), done("2026-03-30T00:30")],
                 D("2026-03-30"), 1, 0, (6,), (3, 3, True, False, 3),
                 id="a rest sunday across the spring dst change"),
    pytest.param([done("2026-10-24T00:30"), done("2026-10-26T00:30")], D("2026-10-26"), 1, 0,
                 (6,), (2, 2, True, False, 2), id="a rest sunday across the autumn dst change"),
    pytest.param([done("2026-03-05T10:00"), done("2026-03-07T01:30"), done("2026-03-09T10:00")],
                 D("2026-03-09"), 1, 3, SAT_SUN, (3, 3, True, False, 3),
                 id="day-start hour: saturday 01:30 counts for friday"),
    pytest.param([done("2026-03-05T10:00"), done("2026-03-07T01:30"), done("2026-03-09T10:00")],
                 D("2026-03-09"), 1, 0, SAT_SUN, (2, 2, True, False, 3),
                 id="without a day-start hour the same pause is a practised saturday"),
    pytest.param([done("2026-03-07T10:00"), done("2026-03-09T02:00")], D("2026-03-09"), 1, 3,
                 (6,), (2, 2, False, True, 2),
                 id="day-start hour: monday 02:00 is still a practised rest sunday"),
    pytest.param([done("2026-03-06T20:00", "America/New_York"),
                  done("2026-03-08T09:00", "Asia/Tokyo")], D("2026-03-08"), 1, 0, (5,),
                 (2, 2, True, False, 2),
                 id="travel: friday evening in new york, rest saturday, sunday in tokyo"),
    pytest.param([done("2026-03-07T23:30", "Pacific/Honolulu"), done("2026-03-09T09:00")],
                 D("2026-03-09"), 1, 0, (6,), (2, 2, True, False, 2),
                 id="travel: saturday night in honolulu is saturday, sunday rests"),
]  # fmt: skip


@pytest.mark.parametrize(("log", "today", "goal", "day_start", "rest", "expected"), REST_CASES)
def test_streaks_with_rest_days(
    log: list[Completion],
    today: date,
    goal: int,
    day_start: int,
    rest: tuple[int, ...],
    expected: tuple[int, int, bool, bool, int],
) -> None:
    stats = compute_stats(log, today, daily_goal=goal, day_start_hour=day_start, rest_days=rest)
    got = (
        stats.current_streak,
        stats.longest_streak,
        stats.today_done,
        stats.at_risk,
        stats.days_practised,
    )
    assert got == expected
    assert stats.today_rest is (today.weekday() in rest)


def test_rest_days_are_counted_on_the_practice_day() -> None:
    from data.progress.practice_days import is_rest_day

    late_friday = done("2026-03-07T01:30")  # Saturday on the calendar, Friday with a 03:00 start
    assert is_rest_day(practice_day(late_friday, 0), SAT_SUN)
    assert not is_rest_day(practice_day(late_friday, 3), SAT_SUN)
    saturday_0230 = datetime(2026, 3, 7, 1, 30, tzinfo=UTC)  # 02:30 in Berlin
    assert not is_rest_day(today_for(saturday_0230, BERLIN, 3), SAT_SUN)
    assert is_rest_day(today_for(saturday_0230, BERLIN, 0), SAT_SUN)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        pytest.param([7], "numbered 0 (Monday) to 6", id="no such weekday"),
        pytest.param([5, 5], "listed twice", id="twice"),
        pytest.param(list(range(7)), "at least one day", id="every day"),
    ],
)
def test_rest_days_are_validated(days: list[int], message: str) -> None:
    from data.practice_log.settings import Settings

    with pytest.raises(ValueError, match=re.escape(message)):
        Settings(rest_days=days)
    assert Settings(rest_days=[6, 5]).rest_days == [5, 6]
    assert Settings().rest_days == []
