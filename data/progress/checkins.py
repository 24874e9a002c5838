"""What helps me: how the person felt before and after their pauses, from their own check-ins.

Only their own numbers, never a claim about what a lesson does: "1.8 easier on average" is the
mean of (before - after) over the pauses where both check-ins were answered, for one lesson or
one program. An average needs ``MIN_PAIRS`` such pauses; with fewer, the summary gives the
count and no average, because two answers say more about a day than about a lesson.

The "before" feeling per week (``before_by_week``) shows how the person arrived at their pauses
over the last weeks; weeks follow the practice day (``data.progress.practice_days``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from data.practice_log.completion import Completion
from data.progress.practice_days import practice_day

MIN_PAIRS = 3
"""Pauses with both check-ins before an average is given."""
FEELING_WEEKS = 8
"""How many weeks the "before" chart covers, this one included."""


@dataclass(frozen=True)
class Relief:
    """The check-ins of one lesson or one program."""

    key: str
    """The lesson id or the program id."""
    pauses: int
    """Pauses with both a before and an after check-in."""
    change: float | None
    """Mean of before - after (positive: easier after), or None below ``MIN_PAIRS`` pauses."""


@dataclass(frozen=True)
class WeekFeeling:
    """The "before" check-ins of one week (Monday to Sunday)."""

    week_start: date
    check_ins: int
    average: float | None
    """None for a week without a "before" check-in."""


@dataclass(frozen=True)
class CheckinSummary:
    """Everything "What helps me" shows: best first, then those still short of an average."""

    programs: tuple[Relief, ...] = ()
    lessons: tuple[Relief, ...] = ()
    weeks: tuple[WeekFeeling, ...] = ()

    @property
    def paired(self) -> int:
        """Pauses with both check-ins, over the whole log."""
        return sum(relief.pauses for relief in self.programs)

    @property
    def answered_before(self) -> int:
        """ "Before" check-ins in the weeks of the chart."""
        return sum(week.check_ins for week in self.weeks)


def what_helps(completions: Sequence[Completion], min_pairs: int = MIN_PAIRS) -> CheckinSummary:
    """Per program and per lesson, the average change from before to after, best first."""
    programs: dict[str, list[int]] = {}
    lessons: dict[str, list[int]] = {}
    for completion in completions:
        before, after = completion.checkin_before, completion.checkin_after
        if before is None or after is None:
            continue
        programs.setdefault(completion.program_id, []).append(before - after)
        lessons.setdefault(completion.lesson_id, []).append(before - after)
    return CheckinSummary(
        programs=_ranked(programs, min_pairs), lessons=_ranked(lessons, min_pairs)
    )


def _ranked(changes: dict[str, list[int]], min_pairs: int) -> tuple[Relief, ...]:
    reliefs = [
        Relief(key, len(values), sum(values) / len(values) if len(values) >= min_pairs else None)
        for key, values in changes.items()
    ]
    # Averages first, the largest easing on top (more pauses first on a tie); then the rest,
    # those closest to an average first.
    return tuple(
        sorted(
            reliefs,
            key=lambda r: (r.change is None, -(r.change or 0.0), -r.pauses, r.key),
        )
    )


def before_by_week(
    completions: Sequence[Completion],
    today: date,
    day_start_hour: int = 0,
    weeks: int = FEELING_WEEKS,
) -> tuple[WeekFeeling, ...]:
    """The "before" check-ins per week for the ``weeks`` weeks ending with today's.

    ``completions`` are oldest first (as the store gives them): only the recent end is read.
    """
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    # A practice day is the recorded date or the day before it, and a flight west can give a
    # later pause an earlier date: a few days of slack before the walk back stops.
    oldest_date = first - timedelta(days=3)
    totals = [[0, 0] for _ in range(weeks)]
    for completion in reversed(completions):
        if completion.local_date < oldest_date:
            break
        feeling = completion.checkin_before
        if feeling is None:
            continue
        day = practice_day(completion, day_start_hour)
        if first <= day <= today:
            week = totals[(day - first).days // 7]
            week[0] += feeling
            week[1] += 1
    return tuple(
        WeekFeeling(first + timedelta(days=7 * i), n, total / n if n else None)
        for i, (total, n) in enumerate(totals)
    )


def summarise(
    completions: Sequence[Completion], today: date, day_start_hour: int = 0
) -> CheckinSummary:
    """``what_helps`` with the weeks of the "before" chart."""
    found = what_helps(completions)
    return CheckinSummary(
        programs=found.programs,
        lessons=found.lessons,
        weeks=before_by_week(completions, today, day_start_hour),
    )
