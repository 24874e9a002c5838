"""Pause nudges on screen: one sleeping task per open session, a calm banner when it is time.

The schedule is ``data.nudges`` (pure); this module only sleeps until the instant it names,
shows the banner, and feeds the answer back. The task belongs to the session, so a closed
tab stops it and costs the server nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

import flet as ft

from data import nudges
from data.clock import Clock, ScaledClock
from data.completion import Completion
from data.offload import run_blocking
from data.progress import continue_lesson
from data.suggest import Suggestion, suggest_lesson
from views.context import AppContext, lesson_route

log = logging.getLogger("micropause.nudges")

ALERT_TITLE = "● Time for a Micro Pause"
MAX_SLEEP_S = 60.0
"""Re-read the schedule at least this often, so a changed setting takes effect promptly."""


class NudgeController:
    """Keeps one session's nudge schedule and shows its banner."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        is_playing: Callable[[], bool],
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self.ctx = ctx
        self.is_playing = is_playing
        self.on_change = on_change
        self.clock: Clock = (
            ScaledClock(ctx.clock, ctx.time_scale) if ctx.time_scale != 1 else ctx.clock
        )
        self.state = nudges.NudgeState.opened(self.clock.now())
        self.banner: ft.Banner | None = None
        self.suggestion: Suggestion | None = None
        self._wake = asyncio.Event()
        self._closed = False

    # ---------------------------------------------------------------- schedule

    def _inputs(self) -> dict[str, Any]:
        settings = self.ctx.settings
        stats = self.ctx.stats()
        last = self.state.last_completion_at
        if self.ctx.time_scale == 1:
            finished = [c.finished_at for c in self.ctx.completions() if c.completed]
            last = max([*finished, *([last] if last else [])], default=None)
        return {
            "now": self.clock.now(),
            "zone": self.ctx.timezone,
            "last_completion": last,
            "goal_met": stats.today_count >= settings.daily_goal,
        }

    def next_decision(self) -> nudges.NudgeDecision:
        return nudges.next_nudge(self.ctx.settings, self.state, **self._inputs())

    def next_hint(self) -> str | None:
        """'Next pause nudge around 10:40' for the home screen, or None when none is coming."""
        decision = self.next_decision()
        if decision.at is None or self.banner is not None:
            return None
        local = decision.at.astimezone(nudges.local_zone(self.ctx.timezone))
        return f"Next pause nudge around {local:%H:%M}"

    def check(self) -> None:
        """Show the nudge that is due now, if any (never over a playing lesson)."""
        if self.banner is not None or self._closed:
            return
        due = nudges.due(
            self.ctx.settings,
            self.state,
            playing=self.is_playing(),
            **self._inputs(),
        )
        if due is not None:
            self._show(due)

    async def run(self) -> None:
        while not self._closed:
            try:
                self.check()
                decision = self.next_decision()
            except Exception:  # a bad setting must not kill the session
                log.exception("nudge schedule failed")
                decision = nudges.NudgeDecision(None, None, "")
            timeout = MAX_SLEEP_S
            if decision.at is not None:
                ahead = (decision.at - self.clock.now()).total_seconds()
                if isinstance(self.clock, ScaledClock):
                    ahead = self.clock.real_seconds(ahead)
                timeout = min(MAX_SLEEP_S, max(0.05, ahead))
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
            self.state = nudges.on_completion(self.state, self.clock.now())
            self.poke()

    def _show(self, decision: nudges.NudgeDecision) -> None:
        now = self.clock.now()
        self.state = nudges.on_shown(self.state, decision, now)
        completions = sorted(self.ctx.completions(), key=lambda c: c.finished_at, reverse=True)
        self.suggestion = suggest_lesson(
            continue_lesson(self.ctx.catalogue, completions)
            if self.ctx.catalogue.programs
            else None,
            self.ctx.catalogue.program("quick-pauses"),
            recent_lesson_ids=[c.lesson_id for c in completions if c.completed],
            turn=self.state.shown_count + now.date().toordinal(),
        )
        reminder = decision.reason is nudges.NudgeReason.REMINDER
        headline = "Your daily Micro Pause is still to do" if reminder else "Time for a Micro Pause"
        offer = f"{self.suggestion.why}: {self.suggestion.lesson.title}." if self.suggestion else ""
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
                ft.TextButton("Skip", key="nudge-skip", on_click=lambda e: self.answer("skipped")),
                ft.TextButton(
                    "Snooze 10 min", key="nudge-snooze", on_click=lambda e: self.answer("snoozed")
                ),
                ft.FilledButton(
                    "Start", key="nudge-start", on_click=lambda e: self.answer("started")
                ),
            ],
        )
        page = self.ctx.page
        page.show_dialog(self.banner)
        page.title = ALERT_TITLE
        if self.ctx.settings.sound_on:
            self.ctx.page.run_task(self._chime)
        if not self.ctx.web:
            page.run_task(self._to_front)
        page.update()
        self._record("shown")
        self.on_change()

    def answer(self, event: str) -> None:
        """Start, Snooze or Skip: update the schedule, close the banner, record the answer."""
        now = self.clock.now()
        transition = {
            "started": nudges.on_start,
            "snoozed": nudges.on_snooze,
            "skipped": nudges.on_skip,
        }[event]
        self.state = transition(self.state, now)
        self._dismiss()
        self._record(event)
        if event == "started" and self.suggestion is not None:
            s = self.suggestion
            self.ctx.navigate(lesson_route(s.program.id, s.lesson.number))
        self.on_change()
        self.poke()

    def _dismiss(self) -> None:
        page = self.ctx.page
        if self.banner is not None:
            with contextlib.suppress(Exception):
                page.pop_dialog()
        self.banner = None
        page.title = "Micro Pause"
        with contextlib.suppress(Exception):
            page.update()

    def _record(self, event: str) -> None:
        today = self.ctx.today()
        self.ctx.page.run_task(run_blocking, self.ctx.store.record_nudge, today, event)

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
