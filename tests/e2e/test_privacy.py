"""The device key is a bearer secret: it stays in the browser's storage and the server's memory.

It never shows in a URL the browser requests, in the server's output, in the page, or on
disk (the log folder is named by its SHA-256). Each browser gets its own key and folder, and
a key tampered with in storage is replaced, never used as a path.

The server here is started by this module (not ``serve_app``) so its stdout and stderr are
kept in a file and searched.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from data.runtime.folders import is_valid_device_key
from tests.e2e.browser import (
    PHONE,
    enable_semantics,
    open_app,
    press_start,
    serve_app,
)

pytestmark = pytest.mark.e2e

KEY_ITEM = "flutter.mp_device"
HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class Server:
    url: str
    root: Path
    """A scratch folder holding the data folder, so an escape from it would land here."""
    data_dir: Path
    log_path: Path

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``python main.py`` on a free port; stdout and stderr go to one file."""
    root = tmp_path_factory.mktemp("privacy")
    data_dir = root / "outer" / "data"
    data_dir.mkdir(parents=True)
    log_path = root / "server.log"
    with serve_app(data_dir, time_scale=60, log_path=log_path) as url:
        yield Server(url, root, data_dir, log_path)


def device_key(page: Any) -> str:
    """The key as the app stored it (shared_preferences keeps values JSON-encoded)."""
    raw = page.evaluate(f"localStorage.getItem('{KEY_ITEM}')")
    assert isinstance(raw, str), f"no device key in storage: {raw!r}"
    value = json.loads(raw)
    assert isinstance(value, str)
    return value


def wait_for_key(page: Any, not_equal: str | None = None) -> str:
    """The device key once the app has set a valid one (it is written during startup)."""
    page.wait_for_function(
        """([item, old]) => {
             const raw = localStorage.getItem(item);
             if (raw === null) return false;
             try { const v = JSON.parse(raw);
                   return typeof v === 'string' && /^[0-9a-f]{48}$/.test(v) && v !== old; }
             catch (e) { return false; }
           }""",
        arg=[KEY_ITEM, not_equal],
        timeout=30_000,
    )
    return device_key(page)


def folder_for(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def page_texts(page: Any) -> str:
    """Everything the page shows or exposes: the whole DOM, semantics labels, title, URL."""
    return "\n".join(
        [
            page.url,
            page.title(),
            page.evaluate("document.documentElement.outerHTML"),
            page.evaluate("document.body.innerText"),
            page.evaluate(
                "Array.from(document.querySelectorAll('flt-semantics, [aria-label]'))"
                ".map(e => (e.getAttribute('aria-label') || '') + ' ' + e.textContent)"
                ".join('\\n')"
            ),
        ]
    )


def device_folders(server: Server) -> set[str]:
    devices = server.data_dir / "devices"
    return {p.name for p in devices.iterdir()} if devices.is_dir() else set()


def practise_once(page: Any, server: Server) -> None:
    """A first write: a browser's folder appears only then, never on a visit alone."""
    open_app(page, server.url + "/programs/quick-pauses/lessons/1")
    press_start(page)
    page.get_by_text("Well done").wait_for(timeout=60_000)


def outside(server: Server) -> set[str]:
    """Every path under the scratch folder but outside the data folder (and the log)."""
    return {
        str(p.relative_to(server.root))
        for p in server.root.rglob("*")
        if p != server.log_path and not p.is_relative_to(server.data_dir)
    }


def test_the_key_never_leaves_storage(browser: Any, server: Server) -> None:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(30_000)
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    page = context.new_page()
    page.on("websocket", lambda ws: urls.append(ws.url))
    seen_pages: list[str] = []

    open_app(page, server.url + "/programs/quick-pauses/lessons/3")
    key = wait_for_key(page)
    press_start(page)
    page.get_by_text("Well done").wait_for(timeout=60_000)
    seen_pages.append(page_texts(page))
    page.get_by_role("button", name="Back to programs").click()
    page.get_by_role("tab", name=re.compile("Progress")).click()
    page.get_by_text("Today: done").wait_for()
    seen_pages.append(page_texts(page))
    page.get_by_role("tab", name=re.compile("Settings")).click()
    page.get_by_text("Backup").first.wait_for()
    seen_pages.append(page_texts(page))
    page.reload()
    page.wait_for_function("window.__ff === true", timeout=60_000)
    enable_semantics(page)
    page.get_by_text("Backup").first.wait_for()
    seen_pages.append(page_texts(page))
    assert device_key(page) == key, "a reload must keep the key"

    assert urls, "no requests were seen"
    assert any(u.startswith("ws") for u in urls), "the websocket was not seen"
    leaked = [u for u in urls if key in u or key.upper() in u]
    assert not leaked, f"the key is in requested URLs: {leaked}"
    for text in seen_pages:
        assert key not in text and key.upper() not in text
    output = server.output()
    assert output.strip(), "the server wrote nothing at all; is its output captured?"
    assert key not in output and key.upper() not in output

    # On disk only the key's hash names the folder; no file holds the key itself.
    folder = server.data_dir / "devices" / folder_for(key)
    assert folder.is_dir()
    for path in server.data_dir.rglob("*"):
        assert key not in str(path)
        if path.is_file():
            assert key.encode() not in path.read_bytes(), f"{path} holds the key"
    context.close()


def test_two_browsers_get_different_keys_and_folders(browser: Any, server: Server) -> None:
    keys = []
    for _ in range(2):
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        open_app(page, server.url)
        page.get_by_text("Programs").first.wait_for()
        keys.append(wait_for_key(page))
        practise_once(page, server)
        context.close()
    first, second = keys
    assert is_valid_device_key(first) and is_valid_device_key(second)
    assert first != second
    devices = server.data_dir / "devices"
    folders = {folder_for(first), folder_for(second)}
    assert len(folders) == 2
    for name in folders:
        assert (devices / name).is_dir(), f"no data folder for a browser: {name}"
    assert all(HEX64.match(p.name) for p in devices.iterdir())


@pytest.mark.parametrize(
    "tampered",
    [
        pytest.param("../../etc", id="path traversal"),
        pytest.param("../" * 16, id="48 chars of traversal"),
        pytest.param("/etc/passwd", id="absolute path"),
        pytest.param("A" * 48, id="uppercase hex"),
        pytest.param(42, id="a number"),
    ],
)
def test_a_tampered_key_is_replaced(browser: Any, server: Server, tampered: object) -> None:
    before = outside(server)
    before_devices = device_folders(server)
    context = browser.new_context(viewport=PHONE)
    # Only on the first load: the app's own replacement must survive what follows.
    context.add_init_script(
        "if (!sessionStorage.getItem('tampered')) {"
        "  sessionStorage.setItem('tampered', '1');"
        f"  localStorage.setItem('{KEY_ITEM}', {json.dumps(json.dumps(tampered))});"
        "}"
    )
    page = context.new_page()
    open_app(page, server.url + "/progress")
    page.get_by_text("Current streak").wait_for()
    key = wait_for_key(page, not_equal=None)
    assert is_valid_device_key(key) and key != tampered
    practise_once(page, server)

    after_devices = device_folders(server)
    assert after_devices - before_devices == {folder_for(key)}
    assert all(HEX64.match(name) for name in after_devices)
    created = outside(server) - before
    assert not created, f"created outside the data folder: {created}"
    assert not (server.root / "etc").exists()
    assert not (server.root / "outer" / "etc").exists()
    context.close()


def test_a_valid_key_already_in_storage_is_kept(browser: Any, server: Server) -> None:
    """The control for the test above: what the init script writes is what the app reads."""
    planted = "0123456789abcdef" * 3
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(
        f"localStorage.setItem('{KEY_ITEM}', {json.dumps(json.dumps(planted))});"
    )
    page = context.new_page()
    open_app(page, server.url)
    page.get_by_text("Programs").first.wait_for()
    assert wait_for_key(page) == planted
    practise_once(page, server)
    assert (server.data_dir / "devices" / folder_for(planted)).is_dir()
    context.close()
