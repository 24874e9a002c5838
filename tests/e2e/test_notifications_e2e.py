"""Nudges that reach a person working in another window: with the tab hidden, a nudge at 60x
raises one system notification naming its lesson, and clicking it opens that lesson; in the
foreground the banner alone shows. Turning nudges on asks for permission inside that tap, and
Settings says when the browser said no.

Notifications are spied on (``tests/e2e/spies.py``): headless Chromium shows none, but the test
reads what the page asked for and clicks it as the system would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest

from data.practice_log.profiles import ProfileStores
from data.practice_log.settings import Settings
from data.runtime.folders import new_device_key
from data.runtime.page_bridge import Permission
from tests.e2e.browser import PHONE, chromium, open_app, screenshot, serve_app
from tests.e2e.spies import SPIES, set_visibility
from tests.e2e.test_nudges_e2e import late_morning_zone
from views.nudge_settings import NOTICE_WORDS

pytestmark = pytest.mark.e2e

NUDGE_SETTINGS = Settings(
    nudge_interval_minutes=20,
    work_days=[0, 1, 2, 3, 4, 5, 6],
    work_start=time(6, 0),
    work_end=time(22, 0),
    get_ready_seconds=0,
    sound_on=False,
)

BANNER = "flt-semantics[aria-label*='Time for a Micro Pause']"


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, ProfileStores]]:
    with serve_app(tmp_path, time_scale=60) as url:
        yield url, ProfileStores(tmp_path)


def new_page(browser: Any, stores: ProfileStores, permissions: list[str]) -> Any:
    key = new_device_key()
    stores.for_device_key(key).save_settings(NUDGE_SETTINGS)
    zone = late_morning_zone(datetime.now(UTC))
    context = browser.new_context(viewport=PHONE, timezone_id=zone, permissions=permissions)
    context.add_init_script(f"localStorage.setItem('flutter.mp_device', '\"{key}\"')")
    context.add_init_script(SPIES)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def notices(page: Any) -> list[dict[str, Any]]:
    return list(page.evaluate("window.__mp.notices.map(n => ({title: n.title, ...n.options}))"))


def test_a_hidden_tab_gets_one_notification_and_its_click_opens_the_lesson(
    served: tuple[str, ProfileStores],
) -> None:
    url, stores = served
    with chromium() as browser:
        page = new_page(browser, stores, ["notifications"])
        open_app(page, url)
        page.get_by_text("Next pause nudge around", exact=False).first.wait_for()
        set_visibility(page, "hidden")  # the person is working in another window
        page.wait_for_function("window.__mp.notices.length > 0", timeout=60_000)
        page.wait_for_timeout(1_000)  # a second copy would have come by now
        [notice] = notices(page)
        assert notice["title"] == "Time for a Micro Pause"
        route = notice["data"]["route"]
        assert re.fullmatch(r"/programs/[a-z-]+/lessons/\d+", route), notice
        assert "Try: " in notice["body"]

        set_visibility(page, "visible")  # what a click on a system notification does first
        page.evaluate("window.__mp.notices[0].onclick()")
        page.wait_for_url(re.compile(re.escape(route) + r"\?from=notification$"))
        page.get_by_role("button", name="Start").wait_for()
        page.wait_for_function("document.title === 'Micro Pause'")  # the nudge was answered
        page.locator(BANNER).first.wait_for(state="detached")  # no banner left to answer
        assert page.evaluate("window.__mp.notices[0].closed")
        screenshot(page, "phone-lesson-from-notification")
        page.context.close()


def test_in_the_foreground_the_banner_alone_shows(served: tuple[str, ProfileStores]) -> None:
    url, stores = served
    with chromium() as browser:
        page = new_page(browser, stores, ["notifications"])
        open_app(page, url)
        banner = page.locator(BANNER).first
        banner.wait_for(timeout=60_000)
        page.wait_for_timeout(1_000)
        assert notices(page) == []
        page.context.close()


def test_turning_nudges_on_asks_and_settings_say_it_was_denied(
    served: tuple[str, ProfileStores],
) -> None:
    url, stores = served
    with chromium() as browser:
        page = new_page(browser, stores, [])
        open_app(page, url + "/settings")
        switch = page.get_by_role("switch", name=re.compile("Nudge me"))
        switch.wait_for()
        assert not [b for b in page.evaluate("window.__mp.bridge") if b["m"]["op"] == "ask-notify"]
        switch.click()  # off
        switch.click()  # on: the question is asked inside this tap
        page.wait_for_function(
            "window.__mp.bridge.some(b => b.m.op === 'ask-notify')", timeout=10_000
        )
        page.wait_for_url(re.compile(r"mp-report=notify-"))  # the page told the app the answer
        answer = Permission(page.url.rsplit("notify-", 1)[1])
        assert answer == page.evaluate("Notification.permission")
        page.get_by_text(NOTICE_WORDS[answer][:40], exact=False).first.wait_for()
        assert answer is Permission.DENIED  # headless Chromium says no to a page it never granted
        screenshot(page, "phone-settings-notifications")
        page.context.close()
