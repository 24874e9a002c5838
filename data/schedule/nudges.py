"""When to nudge the person to take a Micro Pause, as pure functions of time.

Nothing here reads a clock or keeps a timer. The view passes the current instant and a small
``NudgeState`` it keeps per browser session; ``next_nudge`` says when the next nudge falls and
why, ``due`` says whether one should be on screen now, and the ``on_*`` transitions return the
state after the person answers. Every instant is aware and compared in UTC, so a laptop that
sleeps or a daylight-saving change cannot make the schedule drift.

The choices, so a view or a reviewer need not reverse-engineer them:

- **Anchor.** The interval counts from the latest of: the last completed Micro Pause, the last
  nudge shown or answered (Start, Snooze, Skip), the moment the app opened, and the start of
  today's working hours. Counting from a *shown* nudge too means an ignored nudge comes back
  one full interval later, not on every tick.
- **Work time = real elapsed time.** Because the anchor is never earlier than the start of
  today's working hours and working hours are one block per day, the interval never carries
  over a night: "minutes of work" and "real minutes since the anchor" are the same thing. Real
  (UTC) time is what counts across a daylight-saving change, not the wall clock.
- **The working day is ``[work_start, work_end)``.** A nudge whose interval completes exactly at
  ``work_end`` is not shown: at 17:00 the person is leaving, and a late timer tick at 17:00:01
  would otherwise need a grace rule. A snoozed work nudge that would land after the end is
  dropped for the same reason.
- **One nudge on wake.** After a sleep the overdue nudge is shown once (``at`` is in the past);
  showing it re-anchors the interval, so missed intervals are never replayed.
- **The daily reminder is separate from work nudges.** ``reminder_time=None`` turns it off;
  ``nudges_on`` turns off only the work-time nudges. The reminder fires every day (the goal is
  daily, not per working day), once per local date, at its time or later that day if the app
  was closed or asleep then, and only while today's goal is not met. Interval nudges still fire
  when the goal is met: they are about sitting less, not about the goal.
- **One at a time.** When several nudges are due together the reminder wins, then a snooze,
  then the interval; showing any one re-anchors the interval and clears a pending snooze.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo

from data.practice_log.settings import Settings
from data.practice_log.store import NudgeEvent
from data.runtime.timezones import zone_or_utc
from data.schedule.nudge_state import (
    SNOOZE,
    NudgeDecision,
    NudgeReason,
    NudgeState,
    on_completion,
    on_shown,
    on_skip,
    on_snooze,
    on_start,
    utc,
)
from data.wording import count, hours_and_minutes

__all__ = [
    "SNOOZE",
    "NudgeDecision",
    "NudgeReason",
    "NudgeState",
    "due",
    "next_nudge",
    "nudges_this_week",
    "on_completion",
    "on_shown",
    "on_skip",
    "on_snooze",
    "on_start",
]

_LOOKAHEAD_DAYS = 8  # today and a full week after it: every weekday comes round


_PRIORITY = {NudgeReason.REMINDER: 0, NudgeReason.SNOOZE: 1, NudgeReason.INTERVAL: 2}


def next_nudge(
    settings: Settings,
    state: NudgeState,
    *,
    now: datetime,
    zone: str,
    last_completion: datetime | None,
    goal_met: bool,
) -> NudgeDecision:
    """When the next nudge falls and why.

    ``zone`` is the person's IANA time zone name (e.g. "Europe/Stockholm"); ``last_completion``
    is the finish of their last completed Micro Pause (from any session); ``goal_met`` is
    whether today's daily goal is already met. If something is overdue, that is the answer,
    with ``at`` in the past.
    """
    tz = zone_or_utc(zone)
    now = utc(now)
    last_completion = utc(last_completion) if last_completion is not None else None
    candidates = [
        found
        for found in (
            _reminder(settings, state, now, tz, goal_met),
            _snooze(settings, state, now, tz, last_completion, goal_met),
            _interval(settings, state, now, tz, last_completion),
        )
        if found is not None
    ]
    overdue = [c for c in candidates if c.at is not None and c.at <= now]
    if overdue:
        return min(overdue, key=lambda c: _PRIORITY[_reason(c)])
    if candidates:
        return min(candidates, key=lambda c: (c.at, _PRIORITY[_reason(c)]))
    return NudgeDecision(at=None, reason=None, why=_why_none(settings))


def due(
    settings: Settings,
    state: NudgeState,
    *,
    now: datetime,
    zone: str,
    last_completion: datetime | None,
    goal_met: bool,
    playing: bool,
) -> NudgeDecision | None:
    """The nudge to show now, or None; never while a lesson is playing."""
    if playing:
        return None
    decision = next_nudge(
        settings, state, now=now, zone=zone, last_completion=last_completion, goal_met=goal_met
    )
    if decision.at is None or decision.at > now:
        return None
    return decision


def _reason(decision: NudgeDecision) -> NudgeReason:
    assert decision.reason is not None
    return decision.reason


def _working_window(day: date, settings: Settings, tz: tzinfo) -> tuple[datetime, datetime] | None:
    """Today's working hours as UTC instants, or None on a day off.

    A start or end that falls in a spring-forward gap resolves to the later side of the gap
    (zoneinfo's fold=0 rule), so the window stays real and non-empty whenever possible.
    """
    if day.weekday() not in settings.work_days:
        return None
    start = datetime.combine(day, settings.work_start, tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day, settings.work_end, tzinfo=tz).astimezone(UTC)
    return (start, end) if start < end else None


def _interval(
    settings: Settings,
    state: NudgeState,
    now: datetime,
    tz: tzinfo,
    last_completion: datetime | None,
) -> NudgeDecision | None:
    if not settings.nudges_on:
        return None
    interval = timedelta(minutes=settings.nudge_interval_minutes)
    completion = _latest(last_completion, state.last_completion_at)
    sources = [(state.opened_at, "you opened Micro Pause")]
    if state.last_nudge_at is not None:
        sources.append((state.last_nudge_at, "the last nudge"))
    if completion is not None:
        sources.append((completion, "your last pause"))
    anchor, source = max(sources, key=lambda pair: pair[0])
    today = now.astimezone(tz).date()
    for offset in range(_LOOKAHEAD_DAYS):
        window = _working_window(today + timedelta(days=offset), settings, tz)
        if window is None or window[1] <= now:
            continue
        start, end = window
        base, since = (anchor, source) if anchor > start else (start, "your working day began")
        at = base + interval
        if at < end:
            worked = _say_minutes(max(at, now) - base)
            return NudgeDecision(at=at, reason=NudgeReason.INTERVAL, why=f"{worked} since {since}")
    return None


def _snooze(
    settings: Settings,
    state: NudgeState,
    now: datetime,
    tz: tzinfo,
    last_completion: datetime | None,
    goal_met: bool,
) -> NudgeDecision | None:
    until = state.snoozed_until
    if until is None:
        return None
    if last_completion is not None and last_completion >= until - SNOOZE:
        return None  # a pause finished elsewhere after the snooze answers the nudge
    if state.snooze_of is NudgeReason.REMINDER:
        if goal_met:
            return None
        why = "You snoozed today's reminder ten minutes ago"
        return NudgeDecision(at=until, reason=NudgeReason.SNOOZE, why=why)
    if not settings.nudges_on:
        return None
    window = _working_window(until.astimezone(tz).date(), settings, tz)
    if window is None or not window[0] <= until < window[1] or now >= window[1]:
        return None
    why = "You asked to be nudged again after ten minutes"
    return NudgeDecision(at=until, reason=NudgeReason.SNOOZE, why=why)


def _reminder(
    settings: Settings, state: NudgeState, now: datetime, tz: tzinfo, goal_met: bool
) -> NudgeDecision | None:
    when = settings.reminder_time
    if when is None:
        return None
    today = now.astimezone(tz).date()
    shown = state.reminder_shown_at
    done_today = goal_met or (shown is not None and shown.astimezone(tz).date() == today)
    day = today + timedelta(days=1) if done_today else today
    at = datetime.combine(day, when, tzinfo=tz).astimezone(UTC)
    goal = count(settings.daily_goal, "Micro Pause")
    why = f"Your {when:%H:%M} reminder: today's goal of {goal} is not met yet"
    return NudgeDecision(at=at, reason=NudgeReason.REMINDER, why=why)


def _latest(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None or second is None:
        return first or second
    return max(first, second)


def _say_minutes(span: timedelta) -> str:
    """'50 minutes of work', '2 hours 5 minutes of work': how long someone has sat."""
    return hours_and_minutes(int(span.total_seconds() // 60)) + " of work"


def _why_none(settings: Settings) -> str:
    if not settings.nudges_on:
        return "Nudges are off and no daily reminder is set"
    if not settings.work_days:
        return "No working days are set, so there is nothing to nudge during"
    return (
        f"Your working hours are shorter than the {settings.nudge_interval_minutes}-minute interval"
    )


def nudges_this_week(counts: Mapping[date, Mapping[str, int]], today: date) -> tuple[int, int]:
    """(nudges shown, nudges answered with Start) in the ISO week of ``today``."""
    year, week, _ = today.isocalendar()
    shown = started = 0
    for day, events in counts.items():
        if day.isocalendar()[:2] == (year, week):
            shown += events.get(NudgeEvent.SHOWN, 0)
            started += events.get(NudgeEvent.STARTED, 0)
    return shown, started
