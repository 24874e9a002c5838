"""The player's face: a big countdown in a ring, the instruction, and thumb-sized controls.

It only draws a ``Readout``; the timing lives in ``data.player.sequencer`` and the loop in
``views.lesson_screen``. Get-ready and rests are drawn softer than the work itself.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.player.sequencer import Phase, Readout
from data.player.timeline import KIND_WORDS, SegmentKind
from data.wording import plural
from views.lesson import KIND_ICONS
from views.theme import CONTENT_MAX_WIDTH, MIN_TOUCH, SPACE_L, SPACE_M, SPACE_S, named_icon

RING_SIZE = 232
RING_SIZE_PHONE = 150
"""On a phone the figure stands above the countdown, so the ring is smaller (the numerals stay
at least 64 px) and shares its row with the kind of step and the counter."""
STACK_FROM_SCALE = 1.3
"""From this text size on a phone, the step's kind goes above the ring, not beside it: the
ring has grown with the numerals and leaves too little width beside it for the words."""
FIGURE_PHONE = (300, 225)
FIGURE_WIDE = (480, 360)
SOFT_KINDS = (
    SegmentKind.READY,
    SegmentKind.SETUP,
    SegmentKind.REST,
    SegmentKind.REST_BETWEEN,
    SegmentKind.SWITCH,
)
"""Getting ready, into position, resting or changing sides: drawn softer than the work."""


class PlayerPanel:
    """The controls of the playing screen, updated in place on every tick."""

    def __init__(
        self,
        title: str,
        *,
        on_toggle: Callable[[], None],
        on_back: Callable[[], None],
        on_skip: Callable[[], None],
        on_stop: Callable[[], None],
        on_mute: Callable[[], None],
        sound_on: bool,
        figure: ft.Control | None = None,
        wide: bool = False,
        text_scale: float = 1.0,
    ) -> None:
        self.wide = wide
        self.stacked = not wide and text_scale >= STACK_FROM_SCALE
        # The countdown's numerals grow with the text size, so the ring around them does too.
        ring = round((RING_SIZE if wide else RING_SIZE_PHONE) * text_scale)
        self.lesson_bar = ft.ProgressBar(
            value=0,
            height=4,
            border_radius=2,
            key="lesson-progress",
            semantics_label="Lesson progress",
        )
        self.kind_icon = ft.Icon(ft.Icons.HOURGLASS_EMPTY, size=22)
        self.kind_word = ft.Text("Get ready", size=18, weight=ft.FontWeight.W_600, key="kind")
        self.counter = ft.Text("", size=16, key="counter", color=ft.Colors.ON_SURFACE_VARIANT)
        self.ring = ft.ProgressRing(
            value=0,
            width=ring,
            height=ring,
            stroke_width=10,
            stroke_cap=ft.StrokeCap.ROUND,
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        )
        self.seconds = ft.Text(
            "0", size=76 if wide else 64, weight=ft.FontWeight.W_300, key="countdown"
        )
        self.seconds_caption = ft.Text("seconds", size=14, color=ft.Colors.ON_SURFACE_VARIANT)
        self.instruction = ft.Text("", size=23, text_align=ft.TextAlign.CENTER, key="instruction")
        self.cue = ft.Text(
            "",
            size=16,
            italic=True,
            text_align=ft.TextAlign.CENTER,
            color=ft.Colors.ON_SURFACE_VARIANT,
            key="cue",
            visible=False,
        )
        self.side_note = ft.Text(
            "", size=16, weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY, key="side-note"
        )
        self.caution_text = ft.Text("", size=15, key="step-caution", expand=True)
        self.caution = ft.Row(
            [
                ft.Icon(ft.Icons.WARNING_AMBER_ROUNDED, size=18, color=ft.Colors.TERTIARY),
                self.caution_text,
            ],
            spacing=6,
            alignment=ft.MainAxisAlignment.CENTER,
            vertical_alignment=ft.CrossAxisAlignment.START,
            visible=False,
        )
        self.next_line = ft.Text(
            "",
            size=15,
            text_align=ft.TextAlign.CENTER,
            key="next",
            color=ft.Colors.ON_SURFACE_VARIANT,
            max_lines=2,
            overflow=ft.TextOverflow.ELLIPSIS,
        )
        self.toggle = ft.FilledButton(
            "Pause",
            icon=ft.Icons.PAUSE_ROUNDED,
            key="toggle",
            height=64,
            tooltip="Pause or resume (Space)",
            on_click=lambda e: on_toggle(),
        )
        self.back = ft.IconButton(
            named_icon(ft.Icons.SKIP_PREVIOUS_ROUNDED, "Back"),
            tooltip="Back (Left arrow)",
            key="back",
            icon_size=32,
            width=64,
            height=64,
            on_click=lambda e: on_back(),
        )
        self.skip = ft.IconButton(
            named_icon(ft.Icons.SKIP_NEXT_ROUNDED, "Skip"),
            tooltip="Skip (Right arrow)",
            key="skip",
            icon_size=32,
            width=64,
            height=64,
            on_click=lambda e: on_skip(),
        )
        self.stop = ft.IconButton(
            named_icon(ft.Icons.CLOSE_ROUNDED, "Stop"),
            tooltip="Stop (Escape)",
            key="stop",
            width=MIN_TOUCH,
            height=MIN_TOUCH,
            on_click=lambda e: on_stop(),
        )
        self.mute = ft.IconButton(
            ft.Icons.VOLUME_UP_OUTLINED,
            key="mute",
            width=MIN_TOUCH,
            height=MIN_TOUCH,
            on_click=lambda e: on_mute(),
        )
        self.show_sound(sound_on)
        self.control = self._layout(title, figure, ring)

    def show_sound(self, on: bool) -> None:
        """Show, and say to a screen reader, whether sound is on and what a press will do."""
        if on:
            self.mute.icon = named_icon(
                ft.Icons.VOLUME_UP_OUTLINED, "Sound on: mute voice and sounds"
            )
            self.mute.tooltip = "Mute voice and sounds"
        else:
            self.mute.icon = named_icon(
                ft.Icons.VOLUME_OFF_OUTLINED, "Sound off: turn voice and sounds on"
            )
            self.mute.tooltip = "Turn voice and sounds on"

    def _layout(self, title: str, figure: ft.Control | None, ring: int) -> ft.Control:
        header = ft.Row(
            [
                self.stop,
                ft.Text(
                    title,
                    size=15,
                    expand=True,
                    max_lines=1,
                    text_align=ft.TextAlign.CENTER,
                    overflow=ft.TextOverflow.ELLIPSIS,
                    color=ft.Colors.ON_SURFACE_VARIANT,
                ),
                self.mute,
            ],
        )
        dial = ft.Stack(
            [
                self.ring,
                ft.Container(
                    ft.Column(
                        [self.seconds, self.seconds_caption],
                        spacing=0,
                        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                        tight=True,
                    ),
                    width=ring,
                    height=ring,
                    alignment=ft.Alignment.CENTER,
                ),
            ],
            width=ring,
            height=ring,
        )
        words: list[ft.Control] = [self.instruction, self.cue, self.caution]
        kind = ft.Row(
            [self.kind_icon, self.kind_word],
            alignment=ft.MainAxisAlignment.CENTER,
            spacing=SPACE_S,
            wrap=True,
        )
        if self.wide:  # the figure beside the countdown and the words
            middle: list[ft.Control] = [
                kind,
                self.counter,
                self.side_note,
                ft.Row(
                    [
                        *([figure] if figure is not None else []),
                        ft.Column(
                            [dial, *words],
                            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                            spacing=SPACE_S + 2,
                            expand=True,
                        ),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                    spacing=SPACE_L,
                ),
            ]
        elif self.stacked:  # a phone with large text: figure, kind, countdown, one above another
            status = ft.Column(
                [kind, self.counter, self.side_note],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                spacing=4,
            )
            middle = [*([figure] if figure is not None else []), status, dial, *words]
        else:  # a phone: the figure above the countdown, which shares a row with the kind
            status = ft.Column(
                [kind, self.counter, self.side_note],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                spacing=4,
                expand=True,
            )
            middle = [
                *([figure] if figure is not None else []),
                ft.Row(
                    [dial, status],
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                    spacing=SPACE_M,
                ),
                *words,
            ]
        body = ft.Column(
            [
                header,
                self.lesson_bar,
                *middle,
                ft.Container(expand=True),
                self.next_line,
                ft.Row(
                    [self.back, ft.Container(self.toggle, width=168), self.skip],
                    alignment=ft.MainAxisAlignment.CENTER,
                    spacing=SPACE_M,
                ),
                ft.Container(height=SPACE_S),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=SPACE_S + 2,
            expand=True,
            scroll=ft.ScrollMode.AUTO,
        )
        width = CONTENT_MAX_WIDTH + 200 if self.wide else CONTENT_MAX_WIDTH - 160
        return ft.Container(
            ft.Container(body, width=width),
            alignment=ft.Alignment.TOP_CENTER,
            expand=True,
            padding=ft.Padding.symmetric(horizontal=SPACE_M, vertical=SPACE_S),
            key="player",
        )

    def show(self, r: Readout) -> None:
        """Draw one instant of the lesson; cheap enough to call on every tick."""
        segment = r.segment
        soft = segment.kind in SOFT_KINDS
        color = ft.Colors.SECONDARY if soft else ft.Colors.PRIMARY
        self.kind_icon.icon = KIND_ICONS[segment.kind]
        self.kind_icon.color = color
        self.kind_word.value = KIND_WORDS[segment.kind]
        self.kind_word.color = color
        self.counter.value = segment.counter
        self.counter.visible = bool(segment.counter)
        self.ring.value = min(1.0, max(0.0, r.segment_fraction))
        self.ring.color = ft.Colors.with_opacity(0.55, color) if soft else color
        unit = plural(r.display_seconds, "second")
        self.seconds.value = str(r.display_seconds)
        self.seconds.semantics_label = f"{r.display_seconds} {unit} left"
        self.instruction.value = segment.instruction
        switched = segment.switches_side and segment.side is not None
        side_now = f"Now the {segment.side} side: {segment.side_text}"
        self.side_note.value = side_now if switched else ""
        self.side_note.visible = switched
        self.cue.value = segment.step.cue or ""
        self.cue.visible = bool(segment.step.cue) and segment.is_work
        self.caution_text.value = segment.step.caution or ""
        self.caution.visible = bool(segment.step.caution) and segment.kind is not SegmentKind.READY
        nxt = r.next_segment
        self.next_line.value = f"Next: {_next_text(nxt)}" if nxt else "Next: finish"
        self.lesson_bar.value = min(1.0, max(0.0, r.lesson_fraction))
        paused = r.phase is Phase.PAUSED
        self.toggle.content = "Resume" if paused else "Pause"
        self.toggle.icon = ft.Icons.PLAY_ARROW_ROUNDED if paused else ft.Icons.PAUSE_ROUNDED
        self.seconds_caption.value = "paused" if paused else unit


def _next_text(segment: object) -> str:
    from data.player.timeline import Segment

    assert isinstance(segment, Segment)
    if segment.kind is SegmentKind.REST_BETWEEN:
        return f"rest {round(segment.duration)} s"
    if segment.kind is SegmentKind.SWITCH:
        return segment.label
    words = segment.label
    instruction = segment.step.instruction
    first = instruction.split(". ")[0].rstrip(".")
    return f"{words} · {first}" if first else words
