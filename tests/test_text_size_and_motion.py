"""Larger text and reduced motion, as the views build them (the browser side is in e2e)."""

from __future__ import annotations

import asyncio
from typing import Any

import flet as ft

from data.figures.studio import FigureSpec
from data.player.timeline import SegmentKind
from data.practice_log.memory_store import MemoryStore
from data.practice_log.settings import TEXT_SCALES, TextSize
from tests.clocks import FakeClock
from tests.fakes import by_key, catalogue, make_context, walk
from views.app import Session
from views.figure import FigureView
from views.lesson_screen import LessonScreen
from views.settings import build_settings_view
from views.text_size import scale_text, text_theme
from views.theme import build_theme, figure_palette


def sizes(control: Any) -> list[float]:
    return [n.size for n in walk(control) if isinstance(n, ft.Text) and n.size is not None]


def test_scaling_twice_or_back_never_compounds() -> None:
    plain = ft.Text("c")
    column = ft.Column([ft.Text("a", size=20), ft.Container(ft.Text("b", size=10)), plain])
    scale_text(column, 1.5)
    assert sorted(sizes(column)) == [15, 30]
    scale_text(column, 1.5)  # the same screen scaled again (Settings restyles in place)
    assert sorted(sizes(column)) == [15, 30]
    scale_text(column, 1.0)
    assert sorted(sizes(column)) == [10, 20]
    assert plain.size is None  # a text without a size takes the theme's


def test_the_theme_scales_its_type_and_cuts_transitions_for_reduced_motion() -> None:
    assert text_theme(1.0) is None
    scaled = text_theme(1.5)
    assert scaled is not None and scaled.body_medium is not None
    assert scaled.body_medium.size == 21 and scaled.title_large is not None
    assert scaled.title_large.size == 33
    still = build_theme(1.0, reduced_motion=True).page_transitions
    assert still is not None and still.android == ft.PageTransitionTheme.NONE
    assert still.ios == ft.PageTransitionTheme.NONE
    moving = build_theme(1.0).page_transitions
    assert moving is None or moving.android != ft.PageTransitionTheme.NONE


def test_text_size_is_a_setting_saved_with_the_log_and_restyles_the_screen() -> None:
    ctx, _ = make_context()
    looks: list[str] = []
    view = build_settings_view(ctx, on_look=lambda: looks.append("look"))
    field = by_key(view, "text_size")
    assert [o.key for o in field.options] == [size.value for size in TextSize]
    field.value = "largest"
    asyncio.run(field.on_change(type("Event", (), {"control": field})()))
    assert ctx.practice.store.settings().text_size is TextSize.LARGEST
    assert ctx.text_scale == TEXT_SCALES[TextSize.LARGEST] == 1.5
    assert looks == ["look"]


def test_every_screen_a_session_shows_has_its_text_scaled() -> None:
    store = MemoryStore()
    ctx, page = make_context(store=store)
    session = Session(page.as_page(), ctx.practice, 1.0, web=True, notices=[])
    session.show("/progress")
    standard = sizes(page.as_page().views[-1])
    ctx.practice.change_settings({"text_size": "larger"})
    session.show("/progress")
    larger = sizes(page.as_page().views[-1])
    assert len(larger) == len(standard) > 0
    assert all(abs(big - small * 1.3) < 0.06 for big, small in zip(larger, standard, strict=True))


def test_on_a_phone_with_large_text_the_ring_grows_and_the_kind_goes_above_it() -> None:
    clock = FakeClock()
    ctx, _ = make_context(clock=clock)
    ctx.practice.change_settings({"text_size": "largest"})
    found = catalogue().find_lesson("quick-pauses-1")
    assert found is not None
    screen = LessonScreen(ctx, *found)
    screen.start()
    assert screen.panel is not None
    assert screen.panel.stacked and screen.panel.ring.width == 225
    assert by_key(screen.body, "countdown").size == 96  # 64 px numerals, half as large again


def test_with_reduced_motion_a_move_stands_still_as_its_two_ends() -> None:
    ctx, _ = make_context()
    studio = ctx.figures
    move_id = next(iter(studio.library.moves))
    move = studio.library.moves[move_id]
    view = FigureView(studio, figure_palette(ctx.page), width=300, height=225, still=True)
    view.show(FigureSpec(move_id, True, 4.0, False, "a move"), running=True)
    assert view.turn.visible and view.arrow.visible
    assert view.lottie.animate is False and view.turn.animate is False
    start = studio.render_still(FigureSpec(move.start, False, None, False, ""), view.palette)
    end = studio.render_still(FigureSpec(move.end, False, None, False, ""), view.palette)
    assert (view.lottie.src, view.turn.src) == (start, end)
    view.set_running(True)  # the player resumes: still nothing plays
    assert view.lottie.animate is False
    pose_id = move.start
    view.show(FigureSpec(pose_id, False, None, False, "a pose"))
    assert not view.turn.visible and view.lottie.width == 300


def test_the_player_plays_no_figure_when_motion_is_reduced() -> None:
    clock = FakeClock()
    ctx, _ = make_context(clock=clock)
    ctx.reduced_motion = True
    found = catalogue().find_lesson("lower-back-2")
    assert found is not None
    screen = LessonScreen(ctx, *found)
    screen.start()
    assert screen.figure is not None and screen.state is not None
    moves = [s for s in screen.state.timeline.segments if s.kind is SegmentKind.MOVE]
    assert moves, "lower-back-2 has a move"
    clock.advance(moves[0].start + 0.1)
    screen.tick()
    assert screen.figure.turn.visible and screen.figure.lottie.animate is False
