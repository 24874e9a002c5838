"""What every screen is handed: the services built once in ``main.py`` plus this visitor's own.

Views never reach for globals. One ``AppContext`` exists per browser session (or desktop
window), so two people on one server never share a log, a setting or a timer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import flet as ft

from data.catalogue import Catalogue
from data.clock import Clock
from data.completion import Completion
from data.progress import continue_lesson, program_progress
from data.settings import Settings
from data.store import LogStore
from data.streaks import StreakStats, compute_stats, today_for
from views.theme import WIDE_BREAKPOINT


@dataclass
class AppContext:
    """The composition root's hand-over to the views for one session."""

    page: ft.Page
    catalogue: Catalogue
    store: LogStore
    clock: Clock
    timezone: str
    time_scale: float = 1.0
    navigate: Callable[[str], None] = lambda route: None
    notices: list[str] = field(default_factory=list)
    web: bool = True
    nudge_hint: Callable[[], str | None] = lambda: None
    completion_listeners: list[Callable[[Completion], None]] = field(default_factory=list)

    def completed(self, completion: Completion) -> None:
        """Tell whoever cares (the nudge schedule) that a Micro Pause was logged."""
        for listener in self.completion_listeners:
            listener(completion)

    @property
    def settings(self) -> Settings:
        return self.store.settings()

    @property
    def wide(self) -> bool:
        width = getattr(self.page, "width", None)
        return isinstance(width, int | float) and width >= WIDE_BREAKPOINT

    def completions(self) -> list[Completion]:
        return self.store.completions()

    def today(self) -> date:
        return today_for(self.clock.now(), self.timezone, self.settings.day_start_hour)

    def stats(self) -> StreakStats:
        settings = self.settings
        return compute_stats(
            self.completions(),
            today=self.today(),
            daily_goal=settings.daily_goal,
            day_start_hour=settings.day_start_hour,
        )

    def progress(self) -> dict[str, tuple[int, int]]:
        return program_progress(self.catalogue, self.completions())

    def continue_target(self) -> tuple[str, str]:
        """('Continue: Lesson 3 · Title', route) for the home screen's primary action."""
        program, lesson = continue_lesson(self.catalogue, self.completions())
        return (
            f"Continue: {lesson.number}. {lesson.title}",
            lesson_route(program.id, lesson.number),
        )


def program_route(program_id: str) -> str:
    return f"/programs/{program_id}"


def lesson_route(program_id: str, number: int) -> str:
    return f"/programs/{program_id}/lessons/{number}"


def refresh(control: ft.Control) -> None:
    """Send a control's changes to the client; a control not on a page yet has none to send."""
    try:
        control.update()
    except (RuntimeError, AssertionError):
        return
