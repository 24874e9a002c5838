"""The body check-in: one question, a calm row of 0 to 10, its two ends named, and Skip.

Before a lesson it sits above Start (answering is one tap, and Start without an answer is a
skip); after it, on the finish screen, with an optional one-line note. The answers go to
``Practice`` (the before one with the completion, the after one and the note as amendments
of the pause already logged), written off the event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import flet as ft

from data.content.models import Program
from data.practice_log.completion import FEELING_MAX, FEELING_MIN, NOTE_MAX_LENGTH, Completion
from data.runtime.threads import run_blocking
from data.wording import count
from views.context import AppContext, refresh
from views.theme import RADIUS, SPACE_S, card

log = logging.getLogger("micropause.checkin")

EASE_WORDS = "0 at ease"
STIFF_WORDS = "10 very stiff or sore"


class FeelingScale:
    """The question and the 0-10 row; ``on_answer`` gets the number, or None for Skip."""

    def __init__(
        self,
        question: str,
        key: str,
        on_answer: Callable[[int | None], None],
        *,
        skip_hides: bool = True,
    ) -> None:
        self.key = key
        self.value: int | None = None
        self.skipped = False
        self._on_answer = on_answer
        self._skip_hides = skip_hides
        self._choices = [self._choice(n) for n in range(FEELING_MIN, FEELING_MAX + 1)]
        self.control = ft.Column(
            [
                ft.Row(
                    [
                        ft.Text(question, size=16, weight=ft.FontWeight.W_500, expand=True),
                        ft.TextButton("Skip", key=f"{key}-skip", on_click=lambda e: self.skip()),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                ),
                ft.Row(list[ft.Control](self._choices), spacing=3, key=f"{key}-scale"),
                ft.Row(
                    [
                        ft.Text(EASE_WORDS, size=12, color=ft.Colors.ON_SURFACE_VARIANT),
                        ft.Text(STIFF_WORDS, size=12, color=ft.Colors.ON_SURFACE_VARIANT),
                    ],
                    alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
                ),
            ],
            spacing=SPACE_S,
            key=key,
        )

    def _choice(self, number: int) -> ft.Container:
        return ft.Container(
            ft.Text(str(number), size=15, weight=ft.FontWeight.W_500),
            key=f"{self.key}-{number}",
            expand=True,
            height=44,
            border_radius=10,
            alignment=ft.Alignment.CENTER,
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
            ink=True,
            on_click=lambda e: self.choose(number),
        )

    def choose(self, number: int) -> None:
        """Tap a number (again to take it back)."""
        self.value = None if self.value == number else number
        self.skipped = False
        for n, choice in enumerate(self._choices, FEELING_MIN):
            chosen = n == self.value
            choice.bgcolor = ft.Colors.PRIMARY if chosen else ft.Colors.SURFACE_CONTAINER_HIGHEST
            assert isinstance(choice.content, ft.Text)
            choice.content.color = ft.Colors.ON_PRIMARY if chosen else None
        refresh(self.control)
        self._on_answer(self.value)

    def skip(self) -> None:
        self.value, self.skipped = None, True
        if self._skip_hides:
            self.control.visible = False
        refresh(self.control)
        self._on_answer(None)


def before_checkin(program: Program, on_answer: Callable[[int | None], None]) -> FeelingScale:
    """'How does your lower back feel?' above Start."""
    return FeelingScale(program.body_area.question, "checkin-before", on_answer)


class AfterCheckin:
    """The finish screen's check-in and note for the pause just logged (``control``)."""

    def __init__(self, ctx: AppContext, program: Program, completion: Completion) -> None:
        self.ctx = ctx
        self.completion = completion
        self._note_kept = completion.note or ""
        question = program.body_area.question.removesuffix("?") + " now?"
        self.scale = FeelingScale(question, "checkin-after", self._answered)
        self.result = ft.Text("", size=14, key="checkin-result", visible=False)
        self.status = ft.Text("", size=13, color=ft.Colors.ON_SURFACE_VARIANT, key="note-status")
        self.note = ft.TextField(
            label="A note for yourself (optional)",
            hint_text="What you noticed, in a few words",
            key="note",
            max_length=NOTE_MAX_LENGTH,
            counter="",  # the cap is generous for one line: no "18/280" to read
            multiline=False,
            dense=True,
            expand=True,
            border_radius=RADIUS - 8,
            on_submit=self.save_note,
            on_blur=self.save_note,
        )
        self.control = card(
            [self.scale.control, self.result, ft.Row([self.note]), self.status],
            key="checkin-after-card",
        )

    def _answered(self, feeling: int | None) -> None:
        self.ctx.page.run_task(self.store_after, feeling)

    async def store_after(self, feeling: int | None) -> None:
        try:
            await run_blocking(self.ctx.practice.check_in_after, self.completion.id, feeling)
        except (KeyError, ValueError, OSError):
            log.exception("could not store the after check-in")
            self.result.value, self.result.visible = "This check-in could not be saved.", True
        else:
            self.result.value = change_line(self.completion.checkin_before, feeling)
            self.result.visible = feeling is not None
        refresh(self.result)

    async def save_note(self, e: Any = None) -> None:
        """Store the note if it changed (on Enter, on leaving the field, and before the finish
        screen moves on)."""
        text = self.note.value or ""
        if text.strip() == self._note_kept.strip():
            return
        self._note_kept = text
        try:
            await run_blocking(self.ctx.practice.write_note, self.completion.id, text)
        except (KeyError, ValueError, OSError):
            log.exception("could not store the note")
            self.status.value = "The note could not be saved."
        else:
            self.status.value = "Note saved." if text.strip() else "Note removed."
        refresh(self.status)


def change_line(before: int | None, after: int | None) -> str:
    """'Before 6, now 4: 2 points easier.' (how the person said they felt, nothing more)."""
    if after is None:
        return ""
    if before is None:
        return f"Noted: {after}."
    moved = before - after
    if moved > 0:
        how = f"{count(moved, 'point')} easier"
    elif moved < 0:
        how = f"{count(-moved, 'point')} less at ease"
    else:
        how = "the same as before"
    return f"Before {before}, now {after}: {how}."
