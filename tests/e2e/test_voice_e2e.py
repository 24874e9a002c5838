"""Voice guidance in a real browser: a lesson at 30× speaks one line per step start, the side
switch and the finish, each within 300 ms of its step's start on the page's clock; pause,
skip and back reach the browser's speech; Settings says when the browser has no voice.

Headless Chromium has speech synthesis with no voice: an init script records every ``speak``
and ``cancel`` (``tests/e2e/spies.py``), so the test reads what a person would have heard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from data.player.speech import LessonLines
from data.player.timeline import SegmentKind, Timeline, build_timeline
from tests.e2e.browser import PHONE, open_app, screenshot, serve_app
from tests.e2e.spies import SPIES, latencies_ms, speech_ops, spoken
from tests.fakes import catalogue

pytestmark = pytest.mark.e2e

TIME_SCALE = 30
LESSON = ("quick-pauses", 5)  # a switch of side, and no segment under 3 s (100 ms at 30x)
BOUND_MS = 300.0


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("voice-data"), time_scale=TIME_SCALE) as url:
        yield url


def new_page(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(SPIES)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def timeline_lines(timeline: Timeline) -> LessonLines:
    program = catalogue().program(LESSON[0])
    assert program is not None
    return LessonLines.of(program, timeline.lesson, timeline)


def expected_lines() -> tuple[list[str], Timeline]:
    program = catalogue().program(LESSON[0])
    assert program is not None
    lesson = program.lesson(LESSON[1])
    assert lesson is not None
    timeline = build_timeline(lesson, 3)  # the default get-ready
    lines = timeline_lines(timeline)
    return [lines.step(segment) for segment in timeline.segments] + [lines.finish], timeline


def test_a_lesson_speaks_each_step_the_side_switch_and_the_finish_on_time(
    browser: Any, app_url: str
) -> None:
    page = new_page(browser)
    open_app(page, f"{app_url}/programs/{LESSON[0]}/lessons/{LESSON[1]}")
    page.get_by_role("button", name="Start").click()
    page.get_by_text("Well done", exact=False).first.wait_for(timeout=60_000)
    page.wait_for_function("window.__mp.spoken.some(s => s.text.startsWith('Well done'))")
    lines = spoken(page)
    texts = [line.text for line in lines]
    expected, timeline = expected_lines()
    assert texts == expected  # one line per step start, in order, and the finish
    switch = next(s for s in timeline.segments if s.kind is SegmentKind.SWITCH)
    assert texts[switch.index] == timeline_lines(timeline).step(switch)
    assert texts[-1].startswith("Well done: ")
    late = latencies_ms(page, lines)
    assert len(late) == len(lines)
    print(f"speech latency ms: median {sorted(late)[len(late) // 2]:.0f}, max {max(late):.0f}")
    assert max(late) <= BOUND_MS, list(zip(texts, late, strict=True))
    # A new line cancels what is still being said: a cancel comes before every line.
    assert speech_ops(page).count("cancel") >= len(lines)
    page.context.close()


def test_pause_skip_and_back_reach_the_browser_speech(browser: Any, app_url: str) -> None:
    page = new_page(browser)
    open_app(page, f"{app_url}/programs/lower-back/lessons/1")  # long steps: time to act
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("window.__mp.spoken.length >= 2", timeout=30_000)  # into step 1
    page.get_by_role("button", name="Pause").click()
    page.wait_for_function("window.__mp.speech.some(s => s.op === 'pause')")
    page.get_by_role("button", name="Resume").click()
    page.wait_for_function("window.__mp.speech.some(s => s.op === 'resume')")
    said = len(spoken(page))
    page.keyboard.press("ArrowRight")  # skip: what was said stops, the next step is said
    page.wait_for_function(f"window.__mp.spoken.length > {said}")
    ops = speech_ops(page)
    assert ops[ops.index("resume") :].count("cancel") >= 1
    lines = spoken(page)
    asked = [b["m"] for b in page.evaluate("window.__mp.bridge") if b["m"]["op"] == "say"]
    assert lines[-1].text == expected_step_line("lower-back", 1, asked[len(lines) - 1]["offset"])
    screenshot(page, "phone-player-voice")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="End").click()
    page.wait_for_url(re.compile(r"/programs/lower-back$"))
    page.wait_for_function("window.__mp.speech.at(-1).op === 'cancel'")
    page.context.close()


def expected_step_line(program_id: str, number: int, offset: float | None) -> str:
    program = catalogue().program(program_id)
    assert program is not None and offset is not None
    lesson = program.lesson(number)
    assert lesson is not None
    timeline = build_timeline(lesson, 3)
    return LessonLines.of(program, lesson, timeline).step(timeline.segment_at(offset))


def test_settings_say_this_browser_has_no_voice(browser: Any, app_url: str) -> None:
    page = new_page(browser)
    open_app(page, f"{app_url}/settings")
    page.get_by_text("Speak each step during a lesson").first.wait_for()
    assert page.evaluate("speechSynthesis.getVoices().length") == 0
    page.get_by_text("This browser has no voice to speak with", exact=False).first.wait_for()
    page.get_by_text("Speak each step during a lesson").first.scroll_into_view_if_needed()
    screenshot(page, "phone-settings-voice")
    page.context.close()
