"""Two tabs of one browser finish a lesson at the same moment: both land in the one log.

Tabs of one browser share its storage, hence its device key, hence one store on the server;
their two saves overlap in worker threads. A third tab's progress screen must show both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from data.content.catalogue import load_catalogue
from data.practice_log.profiles import ProfileStores
from tests.e2e.browser import PHONE, open_app, screenshot, serve_app

pytestmark = pytest.mark.e2e

TIME_SCALE = 30


def shortest_quick_pause() -> tuple[int, str]:
    program = load_catalogue().program("quick-pauses")
    assert program is not None
    lesson = min(program.lessons, key=lambda lesson: lesson.total_seconds)
    return lesson.number, lesson.title


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("two-tabs-data")


@pytest.fixture(scope="module")
def app_url(data_dir: Path) -> Iterator[str]:
    with serve_app(data_dir, time_scale=TIME_SCALE) as url:
        yield url


def test_two_tabs_finishing_together_keep_both_records(
    browser: Any, app_url: str, data_dir: Path
) -> None:
    number, title = shortest_quick_pause()
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(30_000)
    tabs = [context.new_page(), context.new_page()]
    for tab in tabs:
        open_app(tab, f"{app_url}/programs/quick-pauses/lessons/{number}")
    keys = {tab.evaluate("localStorage.getItem('flutter.mp_device')") for tab in tabs}
    assert len(keys) == 1, "two tabs of one browser must share one device key"

    buttons = [tab.get_by_role("button", name="Start") for tab in tabs]
    for button in buttons:
        button.wait_for()
    for button in buttons:  # back to back; the records below prove the lessons overlapped
        button.dispatch_event("click")
    # No wait for the player's "Pause" here: sped up, one tab may finish while we look at the
    # other. "Well done" in both is the proof that both played to the end.
    for tab in tabs:
        tab.get_by_text("Well done").wait_for(timeout=60_000)
        tab.get_by_text("Saved to your log.").wait_for()

    third = context.new_page()
    open_app(third, app_url + "/progress")
    third.get_by_text("Today: done").wait_for()
    expect(third.get_by_text(title, exact=True)).to_have_count(2)
    third.get_by_text(re.compile(r": 2 pauses$")).wait_for()  # today's cell in the heat map
    assert this_week_figure(third) == "2"
    screenshot(third, "two-tabs-progress")

    # And on disk: one folder for the one key, both records in it.
    devices = list((data_dir / "devices").iterdir())
    assert len(devices) == 1
    key = keys.pop()
    records = ProfileStores(data_dir).for_device_key(key.strip('"')).completions()
    assert len(records) == 2
    assert {r.lesson_title for r in records} == {title}
    assert len({r.id for r in records}) == 2
    first, second = sorted(records, key=lambda r: r.started_at)
    assert second.started_at < first.finished_at, "the two lessons did not overlap"
    context.close()


def this_week_figure(page: Any) -> str:
    """The number shown directly above the "This week" label (its value in the figures)."""
    label = page.get_by_text("This week", exact=True)
    label.wait_for()
    box = label.bounding_box()
    assert box is not None
    best: tuple[float, str] | None = None
    for node in page.locator("flt-semantics").all():
        text = (node.text_content() or "").strip()
        if not text.isdigit():
            continue
        other = node.bounding_box()
        if other is None or abs(other["x"] - box["x"]) > 4 or other["y"] >= box["y"]:
            continue
        distance = box["y"] - other["y"]
        if best is None or distance < best[0]:
            best = (distance, text)
    assert best is not None, "no figure above the 'This week' label"
    return best[1]
