"""A program: what it is for, its safety note, and its numbered lessons with their "why"."""

from __future__ import annotations

import flet as ft

from data.content.models import Lesson, Program
from data.figures.studio import key_pose
from data.usecases.routes import lesson_route, program_route
from data.wording import count
from views.context import AppContext
from views.figure import still_figure
from views.shell import screen
from views.theme import RADIUS, SPACE_M, SPACE_S, figure_palette, pill, safety_card, section_title

LESSON_FIGURE_WIDTH = 96


def build_program_view(ctx: AppContext, program: Program) -> ft.View:
    done_ids = ctx.practice.done_lessons()
    done = sum(1 for lesson in program.lessons if lesson.id in done_ids)
    body: list[ft.Control] = [
        ft.Text(
            program.title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, weight=ft.FontWeight.W_600
        ),
        ft.Text(program.description, size=16),
        program_facts(program, done, minutes_suffix=" in all"),
        safety_card(program.safety_note, ctx.practice.catalogue.safety.red_flags),
        section_title("Lessons"),
        *[_lesson_card(ctx, program, lesson, lesson.id in done_ids) for lesson in program.lessons],
        ft.Container(height=SPACE_M),
    ]
    return screen(
        ctx,
        route=program_route(program.id),
        body=body,
        nav_index=0,
        title=program.title,
        key=f"program-view-{program.id}",
    )


def program_facts(program: Program, done: int, *, minutes_suffix: str = "") -> ft.Row:
    """'8 lessons · 35 min · 3 of 8 done' as pills, the same on the home and program screens."""
    lessons = len(program.lessons)
    return ft.Row(
        [
            pill(count(lessons, "lesson"), ft.Icons.VIEW_LIST_OUTLINED),
            pill(
                f"{round(program.total_seconds / 60)} min{minutes_suffix}", ft.Icons.TIMER_OUTLINED
            ),
            pill(
                f"{done} of {lessons} done",
                ft.Icons.CHECK_CIRCLE_OUTLINE,
                tone="done" if done else "neutral",
            ),
        ],
        wrap=True,
        spacing=SPACE_S,
        run_spacing=SPACE_S,
    )


def _lesson_card(ctx: AppContext, program: Program, lesson: Lesson, done: bool) -> ft.Card:
    picture = still_figure(
        ctx.figures,
        figure_palette(ctx.page),
        key_pose(ctx.figures.library, lesson),
        width=LESSON_FIGURE_WIDTH,
        key=f"lesson-figure-{lesson.id}",
        decorative=True,
    )
    badge = ft.Container(
        content=ft.Icon(ft.Icons.CHECK, color=ft.Colors.ON_PRIMARY, size=20)
        if done
        else ft.Text(
            str(lesson.number), weight=ft.FontWeight.W_600, color=ft.Colors.ON_SECONDARY_CONTAINER
        ),
        width=40,
        height=40,
        border_radius=20,
        alignment=ft.Alignment.CENTER,
        bgcolor=ft.Colors.PRIMARY if done else ft.Colors.SECONDARY_CONTAINER,
        tooltip="Done" if done else None,
    )
    return ft.Card(
        key=f"lesson-{lesson.id}",
        shape=ft.RoundedRectangleBorder(radius=RADIUS),
        content=ft.Container(
            padding=SPACE_M,
            border_radius=RADIUS,
            ink=True,
            on_click=lambda e: ctx.navigate(lesson_route(program.id, lesson.number)),
            content=ft.Row(
                [
                    badge,
                    ft.Column(
                        [
                            ft.Text(
                                f"{lesson.number}. {lesson.title}",
                                theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                                weight=ft.FontWeight.W_600,
                            ),
                            ft.Row(
                                [
                                    pill(f"{lesson.minutes} min", ft.Icons.TIMER_OUTLINED),
                                    pill(lesson.posture.value.capitalize()),
                                ],
                                spacing=SPACE_S,
                                wrap=True,
                            ),
                            ft.Text(lesson.why, size=15, color=ft.Colors.ON_SURFACE_VARIANT),
                        ],
                        spacing=6,
                        expand=True,
                    ),
                    *([picture] if picture is not None else []),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
                spacing=SPACE_M,
            ),
        ),
    )
