"""The nudge schedule as a spec: each case names the situation, fixes the instant, and says when
the next nudge falls. Times are Europe/Stockholm wall clock unless written in UTC; the week of
2026-03-02 starts on a Monday, and 2026-03-29 and 2026-10-25 are the DST Sundays there."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from data.practice_log.settings import Settings
from data.schedule.nudges import (
    NudgeDecision,
    NudgeReason,
    NudgeState,
    due,
    next_nudge,
    on_completion,
    on_shown,
    on_skip,
    on_snooze,
    on_start,
)

ZONE = "Europe/Stockholm"
INTERVAL = NudgeReason.INTERVAL
SNOOZE = NudgeReason.SNOOZE
REMINDER = NudgeReason.REMINDER


def t(stamp: str) -> datetime:
    """'03-02 09:50' in Stockholm wall time, 2026."""
    return datetime.strptime(f"2026-{stamp}", "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(ZONE))


def utc(stamp: str) -> datetime:
    """'03-02 08:50' in UTC, 2026: for instants the wall clock shows twice or never."""
    return datetime.strptime(f"2026-{stamp}", "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def settings(**changes: Any) -> Settings:
    return Settings(**changes)


@dataclass(frozen=True)
class Case:
    name: str
    now: datetime
    state: NudgeState
    expect_at: datetime | None
    expect_reason: NudgeReason | None
    settings: Settings = field(default_factory=Settings)
    last_completion: datetime | None = None
    goal_met: bool = False
    why_has: str = ""


def opened(stamp: str, **fields: Any) -> NudgeState:
    return NudgeState(opened_at=t(stamp), **fields)


NIGHT_SUNDAYS = settings(
    work_days=[6], work_start=time(0, 30), work_end=time(6, 0), nudge_interval_minutes=60
)
EVENING_REMINDER = settings(reminder_time=time(18, 0))

DECISIONS = [
    Case("plain interval from app open", t("03-02 09:20"), opened("03-02 09:10"),
         t("03-02 10:00"), INTERVAL, why_has="50 minutes of work since you opened Micro Pause"),
    Case("opened before work counts from work start", t("03-02 08:45"), opened("03-02 08:30"),
         t("03-02 09:50"), INTERVAL, why_has="since your working day began"),
    Case("interval counts from the last completed pause", t("03-02 10:40"),
         opened("03-02 09:00"), t("03-02 11:20"), INTERVAL,
         last_completion=t("03-02 10:30"), why_has="since your last pause"),
    Case("completion known only from the state", t("03-02 10:40"),
         opened("03-02 09:00", last_completion_at=t("03-02 10:30")), t("03-02 11:20"), INTERVAL),
    Case("interval counts from the last nudge answered", t("03-02 11:10"),
         opened("03-02 09:00", last_nudge_at=t("03-02 11:00")), t("03-02 11:50"), INTERVAL,
         why_has="since the last nudge"),
    Case("an older completion does not pull the anchor back", t("03-02 11:10"),
         opened("03-02 09:00", last_nudge_at=t("03-02 11:00")), t("03-02 11:50"), INTERVAL,
         last_completion=t("03-02 10:00")),
    Case("twenty-minute interval", t("03-02 09:05"), opened("03-02 09:00"),
         t("03-02 09:20"), INTERVAL, settings=settings(nudge_interval_minutes=20)),
    Case("overdue interval is the answer, in the past", t("03-02 11:45"),
         opened("03-02 09:00"), t("03-02 09:50"), INTERVAL,
         why_has="2 hours 45 minutes of work"),
    Case("after work_end: start of the next working day", t("03-02 17:30"),
         opened("03-02 09:00"), t("03-03 09:50"), INTERVAL),
    Case("interval crossing work_end waits for tomorrow", t("03-02 16:30"),
         opened("03-02 16:20"), t("03-03 09:50"), INTERVAL),
    Case("interval ending exactly at work_end is not shown", t("03-02 16:30"),
         opened("03-02 16:10"), t("03-03 09:50"), INTERVAL),
    Case("interval ending a minute before work_end is shown", t("03-02 16:30"),
         opened("03-02 16:09"), t("03-02 16:59"), INTERVAL),
    Case("Friday evening: Monday morning", t("03-06 17:30"), opened("03-06 09:00"),
         t("03-09 09:50"), INTERVAL),
    Case("weekend: nothing until Monday", t("03-07 11:00"), opened("03-07 10:00"),
         t("03-09 09:50"), INTERVAL),
    Case("weekend worker: Saturday", t("03-02 11:00"), opened("03-02 11:00"),
         t("03-07 09:50"), INTERVAL, settings=settings(work_days=[5, 6])),
    Case("nudges off and no reminder: none", t("03-02 11:00"), opened("03-02 09:00"),
         None, None, settings=settings(nudges_on=False), why_has="Nudges are off"),
    Case("no working days: none", t("03-02 11:00"), opened("03-02 09:00"),
         None, None, settings=settings(work_days=[])),
    Case("working hours shorter than the interval: none", t("03-02 09:10"),
         opened("03-02 09:00"), None, None,
         settings=settings(work_end=time(9, 30)), why_has="shorter than the 50-minute"),
    Case("snooze: ten minutes later, before the interval", t("03-02 10:05"),
         opened("03-02 09:00", last_nudge_at=t("03-02 10:00"), snoozed_until=t("03-02 10:10")),
         t("03-02 10:10"), SNOOZE),
    Case("snoozed work nudge past work_end is dropped", t("03-02 16:58"),
         opened("03-02 09:00", last_nudge_at=t("03-02 16:55"), snoozed_until=t("03-02 17:05")),
         t("03-03 09:50"), INTERVAL),
    Case("snoozed work nudge with nudges now off is dropped", t("03-02 10:05"),
         opened("03-02 09:00", last_nudge_at=t("03-02 10:00"), snoozed_until=t("03-02 10:10")),
         None, None, settings=settings(nudges_on=False)),
    Case("snooze answered by a pause finished elsewhere", t("03-02 10:06"),
         opened("03-02 09:00", last_nudge_at=t("03-02 10:00"), snoozed_until=t("03-02 10:10")),
         t("03-02 10:55"), INTERVAL, last_completion=t("03-02 10:05")),
    Case("snoozed reminder comes back outside working hours", t("03-02 18:05"),
         opened("03-02 09:00", last_nudge_at=t("03-02 18:00"), snoozed_until=t("03-02 18:10"),
                snooze_of=REMINDER, reminder_shown_at=t("03-02 18:00")),
         t("03-02 18:10"), SNOOZE, settings=EVENING_REMINDER, why_has="reminder"),
    Case("snoozed reminder dropped once the goal is met", t("03-02 18:05"),
         opened("03-02 09:00", last_nudge_at=t("03-02 18:00"), snoozed_until=t("03-02 18:10"),
                snooze_of=REMINDER, reminder_shown_at=t("03-02 18:00")),
         t("03-03 09:50"), INTERVAL, settings=EVENING_REMINDER, goal_met=True),
    Case("reminder off by default", t("03-02 17:30"), opened("03-02 09:00"),
         t("03-03 09:50"), INTERVAL),
    Case("reminder at its time when the goal is not met", t("03-02 17:30"),
         opened("03-02 09:00"), t("03-02 18:00"), REMINDER, settings=EVENING_REMINDER,
         why_has="18:00 reminder: today's goal of 1 Micro Pause is not met"),
    Case("goal met: no reminder today, tomorrow's is next", t("03-02 17:30"),
         opened("03-02 09:00"), t("03-03 18:00"), REMINDER, goal_met=True,
         settings=settings(reminder_time=time(18, 0), nudges_on=False)),
    Case("goal met: interval nudges still come", t("03-02 10:00"), opened("03-02 09:50"),
         t("03-02 10:40"), INTERVAL, settings=EVENING_REMINDER, goal_met=True),
    Case("reminder shown today: tomorrow's is next", t("03-02 18:05"),
         opened("03-02 09:00", reminder_shown_at=t("03-02 18:00")), t("03-03 09:50"),
         INTERVAL, settings=EVENING_REMINDER),
    Case("reminder fires late when the app opens after its time", t("03-02 19:30"),
         opened("03-02 19:30"), t("03-02 18:00"), REMINDER, settings=EVENING_REMINDER),
    Case("reminder wins over an interval due at the same time", t("03-02 09:30"),
         opened("03-02 09:10"), t("03-02 10:00"), REMINDER,
         settings=settings(reminder_time=time(10, 0))),
    Case("reminder on a weekend too", t("03-07 11:00"), opened("03-07 10:00"),
         t("03-07 12:00"), REMINDER, settings=settings(reminder_time=time(12, 0))),
    Case("nudges off but a reminder set: only the reminder", t("03-02 09:00"),
         opened("03-02 09:00"), t("03-02 18:00"), REMINDER,
         settings=settings(nudges_on=False, reminder_time=time(18, 0))),
    Case("DST spring forward: Monday 09:50 is 07:50 UTC", t("03-27 17:30"),
         opened("03-27 09:00"), utc("03-30 07:50"), INTERVAL),
    Case("DST spring forward: an hour of work across the gap is real time",
         utc("03-29 00:40"), NudgeState(opened_at=utc("03-29 00:30")), utc("03-29 01:30"),
         INTERVAL, settings=NIGHT_SUNDAYS),
    Case("DST fall back: an hour of work across the repeated hour is real time",
         utc("10-25 00:40"), NudgeState(opened_at=utc("10-25 00:30")), utc("10-25 01:30"),
         INTERVAL, settings=NIGHT_SUNDAYS),
    Case("DST spring forward: interval from work_start across the gap is real time",
         utc("03-29 00:10"), NudgeState(opened_at=utc("03-29 00:00")), utc("03-29 02:00"),
         INTERVAL, settings=settings(work_days=[6], work_start=time(1, 30),
                                     work_end=time(6, 0), nudge_interval_minutes=90)),
    Case("DST fall back: interval from work_start across the repeat is real time",
         utc("10-24 23:00"), NudgeState(opened_at=utc("10-24 23:00")), utc("10-25 01:30"),
         INTERVAL, settings=settings(work_days=[6], work_start=time(1, 30),
                                     work_end=time(6, 0), nudge_interval_minutes=120)),
    Case("local-time inputs are real instants too", t("03-29 01:45"),
         NudgeState(opened_at=utc("03-29 00:00")), utc("03-29 02:10"), INTERVAL,
         settings=NIGHT_SUNDAYS.model_copy(update={"nudge_interval_minutes": 90}),
         last_completion=t("03-29 01:40")),
    Case("DST fall back: work_end is read in winter time", utc("10-25 04:00"),
         NudgeState(opened_at=utc("10-25 03:55")), utc("10-25 04:55"), INTERVAL,
         settings=NIGHT_SUNDAYS),
]  # fmt: skip


@pytest.mark.parametrize("case", DECISIONS, ids=lambda case: case.name)
def test_next_nudge(case: Case) -> None:
    decision = next_nudge(
        case.settings,
        case.state,
        now=case.now,
        zone=ZONE,
        last_completion=case.last_completion,
        goal_met=case.goal_met,
    )
    assert (decision.at, decision.reason) == (case.expect_at, case.expect_reason)
    assert case.why_has in decision.why
    if decision.at is not None:
        assert decision.at.utcoffset() is not None


def test_dst_cases_land_where_the_wall_clock_says() -> None:
    """The real-time answers above, read on the wall: 03:30 CEST and the second 02:30."""
    stockholm = ZoneInfo(ZONE)
    spring = utc("03-29 01:30").astimezone(stockholm)
    fall = utc("10-25 01:30").astimezone(stockholm)
    assert (spring.hour, spring.minute, spring.tzname()) == (3, 30, "CEST")
    assert (fall.hour, fall.minute, fall.tzname(), fall.fold) == (2, 30, "CET", 1)


DUE_CASES = [
    ("overdue interval is due", t("03-02 10:05"), False, INTERVAL),
    ("exactly on time is due", t("03-02 09:50"), False, INTERVAL),
    ("a minute early is not due", t("03-02 09:49"), False, None),
    ("lesson playing: nothing", t("03-02 10:05"), True, None),
    ("slept past work_end: nothing on wake", t("03-02 18:00"), False, None),
    ("weekend: nothing", t("03-07 10:05"), False, None),
]


@pytest.mark.parametrize(
    ("now", "playing", "expect"),
    [case[1:] for case in DUE_CASES],
    ids=[case[0] for case in DUE_CASES],
)
def test_due(now: datetime, playing: bool, expect: NudgeReason | None) -> None:
    state = NudgeState.opened(t("03-02 09:00"))
    nudge = due(
        Settings(),
        state,
        now=now,
        zone=ZONE,
        last_completion=None,
        goal_met=False,
        playing=playing,
    )
    assert (nudge.reason if nudge else None) == expect


# A scenario is a list of (local time, action, expected reason or None) run from a fresh
# state; "show" asserts a nudge of that reason is due and shows it, "due" asserts what is due.
Step = tuple[str, str, NudgeReason | None]

SCENARIOS: list[tuple[str, Settings, list[Step], datetime | None]] = [
    ("laptop slept through two intervals: one nudge on wake, re-anchored", Settings(), [
        ("03-02 09:10", "due", None),
        ("03-02 11:45", "show", INTERVAL),
        ("03-02 11:45", "due", None),
        ("03-02 12:30", "due", None),
    ], t("03-02 12:35")),
    ("snooze: ten minutes later", Settings(), [
        ("03-02 09:50", "show", INTERVAL),
        ("03-02 09:52", "snooze", None),
        ("03-02 10:01", "due", None),
        ("03-02 10:02", "show", SNOOZE),
        ("03-02 10:02", "due", None),
    ], t("03-02 10:52")),
    ("skip: the next full interval", Settings(), [
        ("03-02 09:50", "show", INTERVAL),
        ("03-02 09:55", "skip", None),
        ("03-02 10:44", "due", None),
    ], t("03-02 10:45")),
    ("start then complete restarts the interval", Settings(), [
        ("03-02 09:50", "show", INTERVAL),
        ("03-02 09:51", "start", None),
        ("03-02 09:55", "complete", None),
    ], t("03-02 10:45")),
    ("an ignored nudge comes back one interval later", Settings(), [
        ("03-02 09:50", "show", INTERVAL),
        ("03-02 10:39", "due", None),
    ], t("03-02 10:40")),
    ("a pause finished during a snooze cancels it", Settings(), [
        ("03-02 09:50", "show", INTERVAL),
        ("03-02 09:51", "snooze", None),
        ("03-02 09:58", "complete", None),
        ("03-02 10:01", "due", None),
    ], t("03-02 10:48")),
    ("reminder once a day, not again after being answered", EVENING_REMINDER, [
        ("03-02 17:59", "due", None),
        ("03-02 18:00", "show", REMINDER),
        ("03-02 18:01", "skip", None),
        ("03-02 18:30", "due", None),
        ("03-02 23:59", "due", None),
    ], t("03-03 09:50")),
    ("a snoozed reminder comes back as the reminder, twice", EVENING_REMINDER, [
        ("03-02 18:00", "show", REMINDER),
        ("03-02 18:01", "snooze", None),
        ("03-02 18:11", "show", SNOOZE),
        ("03-02 18:12", "snooze", None),
        ("03-02 18:22", "show", SNOOZE),
        ("03-02 18:23", "start", None),
    ], t("03-03 09:50")),
    ("reminder and overdue interval on wake: one nudge", settings(reminder_time=time(11, 0)), [
        ("03-02 11:30", "show", REMINDER),
        ("03-02 11:30", "due", None),
    ], t("03-02 12:20")),
    ("a lesson started without a nudge restarts the interval", Settings(), [
        ("03-02 09:45", "start", None),
        ("03-02 10:34", "due", None),
        ("03-02 10:35", "show", INTERVAL),
    ], t("03-02 11:25")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("chosen", "steps", "expect_next"),
    [case[1:] for case in SCENARIOS],
    ids=[case[0] for case in SCENARIOS],
)
def test_scenario(chosen: Settings, steps: list[Step], expect_next: datetime | None) -> None:
    state = NudgeState.opened(t("03-02 09:00"))
    now = t("03-02 09:00")
    for stamp, action, expect in steps:
        now = t(stamp)
        # Every step survives the trip through a browser session, as the view will store it.
        state = NudgeState.model_validate_json(state.model_dump_json())
        nudge = due(
            chosen,
            state,
            now=now,
            zone=ZONE,
            last_completion=state.last_completion_at,
            goal_met=False,
            playing=False,
        )
        if action in ("show", "due"):
            assert (nudge.reason if nudge else None) == expect, f"{action} at {stamp}"
        if action == "show":
            assert nudge is not None
            state = on_shown(state, nudge, now)
        elif action in ANSWERS:
            state = ANSWERS[action](state, now)
    decision = next_nudge(chosen, state, now=now, zone=ZONE, last_completion=None, goal_met=False)
    assert decision.at == expect_next


ANSWERS = {"start": on_start, "skip": on_skip, "snooze": on_snooze, "complete": on_completion}


def test_on_shown_counts_and_marks_the_reminder() -> None:
    state = NudgeState.opened(t("03-02 09:00"))
    reminder = NudgeDecision(at=t("03-02 18:00"), reason=REMINDER, why="...")
    shown = on_shown(state, reminder, t("03-02 18:02"))
    assert shown.reminder_shown_at == t("03-02 18:02")
    assert shown.showing is REMINDER
    assert shown.shown_count == 1
    assert state.shown_count == 0  # the old state is untouched


def test_on_completion_keeps_the_latest_finish() -> None:
    state = on_completion(NudgeState.opened(t("03-02 09:00")), t("03-02 11:00"))
    assert on_completion(state, t("03-02 10:00")).last_completion_at == t("03-02 11:00")


def test_state_round_trips_through_json() -> None:
    state = NudgeState(
        opened_at=t("03-02 09:00"),
        last_nudge_at=utc("03-02 10:00"),
        last_completion_at=t("03-02 09:30"),
        showing=REMINDER,
        snoozed_until=t("03-02 10:10"),
        snooze_of=REMINDER,
        reminder_shown_at=t("03-02 18:00"),
        shown_count=3,
    )
    raw = state.model_dump_json()
    assert NudgeState.model_validate_json(raw) == state
    assert NudgeState.restore(raw, t("03-03 09:00")) == state
    assert len(raw) < 400


@pytest.mark.parametrize(
    "saved",
    [None, "", "not json", '{"opened_at": "2026-03-02T09:00:00"}', "[]"],
    ids=["none", "empty", "garbage", "naive datetime", "wrong shape"],
)
def test_restore_falls_back_to_a_fresh_state(saved: str | None) -> None:
    assert NudgeState.restore(saved, t("03-02 09:00")) == NudgeState.opened(t("03-02 09:00"))


def test_unknown_zone_schedules_in_utc() -> None:
    decision = next_nudge(
        Settings(),
        NudgeState.opened(utc("03-02 09:00")),
        now=utc("03-02 09:00"),
        zone="Nowhere/Else",
        last_completion=None,
        goal_met=False,
    )
    assert decision.at == utc("03-02 09:50")
