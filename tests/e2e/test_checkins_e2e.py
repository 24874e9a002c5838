"""Check-ins and rest days as a person meets them, in Debian's headless Chromium.

Two short pauses: the first answered before and after (with a note), the second's "before"
skipped; then Progress says what the answers add up to, and a rest day set on the Settings
screen shows on the home screen. Screenshots at phone and desktop size for a look.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from data.content.catalogue import load_catalogue
from tests.e2e.browser import DESKTOP, PHONE, open_app, screenshot, serve_app

pytestmark = pytest.mark.e2e

TIME_SCALE = 30


def short_quick_pauses() -> list[int]:
    """The numbers of the two shortest quick pauses (they play in a few seconds at 30x)."""
    program = load_catalogue().program("quick-pauses")
    assert program is not None
    lessons = sorted(program.lessons, key=lambda lesson: lesson.total_seconds)
    return [lesson.number for lesson in lessons[:2]]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("checkin-data"), time_scale=TIME_SCALE) as url:
        yield url


def choice(page: Any, number: int) -> Any:
    return page.get_by_role("button", name=str(number), exact=True)


def play(page: Any) -> None:
    page.get_by_role("button", name="Start").click()
    page.get_by_text("Pause", exact=True).wait_for()
    page.get_by_text("Well done").wait_for(timeout=60_000)


@pytest.mark.parametrize("size_name", ["phone", "desktop"])
def test_answer_one_check_in_skip_another_and_read_it_on_progress(
    browser: Any, app_url: str, size_name: str
) -> None:
    size = PHONE if size_name == "phone" else DESKTOP
    page = browser.new_context(viewport=size).new_page()
    page.set_default_timeout(30_000)
    first, second = short_quick_pauses()

    # 1. Before: "7", one tap, then Start; after: "4" and a note.
    open_app(page, f"{app_url}/programs/quick-pauses/lessons/{first}")
    page.get_by_text("How does your whole body feel?").wait_for()
    page.get_by_text("0 at ease").wait_for()
    choice(page, 7).click()
    screenshot(page, f"{size_name}-lesson-checkin")
    play(page)
    page.get_by_text("How does your whole body feel now?").wait_for()
    choice(page, 4).click()
    page.get_by_text("Before 7, now 4: 3 points easier.").wait_for()
    note = page.get_by_role("textbox")
    note.click()
    note.fill("Shoulders loosened")
    note.press("Enter")
    page.get_by_text("Note saved.").wait_for()
    screenshot(page, f"{size_name}-finish-checkin")

    # 2. The next pause: "before" skipped, "after" answered.
    open_app(page, f"{app_url}/programs/quick-pauses/lessons/{second}")
    page.get_by_text("How does your whole body feel?").wait_for()
    page.get_by_role("button", name="Skip").click()
    page.get_by_text("How does your whole body feel?").wait_for(state="hidden")
    play(page)
    page.get_by_text("How does your whole body feel now?").wait_for()
    choice(page, 5).click()
    page.get_by_text("Noted: 5.").wait_for()

    # 3. Progress: one pause has both check-ins, the chart has this week's "before".
    open_app(page, f"{app_url}/progress")
    page.get_by_text("What helps me").wait_for()
    page.get_by_text(
        "Whole body: 1 pause with both check-ins so far (an average needs 3)"
    ).wait_for()
    page.get_by_text("Before your pauses, week by week").wait_for()
    page.get_by_text("7.0", exact=True).wait_for()
    page.mouse.move(size["width"] / 2, size["height"] / 2)
    page.mouse.wheel(0, 560 if size_name == "phone" else 420)  # Flutter scrolls on the wheel
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size["width"], f"progress scrolls sideways at {size_name} size"
    screenshot(page, f"{size_name}-progress-what-helps")

    # 4. A rest day, set on the Settings screen, shows in the home week and the heat map.
    open_app(page, f"{app_url}/settings")
    page.get_by_text("Rest days").wait_for()
    for day in ("Sat", "Sun"):
        page.get_by_role("checkbox", name=day).first.click()
        page.get_by_text("Saved.").wait_for()
    screenshot(page, f"{size_name}-settings-rest-days")
    open_app(page, app_url)
    page.get_by_text(re.compile(r"\d+-day streak|No streak yet")).first.wait_for()
    screenshot(page, f"{size_name}-home-week")
    open_app(page, f"{app_url}/progress")
    page.get_by_text("Rest day", exact=True).wait_for()  # the heat map's legend
    screenshot(page, f"{size_name}-progress-rest-days")
    page.context.close()
