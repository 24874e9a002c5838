"""Which day a Micro Pause counts for, and which day it is now: one rule for both.

A pause counts for the *local date recorded when it finished* (see ``Completion``), or for the
day before when it finished before the person's day-start hour: with a day start of 04:00, a
pause at 01:30 still counts for yesterday, and "today" at 01:30 is still yesterday too.
Nothing is re-derived from UTC in today's zone, so travel and DST changes never rewrite history.

A weekly rest day is a practice day whose weekday the person chose (``is_rest_day``): the
practice day, not the calendar one, so with a day start of 04:00 a pause at 01:30 on Saturday
belongs to Friday, and Saturday 01:30 is still Friday too. Rest days follow the weekday of the
recorded local date, so travel and DST changes leave them where they were.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta

from data.practice_log.completion import Completion
from data.runtime.timezones import zone

_ONE_DAY = timedelta(days=1)


def day_for(local_date: date, local_clock: time, day_start_hour: int) -> date:
    """The practice day of a moment seen on local clocks: the rule itself."""
    if local_clock.hour < day_start_hour:  # before h:00 exactly when the hour is before h
        return local_date - _ONE_DAY
    return local_date


def practice_day(completion: Completion, day_start_hour: int) -> date:
    """The day a Micro Pause counts for: its recorded local date, minus the day-start hour."""
    if not day_start_hour:
        return completion.local_date
    clock = completion.local_finished_at().time()
    return day_for(completion.local_date, clock, day_start_hour)


def today_for(now_utc: datetime, timezone: str, day_start_hour: int) -> date:
    """Today's practice day in ``timezone`` (03:00 with a day start of 4 → yesterday)."""
    local = now_utc.astimezone(zone(timezone))
    return day_for(local.date(), local.time(), day_start_hour)


def is_rest_day(day: date, rest_days: Collection[int]) -> bool:
    """Whether the practice day ``day`` falls on one of the weekly rest days (0 = Monday)."""
    return day.weekday() in rest_days
