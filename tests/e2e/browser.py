"""Shared helpers for driving the Flutter web client in Debian's headless Chromium.

Flutter draws on a canvas; its accessibility tree (turned on by clicking the
``flt-semantics-placeholder``) is what Playwright's role and text locators read.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import IO, Any

from pwa.harness import CHROMIUM as CHROMIUM  # re-exported: the tests check it exists
from pwa.harness import CHROMIUM_ARGS
from pwa.harness import enable_semantics as enable_semantics  # one recipe for tests and benches
from pwa.harness import free_port as free_port

ROOT = Path(__file__).resolve().parents[2]
LAUNCH_ARGS = [
    "--headless",
    *CHROMIUM_ARGS,  # the flags that keep Chromium off the closed network, shared with pwa/
    "--autoplay-policy=no-user-gesture-required",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = ROOT / "test-artifacts"


def wait_for_port(port: int, timeout: float = 30.0) -> float:
    """Seconds until the server answers HTTP on ``port``."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing answered on port {port}")


def start_app(
    data_dir: Path,
    port: int,
    *,
    time_scale: float = 30.0,
    extra_env: dict[str, str] | None = None,
    output: IO[bytes] | None = None,
) -> subprocess.Popen[bytes]:
    """``python main.py`` on ``port`` in a process group of its own; its output to ``output``
    (stdout and stderr, unbuffered) or nowhere."""
    env = {
        **os.environ,
        "MICROPAUSE_DATA_DIR": str(data_dir),
        "MICROPAUSE_TIME_SCALE": str(time_scale),
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=output if output is not None else subprocess.DEVNULL,
        stderr=subprocess.STDOUT if output is not None else subprocess.DEVNULL,
        start_new_session=True,
    )


def stop_app(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server's whole process group: politely, then for good after 10 s."""
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@contextmanager
def serve_app(
    data_dir: Path,
    *,
    time_scale: float = 30.0,
    extra_env: dict[str, str] | None = None,
    log_path: Path | None = None,
) -> Iterator[str]:
    """Run ``python main.py`` on a free loopback port; yield its URL; stop the whole group.
    With ``log_path``, its stdout and stderr go to that file."""
    port = free_port()
    with log_path.open("wb") if log_path is not None else nullcontext() as output:
        proc = start_app(data_dir, port, time_scale=time_scale, extra_env=extra_env, output=output)
        try:
            wait_for_port(port)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop_app(proc)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium under Playwright; on exit both close, and so does Playwright's loop."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_app(page: Any, url: str, timeout_ms: int = 60_000) -> None:
    """Load ``url``, wait for Flutter's first frame and switch on the semantics tree."""
    page.add_init_script("addEventListener('flutter-first-frame', () => window.__ff = true)")
    page.goto(url)
    page.wait_for_function("window.__ff === true", timeout=timeout_ms)
    enable_semantics(page)


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(800)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


INTERACTIVE = (  # the roles a person acts on, which must each have a name
    "button",
    "switch",
    "checkbox",
    "radio",
    "slider",
    "combobox",
    "textbox",
    "tab",
    "link",
    "menuitem",
    "spinbutton",
)
UNNAMED = """() => [...document.querySelectorAll('flt-semantics, input, textarea')]
  .filter(e => %s.includes(e.getAttribute('role') || (e.tagName === 'INPUT' ? 'textbox' : '')))
  .filter(e => e.getBoundingClientRect().width > 0)
  .filter(e => !((e.getAttribute('aria-label') || '').trim() || (e.textContent || '').trim()
                 || (e.getAttribute('placeholder') || '').trim()))
  .map(e => (e.getAttribute('role') || e.tagName) + ' at ' +
            Math.round(e.getBoundingClientRect().x) + ',' + Math.round(e.getBoundingClientRect().y))
""" % list(INTERACTIVE)  # noqa: UP031  # a JavaScript literal, not a Python format


def unnamed(page: Any) -> list[str]:
    """The interactive nodes of the page's accessibility tree that have no name."""
    page.wait_for_timeout(600)
    found: list[str] = page.evaluate(UNNAMED)
    return found


def press_start(page: Any) -> None:
    """Tap a lesson's Start and wait for the player to run.

    On a loaded machine a tap that lands while the lesson screen is still sliding in is
    sometimes lost (seen about once in ten full runs, never alone); a person would tap again,
    and so does this, once."""
    start = page.get_by_role("button", name="Start", exact=True)
    start.click()
    # Exact names: a lesson row that mentions a pause must not pass for the player's button.
    running = page.get_by_role("button", name="Pause", exact=True)
    try:
        running.wait_for(timeout=15_000)
    except Exception:
        if page.get_by_text("Well done").count():  # a short lesson at a fast time scale
            return
        if start.count() == 0:
            raise
        start.click()
        try:
            running.wait_for()
        except Exception:
            screenshot(page, "press-start-failure")  # evidence for a flake not yet understood
            raise
