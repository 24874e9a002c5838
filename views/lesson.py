"""A lesson before it starts: what it is for, what you will do, and one big Start button."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.content.models import Lesson, Program, Step
from data.content.safety import SafetyLibrary
from data.content.vocabulary import EQUIPMENT_WORDS, Equipment, Sides
from data.figures.studio import spec_for_step
from data.player.timeline import KIND_WORDS, SegmentKind, Side
from data.wording import format_duration
from views.context import AppContext
from views.figure import still_figure
from views.theme import (
    CONTENT_MAX_WIDTH,
    RADIUS,
    SPACE_M,
    SPACE_S,
    card,
    figure_palette,
    pill,
    safety_card,
    section_title,
)

STEP_FIGURE_WIDTH = 72

KIND_ICONS: dict[str, ft.IconData] = {
    SegmentKind.SETUP: ft.Icons.DIRECTIONS_WALK,
    SegmentKind.MOVE: ft.Icons.WAVES,
    SegmentKind.HOLD: ft.Icons.PAN_TOOL_OUTLINED,
    SegmentKind.REST: ft.Icons.BEDTIME_OUTLINED,
    SegmentKind.BREATHE: ft.Icons.AIR,
    SegmentKind.READY: ft.Icons.HOURGLASS_EMPTY,
    SegmentKind.REST_BETWEEN: ft.Icons.BEDTIME_OUTLINED,
    SegmentKind.SWITCH: ft.Icons.SWAP_HORIZ,
}
EQUIPMENT_ICONS: dict[Equipment, ft.IconData] = {
    Equipment.CHAIR: ft.Icons.CHAIR_OUTLINED,
    Equipment.WALL: ft.Icons.BORDER_LEFT,
    Equipment.MAT: ft.Icons.CROP_LANDSCAPE,
    Equipment.CUSHION: ft.Icons.WEEKEND_OUTLINED,
    Equipment.BED: ft.Icons.BED_OUTLINED,
    Equipment.COUNTER: ft.Icons.TABLE_RESTAURANT_OUTLINED,
    Equipment.BLOCK: ft.Icons.VIEW_AGENDA_OUTLINED,
}


def step_summary(step: Step) -> str:
    """'30 s · 3× each side, 10 s rest between' — the shape of a step in one line."""
    if step.seconds is not None:
        length = format_duration(step.seconds)
    else:
        length = f"{step.count} × {step.pace_seconds:g} s"
    parts = [length]
    times = f"{step.repetitions}× " if step.repetitions > 1 else ""
    if step.sides is Sides.LEFT_THEN_RIGHT:
        parts.append(f"{times}each side, {step.side_text('left')} first")
    elif step.sides is Sides.ALTERNATE:
        parts.append(f"{times}alternating sides, {step.side_text('left')} first")
    elif step.repetitions > 1:
        parts.append(f"{step.repetitions}×")
    text = " · ".join(parts)
    if step.rest_between_seconds and step.segment_count > 1:
        text += f", {step.rest_between_seconds} s rest between"
    if step.switch is not None:
        text += f", {step.switch.seconds} s to change sides"
    return text


def equipment_pills(lesson: Lesson) -> list[ft.Control]:
    """'Chair', 'Mat or soft floor': what the lesson needs, as small tags."""
    return [pill(EQUIPMENT_WORDS[item], EQUIPMENT_ICONS[item]) for item in lesson.equipment]


def cautions_card(lesson: Lesson, safety: SafetyLibrary) -> list[ft.Control]:
    """'Before you start': the lesson's cautions, each a title and what to do; none, nothing."""
    cautions = [safety.cautions[c] for c in lesson.cautions if c in safety.cautions]
    if not cautions:
        return []
    rows: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.WARNING_AMBER_ROUNDED, size=20, color=ft.Colors.TERTIARY),
                ft.Column(
                    [
                        ft.Text(caution.title, size=15, weight=ft.FontWeight.W_600),
                        ft.Text(caution.text, size=14, color=ft.Colors.ON_SURFACE_VARIANT),
                    ],
                    spacing=2,
                    expand=True,
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
            spacing=SPACE_S + 4,
        )
        for caution in cautions
    ]
    return [
        ft.Container(
            ft.Column([section_title("Before you start"), *rows], spacing=SPACE_M - 4),
            key="cautions",
            padding=SPACE_M,
            border_radius=RADIUS - 4,
            border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        )
    ]


def _step_row(step: Step, picture: ft.Control | None) -> ft.Row:
    details: list[ft.Control] = [
        ft.Text(step.instruction, size=15),
        ft.Text(
            f"{KIND_WORDS[SegmentKind(step.kind.value)]} · {step_summary(step)}",
            size=13,
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
    ]
    if step.caution:
        details.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.WARNING_AMBER_ROUNDED, size=16, color=ft.Colors.TERTIARY),
                    ft.Text(step.caution, size=13, expand=True, color=ft.Colors.ON_SURFACE),
                ],
                spacing=6,
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        )
    marker = picture or ft.Container(
        ft.Icon(KIND_ICONS[step.kind], size=20, color=ft.Colors.ON_SECONDARY_CONTAINER),
        width=36,
        height=36,
        border_radius=18,
        alignment=ft.Alignment.CENTER,
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
    )
    return ft.Row(
        [marker, ft.Column(details, spacing=2, expand=True)],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=SPACE_M - 4,
    )


def build_lesson_intro(
    ctx: AppContext,
    program: Program,
    lesson: Lesson,
    on_start: Callable[[], None],
    checkin: ft.Control | None = None,
) -> ft.Control:
    """The lesson page body (the player replaces it when Start is pressed); ``checkin``, the
    "how does it feel" question, sits right above Start."""
    palette = figure_palette(ctx.page)
    library = ctx.figures.library
    steps = [
        _step_row(
            step,
            still_figure(
                ctx.figures,
                palette,
                spec_for_step(library, step, Side.LEFT if step.side_label else None, moving=False),
                width=STEP_FIGURE_WIDTH,
                key=f"step-figure-{number}",
            ),
        )
        for number, step in enumerate(lesson.steps, start=1)
    ]
    safety = ctx.practice.catalogue.safety
    column = ft.Column(
        [
            ft.Text(
                f"{program.title} · Lesson {lesson.number}",
                size=14,
                color=ft.Colors.PRIMARY,
                weight=ft.FontWeight.W_600,
            ),
            ft.Text(
                lesson.title,
                theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
                weight=ft.FontWeight.W_600,
            ),
            ft.Row(
                [
                    pill(format_duration(lesson.total_seconds), ft.Icons.TIMER_OUTLINED),
                    pill(lesson.posture.value.capitalize(), ft.Icons.ACCESSIBILITY_NEW),
                    *equipment_pills(lesson),
                ],
                wrap=True,
                spacing=SPACE_S,
                run_spacing=SPACE_S,
            ),
            ft.Text(lesson.why, size=16),
            *cautions_card(lesson, safety),
            *([checkin] if checkin is not None else []),
            ft.FilledButton(
                "Start",
                icon=ft.Icons.PLAY_ARROW_ROUNDED,
                key="start",
                height=56,
                tooltip="Start this Micro Pause",
                on_click=lambda e: on_start(),
            ),
            safety_card(program.safety_note, safety.red_flags),
            card(steps, title="What you will do", padding=SPACE_M),
            ft.Container(height=SPACE_M),
        ],
        spacing=SPACE_M,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
    return ft.Container(
        content=ft.Container(column, width=CONTENT_MAX_WIDTH),
        alignment=ft.Alignment.TOP_CENTER,
        expand=True,
        padding=ft.Padding.only(left=SPACE_M, right=SPACE_M, top=SPACE_M),
        key="lesson-intro",
    )
