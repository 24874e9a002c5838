"""The figures in a real browser: a move moves in time with its step, a pause stills it, the
server stays quiet while it plays, and each figure is named for screen readers.

The server runs in real time here (time scale 1), so half a cycle is half the step's pace.
Screenshots of a hold and a move at phone and desktop size, light and dark, and of the gallery,
land in test-artifacts/.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from data.content.catalogue import load_catalogue
from data.content.vocabulary import StepKind
from data.player.timeline import Segment, SegmentKind, build_timeline
from tests.e2e.browser import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    open_app,
    screenshot,
    serve_app,
)

pytestmark = pytest.mark.e2e

MAX_MESSAGES_PER_SECOND = 2.0


def _a_lesson_with_a_slow_move() -> tuple[str, int, int, Segment]:
    """(program id, lesson number, segments to skip, the move segment): a counted move of at
    least four seconds a cycle, with a hold somewhere in the same lesson."""
    catalogue = load_catalogue()
    for program, lesson in catalogue.lessons():
        if not any(step.kind is StepKind.HOLD for step in lesson.steps):
            continue
        timeline = build_timeline(lesson, get_ready_seconds=3)
        for segment in timeline.segments:
            step = segment.step
            moving = step.kind is StepKind.MOVE and step.pose in catalogue.poses.moves
            if moving and step.count is not None and (step.pace_seconds or 0) >= 4:
                return program.id, lesson.number, segment.index, segment
    raise LookupError("no lesson with a slow counted move")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("figures-data"), time_scale=1) as url:
        yield url


def _next_hold(move: Segment) -> Segment:
    """The first hold after ``move`` in its lesson."""
    program_id, number, _, _ = _a_lesson_with_a_slow_move()
    program = load_catalogue().program(program_id)
    assert program is not None
    lesson = program.lesson(number)
    assert lesson is not None
    timeline = build_timeline(lesson, get_ready_seconds=3)
    return next(s for s in timeline.segments[move.index :] if s.kind is SegmentKind.HOLD)


def _figure(page: Any) -> Any:
    """The player's figure: an image in the accessibility tree, named by its pose."""
    return page.locator("flt-semantics[role='img']").first


def _start_at(page: Any, url: str) -> tuple[Segment, Any]:
    program_id, number, skips, segment = _a_lesson_with_a_slow_move()
    open_app(page, f"{url}/programs/{program_id}/lessons/{number}")
    page.get_by_role("button", name="Start").click()
    page.get_by_text("Pause", exact=True).wait_for()
    for _ in range(skips):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)
    page.get_by_text(segment.step.instruction[:40], exact=False).first.wait_for()
    page.wait_for_timeout(700)  # the document has arrived and started
    return segment, _figure(page)


def test_a_move_moves_with_its_step_and_a_pause_stills_it(browser: Any, app_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    frames: list[float] = []
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda payload: frames.append(time.monotonic())),
    )
    segment, figure = _start_at(page, app_url)
    label = figure.get_attribute("aria-label") or ""
    assert segment.step.pose and label, "the figure has no accessible name"
    assert segment.side_text is None or segment.side_text in label
    half_cycle = (segment.step.pace_seconds or 4) / 2
    window_start = time.monotonic()
    first = figure.screenshot()
    page.wait_for_timeout(half_cycle * 1000)
    second = figure.screenshot()
    window = time.monotonic() - window_start
    messages = [t for t in frames if window_start <= t <= window_start + window]
    assert first != second, "the figure did not move in half a cycle"
    rate = len(messages) / window
    print(f"server messages while the move played: {len(messages)} in {window:.1f} s")
    assert rate <= MAX_MESSAGES_PER_SECOND, f"{rate:.1f} messages a second during a move"
    screenshot(page, "phone-player-move")

    page.keyboard.press("Space")
    page.get_by_text("Resume", exact=True).wait_for()
    page.wait_for_timeout(500)
    still_a = figure.screenshot()
    page.wait_for_timeout(1_000)
    still_b = figure.screenshot()
    assert still_a == still_b, "the figure moved while the player was paused"
    page.keyboard.press("Space")
    page.get_by_text("Pause", exact=True).wait_for()
    page.wait_for_timeout(half_cycle * 1000)
    assert figure.screenshot() != still_b, "the figure did not go on after resume"
    context.close()


def test_with_reduced_motion_a_move_shows_its_two_ends_standing_still(
    browser: Any, app_url: str
) -> None:
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(30_000)
    segment, figure = _start_at(page, app_url)
    assert figure.get_attribute("aria-label"), "the still figure has no accessible name"
    half_cycle = (segment.step.pace_seconds or 4) / 2
    first = figure.screenshot()
    page.wait_for_timeout(half_cycle * 1000)
    assert figure.screenshot() == first, "a figure moved although motion is reduced"
    screenshot(page, "phone-player-move-reduced-motion")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size_name", ["phone", "desktop"])
def test_screenshots_of_a_hold_a_move_and_the_gallery(
    browser: Any, app_url: str, size_name: str, scheme: str
) -> None:
    size = PHONE if size_name == "phone" else DESKTOP
    context = browser.new_context(viewport=size, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(30_000)
    move, _ = _start_at(page, app_url)
    screenshot(page, f"{size_name}-{scheme}-player-move")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size["width"], "the player scrolls sideways"
    hold = _next_hold(move)
    for _ in range(hold.index - move.index):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)
    page.get_by_text(hold.instruction[:40], exact=False).first.wait_for()
    screenshot(page, f"{size_name}-{scheme}-player-hold")
    page.close()  # a reload of a tab joins its old session, player and all: a new tab each time
    program_id, number, _, _ = _a_lesson_with_a_slow_move()
    shots = [  # (route, text to wait for, name, whether its figures are named images)
        (f"/programs/{program_id}/lessons/{number}", "What you will do", "lesson-figures", True),
        (f"/programs/{program_id}", "Lessons", "program-figures", False),  # inside the cards
        ("/poses", "Every figure the lessons use", "gallery", True),
    ]
    for route, marker, name, named in shots:
        page = context.new_page()
        page.set_default_timeout(30_000)
        open_app(page, app_url + route)
        page.get_by_text(marker).first.wait_for()
        screenshot(page, f"{size_name}-{scheme}-{name}")
        assert (page.locator("flt-semantics[role='img']").count() > 1) is named, name
        page.close()
    context.close()
    assert (ARTIFACTS / f"{size_name}-{scheme}-gallery.png").exists()
