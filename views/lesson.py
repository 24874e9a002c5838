"""A lesson before it starts: what it is for, what you will do, and one big Start button."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.content.models import Lesson, Program, Sides, Step, StepKind
from data.wording import format_duration
from views.context import AppContext
from views.theme import CONTENT_MAX_WIDTH, SPACE_M, SPACE_S, card, pill, safety_card

KIND_ICONS: dict[str, ft.IconData] = {
    StepKind.MOVE: ft.Icons.WAVES,
    StepKind.HOLD: ft.Icons.PAN_TOOL_OUTLINED,
    StepKind.REST: ft.Icons.BEDTIME_OUTLINED,
    StepKind.BREATHE: ft.Icons.AIR,
    "ready": ft.Icons.HOURGLASS_EMPTY,
    "rest-between": ft.Icons.BEDTIME_OUTLINED,
}


def step_summary(step: Step) -> str:
    """'30 s · 3× each side, 10 s rest between' — the shape of a step in one line."""
    if step.seconds is not None:
        length = format_duration(step.seconds)
    else:
        length = f"{step.count} × {step.pace_seconds:g} s"
    parts = [length]
    if step.sides is Sides.LEFT_THEN_RIGHT:
        parts.append(f"{step.repetitions}× each side" if step.repetitions > 1 else "each side")
    elif step.sides is Sides.ALTERNATE:
        parts.append(
            f"{step.repetitions}× alternating sides"
            if step.repetitions > 1
            else "alternating sides"
        )
    elif step.repetitions > 1:
        parts.append(f"{step.repetitions}×")
    text = " · ".join(parts)
    if step.rest_between_seconds and step.segment_count > 1:
        text += f", {step.rest_between_seconds} s rest between"
    return text


def build_lesson_intro(
    ctx: AppContext, program: Program, lesson: Lesson, on_start: Callable[[], None]
) -> ft.Control:
    """The lesson page body (the player replaces it when Start is pressed)."""
    steps = [
        ft.Row(
            [
                ft.Container(
                    ft.Icon(KIND_ICONS[step.kind], size=20, color=ft.Colors.ON_SECONDARY_CONTAINER),
                    width=36,
                    height=36,
                    border_radius=18,
                    alignment=ft.Alignment.CENTER,
                    bgcolor=ft.Colors.SECONDARY_CONTAINER,
                    tooltip=step.kind.value.capitalize(),
                ),
                ft.Column(
                    [
                        ft.Text(step.instruction, size=15),
                        ft.Text(step_summary(step), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                    ],
                    spacing=2,
                    expand=True,
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
            spacing=SPACE_M - 4,
        )
        for step in lesson.steps
    ]
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
                    *([pill("Chair", ft.Icons.CHAIR_OUTLINED)] if lesson.needs_chair else []),
                ],
                wrap=True,
                spacing=SPACE_S,
                run_spacing=SPACE_S,
            ),
            ft.Text(lesson.why, size=16),
            ft.FilledButton(
                "Start",
                icon=ft.Icons.PLAY_ARROW_ROUNDED,
                key="start",
                height=56,
                tooltip="Start this Micro Pause",
                on_click=lambda e: on_start(),
            ),
            safety_card(program.safety_note),
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
