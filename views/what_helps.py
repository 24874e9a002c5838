"""'What helps me' on the Progress screen: the person's own check-ins, added up.

Per program (by its body area) and per lesson, the average change from before to after, best
first, and a small chart of how they felt before their pauses, week by week. The numbers come
from ``Overview.checkins`` (``data.progress.checkins``); the words from ``data.wording``. It
speaks of how the person felt, never of what a lesson treats.

The chart is plain containers, not ``flet-charts``: its controls are in flet-web's client, but
the static PWA would have to bundle the package too, for eight bars.
"""

from __future__ import annotations

import flet as ft

from data.progress.checkins import MIN_PAIRS, CheckinSummary, Relief, WeekFeeling
from data.usecases.overview import Overview
from data.wording import count, felt_change
from views.context import AppContext
from views.theme import SPACE_S, card, section_title

LESSON_LIMIT = 6
CHART_HEIGHT = 96
SCALE_WORDS = "Your own answers from 0 (at ease) to 10 (very stiff or sore)."


def what_helps_section(ctx: AppContext, overview: Overview) -> list[ft.Control]:
    summary = overview.checkins
    title = section_title("What helps me")
    if not summary.programs and not summary.answered_before:
        if overview.settings.checkins_on:
            empty = (
                "Answer the check-ins before and after a pause. After three, this shows what "
                "eases you most."
            )
        else:
            empty = "Check-ins are off. Turn them on in Settings to see what helps you."
        return [title, card(ft.Text(empty, size=15, key="helps-empty"), key="what-helps")]
    parts: list[ft.Control] = [ft.Text(SCALE_WORDS, size=13, color=ft.Colors.ON_SURFACE_VARIANT)]
    parts += [_program_row(ctx, relief) for relief in summary.programs]
    lessons = summary.lessons[:LESSON_LIMIT]
    if lessons:
        parts.append(ft.Text("By lesson", size=14, weight=ft.FontWeight.W_600))
        parts += [_lesson_row(ctx, relief) for relief in lessons]
    if summary.answered_before:
        parts.append(before_chart(summary))
    return [title, card(parts, key="what-helps")]


def _row(title: str, detail: str, key: str) -> ft.Control:
    return ft.Column(
        [
            ft.Text(title, size=15, weight=ft.FontWeight.W_500, key=f"{key}-words"),
            ft.Text(detail, size=13, color=ft.Colors.ON_SURFACE_VARIANT),
        ],
        spacing=2,
        key=key,
    )


def _words(relief: Relief) -> str:
    return felt_change(relief.change, relief.pauses, MIN_PAIRS)


def _program_row(ctx: AppContext, relief: Relief) -> ft.Control:
    """'Lower back: 1.8 easier on average, 7 pauses', over the program's title."""
    program = ctx.practice.catalogue.program(relief.key)
    label, title = (program.body_area.label, program.title) if program else (relief.key, "")
    return _row(f"{label}: {_words(relief)}", title, f"helps-program-{relief.key}")


def _lesson_row(ctx: AppContext, relief: Relief) -> ft.Control:
    found = ctx.practice.catalogue.find_lesson(relief.key)
    if found is None:
        return _row(relief.key, _words(relief), f"helps-lesson-{relief.key}")
    program, lesson = found
    return _row(
        f"{lesson.title}: {_words(relief)}",
        f"{program.body_area.label} · lesson {lesson.number}",
        f"helps-lesson-{relief.key}",
    )


def before_chart(summary: CheckinSummary) -> ft.Control:
    """How the person felt before their pauses, one bar a week (lower: more at ease)."""
    bars: list[ft.Control] = [_bar(week) for week in summary.weeks]
    return ft.Column(
        [
            ft.Text("Before your pauses, week by week", size=14, weight=ft.FontWeight.W_600),
            ft.Row(
                bars,
                spacing=4,
                vertical_alignment=ft.CrossAxisAlignment.END,
                key="before-chart",
            ),
            ft.Text(
                "A lower bar: you came to your pauses more at ease that week.",
                size=12,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
        ],
        spacing=SPACE_S,
    )


def _bar(week: WeekFeeling) -> ft.Control:
    average = week.average
    height = 3.0 if average is None else max(3.0, CHART_HEIGHT * average / 10)
    value = "–" if average is None else f"{average:.1f}"
    words = (
        f"Week of {week.week_start:%d %b}: no check-ins"
        if average is None
        else f"Week of {week.week_start:%d %b}: {value} on average before, "
        f"{count(week.check_ins, 'check-in')}"
    )
    return ft.Column(
        [
            ft.Text(value, size=11, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Container(
                height=height,
                border_radius=ft.BorderRadius.only(top_left=6, top_right=6),
                bgcolor=ft.Colors.OUTLINE_VARIANT
                if average is None
                else ft.Colors.with_opacity(0.75, ft.Colors.PRIMARY),
                tooltip=words,
            ),
            ft.Text(
                f"{week.week_start.day} {week.week_start:%b}",
                size=11,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
        ],
        spacing=4,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        key=f"before-week-{week.week_start.isoformat()}",
    )
