"""Pause nudges on screen: one sleeping task per open session, a calm banner when it is time.

The schedule is ``data.usecases.nudging.NudgePlanner`` (when, and which lesson); this module
only sleeps until the instant it names, shows the banner, and forwards the answer. The task
belongs to the session, so a closed tab stops it and costs the server nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime

import flet as ft

from data.practice_log.completion import Completion
from data.practice_log.store import NudgeEvent
from data.runtime.threads import run_blocking
from data.schedule.nudges import NudgeDecision, NudgeReason
from data.usecases.nudging import NudgePlanner
from data.usecases.overview import Overview
from data.usecases.routes import lesson_route
from views.context import AppContext
from views.text_size import scale_text

log = logging.getLogger("micropause.nudges")

ALERT_TITLE = "● Time for a Micro Pause"
MAX_SLEEP_S = 60.0
"""Re-read the schedule at least this often, so a changed setting takes effect promptly."""
MIN_SLEEP_S = 0.05


class NudgeController:
    """Keeps one session's nudge task and shows its banner."""

    def __init__(
        self,
        ctx: AppContext,
        planner: NudgePlanner,
        *,
        is_playing: Callable[[], bool],
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self.ctx = ctx
        self.planner = planner
        self.is_playing = is_playing
        self.on_change = on_change
        self.banner: ft.Banner | None = None
        self._wake = asyncio.Event()
        self._closed = False

    # ---------------------------------------------------------------- schedule

    def next_at(self, overview: Overview) -> datetime | None:
        """When the next nudge falls, for the home screen; None while a banner is showing."""
        if self.banner is not None:
            return None
        return self.planner.next_at(overview)

    def check(self) -> None:
        """Show the nudge that is due now, if any (never over a playing lesson)."""
        if self.banner is not None or self._closed:
            return
        due = self.planner.due(playing=self.is_playing())
        if due is not None:
            self._show(due)

    async def run(self) -> None:
        while not self._closed:
            try:
                self.check()
                ahead = self.planner.real_seconds_until(self.planner.next_decision())
            except Exception:  # a bad setting must not kill the session
                log.exception("nudge schedule failed")
                ahead = None
            timeout = MAX_SLEEP_S if ahead is None else min(MAX_SLEEP_S, max(MIN_SLEEP_S, ahead))
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)

    def poke(self) -> None:
        """Something changed (a setting, a lesson ended): look at the schedule again now."""
        self._wake.set()

    def close(self) -> None:
        """The tab went away: stop the task; nothing runs for a closed tab."""
        self._closed = True
        self._wake.set()

    def reopen(self) -> None:
        """The tab came back (a reconnect): start sleeping towards the next nudge again."""
        if self._closed:
            self._closed = False
            self._wake = asyncio.Event()
            self.ctx.page.run_task(self.run)

    # ------------------------------------------------------------------ answers

    def completed(self, completion: Completion) -> None:
        """Any completed Micro Pause restarts the interval, nudged or not."""
        if completion.completed:
            self.planner.completed(completion)
            self.poke()

    def _show(self, decision: NudgeDecision) -> None:
        suggestion = self.planner.show(decision)
        reminder = decision.reason is NudgeReason.REMINDER
        headline = "Your daily Micro Pause is still to do" if reminder else "Time for a Micro Pause"
        offer = f"{suggestion.why}: {suggestion.lesson.title}." if suggestion else ""
        self.banner = ft.Banner(
            key="nudge",
            leading=ft.Icon(ft.Icons.SPA, color=ft.Colors.PRIMARY, size=32),
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
            content=ft.Column(
                [
                    ft.Text(headline, weight=ft.FontWeight.W_600, size=17),
                    ft.Text(f"{decision.why}. {offer}".strip(), size=15),
                ],
                spacing=4,
                tight=True,
            ),
            actions=[
                ft.TextButton(
                    "Skip", key="nudge-skip", on_click=lambda e: self.answer(NudgeEvent.SKIPPED)
                ),
                ft.TextButton(
                    "Snooze 10 min",
                    key="nudge-snooze",
                    on_click=lambda e: self.answer(NudgeEvent.SNOOZED),
                ),
                ft.FilledButton(
                    "Start", key="nudge-start", on_click=lambda e: self.answer(NudgeEvent.STARTED)
                ),
            ],
        )
        page = self.ctx.page
        page.show_dialog(scale_text(self.banner, self.ctx.text_scale))
        page.title = ALERT_TITLE
        if self.ctx.practice.settings.sound_on:
            page.run_task(self._chime)
        if not self.ctx.web:
            page.run_task(self._to_front)
        page.update()
        self._record(NudgeEvent.SHOWN)
        self._reach_out(decision)
        self.on_change()

    def _reach_out(self, decision: NudgeDecision) -> None:
        """The same nudge as a system notification, when the person is working elsewhere."""
        reach = self.ctx.reach
        alert = self.planner.alert(
            decision, background=reach.background, permission=reach.permission
        )
        if alert is not None:
            reach.notify(alert)

    def answer(self, event: NudgeEvent, *, go: bool = True) -> None:
        """Start, Snooze or Skip: update the schedule, close the banner, record the answer;
        Start opens the lesson unless ``go`` is False (the notification already opened it)."""
        lesson = self.planner.answer(event)
        self._dismiss()
        self.ctx.reach.close_notice()
        self._record(event)
        if lesson is not None and go:
            self.ctx.navigate(lesson_route(lesson.program.id, lesson.lesson.number))
        self.on_change()
        self.poke()

    def opened_from_notification(self) -> None:
        """A click on the nudge's notification opened its lesson: that is a Start."""
        if self.banner is not None:
            self.answer(NudgeEvent.STARTED, go=False)

    def _dismiss(self) -> None:
        page = self.ctx.page
        if self.banner is not None:
            with contextlib.suppress(Exception):
                page.pop_dialog()
        self.banner = None
        page.title = "Micro Pause"
        with contextlib.suppress(Exception):
            page.update()

    def _record(self, event: NudgeEvent) -> None:
        self.ctx.page.run_task(run_blocking, self.ctx.practice.record_nudge, event)

    async def _chime(self) -> None:
        from views.cues import CuePlayer

        cues = CuePlayer(self.ctx.page, True, haptics_on=True)
        cues.step()
        await asyncio.sleep(3)
        cues.close()

    async def _to_front(self) -> None:
        with contextlib.suppress(Exception):
            await self.ctx.page.window.to_front()  # type: ignore[no-untyped-call]


__all__ = ["NudgeController"]
