"""Days as small marks: this week on the home screen, and how a rest day looks everywhere.

A rest day carries a small moon: the same mark in the home week and the progress heat map, so
"this day does not need a pause" reads the same on both. Which days are rest days is the
``Overview``'s to say (``data.progress.practice_days``); this only draws.
"""

from __future__ import annotations

from datetime import date, timedelta

import flet as ft

from data.usecases.overview import Overview
from data.wording import count

WEEKDAY_LETTERS = "MTWTFSS"
REST_ICON = ft.Icons.BEDTIME_OUTLINED
DAY_MARK = 30


def rest_mark(size: int, color: str = ft.Colors.ON_SURFACE_VARIANT) -> ft.Icon:
    """The moon that marks a rest day."""
    return ft.Icon(REST_ICON, size=size, color=color)


def day_words(day: date, pauses: int, rest: bool) -> str:
    """'Sat 07 Mar: rest day, 1 pause', for a tooltip."""
    what = count(pauses, "pause")
    return f"{day:%a %d %b}: rest day, {what}" if rest else f"{day:%a %d %b}: {what}"


def week_strip(overview: Overview) -> ft.Row:
    """Monday to Sunday of this week: a filled mark for a day that counted, a moon for a rest
    day, a ring around today."""
    today, goal = overview.today, overview.settings.daily_goal
    monday = today - timedelta(days=today.weekday())
    marks: list[ft.Control] = []
    for offset, letter in enumerate(WEEKDAY_LETTERS):
        day = monday + timedelta(days=offset)
        pauses = overview.stats.day_counts.get(day, 0)
        rest = overview.is_rest_day(day)
        counted = pauses >= goal
        inner: ft.Control | None
        if counted:
            inner = ft.Icon(ft.Icons.CHECK, size=16, color=ft.Colors.ON_PRIMARY)
        elif rest:
            inner = rest_mark(16, ft.Colors.ON_PRIMARY_CONTAINER)
        else:
            inner = None
        marks.append(
            ft.Column(
                [
                    ft.Text(letter, size=12, color=ft.Colors.ON_PRIMARY_CONTAINER),
                    ft.Container(
                        inner,
                        width=DAY_MARK,
                        height=DAY_MARK,
                        border_radius=DAY_MARK / 2,
                        alignment=ft.Alignment.CENTER,
                        bgcolor=ft.Colors.PRIMARY if counted else None,
                        border=ft.Border.all(
                            2 if day == today else 1,
                            ft.Colors.PRIMARY if day == today else ft.Colors.OUTLINE_VARIANT,
                        ),
                        tooltip=day_words(day, pauses, rest) if day <= today or rest else None,
                    ),
                ],
                spacing=2,
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                key=f"week-{day.isoformat()}{'-rest' if rest else ''}",
            )
        )
    return ft.Row(marks, alignment=ft.MainAxisAlignment.SPACE_BETWEEN, key="week-strip")
