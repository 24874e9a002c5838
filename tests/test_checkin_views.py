"""The check-ins on screen: before Start, after the lesson with a note, and 'What helps me'."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import flet as ft
import pytest

from data.practice_log.completion import Completion
from data.practice_log.memory_store import MemoryStore
from data.practice_log.settings import Settings
from tests.clocks import FakeClock
from tests.fakes import FakePage, all_text, by_key, catalogue, make_context, texts, walk
from views.home import build_home_view
from views.lesson_screen import LessonScreen
from views.progress import build_progress_view
from views.settings import build_settings_view

NOW = datetime(2026, 3, 7, 9, 0, tzinfo=UTC)  # a Saturday


def screen_for(
    lesson_id: str, settings: Settings | None = None
) -> tuple[LessonScreen, FakeClock, MemoryStore, FakePage]:
    clock, store = FakeClock(NOW), MemoryStore()
    if settings is not None:
        store.save_settings(settings)
    ctx, page = make_context(clock=clock, store=store)
    found = catalogue().find_lesson(lesson_id)
    assert found is not None
    return LessonScreen(ctx, *found), clock, store, page


def play_to_the_end(screen: LessonScreen, clock: FakeClock, page: FakePage) -> None:
    screen.start()
    clock.advance(screen.lesson.total_seconds + 10)
    screen.tick()
    page.run_pending("_save")


def test_the_before_check_in_asks_about_the_programs_area_above_start() -> None:
    screen, _, _, _ = screen_for("neck-shoulders-2")
    text = all_text(by_key(screen.view, "checkin-before"))
    assert "How do your neck and shoulders feel?" in text
    assert "0 at ease" in text and "10 very stiff or sore" in text
    assert [str(n) for n in range(11)] == [
        all_text(by_key(screen.view, f"checkin-before-{n}")) for n in range(11)
    ]
    by_key(screen.view, "checkin-before-skip")  # Skip is always there
    column = next(c for c in walk(screen.view) if isinstance(c, ft.Column) and len(c.controls) > 5)
    keys = [getattr(c, "key", None) for c in column.controls]
    assert keys.index("checkin-before") == keys.index("start") - 1


def test_one_tap_before_is_stored_with_the_completion() -> None:
    screen, clock, store, page = screen_for("lower-back-1")
    by_key(screen.view, "checkin-before-6").on_click(None)
    assert by_key(screen.view, "checkin-before-6").bgcolor == ft.Colors.PRIMARY
    play_to_the_end(screen, clock, page)
    [record] = store.completions()
    assert (record.checkin_before, record.checkin_after, record.note) == (6, None, None)


def test_skipping_before_stores_nothing_and_hides_the_question() -> None:
    screen, clock, store, page = screen_for("lower-back-1")
    by_key(screen.view, "checkin-before-4").on_click(None)
    by_key(screen.view, "checkin-before-skip").on_click(None)
    assert by_key(screen.view, "checkin-before").visible is False
    play_to_the_end(screen, clock, page)
    assert store.completions()[0].checkin_before is None


def test_the_after_check_in_and_note_amend_the_logged_pause() -> None:
    screen, clock, store, page = screen_for("psoas-release-1")
    by_key(screen.view, "checkin-before-7").on_click(None)
    play_to_the_end(screen, clock, page)
    finish = screen.body
    assert "How do your hips feel now?" in all_text(by_key(finish, "checkin-after"))
    by_key(finish, "checkin-after-3").on_click(None)
    page.run_pending("store_after")
    [record] = store.completions()
    assert (record.checkin_before, record.checkin_after) == (7, 3)
    assert by_key(finish, "checkin-result").value == "Before 7, now 3: 4 points easier."
    note = by_key(finish, "note")
    note.value = "  Hips   lighter\n on the stairs "
    asyncio.run(note.on_submit(None))
    assert store.completions()[0].note == "Hips lighter on the stairs"
    assert by_key(finish, "note-status").value == "Note saved."


def test_a_note_typed_but_not_submitted_is_kept_on_leaving() -> None:
    screen, clock, store, page = screen_for("lower-back-1")
    play_to_the_end(screen, clock, page)
    by_key(screen.body, "checkin-after-skip").on_click(None)
    page.run_pending("store_after")
    by_key(screen.body, "note").value = "Tired today"
    by_key(screen.body, "home").on_click(None)
    page.run_pending("save_note")
    [record] = store.completions()
    assert (record.checkin_after, record.note) == (None, "Tired today")
    assert page.navigated == ["/"]


def test_check_ins_off_asks_nothing() -> None:
    screen, clock, store, page = screen_for("lower-back-1", Settings(checkins_on=False))
    with pytest.raises(LookupError):
        by_key(screen.view, "checkin-before")
    play_to_the_end(screen, clock, page)
    assert "Well done" in all_text(screen.body)
    with pytest.raises(LookupError):
        by_key(screen.body, "checkin-after-card")
    assert store.completions()[0].checkin_before is None


def checked(lesson_id: str, days_ago: int, before: int, after: int | None) -> Completion:
    found = catalogue().find_lesson(lesson_id)
    assert found is not None
    program, lesson = found
    end = NOW - timedelta(days=days_ago, hours=1)
    record = Completion.record(
        program_id=program.id,
        lesson_id=lesson.id,
        lesson_title=lesson.title,
        started_at=end - timedelta(minutes=5),
        finished_at=end,
        timezone="Europe/Stockholm",
        seconds=300,
        completed=True,
        checkin_before=before,
    )
    return record.amended({"checkin_after": after})


def progress_of(records: list[Completion], settings: Settings | None = None) -> ft.View:
    store = MemoryStore(records)
    if settings is not None:
        store.save_settings(settings)
    ctx, _ = make_context(store=store, clock=FakeClock(NOW))
    return build_progress_view(ctx)


def test_what_helps_with_fewer_than_three_check_ins_says_so() -> None:
    view = progress_of([checked("lower-back-1", 2, 6, 4), checked("lower-back-2", 1, 5, 4)])
    words = by_key(view, "helps-program-lower-back-words").value
    assert words == "Lower back: 2 pauses with both check-ins so far (an average needs 3)"
    assert "easier on average" not in all_text(by_key(view, "what-helps"))


def test_what_helps_with_more_than_three_check_ins_gives_averages_best_first() -> None:
    records = [
        *[checked("lower-back-3", d, 7, 5) for d in (9, 8, 7, 6)],  # 2.0 easier, 4 pauses
        checked("lower-back-1", 5, 6, 5),  # lower back: 9 / 5 = 1.8 easier, 5 pauses
        *[checked("neck-shoulders-1", d, 4, 4) for d in (4, 3, 2)],  # the same, 3 pauses
        checked("psoas-release-2", 1, 5, 3),  # one pause
        checked("quick-pauses-1", 0, 3, None),  # before only: in the chart, in no average
    ]
    view = progress_of(records)
    section = by_key(view, "what-helps").content  # the card's column, top to bottom
    rows = [c.key for c in section.controls if str(c.key or "").startswith("helps-program-")]
    assert rows == [
        "helps-program-lower-back",
        "helps-program-neck-shoulders",
        "helps-program-psoas-release",
    ]
    assert by_key(view, "helps-program-lower-back-words").value == (
        "Lower back: 1.8 easier on average, 5 pauses"
    )
    assert by_key(view, "helps-program-neck-shoulders-words").value == (
        "Neck and shoulders: about the same on average, 3 pauses"
    )
    assert "an average needs 3" in by_key(view, "helps-program-psoas-release-words").value
    lesson = by_key(view, "helps-lesson-lower-back-3-words").value
    assert lesson.endswith(": 2.0 easier on average, 4 pauses")
    chart = by_key(view, "before-chart")
    assert len(chart.controls) == 8
    this_week, last_week = chart.controls[-1], chart.controls[-2]  # Mon 2 and Mon 23 Feb
    assert "4.3" in texts(this_week)  # 6, 4, 4, 4, 5 and 3 before, this week
    assert "7.0" in texts(last_week)


def test_what_helps_before_any_check_in_says_what_to_do() -> None:
    assert "Answer the check-ins" in by_key(progress_of([]), "helps-empty").value
    off = progress_of([], Settings(checkins_on=False))
    assert "Check-ins are off" in by_key(off, "helps-empty").value


def test_rest_days_are_marked_on_home_and_in_the_heat_map() -> None:
    store = MemoryStore([checked("lower-back-1", 1, 5, 4)])  # Friday
    store.save_settings(Settings(rest_days=[5, 6]))
    ctx, _ = make_context(store=store, clock=FakeClock(NOW))
    home = build_home_view(ctx)
    assert "Today is a rest day" in all_text(home)
    assert by_key(home, "home-streak").value == "1-day streak"
    by_key(home, "week-2026-03-07-rest")
    by_key(home, "week-2026-03-08-rest")  # Sunday ahead: a rest day too
    with pytest.raises(LookupError):
        by_key(home, "week-2026-03-06-rest")
    progress = build_progress_view(ctx)
    assert by_key(progress, "today-state").value.startswith("Today: a rest day")
    by_key(progress, "heat-2026-03-07-rest")
    by_key(progress, "heat-2026-02-28-rest")
    assert "Rest day" in texts(progress)  # in the heat map's legend


def test_rest_days_and_check_ins_are_settings() -> None:
    ctx, _ = make_context()
    view = build_settings_view(ctx, on_look=lambda: None)
    saturday = by_key(view, "rest-day-5")
    assert not saturday.selected
    asyncio.run(saturday.on_select(None))
    asyncio.run(by_key(view, "rest-day-6").on_select(None))
    assert ctx.practice.settings.rest_days == [5, 6]
    switch = by_key(view, "checkins_on")
    assert switch.value is True

    class Event:
        control = switch

    switch.value = False
    asyncio.run(switch.on_change(Event()))
    assert ctx.practice.settings.checkins_on is False
