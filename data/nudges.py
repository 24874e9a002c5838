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
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, ValidationError

from data.settings import Settings

SNOOZE = timedelta(minutes=10)
_LOOKAHEAD_DAYS = 8  # today and a full week after it: every weekday comes round


class NudgeReason(StrEnum):
    """Why a nudge appears; the view may pick its words and icon by it."""

    INTERVAL = "interval"
    SNOOZE = "snooze"
    REMINDER = "reminder"


def _utc(instant: datetime) -> datetime:
    """The same instant in UTC, where adding minutes means real minutes even across DST."""
    if instant.tzinfo is None:
        raise ValueError("nudge times must be timezone-aware")
    return instant.astimezone(UTC)


Instant = Annotated[AwareDatetime, AfterValidator(_utc)]

_PRIORITY = {NudgeReason.REMINDER: 0, NudgeReason.SNOOZE: 1, NudgeReason.INTERVAL: 2}


@dataclass(frozen=True)
class NudgeDecision:
    """The next nudge: when (aware UTC; None means no nudge is coming), why, and in words.

    ``at`` earlier than or equal to now means the nudge is due now.
    """

    at: datetime | None
    reason: NudgeReason | None
    why: str


class NudgeState(BaseModel):
    """What the schedule remembers between ticks: small, frozen, and JSON round-trippable.

    ``showing`` is the kind (interval or reminder) of the nudge on screen, so that snoozing a
    reminder brings the reminder back rather than a work nudge. Unknown keys are ignored so a
    state saved by a newer version still loads.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    opened_at: Instant
    last_nudge_at: Instant | None = None
    last_completion_at: Instant | None = None
    showing: NudgeReason | None = None
    snoozed_until: Instant | None = None
    snooze_of: NudgeReason | None = None
    reminder_shown_at: Instant | None = None
    shown_count: int = 0

    @classmethod
    def opened(cls, now: datetime) -> NudgeState:
        """The state of a freshly opened app: the interval counts from this moment."""
        return cls(opened_at=_utc(now))

    @classmethod
    def restore(cls, saved: str | None, now: datetime) -> NudgeState:
        """The state from its JSON, or a fresh one when there is none or it cannot be read.

        A broken session value must never stop the app from opening; losing it costs at most
        one early or late nudge.
        """
        if saved:
            try:
                return cls.model_validate_json(saved)
            except ValidationError:
                pass
        return cls.opened(now)


def local_zone(name: str | None) -> tzinfo:
    """The named IANA zone, or UTC when the name is missing or unknown to this machine."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    return UTC


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
    tz = local_zone(zone)
    now = _utc(now)
    last_completion = _utc(last_completion) if last_completion is not None else None
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


def on_shown(state: NudgeState, nudge: NudgeDecision, now: datetime) -> NudgeState:
    """The nudge is on screen: restart the interval, use up the snooze or today's reminder."""
    now = _utc(now)
    showing = state.snooze_of if nudge.reason is NudgeReason.SNOOZE else nudge.reason
    return state.model_copy(
        update={
            "last_nudge_at": now,
            "showing": showing or NudgeReason.INTERVAL,
            "snoozed_until": None,
            "reminder_shown_at": (
                now if nudge.reason is NudgeReason.REMINDER else state.reminder_shown_at
            ),
            "shown_count": state.shown_count + 1,
        }
    )


def on_start(state: NudgeState, now: datetime) -> NudgeState:
    """Start: a lesson opens, so the interval restarts now.

    The view may call this for any lesson that starts playing, nudged or not, so that a lesson
    left half-way does not meet an overdue nudge the moment the player closes.
    """
    return _answered(state, now)


def on_skip(state: NudgeState, now: datetime) -> NudgeState:
    """Skip: nothing until one full interval from now (or tomorrow's working hours)."""
    return _answered(state, now)


def on_snooze(state: NudgeState, now: datetime) -> NudgeState:
    """Snooze: the same nudge again in ten minutes, even if the interval would come later."""
    now = _utc(now)
    return state.model_copy(
        update={
            "last_nudge_at": now,
            "showing": None,
            "snoozed_until": now + SNOOZE,
            "snooze_of": state.showing or NudgeReason.INTERVAL,
        }
    )


def on_completion(state: NudgeState, finished_at: datetime) -> NudgeState:
    """A Micro Pause was completed: the interval restarts from its end; a snooze is moot."""
    latest = _utc(finished_at)
    if state.last_completion_at is not None:
        latest = max(latest, state.last_completion_at)
    return state.model_copy(
        update={"last_completion_at": latest, "showing": None, "snoozed_until": None}
    )


def _answered(state: NudgeState, now: datetime) -> NudgeState:
    return state.model_copy(
        update={"last_nudge_at": _utc(now), "showing": None, "snoozed_until": None}
    )


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
    goal = settings.daily_goal
    pauses = "Micro Pause" if goal == 1 else "Micro Pauses"
    why = f"Your {when:%H:%M} reminder: today's goal of {goal} {pauses} is not met yet"
    return NudgeDecision(at=at, reason=NudgeReason.REMINDER, why=why)


def _latest(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None or second is None:
        return first or second
    return max(first, second)


def _say_minutes(span: timedelta) -> str:
    """'50 minutes of work', '2 hours 5 minutes of work': how long someone has sat."""
    minutes = max(0, int(span.total_seconds() // 60))
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts) + " of work"


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
            shown += events.get("shown", 0)
            started += events.get("started", 0)
    return shown, started
