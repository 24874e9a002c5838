"""The served app as a host runs it: compressed on the wire, no files for visitors who only
look, and a restarted server that brings the page back to the home screen with its log."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import (
    PHONE,
    enable_semantics,
    free_port,
    open_app,
    start_app,
    stop_app,
    wait_for_port,
)

pytestmark = pytest.mark.e2e

SERVED_FIRST_VISIT_LIMIT = 6_000_000
"""Bytes on the wire for a first visit of the served app (issue 16's target)."""
HOME_TEXT = "Finding ease for the lower back"


def new_page(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


def wait_precompressed(log: Path, timeout_s: float = 180.0) -> None:
    """Wait until the server says its client is compressed (once, in the background)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if "web client precompressed" in log.read_text(errors="replace"):
            return
        time.sleep(0.25)
    raise TimeoutError(f"the server never finished compressing its client:\n{log.read_text()}")


def test_a_first_visit_gets_the_client_compressed(tmp_path: Path, browser: Any) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        proc = start_app(tmp_path / "data", port, output=output)
    try:
        wait_for_port(port)
        url = f"http://127.0.0.1:{port}"
        wait_precompressed(log)
        page = new_page(browser)
        responses: list[Any] = []
        page.on("response", lambda response: responses.append(response))
        open_app(page, url)
        page.get_by_text(HOME_TEXT).first.wait_for()
        wire = {r.url.rsplit("/", 1)[-1]: r for r in responses}
        wasm = wire["main.dart.wasm"]
        assert wasm.header_value("content-encoding") in ("br", "gzip")
        assert wasm.header_value("content-type") == "application/wasm"
        assert "accept-encoding" in (wasm.header_value("vary") or "").lower()
        sizes = {r.url: max(0, r.request.sizes()["responseBodySize"]) for r in responses}
        encodings = {r.url: r.header_value("content-encoding") for r in responses}
        assert sum(sizes.values()) <= SERVED_FIRST_VISIT_LIMIT, (sizes, encodings)
        for name in ("canvaskit/skwasm.wasm", "MaterialIcons-Regular.otf"):
            [found] = [r for r in responses if r.url.endswith(name)]
            assert found.header_value("content-encoding") in ("br", "gzip"), name
        # A browser that accepts no encoding still gets the file, as it is.
        plain = urllib.request.Request(f"{url}/main.dart.wasm", headers={"Accept-Encoding": ""})
        with urllib.request.urlopen(plain) as response:
            assert response.headers.get("Content-Encoding") is None
            assert response.read(4) == b"\0asm"
        page.context.close()
    finally:
        stop_app(proc)


def test_visitors_who_only_look_leave_no_files(tmp_path: Path, browser: Any) -> None:
    port = free_port()
    proc = start_app(tmp_path, port)
    try:
        wait_for_port(port)
        for _ in range(3):
            page = new_page(browser)
            open_app(page, f"http://127.0.0.1:{port}")
            page.get_by_text(HOME_TEXT).first.wait_for()
            page.wait_for_timeout(500)  # anything the session would write has been written
            page.context.close()
        assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
        # The first write, and only it, makes the browser's folder.
        page = new_page(browser)
        open_app(page, f"http://127.0.0.1:{port}/programs/quick-pauses/lessons/1")
        page.get_by_role("button", name="Start").click()
        page.get_by_text("Well done").wait_for(timeout=60_000)
        page.context.close()
        [folder] = (tmp_path / "devices").iterdir()
        assert (folder / "micropause-log-journal.json").is_file()
    finally:
        stop_app(proc)


def test_a_restarted_server_brings_the_page_home_with_its_log(tmp_path: Path, browser: Any) -> None:
    port = free_port()
    proc = start_app(tmp_path, port)
    try:
        wait_for_port(port)
        url = f"http://127.0.0.1:{port}"
        page = new_page(browser)
        open_app(page, f"{url}/programs/quick-pauses/lessons/1")
        page.get_by_role("button", name="Start").click()
        page.get_by_text("Well done").wait_for(timeout=60_000)
        page.get_by_role("button", name="Back to programs").click()
        page.get_by_text("1-day streak").wait_for()
        open_app(page, f"{url}/programs/quick-pauses/lessons/2")
        page.get_by_role("button", name="Start").click()
        page.get_by_text("Pause", exact=True).wait_for()  # the player is running

        page.evaluate("window.__before_restart = true")  # gone once the page has reloaded
        stop_app(proc)
        proc = start_app(tmp_path, port)
        wait_for_port(port)
        # Nobody reloads: the page finds a new server process and starts again at home
        # (assets/index.html); a stale session would have left it blank. Flet's own reconnect
        # may reach the new process first, so wait for the reload, not only for the URL.
        page.wait_for_url(f"{url}/", timeout=90_000)
        page.wait_for_function("window.__ff === true && !window.__before_restart", timeout=90_000)
        enable_semantics(page)
        page.get_by_text(HOME_TEXT).first.wait_for()
        page.get_by_text("1-day streak").wait_for()
        assert page.get_by_text("Pause", exact=True).count() == 0
        page.context.close()
    finally:
        stop_app(proc)
