"""What one server process carries: many browsers finishing lessons at once, each one stored.

    python benchmarks/load_test.py [--pages 21] [--browsers 3] [--lessons 3]

Starts ``python main.py`` (temporary MICROPAUSE_DATA_DIR, MICROPAUSE_TIME_SCALE=30), then
``--browsers`` headless Chromium processes with ``--pages`` pages between them, each a fresh
browser context (its own device key, so its own log). Every page opens the first quick pause
and plays ``--lessons`` lessons in a row (Start, "Well done", "Next: ..."), all pages at once.

Measured meanwhile: the server's event-loop lag, as the round trip of a request the server
answers on its loop without any work (``/__micropause_boot``, pwa/served.py), every 50 ms from
this process; the server's resident memory (VmRSS summed over its process group) idle, with
every page open, and at the end. Afterwards every device folder is opened with the store and
its completions counted: each one the browsers saw finish must be on disk.

Prints the figures, then one JSON line: {"pages", "browsers", "lessons_per_page",
"completions_seen", "completions_stored", "completions_per_s", "lag_ms_median", "lag_ms_max",
"rss_mb_idle", "rss_mb_open", "rss_mb_end", "mb_per_session"}.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from web_bench import group_rss  # noqa: E402

from data.practice_log.tinydb_store import open_store  # noqa: E402
from pwa.served import BOOT_PATH  # noqa: E402
from tests.e2e.browser import (  # noqa: E402
    CHROMIUM,
    LAUNCH_ARGS,
    PHONE,
    free_port,
    start_app,
    stop_app,
    wait_for_port,
)

TIME_SCALE = 30
PROBE_EVERY_S = 0.05
FIRST_FRAME_HOOK = "addEventListener('flutter-first-frame', () => window.__ff = true)"


class LagProbe:
    """Round trips of a no-work request, on a thread of its own, one connection kept open."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.samples_ms: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> LagProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                conn.request("GET", f"/{BOOT_PATH}")
                conn.getresponse().read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                continue
            self.samples_ms.append((time.perf_counter() - started) * 1000)
            self._stop.wait(PROBE_EVERY_S)
        conn.close()


async def open_page(browser: Any, url: str) -> Any:
    context = await browser.new_context(viewport=PHONE)
    page = await context.new_page()
    page.set_default_timeout(240_000)
    await page.add_init_script(FIRST_FRAME_HOOK)
    await page.goto(f"{url}/programs/quick-pauses/lessons/1")
    await page.wait_for_function("window.__ff === true", timeout=240_000)
    placeholder = page.locator("flt-semantics-placeholder")
    await placeholder.wait_for(state="attached")
    await placeholder.dispatch_event("click")
    await page.get_by_role("button", name="Start").wait_for()
    return page


async def play(page: Any, lessons: int) -> int:
    """Play ``lessons`` lessons in a row; returns how many reached "Well done"."""
    done = 0
    for number in range(lessons):
        await page.get_by_role("button", name="Start").click()
        await page.get_by_text("Well done").wait_for()
        done += 1
        if number + 1 < lessons:
            await page.get_by_role("button", name="Next:", exact=False).click()
            await page.get_by_role("button", name="Start").wait_for()
    return done


def stored(data_dir: Path) -> int:
    devices = data_dir / "devices"
    if not devices.is_dir():
        return 0
    return sum(len(open_store(folder).completions()) for folder in devices.iterdir())


async def run(args: argparse.Namespace, url: str, pgid: int) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browsers = [
            await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for _ in range(args.browsers)
        ]
        pages = []
        for index in range(args.pages):  # a few at a time: 2 cores load a client slowly
            pages.append(open_page(browsers[index % len(browsers)], url))
        opened: list[Any] = []
        for start in range(0, len(pages), args.batch):
            opened += await asyncio.gather(*pages[start : start + args.batch])
        await asyncio.sleep(2)
        rss_open, _ = group_rss(pgid)
        started = time.monotonic()
        finished = await asyncio.gather(*(play(page, args.lessons) for page in opened))
        elapsed = time.monotonic() - started
        await asyncio.sleep(1)
        rss_end, _ = group_rss(pgid)
        for browser in browsers:
            await browser.close()
    return {
        "seen": sum(finished),
        "elapsed_s": elapsed,
        "rss_open": rss_open,
        "rss_end": rss_end,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=21)
    parser.add_argument("--browsers", type=int, default=3)
    parser.add_argument("--lessons", type=int, default=3, help="lessons each page plays")
    parser.add_argument("--batch", type=int, default=4, help="pages opened at once")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"needs Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="mp-load-") as tmp:
        data_dir = Path(tmp) / "data"
        port = free_port()
        log_path = Path(tmp) / "server.log"
        with log_path.open("wb") as log:
            proc = start_app(data_dir, port, time_scale=TIME_SCALE, output=log)
        try:
            wait_for_port(port)
            time.sleep(2)
            rss_idle, processes = group_rss(proc.pid)
            with LagProbe(port) as probe:
                result = asyncio.run(run(args, f"http://127.0.0.1:{port}", proc.pid))
            lag = probe.samples_ms
        finally:
            stop_app(proc)
        on_disk = stored(data_dir)
        errors = [
            line
            for line in log_path.read_text(errors="replace").splitlines()
            if "Traceback" in line or "ERROR" in line
        ]
    per_session = (result["rss_open"] - rss_idle) / args.pages
    figures = {
        "pages": args.pages,
        "browsers": args.browsers,
        "lessons_per_page": args.lessons,
        "completions_seen": result["seen"],
        "completions_stored": on_disk,
        "completions_per_s": round(result["seen"] / result["elapsed_s"], 2),
        "lag_ms_median": round(statistics.median(lag), 1) if lag else None,
        "lag_ms_max": round(max(lag), 1) if lag else None,
        "rss_mb_idle": round(rss_idle, 1),
        "rss_mb_open": round(result["rss_open"], 1),
        "rss_mb_end": round(result["rss_end"], 1),
        "mb_per_session": round(per_session, 2),
    }
    print(
        f"{args.pages} pages in {args.browsers} Chromium processes, {args.lessons} lessons each "
        f"at {TIME_SCALE}x, one server process ({processes} in its group)"
    )
    print(
        f"completions: {result['seen']} seen finish, {on_disk} stored"
        f" — {'ok' if on_disk == result['seen'] else 'LOST SOME'}; "
        f"{figures['completions_per_s']}/s over {result['elapsed_s']:.1f} s"
    )
    print(
        f"event-loop lag (probe round trip, {len(lag)} samples): median "
        f"{figures['lag_ms_median']} ms, max {figures['lag_ms_max']} ms"
    )
    print(
        f"server RSS: {rss_idle:.1f} MB idle, {result['rss_open']:.1f} MB with "
        f"{args.pages} sessions ({per_session:.2f} MB each), {result['rss_end']:.1f} MB after"
    )
    with contextlib.suppress(Exception):
        if errors:
            print(f"server log: {len(errors)} error lines, first: {errors[0]}")
    print(json.dumps(figures))
    return 0 if on_disk == result["seen"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
