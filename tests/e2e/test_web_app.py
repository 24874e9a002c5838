"""The web app as a new user meets it, in Debian's headless Chromium.

One server for the module (its own temporary data folder, lessons 30× faster); each test
opens fresh browser contexts, which are fresh browsers: new storage, new device key.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import (
    DESKTOP,
    PHONE,
    enable_semantics,
    open_app,
    press_start,
    screenshot,
    serve_app,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("web-data"), time_scale=30) as url:
        yield url


def new_page(browser: Any, size: dict[str, int] = PHONE) -> Any:
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def reload(page: Any) -> None:
    page.reload()
    page.wait_for_function("window.__ff === true", timeout=60_000)
    enable_semantics(page)


def play_lesson_to_the_end(page: Any) -> None:
    press_start(page)
    page.get_by_text("Well done").wait_for(timeout=60_000)


def test_new_user_plays_a_lesson_and_sees_a_streak_of_one(browser: Any, app_url: str) -> None:
    page = new_page(browser)
    open_app(page, app_url)
    assert page.title() == "Micro Pause"
    for title in ("Finding ease for the lower back", "Neck, shoulders and upper back"):
        page.get_by_text(title).first.wait_for()
    page.get_by_text("Finding ease for the lower back").first.click()
    page.wait_for_url(re.compile(r"/programs/lower-back$"))
    page.get_by_text("1. Noticing how you sit").first.click()
    page.wait_for_url(re.compile(r"/programs/lower-back/lessons/1$"))
    play_lesson_to_the_end(page)
    page.get_by_text("1-day streak").wait_for()
    screenshot(page, "phone-finish")
    page.get_by_role("button", name="Back to programs").click()
    page.get_by_text("1-day streak").wait_for()
    page.get_by_role("tab", name=re.compile("Progress")).click()
    page.wait_for_url(re.compile(r"/progress$"))
    page.get_by_text("Current streak").wait_for()
    page.get_by_text("Today: done").wait_for()
    page.get_by_text("Noticing how you sit").first.wait_for()

    # 2. A reload keeps the log; a second, fresh browser has its own, empty one.
    reload(page)
    page.get_by_text("Today: done").wait_for()
    other = new_page(browser)
    open_app(other, app_url + "/progress")
    other.get_by_text("Your log is empty", exact=False).wait_for()
    assert other.get_by_text("Today: done").count() == 0
    other.context.close()
    page.context.close()


def test_deep_link_and_browser_back(browser: Any, app_url: str) -> None:
    page = new_page(browser, DESKTOP)
    open_app(page, app_url + "/programs/psoas-release/lessons/3")
    page.get_by_text("The half-kneeling hip flexor stretch").first.wait_for()
    page.get_by_role("button", name="Start").wait_for()
    open_app(page, app_url + "/programs/neck-shoulders")
    page.get_by_text("2. Balancing the head on the spine").first.click()
    page.wait_for_url(re.compile(r"/programs/neck-shoulders/lessons/2$"))
    page.get_by_role("button", name="Start").wait_for()
    page.go_back()
    page.wait_for_url(re.compile(r"/programs/neck-shoulders$"))
    page.get_by_text("1. Exploring how your head and upper spine move").first.wait_for()
    page.context.close()


def test_the_page_loads_nothing_from_beyond_the_server(browser: Any, app_url: str) -> None:
    """The client, renderer, fonts and sounds are local: no CDN, not even the Rive runtime
    flet-web's client asks a CDN for at start-up (``pwa.web_client`` points it home)."""
    page = new_page(browser)
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    open_app(page, app_url)
    page.get_by_text("Finding ease for the lower back").first.wait_for()
    page.wait_for_timeout(1_000)  # plugins that load late have had their chance
    page.context.close()
    origin = app_url.split("/", 3)[:3]
    foreign = [
        url
        for url in requested
        if url.split("/", 3)[:3] != origin and not url.startswith(("data:", "blob:"))
    ]
    assert requested and not foreign, foreign


def test_unknown_url_is_a_friendly_dead_end(browser: Any, app_url: str) -> None:
    page = new_page(browser)
    open_app(page, app_url + "/programs/nowhere")
    page.get_by_text("nothing at this address", exact=False).wait_for()
    page.get_by_role("button", name="Go to programs").click()
    page.wait_for_url(re.compile(r"/$"))
    page.context.close()


def test_manifest_icons_and_title(app_url: str) -> None:
    with urllib.request.urlopen(app_url + "/manifest.json") as response:
        manifest = json.load(response)
    assert manifest["name"] == "Micro Pause"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        with urllib.request.urlopen(f"{app_url}/{icon['src'].lstrip('/')}") as response:
            assert response.status == 200
            assert response.read(8) == b"\x89PNG\r\n\x1a\n"
    with urllib.request.urlopen(app_url + "/") as response:
        html = response.read().decode()
    assert "<title>Micro Pause</title>" in html
    assert "apple-touch-icon.png" in html


SCREENS = [
    ("home", "/", "Programs"),
    ("program", "/programs/lower-back", "Lessons"),
    ("lesson", "/programs/lower-back/lessons/3", "What you will do"),
    ("lesson-cautions", "/programs/psoas-release/lessons/3", "Before you start"),
    ("progress", "/progress", "Current streak"),
    ("settings", "/settings", "Backup"),
    ("not-found", "/nope", "Go to programs"),
]


@pytest.mark.parametrize("size_name", ["phone", "desktop"])
def test_screenshots_of_every_screen(browser: Any, app_url: str, size_name: str) -> None:
    size = PHONE if size_name == "phone" else DESKTOP
    page = new_page(browser, size)
    for name, route, marker in SCREENS:
        open_app(page, app_url + route)
        page.get_by_text(marker).first.wait_for()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"{name} scrolls sideways at {size_name} size"
        screenshot(page, f"{size_name}-{name}")
    open_app(page, app_url + "/programs/quick-pauses/lessons/2")
    page.get_by_role("button", name="Start").click()
    page.get_by_text("Pause", exact=True).wait_for()
    screenshot(page, f"{size_name}-player")
    page.context.close()


def test_backup_moves_a_log_to_another_browser(browser: Any, app_url: str, tmp_path: Path) -> None:
    first = new_page(browser, DESKTOP)
    open_app(first, app_url + "/programs/quick-pauses/lessons/3")
    play_lesson_to_the_end(first)
    open_app(first, app_url + "/settings")
    first.get_by_text("Backup").first.wait_for()
    with first.expect_download() as download:
        first.get_by_role("button", name="Download export").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert json.loads(exported.read_text())["format"] == "micropause-log"
    first.context.close()

    second = new_page(browser, DESKTOP)
    open_app(second, app_url + "/settings")
    second.get_by_text("Backup").first.wait_for()
    with second.expect_file_chooser() as chooser:
        second.get_by_role("button", name="Restore from a file").click()
    chooser.value.set_files(str(exported))
    second.get_by_text("Restored 1 Micro Pause (0 already in your log).").wait_for()
    open_app(second, app_url + "/progress")
    second.get_by_text("Today: done").wait_for()
    second.context.close()
