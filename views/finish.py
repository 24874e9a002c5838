"""The finish screen: a calm acknowledgement, how the body feels now (the after check-in and an
optional note), the streak as it stands, and what comes next."""

from __future__ import annotations

import flet as ft

from data.content.models import Lesson, Program
from data.practice_log.completion import Completion
from data.usecases.routes import lesson_route
from data.wording import format_duration
from views.checkin import AfterCheckin
from views.context import AppContext
from views.theme import CONTENT_MAX_WIDTH, SPACE_L, SPACE_M, SPACE_S, highlight_card


def build_finish_panel(
    ctx: AppContext,
    program: Program,
    lesson: Lesson,
    completion: Completion,
    next_lesson: Lesson | None,
    *,
    saved: bool,
    note: str | None = None,
) -> ft.Control:
    overview = ctx.practice.overview()
    stats, goal = overview.stats, overview.settings.daily_goal
    streak = stats.current_streak
    checkin = (
        AfterCheckin(ctx, program, completion) if saved and overview.settings.checkins_on else None
    )

    def leave(route: str) -> None:
        if checkin is not None:  # a note typed but not yet submitted goes with the pause
            ctx.page.run_task(checkin.save_note)
        ctx.navigate(route)

    actions: list[ft.Control] = []
    if next_lesson is not None:
        actions.append(
            ft.FilledButton(
                f"Next: {next_lesson.number}. {next_lesson.title}",
                icon=ft.Icons.PLAY_ARROW_ROUNDED,
                key="next-lesson",
                height=52,
                on_click=lambda e: leave(lesson_route(program.id, next_lesson.number)),
            )
        )
    actions.append(
        (ft.OutlinedButton if next_lesson else ft.FilledButton)(
            "Back to programs",
            icon=ft.Icons.SPA_OUTLINED,
            key="home",
            height=52,
            on_click=lambda e: leave("/"),
        )
    )
    saved_line = (
        "Saved to your log."
        if saved
        else note or "This pause is not saved yet; it is kept here and saved as soon as it can be."
    )
    column = ft.Column(
        [
            ft.Container(height=SPACE_L),
            ft.Icon(ft.Icons.ECO, size=56, color=ft.Colors.PRIMARY),
            ft.Text(
                "Well done",
                key="well-done",
                theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM,
                weight=ft.FontWeight.W_600,
                text_align=ft.TextAlign.CENTER,
            ),
            ft.Text(
                f"You finished lesson {lesson.number}, {lesson.title}: "
                f"{format_duration(completion.seconds)} of practice.",
                size=17,
                text_align=ft.TextAlign.CENTER,
            ),
            *([checkin.control] if checkin is not None else []),
            highlight_card(
                ft.Column(
                    [
                        ft.Text(
                            f"{streak}-day streak",
                            key="finish-streak",
                            size=28,
                            weight=ft.FontWeight.W_600,
                            color=ft.Colors.ON_PRIMARY_CONTAINER,
                        ),
                        ft.Text(
                            _streak_words(streak, stats.today_count, goal),
                            size=15,
                            color=ft.Colors.ON_PRIMARY_CONTAINER,
                            text_align=ft.TextAlign.CENTER,
                        ),
                    ],
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    spacing=SPACE_S,
                ),
            ),
            ft.Text(
                saved_line,
                key="saved-line",
                size=13,
                color=ft.Colors.ON_SURFACE_VARIANT,
                text_align=ft.TextAlign.CENTER,
            ),
            ft.Container(height=SPACE_S),
            *actions,
        ],
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        spacing=SPACE_M,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )
    return ft.Container(
        ft.Container(column, width=CONTENT_MAX_WIDTH - 240),
        alignment=ft.Alignment.TOP_CENTER,
        expand=True,
        padding=SPACE_M,
        key="finish",
    )


def _streak_words(streak: int, today_count: int, goal: int) -> str:
    if today_count < goal:
        return f"{today_count} of {goal} pauses today: {goal - today_count} more to keep the day."
    if streak <= 1:
        return "Today counts. Come back tomorrow to make it two."
    return f"{streak} days in a row. Small pauses add up."
