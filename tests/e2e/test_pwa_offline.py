"""The static PWA, end to end: build it, serve it as plain files, play a lesson, then start it
again with the server gone and the browser offline, and find the same log.

Slow (a build, then Pyodide in headless Chromium): marked ``e2e``. ``MICROPAUSE_PWA_DIST``
reuses a built folder; ``MICROPAUSE_PWA_APP_ROOT`` builds another app folder (a stand-in).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pwa import build_pwa
from pwa.harness import (
    FIRST_FRAME_HOOK,
    block_foreign_requests,
    enable_semantics,
    launch,
    semantics_text,
    static_server,
    stop_server,
    wait_first_frame,
    wait_service_worker,
    wait_text,
)
from pwa.snapshot import SNAPSHOT_FILE
from tests.e2e.spies import SPIES, latencies_ms, set_visibility, spoken

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
APP_ROOT = Path(os.environ.get("MICROPAUSE_PWA_APP_ROOT", REPO))
PROGRAM_TITLE = "Finding ease for the lower back"
TIME_SCALE = 30


def _first_lesson_title(root: Path) -> str:
    program = json.loads(
        (root / "data/content/programs/lower-back.json").read_text(encoding="utf-8")
    )
    lessons = sorted(program["lessons"], key=lambda lesson: lesson["number"])
    return f"1. {lessons[0]['title']}"  # as the program page lists it


def _lesson_lines(root: Path) -> list[str]:
    """What the voice says through lesson 1 of the lower-back program, in order."""
    from data.content.catalogue import load_catalogue
    from data.player.speech import LessonLines
    from data.player.timeline import build_timeline

    program = load_catalogue(root / "data/content/programs").program("lower-back")
    assert program is not None
    lesson = program.lessons[0]
    timeline = build_timeline(lesson, 3)
    lines = LessonLines.of(program, lesson, timeline)
    return [lines.step(segment) for segment in timeline.segments] + [lines.finish]


def _streak(page: object) -> int:
    found = re.search(r"Current streak\D{0,40}?(\d+)", semantics_text(page), re.DOTALL)
    assert found, f"no streak number on the progress screen:\n{semantics_text(page)}"
    return int(found.group(1))


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("MICROPAUSE_PWA_DIST")
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("pwa") / "dist"
    build_pwa(APP_ROOT, out, log=lambda _line: None)
    return out


@pytest.fixture(scope="module")  # a live sync Playwright holds an event loop: end it here
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    with playwright_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def _open(page: object, url: str) -> None:
    page.goto(url)  # type: ignore[attr-defined]
    wait_first_frame(page)
    enable_semantics(page)


@dataclass
class Watched:
    """A page of a fresh context on ``url``, with what it requested, logged and was denied."""

    context: Any
    page: Any
    url: str
    requested: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def _watched(
    browser: Any, url: str, service_workers: str, permissions: tuple[str, ...] = ()
) -> Watched:
    granted = {"permissions": list(permissions)} if permissions else {}  # [] would deny all
    context = browser.new_context(service_workers=service_workers, accept_downloads=True, **granted)
    context.add_init_script(SPIES)  # what the page asks of speech and notifications
    watched = Watched(context, None, url, blocked=block_foreign_requests(context, url.rstrip("/")))
    context.on("request", lambda request: watched.requested.append(request.url))
    watched.page = context.new_page()
    watched.page.add_init_script(FIRST_FRAME_HOOK)
    watched.page.on("console", lambda message: watched.console.append(message.text))
    return watched


def _copy_with_index(dist: Path, into: Path, patch: Callable[[str], str]) -> Path:
    """A copy of the build whose index.html is ``patch``ed (the page's config lives there)."""
    shutil.copytree(dist, into)
    index = (dist / "index.html").read_text(encoding="utf-8")
    patched = patch(index)
    assert patched != index, "the patch changed nothing: index.html changed shape"
    (into / "index.html").write_text(patched, encoding="utf-8")
    return into


def _load_home_once(browser: Any, folder: Path) -> Watched:
    """Serve ``folder``, open it with no service worker, wait for the home screen."""
    with static_server(folder) as (url, _server):
        watched = _watched(browser, url, "block")
        _open(watched.page, url)
        wait_text(watched.page, PROGRAM_TITLE, 120_000)
    watched.context.close()
    return watched


@pytest.mark.timeout(600)
def test_play_a_lesson_then_start_offline_with_the_same_log(dist: Path, browser: object) -> None:
    with static_server(dist) as (url, server):
        watched = _watched(browser, url, "allow")
        page, requested, console = watched.page, watched.requested, watched.console
        _open(page, f"{url}?MICROPAUSE_TIME_SCALE={TIME_SCALE}")
        wait_text(page, PROGRAM_TITLE)
        if (dist / SNAPSHOT_FILE).exists():  # the app started from the build's snapshot
            assert any(u.split("?")[0].endswith(SNAPSHOT_FILE) for u in requested), requested
            # ... with pydantic-core linked back into it, not by falling back to a plain start
            assert not [line for line in console if "snapshot not usable" in line], console
        assert any(u.endswith("/main.dart.wasm") for u in requested)  # Chromium: skwasm
        page.get_by_text(PROGRAM_TITLE).first.click()
        lesson_title = _first_lesson_title(APP_ROOT)
        wait_text(page, lesson_title, 30_000)
        page.get_by_text(lesson_title).first.click()
        page.get_by_role("button", name="Start", exact=True).click(timeout=30_000)
        wait_text(page, "Well done", 120_000)
        # The static app speaks through the same page script: a line for every step start,
        # and the finish.
        page.wait_for_function(
            "window.__mp.spoken.some(s => s.text.startsWith('Well done'))", timeout=30_000
        )
        lines = spoken(page)
        assert [line.text for line in lines] == _lesson_lines(APP_ROOT)
        late = latencies_ms(page, lines)
        print(
            f"PWA speech latency ms: median {sorted(late)[len(late) // 2]:.0f}, max {max(late):.0f}"
        )
        wait_service_worker(page)

        _open(page, f"{url}#/progress")
        wait_text(page, "Current streak", 60_000)
        streak = _streak(page)
        assert streak >= 1

        stop_server(server)
        watched.context.set_offline(True)
        page.reload()
        wait_first_frame(page)
        enable_semantics(page)
        wait_text(page, "Current streak", 60_000)
        assert _streak(page) == streak

        # Export and restore work in the static app too, offline: the export holds the
        # lesson just played, and restoring it adds nothing twice.
        page.goto(f"{url}#/settings")  # the same page: only the route changes
        wait_text(page, "Download export", 60_000)
        with page.expect_download(timeout=30_000) as download:
            page.get_by_text("Download export").first.click()
        exported = Path(download.value.path())
        assert json.loads(exported.read_text(encoding="utf-8"))["completions"]
        with page.expect_file_chooser(timeout=30_000) as chooser:
            page.get_by_text("Restore from a file").first.click()
        chooser.value.set_files(str(exported))
        wait_text(page, "already in your log", 30_000)
        assert "Restored 0 Micro Pauses" in semantics_text(page)
        # Nothing reaches out: not even flet's client for the Rive runtime (see pwa.web).
        assert not watched.blocked, watched.blocked
        traced = [i for i, line in enumerate(console) if "Traceback" in line]
        assert not traced, "\n".join(console[traced[0] : traced[0] + 60]) if traced else ""
    watched.context.close()


# Link tables the worker cannot reproduce: one it rejects before touching anything (table
# slots already taken), one that only fails once every extension is linked back and the
# function table has grown (it ends elsewhere than the snapshot's did).
BROKEN_LINKS = {
    "before linking": (r'"tableBase": \d+', '"tableBase": 1'),
    "after the table grew": (r'"tableEnd": \d+', '"tableEnd": 1'),
}


@pytest.mark.timeout(300)
@pytest.mark.parametrize("when", list(BROKEN_LINKS))
def test_a_snapshot_that_cannot_be_linked_back_falls_back_to_a_plain_start(
    dist: Path, browser: object, tmp_path: Path, when: str
) -> None:
    """If pydantic-core's places cannot be reproduced, the worker starts Python without the
    snapshot (a fresh Pyodide): slower, not broken."""
    index = (dist / "index.html").read_text(encoding="utf-8")
    if "pythonSnapshotLinks" not in index or '"libraries": []' in index:
        pytest.skip("this build's snapshot holds no compiled extension")
    pattern, replacement = BROKEN_LINKS[when]
    broken = _copy_with_index(
        dist, tmp_path / "dist", lambda html: re.sub(pattern, replacement, html)
    )
    console = _load_home_once(browser, broken).console
    assert [line for line in console if "snapshot not usable" in line], console


@pytest.mark.timeout(300)
def test_the_javascript_client_still_starts_for_browsers_without_wasm_gc(
    dist: Path, browser: object, tmp_path: Path
) -> None:
    """Chromium gets the dart2wasm client; Firefox and Safari get dart2js on CanvasKit. Forcing
    that renderer here loads the same build the way those browsers do."""
    forced = _copy_with_index(
        dist,
        tmp_path / "dist",
        lambda html: re.sub(
            r'flet\.webRenderer\s*=\s*"[a-z]+"', 'flet.webRenderer="canvaskit"', html
        ),
    )
    watched = _load_home_once(browser, forced)
    requested, blocked = watched.requested, watched.blocked
    assert any(u.endswith("/main.dart.js") for u in requested)
    assert not any(u.endswith("/main.dart.wasm") for u in requested)
    assert not blocked, blocked


@pytest.mark.timeout(300)
def test_the_static_app_notifies_through_its_service_worker(dist: Path, browser: object) -> None:
    """In the static PWA a nudge's notification is the service worker's (it outlives a page in
    the background), and the worker's word that it was clicked opens the lesson in place."""
    with static_server(dist) as (url, _server):
        watched = _watched(browser, url, "allow", ("notifications",))
        page = watched.page
        _open(page, url)
        wait_text(page, PROGRAM_TITLE, 120_000)
        wait_service_worker(page)
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        set_visibility(page, "hidden")
        route = "/programs/quick-pauses/lessons/2"
        notice = {
            "seq": 10_000,
            "op": "notify",
            "title": "Time for a Micro Pause",
            "body": "x",
            "route": route,
            "tag": "micropause-nudge",
        }
        # What Python's message does (the nudge schedule itself is the served app's e2e test).
        page.evaluate(
            "m => localStorage.setItem('flutter.mp_bridge', JSON.stringify(JSON.stringify(m)))",
            notice,
        )
        page.wait_for_function("window.__mp.notices.length > 0", timeout=10_000)
        [shown] = page.evaluate("window.__mp.notices")
        assert shown["worker"] and shown["options"]["data"]["route"] == route
        set_visibility(page, "visible")
        page.evaluate(
            "r => navigator.serviceWorker.dispatchEvent(new MessageEvent('message',"
            " {data: {type: 'micropause-open', route: r}}))",
            route,
        )
        page.wait_for_url(re.compile(re.escape(route) + r"\?from=notification$"))
        page.get_by_role("button", name="Start", exact=True).wait_for(timeout=30_000)
    watched.context.close()
