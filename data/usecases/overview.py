"""The log as the home and progress screens show it: one snapshot per render.

Reading the log copies it; each screen used to ask for it three times and compute streaks,
program progress and the lesson to continue in separate passes (sorting it twice). An
``Overview`` reads it once and derives everything those screens draw from that one copy; what
only the progress screen and ``stats`` show ("What helps me") is derived when first asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from data.content.catalogue import Catalogue
from data.content.models import Lesson, Program
from data.practice_log.completion import Completion
from data.practice_log.settings import Settings
from data.progress.checkins import CheckinSummary, summarise
from data.progress.practice_days import is_rest_day
from data.progress.programs import completed_lessons, continue_lesson, program_progress
from data.progress.streaks import StreakStats, compute_stats
from data.schedule.nudges import nudges_this_week


@dataclass(frozen=True)
class Overview:
    """Everything the home and progress screens show at one instant."""

    today: date
    settings: Settings
    stats: StreakStats
    done_lesson_ids: frozenset[str]
    program_progress: Mapping[str, tuple[int, int]]
    """Program id → (lessons done, lessons in it)."""
    continue_with: tuple[Program, Lesson] | None
    """The lesson behind "Continue: …"; None when no program could be loaded."""
    history: Sequence[Completion]
    """The log, newest first."""
    nudges_this_week: tuple[int, int]
    """(nudges shown, nudges answered with Start) this ISO week."""
    last_completed_at: datetime | None
    """When the latest finished Micro Pause ended: pause nudges count from it."""

    @property
    def goal_met(self) -> bool:
        return self.stats.today_count >= self.settings.daily_goal

    @cached_property
    def checkins(self) -> CheckinSummary:
        """What helps me: average change per program and lesson, and the weekly "before"."""
        return summarise(self.history[::-1], self.today, self.settings.day_start_hour)

    def is_rest_day(self, day: date) -> bool:
        """Whether ``day`` is one of the person's weekly rest days (for the week and heat map)."""
        return is_rest_day(day, self.settings.rest_days)


def build_overview(
    catalogue: Catalogue,
    completions: Sequence[Completion],
    settings: Settings,
    today: date,
    nudge_counts: Mapping[date, Mapping[str, int]],
) -> Overview:
    """The overview of ``completions`` (oldest first by finished_at, as the store gives them)."""
    done = frozenset(completed_lessons(completions))
    last = next((c.finished_at for c in reversed(completions) if c.completed), None)
    return Overview(
        today=today,
        settings=settings,
        stats=compute_stats(
            completions, today, settings.daily_goal, settings.day_start_hour, settings.rest_days
        ),
        done_lesson_ids=done,
        program_progress=program_progress(catalogue, done),
        continue_with=continue_lesson(catalogue, completions, done) if catalogue.programs else None,
        history=completions[::-1],
        nudges_this_week=nudges_this_week(nudge_counts, today),
        last_completed_at=last,
    )
