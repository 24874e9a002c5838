"""Home: the day at a glance first (streak, today, what to do next), then the programs."""

from __future__ import annotations

import flet as ft

from data.content.models import Program
from data.figures.studio import key_pose
from data.runtime.timezones import local_time
from data.usecases.overview import Overview
from data.usecases.routes import lesson_route, program_route
from views.context import AppContext
from views.figure import still_figure
from views.program import program_facts
from views.shell import WIDE_MAX_WIDTH, screen, two_columns
from views.theme import (
    RADIUS,
    SPACE_L,
    SPACE_M,
    SPACE_S,
    card,
    figure_palette,
    highlight_card,
    section_title,
)
from views.week import REST_ICON, week_strip


def greeting(hour: int) -> str:
    if 5 <= hour < 12:
        return "Good morning"
    if 12 <= hour < 18:
        return "Good afternoon"
    if 18 <= hour < 23:
        return "Good evening"
    return "Hello, night owl"


def build_home_view(ctx: AppContext) -> ft.View:
    overview = ctx.practice.overview()
    programs = ctx.practice.catalogue.programs
    cards: list[ft.Control] = [
        _program_card(ctx, program, overview.program_progress.get(program.id, (0, 0)))
        for program in programs
    ]
    left: list[ft.Control] = [
        ft.Text(
            "Micro Pause", theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM, weight=ft.FontWeight.W_600
        ),
        _glance_card(ctx, overview),
        *[_notice(text) for text in ctx.notices],
        *(_up_next(ctx, overview) if ctx.wide else []),
    ]
    right: list[ft.Control] = [
        section_title("Programs"),
        ft.ResponsiveRow(cards, spacing=SPACE_S, run_spacing=SPACE_S, key="program-cards"),
    ]
    if not programs:
        right.append(ft.Text("No programs could be loaded. Check the content folder and restart."))
    body = [*two_columns(ctx, left, right), ft.Container(height=SPACE_M)]
    return screen(ctx, route="/", body=body, nav_index=0, key="home", max_width=WIDE_MAX_WIDTH)


def _glance_card(ctx: AppContext, overview: Overview) -> ft.Container:
    stats = overview.stats
    goal = overview.settings.daily_goal
    if stats.today_done:
        today_text = "Today's pause is done. Another one is always welcome."
        today_icon = ft.Icons.CHECK_CIRCLE
    elif stats.today_rest:
        today_text = "Today is a rest day: your streak is safe. A pause still counts, if you like."
        today_icon = REST_ICON
    elif stats.at_risk:
        today_text = f"Keep your {stats.current_streak}-day streak: one pause today is enough."
        today_icon = ft.Icons.RADIO_BUTTON_UNCHECKED
    else:
        today_text = "A few quiet minutes for your body. Start whenever you like."
        today_icon = ft.Icons.RADIO_BUTTON_UNCHECKED
    if goal > 1 and not stats.today_done and not stats.today_rest:
        today_text = f"{stats.today_count} of {goal} pauses today. " + today_text.split(". ", 1)[-1]
    days = stats.current_streak
    return highlight_card(
        key="glance",
        content=ft.Column(
            [
                ft.Text(
                    greeting(local_time(ctx.practice.clock.now(), ctx.practice.timezone).hour),
                    size=15,
                    color=ft.Colors.ON_PRIMARY_CONTAINER,
                ),
                ft.Row(
                    [
                        ft.Icon(ft.Icons.ECO, color=ft.Colors.PRIMARY, size=30),
                        ft.Text(
                            f"{days}-day streak" if days else "No streak yet",
                            key="home-streak",
                            size=26,
                            weight=ft.FontWeight.W_600,
                            color=ft.Colors.ON_PRIMARY_CONTAINER,
                        ),
                    ],
                    spacing=SPACE_S,
                ),
                ft.Row(
                    [
                        ft.Icon(today_icon, size=18, color=ft.Colors.ON_PRIMARY_CONTAINER),
                        ft.Text(
                            today_text, size=15, expand=True, color=ft.Colors.ON_PRIMARY_CONTAINER
                        ),
                    ],
                    spacing=SPACE_S,
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                week_strip(overview),
                *_hint(ctx, overview),
                ft.Container(height=4),
                *_continue_button(ctx, overview),
            ],
            spacing=SPACE_S + 2,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
    )


def _notice(text: str) -> ft.Container:
    return ft.Container(
        content=ft.Row(
            [
                ft.Icon(ft.Icons.INFO_OUTLINE, color=ft.Colors.ON_SECONDARY_CONTAINER),
                ft.Text(text, expand=True, color=ft.Colors.ON_SECONDARY_CONTAINER),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        border_radius=RADIUS - 4,
        padding=SPACE_M,
    )


def _program_card(ctx: AppContext, program: Program, done_total: tuple[int, int]) -> ft.Card:
    done, total = done_total
    total = total or len(program.lessons)
    details: list[ft.Control] = [
        ft.Text(
            program.title, theme_style=ft.TextThemeStyle.TITLE_LARGE, weight=ft.FontWeight.W_600
        ),
        ft.Text(program.summary, size=15, color=ft.Colors.ON_SURFACE_VARIANT),
        program_facts(program, done),
    ]
    if done:
        details.append(ft.ProgressBar(value=done / total, border_radius=4, height=6))
    return ft.Card(
        key=f"program-{program.id}",
        col={"xs": 12, "sm": 6},  # two columns once the content is wide enough
        content=ft.Container(
            content=ft.Column(details, spacing=SPACE_S + 2),
            padding=SPACE_M + 4,
            border_radius=RADIUS,
            on_click=lambda e: ctx.navigate(program_route(program.id)),
            ink=True,
        ),
        shape=ft.RoundedRectangleBorder(radius=RADIUS),
    )


def _up_next(ctx: AppContext, overview: Overview) -> list[ft.Control]:
    """On a wide screen, what the next lesson is about, with its figure."""
    if overview.continue_with is None:
        return []
    _, lesson = overview.continue_with
    picture = still_figure(
        ctx.figures,
        figure_palette(ctx.page),
        key_pose(ctx.figures.library, lesson),
        width=150,
        key="up-next-figure",
        decorative=True,
    )
    words = ft.Column(
        [
            ft.Text(f"Up next · lesson {lesson.number}", size=13, color=ft.Colors.PRIMARY),
            ft.Text(lesson.title, theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            ft.Text(lesson.why, size=14, color=ft.Colors.ON_SURFACE_VARIANT),
        ],
        spacing=4,
        expand=True,
    )
    row = [words, *([picture] if picture is not None else [])]
    return [card(ft.Row(row, vertical_alignment=ft.CrossAxisAlignment.START), key="up-next")]


def _continue_button(ctx: AppContext, overview: Overview) -> list[ft.Control]:
    """'Continue: 3. Title', the one primary action of the screen."""
    if overview.continue_with is None:
        return []
    program, lesson = overview.continue_with
    return [
        ft.FilledButton(
            content=ft.Text(
                f"Continue: {lesson.number}. {lesson.title}",
                max_lines=2,
                overflow=ft.TextOverflow.ELLIPSIS,
            ),
            icon=ft.Icons.PLAY_ARROW_ROUNDED,
            key="continue",
            # No fixed height: at a large text size the title wraps to a second line.
            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=SPACE_L, vertical=14)),
            on_click=lambda e: ctx.navigate(lesson_route(program.id, lesson.number)),
        )
    ]


def _hint(ctx: AppContext, overview: Overview) -> list[ft.Control]:
    at = ctx.next_nudge_at(overview)
    if at is None:
        return []
    return [
        ft.Row(
            [
                ft.Icon(ft.Icons.NOTIFICATIONS_NONE, size=18, color=ft.Colors.ON_PRIMARY_CONTAINER),
                ft.Text(
                    f"Next pause nudge around {at:%H:%M}",
                    key="nudge-hint",
                    size=14,
                    color=ft.Colors.ON_PRIMARY_CONTAINER,
                ),
            ],
            spacing=8,
        )
    ]
