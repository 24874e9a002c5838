"""Progress: the streak as a calm number, a heat map of recent weeks (rest days marked), what
helps (``views.what_helps``), programs and history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

import flet as ft

from data.practice_log.completion import Completion
from data.progress.streaks import StreakStats
from data.usecases.overview import Overview
from data.wording import count, plural
from views.context import AppContext
from views.shell import WIDE_MAX_WIDTH, screen, two_columns
from views.theme import RADIUS, SPACE_M, SPACE_S, highlight_card, pill, section_title
from views.week import REST_ICON, WEEKDAY_LETTERS, day_words, rest_mark
from views.what_helps import what_helps_section

HEAT_WEEKS = 12
HEAT_WEEKS_WIDE = 26
"""Half a year where the screen has room for it; twelve weeks fit a phone."""
HISTORY_LIMIT = 40
CELL = 16


def build_progress_view(ctx: AppContext) -> ft.View:
    overview = ctx.practice.overview()
    stats, goal = overview.stats, overview.settings.daily_goal
    weeks = HEAT_WEEKS_WIDE if ctx.wide else HEAT_WEEKS
    left: list[ft.Control] = [
        ft.Text(
            "Progress", theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM, weight=ft.FontWeight.W_600
        ),
        _streak_card(stats, goal),
        _figures(stats),
        *_nudge_line(overview),
    ]
    heat = [
        section_title(f"The last {weeks} weeks"),
        heat_map(stats.day_counts, overview.today, goal, weeks, overview.is_rest_day),
        *what_helps_section(ctx, overview),
    ]
    programs = [section_title("Programs"), *_program_rows(ctx, overview)]
    history = [section_title("History"), *_history(ctx, overview.history)]
    if ctx.wide:  # the streak and programs on the left, the weeks and the history beside them
        body = two_columns(ctx, [*left, *programs], [*heat, *history])
    else:
        body = [*left, *heat, *programs, *history]
    body.append(ft.Container(height=SPACE_M))
    return screen(
        ctx, route="/progress", body=body, nav_index=1, key="progress", max_width=WIDE_MAX_WIDTH
    )


def _streak_card(stats: StreakStats, goal: int) -> ft.Container:
    if stats.today_done:
        today = "Today: done"
        icon = ft.Icons.CHECK_CIRCLE
    elif stats.today_rest:
        today = "Today: a rest day — your streak is safe"
        icon = REST_ICON
    elif stats.at_risk:
        today = "Today: still to do — your streak is waiting for one pause"
        icon = ft.Icons.RADIO_BUTTON_UNCHECKED
    else:
        today = "Today: still to do"
        icon = ft.Icons.RADIO_BUTTON_UNCHECKED
    if goal > 1 and not stats.today_rest:
        today += f" ({stats.today_count} of {goal})"
    return highlight_card(
        key="streak-card",
        content=ft.Column(
            [
                ft.Text("Current streak", size=15, color=ft.Colors.ON_PRIMARY_CONTAINER),
                ft.Row(
                    [
                        ft.Icon(ft.Icons.ECO, size=36, color=ft.Colors.PRIMARY),
                        ft.Text(
                            str(stats.current_streak),
                            key="current-streak",
                            size=48,
                            weight=ft.FontWeight.W_600,
                            color=ft.Colors.ON_PRIMARY_CONTAINER,
                        ),
                        ft.Text(
                            plural(stats.current_streak, "day"),
                            size=18,
                            color=ft.Colors.ON_PRIMARY_CONTAINER,
                        ),
                    ],
                    spacing=SPACE_S,
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                ),
                ft.Row(
                    [
                        ft.Icon(icon, size=18, color=ft.Colors.ON_PRIMARY_CONTAINER),
                        ft.Text(
                            today,
                            key="today-state",
                            expand=True,
                            color=ft.Colors.ON_PRIMARY_CONTAINER,
                        ),
                    ],
                    spacing=SPACE_S,
                ),
            ],
            spacing=SPACE_S,
        ),
    )


def _figures(stats: StreakStats) -> ft.ResponsiveRow:
    figures = [
        ("Longest streak", f"{stats.longest_streak}", "longest-streak"),
        ("Days practised", f"{stats.days_practised}", "days-practised"),
        ("Minutes", f"{stats.minutes}", "minutes"),
        ("This week", f"{stats.this_week}", "this-week"),
    ]
    return ft.ResponsiveRow(
        [
            ft.Container(
                ft.Column(
                    [
                        ft.Text(value, key=key, size=26, weight=ft.FontWeight.W_600),
                        ft.Text(label, size=14, color=ft.Colors.ON_SURFACE_VARIANT),
                    ],
                    spacing=2,
                ),
                col={"xs": 6, "md": 3},
                bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
                border_radius=RADIUS - 6,
                padding=SPACE_M,
            )
            for label, value, key in figures
        ],
        spacing=SPACE_S,
        run_spacing=SPACE_S,
    )


def _no_rest(day: date) -> bool:
    return False


def heat_map(
    day_counts: dict[date, int],
    today: date,
    goal: int,
    weeks: int = HEAT_WEEKS,
    is_rest: Callable[[date], bool] = _no_rest,
) -> ft.Control:
    """Weeks as columns (Monday on top), one hue at four intensities; today outlined; rest
    days (this week's ahead too) carry a small moon."""
    first_monday = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    columns: list[ft.Control] = [
        ft.Column(
            [
                ft.Container(
                    ft.Text(letter, size=10, color=ft.Colors.ON_SURFACE_VARIANT),
                    width=CELL,
                    height=CELL,
                    alignment=ft.Alignment.CENTER,
                )
                for letter in WEEKDAY_LETTERS
            ],
            spacing=4,
        )
    ]
    for week in range(weeks):
        cells: list[ft.Control] = []
        for weekday in range(7):
            day = first_monday + timedelta(days=7 * week + weekday)
            pauses = day_counts.get(day, 0)
            rest = is_rest(day)
            past = day <= today
            if rest and not pauses:
                fill: str | None = ft.Colors.SURFACE_CONTAINER_LOW
            else:
                fill = _heat_color(pauses, goal) if past else None
            if day == today:
                edge: ft.Border | None = ft.Border.all(1.5, ft.Colors.PRIMARY)
            else:
                edge = ft.Border.all(1, ft.Colors.OUTLINE_VARIANT) if rest and not pauses else None
            cells.append(
                ft.Container(
                    rest_mark(11, ft.Colors.ON_PRIMARY if pauses else ft.Colors.OUTLINE)
                    if rest
                    else None,
                    width=CELL,
                    height=CELL,
                    border_radius=4,
                    bgcolor=fill,
                    border=edge,
                    alignment=ft.Alignment.CENTER,
                    tooltip=day_words(day, pauses, rest) if past or rest else None,
                    key=f"heat-{day.isoformat()}-rest" if rest else None,
                )
            )
        columns.append(ft.Column(cells, spacing=4))
    legend = ft.Row(
        [
            ft.Text("Less", size=12, color=ft.Colors.ON_SURFACE_VARIANT),
            *[
                ft.Container(width=12, height=12, border_radius=3, bgcolor=_heat_color(n, 3))
                for n in range(4)
            ],
            ft.Text("More", size=12, color=ft.Colors.ON_SURFACE_VARIANT),
            *(
                [
                    ft.Container(width=SPACE_S),
                    rest_mark(14, ft.Colors.OUTLINE),
                    ft.Text("Rest day", size=12, color=ft.Colors.ON_SURFACE_VARIANT),
                ]
                if any(is_rest(first_monday + timedelta(days=d)) for d in range(7))
                else []
            ),
        ],
        spacing=4,
    )
    return ft.Column(
        [ft.Row(columns, spacing=4, scroll=ft.ScrollMode.AUTO, key="heat-map"), legend],
        spacing=SPACE_S,
    )


def _heat_color(pauses: int, goal: int) -> str:
    if pauses <= 0:
        return ft.Colors.SURFACE_CONTAINER_HIGHEST
    level = min(3, 1 + (2 * pauses) // max(goal, 1) if pauses < goal else 3)
    return ft.Colors.with_opacity((0.35, 0.6, 1.0)[level - 1], ft.Colors.PRIMARY)


def _program_rows(ctx: AppContext, overview: Overview) -> list[ft.Control]:
    rows: list[ft.Control] = []
    for program in ctx.practice.catalogue.programs:
        done, total = overview.program_progress.get(program.id, (0, len(program.lessons)))
        rows.append(
            ft.Column(
                [
                    ft.Row(
                        [
                            ft.Text(program.title, expand=True, size=15),
                            ft.Text(
                                f"{done} of {total} lessons",
                                size=14,
                                key=f"progress-{program.id}",
                                color=ft.Colors.ON_SURFACE_VARIANT,
                            ),
                        ]
                    ),
                    ft.ProgressBar(value=done / total if total else 0, height=6, border_radius=3),
                ],
                spacing=6,
            )
        )
    return rows


def _history(ctx: AppContext, newest: Sequence[Completion]) -> list[ft.Control]:
    if not newest:
        return [
            ft.Container(
                ft.Column(
                    [
                        ft.Text(
                            "Your log is empty. Finish a Micro Pause and it shows up here.",
                            key="empty-history",
                            size=15,
                        ),
                        ft.FilledButton(
                            "Choose a Micro Pause",
                            icon=ft.Icons.SPA,
                            on_click=lambda e: ctx.navigate("/"),
                        ),
                    ],
                    spacing=SPACE_M,
                ),
                padding=SPACE_M,
                border_radius=RADIUS - 6,
                bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
            )
        ]
    rows: list[ft.Control] = [_history_row(c) for c in newest[:HISTORY_LIMIT]]
    if len(newest) > HISTORY_LIMIT:
        rows.append(
            ft.Text(
                f"and {count(len(newest) - HISTORY_LIMIT, 'earlier Micro Pause')} "
                "(Settings › Backup exports them all)",
                size=13,
                color=ft.Colors.ON_SURFACE_VARIANT,
            )
        )
    return rows


def _history_row(c: Completion) -> ft.Control:
    local = c.local_finished_at()
    minutes = max(1, round(c.seconds / 60)) if c.seconds else 0
    tags: list[ft.Control] = [pill(f"{minutes} min", ft.Icons.TIMER_OUTLINED)]
    if not c.completed:
        tags.append(pill("unfinished", tone="accent"))
    return ft.Row(
        [
            ft.Icon(
                ft.Icons.CHECK_CIRCLE if c.completed else ft.Icons.REMOVE_CIRCLE_OUTLINE,
                color=ft.Colors.PRIMARY if c.completed else ft.Colors.OUTLINE,
            ),
            ft.Column(
                [
                    ft.Text(c.lesson_title, size=15, weight=ft.FontWeight.W_500),
                    ft.Text(
                        f"{local:%a %d %b %Y, %H:%M}", size=13, color=ft.Colors.ON_SURFACE_VARIANT
                    ),
                ],
                spacing=2,
                expand=True,
            ),
            *tags,
        ],
        spacing=SPACE_M - 4,
        key=f"history-{c.id}",
    )


def _nudge_line(overview: Overview) -> list[ft.Control]:
    shown, started = overview.nudges_this_week
    if not shown:
        return []
    return [
        ft.Text(
            f"This week {started} of {shown} pause nudges became a Micro Pause.",
            key="nudge-week",
            size=14,
            color=ft.Colors.ON_SURFACE_VARIANT,
        )
    ]
