"""View tests: build each screen with a fake page and store, and assert on what it shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import flet as ft
import pytest

from data.practice_log.completion import Completion
from data.practice_log.memory_store import MemoryStore
from tests.clocks import FakeClock
from tests.fakes import all_text, by_key, catalogue, make_context, walk
from views.home import build_home_view
from views.not_found import build_not_found_view
from views.program import build_program_view
from views.progress import HEAT_WEEKS, build_progress_view
from views.settings import build_settings_view

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def lesson_count_of(program_id: str) -> list[object]:
    """The lessons of a bundled program: counts on screen come from the content."""
    program = catalogue().program(program_id)
    assert program is not None
    return list(program.lessons)


def done(lesson_id: str, days_ago: int = 0, *, completed: bool = True) -> Completion:
    found = catalogue().find_lesson(lesson_id)
    assert found is not None
    program, lesson = found
    finished = NOW - timedelta(days=days_ago, minutes=5)
    return Completion.record(
        program_id=program.id,
        lesson_id=lesson.id,
        lesson_title=lesson.title,
        started_at=finished - timedelta(seconds=lesson.total_seconds),
        finished_at=finished,
        timezone="Europe/Stockholm",
        seconds=lesson.total_seconds,
        completed=completed,
    )


def test_home_lists_every_program_with_counts_and_minutes() -> None:
    ctx, _ = make_context()
    view = build_home_view(ctx)
    text = all_text(view)
    for program in catalogue().programs:
        card = by_key(view, f"program-{program.id}")
        card_text = all_text(card)
        assert program.title in card_text
        assert program.summary in card_text
        assert f"{len(program.lessons)} lessons" in card_text
        assert f"{round(program.total_seconds / 60)} min" in card_text
    assert "Continue: 1. " in text
    assert by_key(view, "home-streak").value == "No streak yet"


def test_home_continue_points_at_the_next_lesson_and_shows_the_streak() -> None:
    store = MemoryStore([done("lower-back-1", 1), done("lower-back-2", 0)])
    ctx, page = make_context(store=store, clock=FakeClock(NOW))
    view = build_home_view(ctx)
    button = by_key(view, "continue")
    assert "3. " in all_text(button)
    button.on_click(None)
    assert page.navigated == ["/programs/lower-back/lessons/3"]
    assert by_key(view, "home-streak").value == "2-day streak"
    lessons = len(lesson_count_of("lower-back"))
    assert f"2 of {lessons} done" in all_text(by_key(view, "program-lower-back"))


def test_program_view_shows_lessons_with_why_minutes_and_safety_note() -> None:
    program = catalogue().programs[0]
    ctx, page = make_context()
    view = build_program_view(ctx, program)
    text = all_text(view)
    assert program.safety_note in all_text(by_key(view, "safety-note"))
    for lesson in program.lessons:
        card = by_key(view, f"lesson-{lesson.id}")
        card_text = all_text(card)
        assert f"{lesson.number}. {lesson.title}" in card_text
        assert f"{lesson.minutes} min" in card_text
        assert lesson.why in card_text
    assert f"0 of {len(program.lessons)} done" in text
    by_key(view, f"lesson-{program.lessons[2].id}").content.on_click(None)
    assert page.navigated == [f"/programs/{program.id}/lessons/3"]


@pytest.mark.parametrize(
    ("width", "has_bar", "has_rail"),
    [pytest.param(390, True, False, id="phone"), pytest.param(1280, False, True, id="desktop")],
)
def test_navigation_adapts_to_width(width: int, has_bar: bool, has_rail: bool) -> None:
    ctx, _ = make_context(width=width)
    view = build_home_view(ctx)
    assert (view.navigation_bar is not None) is has_bar
    assert any(isinstance(c, ft.NavigationRail) for c in walk(view)) is has_rail


def test_progress_view_empty_log_says_what_to_do() -> None:
    ctx, _ = make_context()
    view = build_progress_view(ctx)
    assert by_key(view, "current-streak").value == "0"
    assert "Finish a Micro Pause" in by_key(view, "empty-history").value
    assert by_key(view, "today-state").value.startswith("Today: still to do")


def test_progress_view_shows_streak_history_and_unfinished_marks() -> None:
    records = [done("lower-back-1", 2), done("lower-back-2", 1), done("lower-back-3", 0)]
    stopped = done("neck-shoulders-1", 0, completed=False)
    ctx, _ = make_context(store=MemoryStore([*records, stopped]), clock=FakeClock(NOW))
    view = build_progress_view(ctx)
    assert by_key(view, "current-streak").value == "3"
    assert by_key(view, "longest-streak").value == "3"
    assert by_key(view, "days-practised").value == "3"
    assert by_key(view, "today-state").value == "Today: done"
    lower, neck = len(lesson_count_of("lower-back")), len(lesson_count_of("neck-shoulders"))
    assert by_key(view, "progress-lower-back").value == f"3 of {lower} lessons"
    assert by_key(view, "progress-neck-shoulders").value == f"0 of {neck} lessons"
    assert "unfinished" in all_text(by_key(view, f"history-{stopped.id}"))
    assert "unfinished" not in all_text(by_key(view, f"history-{records[0].id}"))
    heat = by_key(view, "heat-map")
    assert len(heat.controls) == 1 + HEAT_WEEKS  # weekday letters + the weeks


def test_settings_view_shows_current_values() -> None:
    ctx, _ = make_context(width=1280)
    view = build_settings_view(ctx, on_look=lambda: None)
    assert by_key(view, "daily_goal").value == "1"
    assert by_key(view, "get_ready_seconds").value == "3"
    assert by_key(view, "sound_on").value is True
    assert by_key(view, "theme").selected == ["system"]
    assert "This log lives in this browser only" in all_text(view)


def test_settings_change_is_saved_and_validated() -> None:
    import asyncio

    ctx, _ = make_context()
    view = build_settings_view(ctx, on_look=lambda: None)
    dropdown = by_key(view, "daily_goal")

    class Event:
        control = dropdown

    dropdown.value = "3"
    asyncio.run(dropdown.on_change(Event()))
    assert ctx.practice.store.settings().daily_goal == 3
    assert by_key(view, "settings-status").value == "Saved."


def test_not_found_offers_the_way_home() -> None:
    ctx, page = make_context()
    view = build_not_found_view(ctx, "/nowhere")
    assert "nothing at this address" in all_text(view)
    by_key(view, "go-home").on_click(None)
    assert page.navigated == ["/"]


def test_home_tells_what_happened_to_a_damaged_log() -> None:
    ctx, _ = make_context()
    ctx.notices.append("Your log file could not be read; it was kept as micropause.corrupt.json.")
    assert "it was kept as micropause.corrupt.json" in all_text(build_home_view(ctx))


@pytest.mark.parametrize(("width", "weeks"), [(390, 12), (1280, 26)])
def test_heat_map_shows_more_weeks_where_there_is_room(width: int, weeks: int) -> None:
    ctx, _ = make_context(width=width)
    view = build_progress_view(ctx)
    assert len(by_key(view, "heat-map").controls) == 1 + weeks
    assert f"The last {weeks} weeks" in all_text(view)


def _lesson_with(caution: str) -> tuple[object, object]:
    for program, lesson in catalogue().lessons():
        if caution in lesson.cautions and lesson.equipment:
            return program, lesson
    raise LookupError(caution)


def test_lesson_screen_shows_cautions_before_start_and_the_equipment() -> None:
    from data.content.models import Lesson, Program
    from data.content.vocabulary import EQUIPMENT_WORDS
    from views.lesson import build_lesson_intro

    program, lesson = _lesson_with("stable-chair")
    assert isinstance(program, Program) and isinstance(lesson, Lesson)
    ctx, _ = make_context()
    intro = build_lesson_intro(ctx, program, lesson, on_start=lambda: None)
    safety = catalogue().safety
    cautions = all_text(by_key(intro, "cautions"))
    for caution_id in lesson.cautions:
        assert safety.cautions[caution_id].text in cautions
    assert "Before you start" in cautions
    text = all_text(intro)
    for item in lesson.equipment:
        assert EQUIPMENT_WORDS[item] in text
    assert safety.red_flags in all_text(by_key(intro, "safety-note"))
    column = next(c for c in walk(intro) if isinstance(c, ft.Column) and len(c.controls) > 5)
    keys = [getattr(c, "key", None) for c in column.controls]  # the screen, top to bottom
    assert keys.index("cautions") < keys.index("start")  # read before Start is pressed


def test_a_step_caution_is_shown_with_its_step() -> None:
    from views.lesson import build_lesson_intro

    found = next(
        (p, lesson, s) for p, lesson in catalogue().lessons() for s in lesson.steps if s.caution
    )
    program, lesson, step = found
    ctx, _ = make_context()
    assert step.caution is not None
    assert step.caution in all_text(build_lesson_intro(ctx, program, lesson, lambda: None))


def test_a_lesson_without_cautions_has_no_empty_card() -> None:
    from views.lesson import cautions_card

    plain = next(lesson for _, lesson in catalogue().lessons() if not lesson.cautions)
    assert cautions_card(plain, catalogue().safety) == []


def test_what_i_have_at_work_is_a_setting() -> None:
    import asyncio

    ctx, _ = make_context()
    view = build_settings_view(ctx, on_look=lambda: None)
    assert by_key(view, "work-equipment-chair").selected
    wall = by_key(view, "work-equipment-wall")
    assert not wall.selected
    asyncio.run(wall.on_select(None))
    assert [e.value for e in ctx.practice.settings.work_equipment] == ["chair", "wall"]
