"""A pause nudge in a real browser: it appears, Start opens the lesson, the interval resets.

Time runs 60× faster (a 20-minute interval passes in 20 s). The browser's device key is set
before the first load so the test can give that browser its settings, and the browser runs in
a time zone where it is late morning now, so the test's scaled hour or two stays inside the
working day whatever the machine's clock says.
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
from tests.e2e.browser import (
    PHONE,
    chromium,
    open_app,
    screenshot,
    serve_app,
    unnamed,
)

pytestmark = pytest.mark.e2e

HINT = re.compile(r"Next pause nudge around (\d\d):(\d\d)")


def late_morning_zone(now: datetime) -> str:
    """A fixed-offset IANA zone in which ``now`` falls between 11:00 and 12:00."""
    offset = (11 - now.astimezone(UTC).hour) % 24
    if offset > 14:
        offset -= 24
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


def minutes_of(text: str) -> int:
    match = HINT.search(text)
    assert match, text
    return int(match[1]) * 60 + int(match[2])


@pytest.fixture()
def nudged(tmp_path: Path) -> Iterator[tuple[str, str]]:
    key = new_device_key()
    ProfileStores(tmp_path).for_device_key(key).save_settings(
        Settings(
            nudge_interval_minutes=20,
            work_days=[0, 1, 2, 3, 4, 5, 6],
            work_start=time(6, 0),
            work_end=time(22, 0),
            get_ready_seconds=0,
            sound_on=False,
        )
    )
    with serve_app(tmp_path, time_scale=60) as url:
        yield url, key


def test_nudge_appears_starts_a_lesson_and_the_interval_resets(
    nudged: tuple[str, str],
) -> None:
    url, key = nudged
    with chromium() as browser:
        zone = late_morning_zone(datetime.now(UTC))
        context = browser.new_context(viewport=PHONE, timezone_id=zone)
        context.add_init_script(f"localStorage.setItem('flutter.mp_device', '\"{key}\"')")
        page: Any = context.new_page()
        page.set_default_timeout(30_000)
        open_app(page, url)
        hint = page.get_by_text(HINT).first
        hint.wait_for()
        before = minutes_of(hint.inner_text())

        # The banner's texts are merged into one labelled group in Flutter's semantics tree.
        banner = page.locator("flt-semantics[aria-label*='Time for a Micro Pause']").first
        banner.wait_for(timeout=60_000)
        assert page.title().startswith("●")
        screenshot(page, "phone-nudge")
        assert not unnamed(page), "the nudge has a control without a name"
        page.get_by_role("button", name="Start").click()
        page.wait_for_url(re.compile(r"/programs/[a-z-]+/lessons/\d+$"))
        page.wait_for_function("document.title === 'Micro Pause'")
        page.get_by_role("button", name="Start").click()
        page.get_by_text("Well done").wait_for(timeout=60_000)
        page.get_by_role("button", name="Back to programs").click()
        after_hint = page.get_by_text(HINT).first
        after_hint.wait_for()
        after = minutes_of(after_hint.inner_text())
        assert (after - before) % (24 * 60) >= 20  # counted again from the finished pause
