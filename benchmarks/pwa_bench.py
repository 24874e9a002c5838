"""How big the offline PWA is and how fast it starts, cold and offline from its own cache.

    python benchmarks/pwa_bench.py [--dist DIR | --app-root DIR] [--runs N]

Prints the built folder's size, the bytes one load transfers, the phases of a cold start (from
the page's console: client, Pyodide, app archive, Python app) and, last, one JSON line:
{"dist_mb", "load_mb", "cold_first_frame_s", "cold_usable_s", "offline_usable_s"}.
Targets: usable in under 8 s cold and under 4 s offline.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pwa import build_pwa  # noqa: E402
from pwa.bundle import folder_size  # noqa: E402
from pwa.harness import (  # noqa: E402
    FIRST_FRAME_HOOK,
    block_foreign_requests,
    enable_semantics,
    launch,
    static_server,
    stop_server,
    text_shown_at,
    wait_first_frame,
    wait_service_worker,
)

USABLE_TEXT = "Finding ease for the lower back"
PHASES = {
    "Starting up Python worker": "worker started",
    "python_module_name": "Pyodide ready",
    "Adding __pypackages__": "app archive unpacked",
    "Python app ready": "app ready in worker",
    "Python worker initialized": "app running",
}


def _load(context: Any, url: str) -> dict[str, Any]:
    """One page load: first frame and usable times (s since navigation), bytes, phases."""
    sizes: list[int] = []
    phases: dict[str, float] = {}

    def finished(request: Any) -> None:
        if getattr(request, "service_worker", None) is not None:
            return  # the worker's pre-caching is not part of the load
        with contextlib.suppress(Exception):  # a request of a closed page: size not needed
            sizes.append(int(request.sizes()["responseBodySize"]))

    context.on("requestfinished", finished)
    page = context.new_page()
    start = time.monotonic()

    def console(message: Any) -> None:
        for needle, name in PHASES.items():
            if needle in message.text and name not in phases:
                phases[name] = round(time.monotonic() - start, 2)

    page.on("console", console)
    page.add_init_script(FIRST_FRAME_HOOK)
    page.goto(url)
    first_frame = wait_first_frame(page) / 1000
    enable_semantics(page)
    usable = text_shown_at(page, USABLE_TEXT, 120_000, exact=False) / 1000
    context.remove_listener("requestfinished", finished)
    return {
        "page": page,
        "first_frame": first_frame,
        "usable": usable,
        "bytes": sum(sizes),
        "requests": len(sizes),
        "phases": phases,
    }


def measure(dist: Path, playwright: Any) -> dict[str, Any]:
    browser = launch(playwright)
    context = browser.new_context(service_workers="allow")
    with static_server(dist) as (url, server):
        block_foreign_requests(context, url.rstrip("/"))
        cold = _load(context, url)
        wait_service_worker(cold["page"])
        cold["page"].close()
        stop_server(server)
        context.set_offline(True)
        offline = _load(context, url)
    browser.close()
    return {"cold": cold, "offline": offline}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, help="a built folder (skips the build)")
    parser.add_argument("--app-root", type=Path, default=ROOT, help="app to build")
    parser.add_argument("--runs", type=int, default=1, help="cold+offline runs; medians reported")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pwa-bench-") as tmp:
        dist = args.dist
        if dist is None:
            dist = Path(tmp) / "dist"
            started = time.monotonic()
            build_pwa(args.app_root, dist, log=lambda _line: None)
            print(f"build: {time.monotonic() - started:.1f} s")
        dist_mb = folder_size(dist) / 1e6
        runs = []
        with sync_playwright() as playwright:
            for _ in range(args.runs):
                run = measure(dist, playwright)
                runs.append(run)
                cold, off = run["cold"], run["offline"]
                print(
                    f"cold: first frame {cold['first_frame']:.2f} s, usable {cold['usable']:.2f} s,"
                    f" {cold['requests']} requests, {cold['bytes'] / 1e6:.1f} MB"
                )
                print(f"  phases (s from navigation): {cold['phases']}")
                print(
                    f"offline: first frame {off['first_frame']:.2f} s, usable {off['usable']:.2f} s"
                )
                print(f"  phases (s from navigation): {off['phases']}")

    def median(kind: str, key: str) -> float:
        return round(float(statistics.median(r[kind][key] for r in runs)), 2)

    print(f"dist: {dist_mb:.1f} MB")
    print(
        json.dumps(
            {
                "dist_mb": round(dist_mb, 1),
                "load_mb": round(statistics.median(r["cold"]["bytes"] for r in runs) / 1e6, 1),
                "cold_first_frame_s": median("cold", "first_frame"),
                "cold_usable_s": median("cold", "usable"),
                "offline_usable_s": median("offline", "usable"),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
