"""How fast the web server starts, how fast a page paints, what a session costs, and how soon
a finished lesson shows on the progress screen.

    python benchmarks/web_bench.py

Prints, in order:

(a) seconds from starting ``python main.py --port P`` (temporary MICROPAUSE_DATA_DIR,
    MICROPAUSE_TIME_SCALE=30) until the port answers HTTP 200 (median of 3 starts);
(b) seconds from navigation start to Flutter's ``flutter-first-frame`` event in headless
    Chromium (median of 3 fresh contexts), which renderer loaded (skwasm or canvaskit), and
    the bytes a first visit takes on the wire (response bodies as sent, once the server has
    precompressed its client);
(c) the server's resident memory (sum of VmRSS over its whole process group, from /proc)
    with 1 and with 20 browser sessions showing the home screen, and MB per extra session;
(d) seconds from the finish screen ("Well done") of the shortest quick-pauses lesson to
    "Today: done" on the progress screen, reached by clicking "Back to programs" and then
    the "Progress" navigation destination, as a person would;
(e) speech latency: for every line the voice says through a lesson with a side switch
    (quick-pauses 5, at 30x), milliseconds from its step's start to ``speechSynthesis.speak``,
    the step's start placed on the page's clock from the bridge messages' stamps (at most the
    true lateness, see ``tests/e2e/spies.py``): median and max over the lesson's lines.

Times in (b) and (d) are read from the page's own clock (``performance.now()``), sampled on
every animation frame, so Playwright's round trips do not count.

Targets: server up < 2 s, first frame < 2.5 s, < 5 MB per extra session, a first visit under
6 MB, every line spoken within 300 ms. The last line is one JSON object: {"server_up_s",
"first_frame_s", "first_visit_mb", "rss_mb_1", "rss_mb_20", "completion_to_progress_s",
"speech_latency_median_ms", "speech_latency_max_ms"}.
"""

from __future__ import annotations

import contextlib
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.content.catalogue import load_catalogue  # noqa: E402
from pwa.harness import (  # noqa: E402
    FIRST_FRAME_HOOK,
    enable_semantics,
    text_shown_at,
    wait_first_frame,
)
from tests.e2e.browser import (  # noqa: E402
    CHROMIUM,
    LAUNCH_ARGS,
    PHONE,
    free_port,
    start_app,
    stop_app,
    wait_for_port,
)
from tests.e2e.spies import SPIES, latencies_ms, spoken  # noqa: E402

TIME_SCALE = 30
STARTS = 3
FIRST_FRAMES = 3
SESSIONS = 20
BATCH = 5
"""Browser contexts loaded at once while opening the 20 sessions (2 cores: not more)."""
SETTLE_S = 2.0
"""Pause before reading RSS, so the server has finished answering the last session."""
TARGETS = {
    "server_up_s": 2.0,
    "first_frame_s": 2.5,
    "mb_per_session": 5.0,
    "first_visit_mb": 6.0,
    "speech_ms": 300.0,
}
SPOKEN_LESSON = ("quick-pauses", 5)
SPEECH_RUNS = 3


@contextlib.contextmanager
def running_server(data_dir: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    proc = start_app(data_dir, port, time_scale=TIME_SCALE)
    try:
        wait_for_port(port)
        yield proc, f"http://127.0.0.1:{port}"
    finally:
        stop_app(proc)


def group_rss_mb(pgid: int) -> float:
    """Sum of VmRSS over every process in the process group ``pgid`` (Linux /proc)."""
    return group_rss(pgid)[0]


def group_rss(pgid: int) -> tuple[float, int]:
    """(MB of VmRSS summed over the process group ``pgid``, how many processes it has)."""
    total_kb = 0
    processes = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            # Fields after the command name (which may hold spaces) start after the last ')'.
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[2]) != pgid:
                continue
            processes += 1
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
    return total_kb / 1024, processes


# ----------------------------------------------------------------------- (a) server start


def measure_server_up() -> list[float]:
    times = []
    for _ in range(STARTS):
        with tempfile.TemporaryDirectory(prefix="mp-bench-") as tmp:
            port = free_port()
            started = time.monotonic()
            proc = start_app(Path(tmp), port, time_scale=TIME_SCALE)
            try:
                wait_for_port(port)
                times.append(time.monotonic() - started)
            finally:
                stop_app(proc)
    return times


# ------------------------------------------------------------------ browser helpers


def new_page(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.add_init_script(FIRST_FRAME_HOOK)
    return page


def wait_text(page: Any, text: str, timeout_ms: int = 60_000) -> float:
    """performance.now() of the first animation frame where ``text`` is in the semantics tree."""
    return text_shown_at(page, text, timeout_ms, exact=True)


# ------------------------------------------------------------------ (b) first frame


def wait_precompressed(url: str, timeout_s: float = 180.0) -> None:
    """The server compresses its client once, in the background after it starts: wait."""
    request = urllib.request.Request(
        f"{url}/assets/fonts/MaterialIcons-Regular.otf",
        method="HEAD",
        headers={"Accept-Encoding": "gzip, br"},
    )
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with urllib.request.urlopen(request) as response:
            if response.headers.get("Content-Encoding"):
                return
        time.sleep(0.25)


def measure_first_frames(browser: Any, url: str) -> tuple[list[float], str, int]:
    times = []
    renderers: set[str] = set()
    wire: list[int] = []
    for _ in range(FIRST_FRAMES):
        page = new_page(browser)
        wasm: list[str] = []
        sizes: list[int] = []
        page.on("request", lambda r, seen=wasm: seen.append(r.url))
        page.on(
            "requestfinished",
            lambda r, into=sizes: into.append(max(0, int(r.sizes()["responseBodySize"]))),
        )
        page.goto(url)
        times.append(wait_first_frame(page, 60_000) / 1000)
        enable_semantics(page)
        wait_text(page, "Programs")
        wire.append(sum(sizes))
        for requested in wasm:
            name = requested.rsplit("/", 1)[-1]
            if name.startswith(("skwasm", "canvaskit")) and name.endswith(".wasm"):
                renderers.add(name.removesuffix(".wasm"))
        page.context.close()
    return times, "+".join(sorted(renderers)) or "unknown", int(statistics.median(wire))


# ------------------------------------------------------------------ (c) memory


def open_home(browser: Any, url: str) -> Any:
    page = new_page(browser)
    page.goto(url, wait_until="commit")
    return page


def home_shown(page: Any) -> None:
    wait_first_frame(page, 60_000)
    enable_semantics(page)
    wait_text(page, "Programs")


def measure_memory(browser: Any, url: str, pgid: int) -> tuple[float, float, list[Any]]:
    pages = [open_home(browser, url)]
    home_shown(pages[0])
    time.sleep(SETTLE_S)
    rss_1 = group_rss_mb(pgid)
    while len(pages) < SESSIONS:
        batch = [open_home(browser, url) for _ in range(min(BATCH, SESSIONS - len(pages)))]
        for page in batch:
            home_shown(page)
        pages.extend(batch)
    time.sleep(SETTLE_S)
    rss_20 = group_rss_mb(pgid)
    return rss_1, rss_20, pages


# ------------------------------------------------------------------ (d) completion


def shortest_quick_pause() -> tuple[int, str, int]:
    program = load_catalogue().program("quick-pauses")
    assert program is not None, "the bundled catalogue has no quick-pauses program"
    lesson = min(program.lessons, key=lambda lesson: lesson.total_seconds)
    return lesson.number, lesson.title, lesson.total_seconds


def measure_completion(browser: Any, url: str, number: int) -> dict[str, float]:
    page = new_page(browser)
    page.goto(f"{url}/programs/quick-pauses/lessons/{number}")
    wait_first_frame(page, 60_000)
    enable_semantics(page)
    page.get_by_role("button", name="Start").click()
    started = float(page.evaluate("performance.now()"))
    finished = wait_text(page, "Well done")
    page.get_by_role("button", name="Back to programs").click()
    home = wait_text(page, "Programs")
    page.get_by_role("tab", name=re.compile("Progress")).click()
    shown = wait_text(page, "Today: done")
    page.context.close()
    return {
        "lesson_s": (finished - started) / 1000,
        "finish_to_home_s": (home - finished) / 1000,
        "home_to_progress_s": (shown - home) / 1000,
        "finish_to_progress_s": (shown - finished) / 1000,
    }


# ------------------------------------------------------------------ (e) speech


def measure_speech(browser: Any, url: str) -> list[float]:
    """Each line's lateness (ms) over ``SPEECH_RUNS`` plays of the spoken lesson."""
    late: list[float] = []
    for _ in range(SPEECH_RUNS):
        context = browser.new_context(viewport=PHONE)
        context.add_init_script(SPIES)
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.add_init_script(FIRST_FRAME_HOOK)
        program, number = SPOKEN_LESSON
        page.goto(f"{url}/programs/{program}/lessons/{number}")
        wait_first_frame(page, 60_000)
        enable_semantics(page)
        page.get_by_role("button", name="Start").click()
        page.wait_for_function(
            "window.__mp.spoken.some(s => s.text.startsWith('Well done'))", timeout=60_000
        )
        late += latencies_ms(page, spoken(page))
        context.close()
    return late


# ------------------------------------------------------------------ main


def verdict(value: float, target: float) -> str:
    return "ok" if value < target else f"MISSED (target < {target:g})"


def main() -> int:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print(f"needs Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    began = time.monotonic()

    ups = measure_server_up()
    server_up = statistics.median(ups)
    print(
        f"(a) server up: median {server_up:.2f} s of {', '.join(f'{t:.2f}' for t in ups)}"
        f" — {verdict(server_up, TARGETS['server_up_s'])}"
    )

    number, title, seconds = shortest_quick_pause()
    with (
        tempfile.TemporaryDirectory(prefix="mp-bench-") as tmp,
        running_server(Path(tmp)) as (proc, url),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            rss_0, processes = group_rss(proc.pid)
            rss_1, rss_20, pages = measure_memory(browser, url, proc.pid)
            per_session = (rss_20 - rss_1) / (SESSIONS - 1)
            print(
                f"(c) server RSS ({processes} process(es)): {rss_0:.1f} MB idle, "
                f"{rss_1:.1f} MB with 1 session, "
                f"{rss_20:.1f} MB with {SESSIONS}: {per_session:.2f} MB per extra session"
                f" — {verdict(per_session, TARGETS['mb_per_session'])}"
            )
            for page in pages:
                page.context.close()

            wait_precompressed(url)
            frames, renderer, wire = measure_first_frames(browser, url)
            first_frame = statistics.median(frames)
            print(
                f"(b) first frame: median {first_frame:.2f} s of "
                f"{', '.join(f'{t:.2f}' for t in frames)} (renderer: {renderer})"
                f" — {verdict(first_frame, TARGETS['first_frame_s'])}; first visit "
                f"{wire / 1e6:.2f} MB on the wire"
                f" — {verdict(wire / 1e6, TARGETS['first_visit_mb'])}"
            )

            done = measure_completion(browser, url, number)
            print(
                f"(d) lesson {number} ({title}, {seconds} s, {seconds / TIME_SCALE:.1f} s at "
                f"{TIME_SCALE}x) played in {done['lesson_s']:.2f} s; finish screen to home "
                f"{done['finish_to_home_s']:.2f} s, home to 'Today: done' "
                f"{done['home_to_progress_s']:.2f} s: "
                f"{done['finish_to_progress_s']:.2f} s in all"
            )

            late = measure_speech(browser, url)
            speech_median, speech_max = statistics.median(late), max(late)
            print(
                f"(e) speech latency, step start to speak, {len(late)} lines of "
                f"{SPEECH_RUNS} plays at {TIME_SCALE}x: median {speech_median:.0f} ms, "
                f"max {speech_max:.0f} ms — {verdict(speech_max, TARGETS['speech_ms'])}"
            )
        finally:
            browser.close()

    print(f"total run time {time.monotonic() - began:.0f} s")
    print(
        json.dumps(
            {
                "server_up_s": round(server_up, 3),
                "first_frame_s": round(first_frame, 3),
                "first_visit_mb": round(wire / 1e6, 2),
                "rss_mb_1": round(rss_1, 1),
                "rss_mb_20": round(rss_20, 1),
                "completion_to_progress_s": round(done["finish_to_progress_s"], 3),
                "speech_latency_median_ms": round(speech_median, 1),
                "speech_latency_max_ms": round(speech_max, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
