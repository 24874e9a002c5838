"""What every screen is handed: this visitor's use cases, their page, and a way to move on.

Views never reach for globals. One ``AppContext`` exists per browser session (or desktop
window), so two people on one server never share a log, a setting or a timer. The domain
questions ("what is my streak?") are ``data.usecases.Practice``'s; this only adds the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import flet as ft

from data.content.poses import PoseLibrary
from data.figures.studio import FigureStudio
from data.practice_log.completion import Completion
from data.practice_log.settings import TEXT_SCALES
from data.usecases.overview import Overview
from data.usecases.practice import Practice
from views.reach import Reach
from views.theme import WIDE_BREAKPOINT


def _no_hint(overview: Overview) -> datetime | None:
    return None


def _nowhere(route: str) -> None:
    return None


@dataclass
class AppContext:
    """The composition root's hand-over to the views for one session."""

    page: ft.Page
    practice: Practice
    time_scale: float = 1.0
    navigate: Callable[[str], None] = _nowhere
    notices: list[str] = field(default_factory=list)
    web: bool = True
    next_nudge_at: Callable[[Overview], datetime | None] = _no_hint
    """When the next pause nudge falls, on the person's clocks (None: none, or one showing)."""
    completion_listeners: list[Callable[[Completion], None]] = field(default_factory=list)
    figures: FigureStudio = field(default_factory=lambda: FigureStudio(PoseLibrary(poses={})))
    """The catalogue's figures (shared by all sessions: built once each)."""
    reach: Reach = field(default_factory=Reach.detached)
    """This session's voice, screen-reader announcements and system notifications."""
    reduced_motion: bool = False
    """The person's system asks for less motion: figures stand still, screens cut."""

    def completed(self, completion: Completion) -> None:
        """Tell whoever cares (the nudge schedule) that a Micro Pause was logged."""
        for listener in self.completion_listeners:
            listener(completion)

    @property
    def text_scale(self) -> float:
        """The factor the person's text size setting applies to every text."""
        return TEXT_SCALES[self.practice.settings.text_size]

    @property
    def wide(self) -> bool:
        width = self.page.width
        return isinstance(width, int | float) and width >= WIDE_BREAKPOINT


def refresh(control: ft.Control) -> None:
    """Send a control's changes to the client; a control not on a page yet has none to send."""
    try:
        control.update()
    except (RuntimeError, AssertionError):
        return
