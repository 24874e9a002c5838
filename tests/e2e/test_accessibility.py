"""What a screen reader and a keyboard get, in Chromium's accessibility tree of the served app.

Every screen is walked and every interactive node (buttons, switches, checkboxes, sliders,
comboboxes, text fields, tabs, links, menu items) must have an accessible name, so a new screen
cannot regress. Keyboard paths: from home to a lesson and Start with Tab and Enter alone, and
the player's keys. Text size: the largest setting scrolls no screen sideways at 390 px. Reduced
motion: the figures stand still (tests/e2e/test_figures_e2e.py, where time runs at its real
pace).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.browser import (
    DESKTOP,
    PHONE,
    open_app,
    screenshot,
    serve_app,
    unnamed,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("a11y-data"), time_scale=30) as url:
        yield url


SCREENS = [
    ("home", "/", "Programs"),
    ("program", "/programs/lower-back", "Lessons"),
    ("lesson", "/programs/psoas-release/lessons/3", "What you will do"),
    ("progress", "/progress", "Current streak"),
    ("settings", "/settings", "Backup"),
    ("gallery", "/poses", "Every figure the lessons use"),
    ("not-found", "/nope", "Go to programs"),
]


@pytest.mark.parametrize("size_name", ["phone", "desktop"])
def test_every_control_of_every_screen_has_a_name(
    browser: Any, app_url: str, size_name: str
) -> None:
    size = PHONE if size_name == "phone" else DESKTOP
    context = browser.new_context(viewport=size)
    problems: dict[str, list[str]] = {}
    for name, route, marker in SCREENS:
        page = context.new_page()
        page.set_default_timeout(30_000)
        open_app(page, app_url + route)
        page.get_by_text(marker).first.wait_for()
        if found := unnamed(page):
            problems[name] = found
        page.close()
    page = context.new_page()  # the player: before start, running, paused, the leave dialog
    page.set_default_timeout(30_000)
    open_app(page, app_url + "/programs/quick-pauses/lessons/2")
    page.get_by_role("button", name="Start").wait_for()
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name="Pause").wait_for()
    if found := unnamed(page):
        problems["player running"] = found
    page.keyboard.press("Space")
    page.get_by_role("button", name="Resume").wait_for()
    if found := unnamed(page):
        problems["player paused"] = found
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Keep going").wait_for()
    if found := unnamed(page):
        problems["leave dialog"] = found
    page.get_by_role("button", name="End").click()
    page.close()
    page = context.new_page()  # the check-in before, the finish and the check-in after
    page.set_default_timeout(30_000)
    open_app(page, app_url + "/programs/quick-pauses/lessons/1")
    page.get_by_role("button", name="Start").wait_for()
    if found := unnamed(page):
        problems["lesson with check-in"] = found
    page.get_by_role("button", name="Start").click()
    page.get_by_text("Well done").first.wait_for(timeout=90_000)
    if found := unnamed(page):
        problems["finish"] = found
    context.close()
    assert not problems, problems


def test_state_is_exposed_on_toggles(browser: Any, app_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    open_app(page, app_url + "/settings")
    page.get_by_text("Backup").first.wait_for()
    switches = page.locator("flt-semantics[role='switch']")
    assert switches.count() > 0
    for i in range(switches.count()):
        assert switches.nth(i).get_attribute("aria-checked") in ("true", "false")
    working = page.get_by_role("checkbox", name="Monday, working day")
    assert working.get_attribute("aria-checked") == "true"  # a work day by default
    rest = page.get_by_role("checkbox", name="Monday, rest day")
    assert rest.get_attribute("aria-checked") == "false"
    rest.click()
    page.get_by_text("Saved.").wait_for()
    page.wait_for_function(
        "document.querySelector(\"[aria-label='Monday, rest day']\")"
        ".getAttribute('aria-checked') === 'true'"
    )
    system = page.get_by_role("button", name="System")
    assert system.get_attribute("aria-current") == "true"  # the theme chosen
    assert page.get_by_role("button", name="Dark").get_attribute("aria-current") == "false"
    page.close()

    page = context.new_page()  # the mute button says whether sound is on
    page.set_default_timeout(30_000)
    open_app(page, app_url + "/programs/quick-pauses/lessons/2")
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name=re.compile("^Sound on")).click()
    page.get_by_role("button", name=re.compile("^Sound off")).wait_for()
    context.close()


def test_keyboard_alone_reaches_a_lesson_and_starts_it(browser: Any, app_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(30_000)
    open_app(page, app_url)
    page.get_by_text("Programs").first.wait_for()

    def tab_to(pattern: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            page.wait_for_timeout(200)  # Flutter moves its focus a frame after the key
            label = page.evaluate(
                "(document.activeElement && (document.activeElement.getAttribute('aria-label')"
                " || document.activeElement.textContent)) || ''"
            )
            if re.search(pattern, label):
                page.wait_for_timeout(200)
                return
        raise AssertionError(f"Tab never reached {pattern!r}")

    tab_to("Finding ease for the lower back")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/programs/lower-back$"))
    tab_to(r"1\. Noticing how you sit")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/lessons/1$"))
    tab_to("^Start")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Pause").wait_for()
    page.keyboard.press("Space")  # the player's keys, as the README says
    page.get_by_role("button", name="Resume").wait_for()
    shown = "() => document.querySelector('flt-semantics-host').textContent"
    paused_on = page.evaluate(shown)
    page.keyboard.press("ArrowRight")  # skip: another step, still paused
    page.wait_for_function(f"({shown})() !== {json.dumps(paused_on)}")
    skipped_to = page.evaluate(shown)
    page.keyboard.press("ArrowLeft")  # back
    page.wait_for_function(f"({shown})() !== {json.dumps(skipped_to)}")
    page.get_by_role("button", name="Resume").wait_for()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Keep going").wait_for()
    context.close()


# Leaves of the accessibility tree (each a text or a control) that reach past the window's
# right edge: text cut off, or a screen a person would have to scroll sideways.
CUT_OFF = """() => [...document.querySelectorAll('flt-semantics')]
  .filter(e => !e.querySelector('flt-semantics'))
  .filter(e => { const r = e.getBoundingClientRect();
                 return r.width > 0 && (r.right > innerWidth + 1 || r.left < -1); })
  .map(e => ((e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40)) + ' @ ' +
            Math.round(e.getBoundingClientRect().left) + '..' +
            Math.round(e.getBoundingClientRect().right))
"""


def test_the_largest_text_scrolls_no_screen_sideways(browser: Any, app_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    open_app(page, app_url + "/settings")
    page.get_by_role("button", name=re.compile("^Text size")).click()
    page.get_by_role("menuitem", name="Largest").click()
    page.get_by_text("Saved.").wait_for()
    page.get_by_role("button", name=re.compile("^Text size\\s+Largest")).wait_for()
    page.close()
    problems: dict[str, list[str]] = {}
    for name, route, marker in [*SCREENS, ("player", "/programs/quick-pauses/lessons/2", "Start")]:
        page = context.new_page()
        page.set_default_timeout(30_000)
        open_app(page, app_url + route)
        page.get_by_text(marker).first.wait_for()
        if name == "player":
            page.get_by_role("button", name="Start").click()
            page.get_by_role("button", name="Pause").wait_for()
            page.keyboard.press("Space")  # hold still for the picture
            page.get_by_role("button", name="Resume").wait_for()
        page.wait_for_timeout(600)
        if found := page.evaluate(CUT_OFF):
            problems[name] = found
        screenshot(page, f"phone-largest-text-{name}")
        page.close()
    context.close()
    assert not problems, problems
