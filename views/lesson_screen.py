"""One lesson's screen: intro, then the player, then the finish — and the loop that times it.

The loop never counts: it sleeps until the sequencer's next wake-up instant, reads the
monotonic clock, and lets ``data.player.sequencer`` say where the lesson is. A throttled tab that
wakes late therefore lands on the right step. Completions are written off the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime
from typing import Any

import flet as ft

from data.content.models import Lesson, Program
from data.figures.studio import spec_for_segment
from data.player import sequencer as seq
from data.player.speech import Control, LessonLines
from data.player.timeline import Segment, build_timeline
from data.practice_log.completion import Completion
from data.runtime.threads import run_blocking
from data.usecases.practice import NotSavedError
from data.usecases.routes import lesson_route, program_route
from views.checkin import FeelingScale, before_checkin
from views.context import AppContext, refresh
from views.cues import CuePlayer
from views.figure import FigureView
from views.finish import build_finish_panel
from views.lesson import build_lesson_intro
from views.player import FIGURE_PHONE, FIGURE_WIDE, PlayerPanel
from views.text_size import scale_text
from views.theme import figure_palette
from views.voice import VoiceGuide

log = logging.getLogger("micropause.player")

SPACE_KEYS = {" ", "Space"}
BACK_KEYS = {"Arrow Left"}
SKIP_KEYS = {"Arrow Right"}
STOP_KEYS = {"Escape"}
CONTROLS = {
    seq.pause: Control.PAUSE,
    seq.resume: Control.RESUME,
    seq.back: Control.JUMP,
    seq.skip: Control.JUMP,
    seq.stop: Control.STOP,
}


def _no_update_after_this_event() -> None:
    """Skip Flet's automatic page update after the event being handled (never the app-wide
    setting: outside an event there is nothing to skip)."""
    try:
        ft.context.page  # noqa: B018 (raises outside a session's event)
    except RuntimeError:
        return
    ft.context.disable_auto_update()  # type: ignore[no-untyped-call]


class LessonScreen:
    """Owns the lesson route's view and everything that happens while a lesson plays."""

    def __init__(self, ctx: AppContext, program: Program, lesson: Lesson) -> None:
        self.ctx = ctx
        self.program = program
        self.lesson = lesson
        self.state: seq.PlayerState | None = None
        self.panel: PlayerPanel | None = None
        self.figure: FigureView | None = None
        self.started_at: datetime | None = None
        self.completion: Completion | None = None
        self.checkin: FeelingScale | None = None
        if ctx.practice.settings.checkins_on:
            self.checkin = before_checkin(program, lambda feeling: None)
        self.voice: VoiceGuide | None = None
        self.muted = False
        self._wake = asyncio.Event()
        self._loop_task: Any = None
        self._closed = False
        # Built with the screen, not on Start, so the sounds are loaded before the first cue.
        self.cues = CuePlayer(ctx.page, ctx.practice.settings.sound_on)
        intro = build_lesson_intro(
            ctx, program, lesson, self.start, self.checkin.control if self.checkin else None
        )
        self.body = ft.Container(intro, expand=True)
        self.view = ft.View(
            route=lesson_route(program.id, lesson.number),
            key=f"lesson-view-{lesson.id}",
            appbar=ft.AppBar(title=ft.Text(f"Lesson {lesson.number}")),
            padding=0,
            controls=[self.body],
        )

    # ------------------------------------------------------------------ state

    @property
    def is_active(self) -> bool:
        """True while a lesson is under way (running or paused): leaving must ask first."""
        return self.state is not None and self.state.started and not self.state.finished

    def _now(self) -> float:
        return self.ctx.practice.clock.monotonic()

    def _apply(self, transition: seq.Transition, control: Control = Control.TICK) -> None:
        self.state, events = transition
        self._effects(events, control)
        self._render()
        self._wake.set()

    # ------------------------------------------------------------ user actions

    def start(self) -> None:
        settings = self.ctx.practice.settings
        timeline = build_timeline(self.lesson, settings.get_ready_seconds)
        lines = LessonLines.of(self.program, self.lesson, timeline)
        self.voice = VoiceGuide(self.ctx.reach, lines, settings)
        self.cues.keep_screen_on(True)
        wide = self.ctx.wide
        width, height = FIGURE_WIDE if wide else FIGURE_PHONE
        self.figure = FigureView(
            self.ctx.figures,
            figure_palette(self.ctx.page),
            width=width,
            height=height,
            time_scale=self.ctx.time_scale,
            still=self.ctx.reduced_motion,
        )
        self.panel = PlayerPanel(
            f"{self.lesson.number}. {self.lesson.title}",
            on_toggle=self.toggle,
            on_back=lambda: self._act(seq.back),
            on_skip=lambda: self._act(seq.skip),
            on_stop=self.ask_to_leave,
            on_mute=self.toggle_sound,
            sound_on=settings.sound_on or settings.voice_on,
            figure=self.figure.control,
            wide=wide,
            text_scale=self.ctx.text_scale,
        )
        self.view.appbar = None
        self.body.content = scale_text(self.panel.control, self.ctx.text_scale)
        self.started_at = self.ctx.practice.clock.now()
        self._apply(seq.start(seq.new_player(timeline, self.ctx.time_scale), self._now()))
        # The player takes the whole screen (the app bar goes too), drawn after the first line
        # is sent, and not by Flet's update at the end of this tap: the page says "Get ready"
        # before it lays out the new screen (measured: up to 300 ms later otherwise, at 30x).
        _no_update_after_this_event()
        self.ctx.page.run_task(self._draw, self.view)
        self._loop_task = self.ctx.page.run_task(self._run)

    def toggle(self) -> None:
        if self.state is None or self.state.finished:
            return
        if self.state.phase is seq.Phase.PAUSED:
            self._act(seq.resume)
        else:
            self._act(seq.pause)

    def toggle_sound(self) -> None:
        """Mute or unmute voice and sounds for this lesson; Settings keep the lasting choice."""
        settings = self.ctx.practice.settings
        self.muted = not self.muted
        self.cues.set_sound(settings.sound_on and not self.muted)
        if self.voice is not None:
            self.voice.mute(self.muted, settings)
        if self.panel is not None:
            self.panel.show_sound(not self.muted)
            self._update()

    def _act(self, operation: Any) -> None:
        if self.state is None or self.state.finished:
            return
        self._apply(operation(self.state, self._now()), CONTROLS.get(operation, Control.TICK))

    def on_key(self, key: str) -> None:
        if not self.is_active:
            return
        if key in SPACE_KEYS:
            self.toggle()
        elif key in BACK_KEYS:
            self._act(seq.back)
        elif key in SKIP_KEYS:
            self._act(seq.skip)
        elif key in STOP_KEYS:
            self.ask_to_leave()

    def ask_to_leave(self, then: str | None = None) -> None:
        """Pause and ask; leaving logs the lesson as unfinished (never a streak day)."""
        if not self.is_active:
            if then:
                self.ctx.navigate(then)
            return
        assert self.state is not None
        if self.state.phase is seq.Phase.RUNNING:
            self._act(seq.pause)
        target = then or program_route(self.program.id)

        def keep_going(e: Any) -> None:
            self.ctx.page.pop_dialog()
            if then:
                self.ctx.page.navigate(lesson_route(self.program.id, self.lesson.number))
            self._act(seq.resume)

        def leave(e: Any) -> None:
            self.ctx.page.pop_dialog()
            self._act(seq.stop)
            self.ctx.navigate(target)

        self.ctx.page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text("End this Micro Pause?"),
                content=ft.Text("What you did so far is kept in your log as unfinished."),
                actions=[
                    ft.TextButton("Keep going", on_click=keep_going, key="keep-going"),
                    ft.FilledButton("End", on_click=leave, key="end-lesson"),
                ],
            )
        )

    # ------------------------------------------------------------------ effects

    def _effects(self, events: list[seq.Event], control: Control = Control.TICK) -> None:
        if self.voice is not None:
            self.voice.follow(events, control)
        cues = self.cues
        for event in events:
            if isinstance(event, seq.StepStarted):
                cues.step()
                self._show_figure(event.segment)
            elif isinstance(event, seq.FinalSeconds):
                cues.tick()
            elif isinstance(event, seq.LessonComplete):
                cues.done()
                self._finish()
        if self.state is not None and self.state.phase is seq.Phase.STOPPED and not self.completion:
            self._finish()

    def _show_figure(self, segment: Segment) -> None:
        if self.figure is not None:
            spec = spec_for_segment(self.ctx.figures.library, segment)
            running = self.state is not None and self.state.phase is seq.Phase.RUNNING
            self.figure.show(spec, running=running)

    def _finish(self) -> None:
        assert self.state is not None and self.started_at is not None
        self.completion = self.ctx.practice.end_lesson(
            self.program,
            self.lesson,
            self.state,
            self.started_at,
            checkin_before=self.checkin.value if self.checkin else None,
        )
        self.cues.keep_screen_on(False)
        self.ctx.page.run_task(self._save, self.completion)

    async def _save(self, completion: Completion) -> None:
        """Write the pause off the loop; if the disk refuses, say so, keep it in memory and
        let the use case retry until it is written (then say that too)."""
        practice = self.ctx.practice
        try:
            await run_blocking(practice.keep, completion)
        except NotSavedError as exc:
            log.warning("a completion was not saved: %s", exc.problem)
            self.ctx.completed(completion)  # it counts: the nudge schedule restarts
            self._show_finish(saved=False, note=str(exc))
            if await practice.keep_trying():
                self._show_finish(saved=True)
            return
        self.ctx.completed(completion)
        if completion.completed:
            self._show_finish(saved=True)

    def _show_finish(self, *, saved: bool, note: str | None = None) -> None:
        if self._closed or self.completion is None or not self.completion.completed:
            return
        next_lesson = self.program.next_lesson(self.lesson)
        finish = build_finish_panel(
            self.ctx,
            self.program,
            self.lesson,
            self.completion,
            next_lesson,
            saved=saved,
            note=note,
        )
        self.body.content = scale_text(finish, self.ctx.text_scale)
        self._update()

    # -------------------------------------------------------------- the loop

    async def _run(self) -> None:
        """Sleep until the next instant that matters, then ask the sequencer where we are."""
        while not self._closed and self.state is not None and not self.state.finished:
            wake = seq.next_wakeup(self.state, self._now())
            self._wake.clear()
            timeout = None if wake is None else max(0.0, wake - self._now())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
            if self._closed or self.state is None or self.state.finished:
                break
            self.tick()

    def tick(self) -> None:
        """Bring the screen to where the lesson really is now (however late this runs)."""
        if self.state is not None and self.state.phase is seq.Phase.RUNNING:
            self.state, events = seq.tick(self.state, self._now())
            self._effects(events)
            self._render()

    def _render(self) -> None:
        if self.panel is None or self.state is None or self.completion is not None:
            return
        if self.figure is not None:  # still while paused; on again, from where it stood
            self.figure.set_running(self.state.phase is seq.Phase.RUNNING)
        self.panel.show(seq.readout(self.state, self._now()))
        # Sent after the voice's line (a task queued first): the browser starts speaking before
        # it draws the new step, not a frame later (measured: a frame's wait, 50-100 ms).
        self.ctx.page.run_task(self._draw)

    async def _draw(self, control: ft.Control | None = None) -> None:
        refresh(control or self.body)

    def _update(self) -> None:
        refresh(self.body)

    def close(self) -> None:
        """The route changed: stop the loop and release the screen and sounds."""
        if self.is_active:
            self._act(seq.stop)
        self._closed = True
        self._wake.set()
        self.cues.close()
        if self.voice is not None:
            self.voice.close()
