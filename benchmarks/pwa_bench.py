"""How big the offline PWA is and how fast it starts, cold and offline from its own cache.

    python benchmarks/pwa_bench.py [--dist DIR [--dist DIR2 ...] | --app-root DIR] [--runs N]

Prints the built folder's size, the bytes a first visit transfers on the wire (response
bodies as sent: from a host that sends the build's precompressed copies, as a real host does,
and from a plain one that sends files as they are, like ``python -m http.server``), the
phases of a cold start (from the page's console: client, Pyodide, app archive, Python app),
and, last, one JSON line: {"dist_mb", "load_mb", "wire_mb", "wire_mb_plain",
"cold_first_frame_s", "cold_usable_s", "offline_usable_s"} ("load_mb" is "wire_mb"). Timed
loads use the compressing host. With several ``--dist``, runs alternate between them (A/B in
one sitting on a shared machine) and the JSON line holds one such object per folder, by name.
Targets: usable in under 8 s cold and under 4 s offline; at most 20 MB on the wire.
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


def measure(dist: Path, playwright: Any, *, precompressed: bool = True) -> dict[str, Any]:
    browser = launch(playwright)
    context = browser.new_context(service_workers="allow")
    with static_server(dist, precompressed=precompressed) as (url, server):
        block_foreign_requests(context, url.rstrip("/"))
        cold = _load(context, url)
        wait_service_worker(cold["page"])
        cold["page"].close()
        stop_server(server)
        context.set_offline(True)
        offline = _load(context, url)
    browser.close()
    return {"cold": cold, "offline": offline}


def first_visit_bytes(dist: Path, playwright: Any, *, precompressed: bool) -> int:
    """Bytes on the wire for one first visit, without a service worker's pre-caching."""
    browser = launch(playwright)
    context = browser.new_context(service_workers="block")
    with static_server(dist, precompressed=precompressed) as (url, _server):
        block_foreign_requests(context, url.rstrip("/"))
        load = _load(context, url)
    browser.close()
    return int(load["bytes"])


def summary(dist: Path, runs: list[dict[str, Any]], plain_bytes: int) -> dict[str, float]:
    def median(kind: str, key: str) -> float:
        return round(float(statistics.median(r[kind][key] for r in runs)), 2)

    wire = round(statistics.median(r["cold"]["bytes"] for r in runs) / 1e6, 1)
    return {
        "dist_mb": round(folder_size(dist) / 1e6, 1),
        "load_mb": wire,
        "wire_mb": wire,
        "wire_mb_plain": round(plain_bytes / 1e6, 1),
        "cold_first_frame_s": median("cold", "first_frame"),
        "cold_usable_s": median("cold", "usable"),
        "offline_usable_s": median("offline", "usable"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, action="append", help="a built folder (no build)")
    parser.add_argument("--app-root", type=Path, default=ROOT, help="app to build")
    parser.add_argument("--runs", type=int, default=1, help="cold+offline runs; medians reported")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pwa-bench-") as tmp:
        dists: list[Path] = args.dist or []
        if not dists:
            dist = Path(tmp) / "dist"
            started = time.monotonic()
            build_pwa(args.app_root, dist, log=lambda _line: None)
            print(f"build: {time.monotonic() - started:.1f} s")
            dists = [dist]
        runs: dict[Path, list[dict[str, Any]]] = {d: [] for d in dists}
        plain: dict[Path, int] = {}
        with sync_playwright() as playwright:
            for number in range(args.runs):
                for dist in dists:  # alternate: A, B, A, B, ...
                    run = measure(dist, playwright)
                    runs[dist].append(run)
                    cold, off = run["cold"], run["offline"]
                    print(
                        f"[{dist.name} run {number + 1}] cold: first frame "
                        f"{cold['first_frame']:.2f} s, usable {cold['usable']:.2f} s, "
                        f"{cold['requests']} requests, {cold['bytes'] / 1e6:.1f} MB on the wire"
                    )
                    print(f"  phases (s from navigation): {cold['phases']}")
                    print(
                        f"  offline: first frame {off['first_frame']:.2f} s, "
                        f"usable {off['usable']:.2f} s; phases {off['phases']}"
                    )
            for dist in dists:
                plain[dist] = first_visit_bytes(dist, playwright, precompressed=False)
                print(f"[{dist.name}] plain host: {plain[dist] / 1e6:.1f} MB on the wire")

    results = {d: summary(d, runs[d], plain[d]) for d in dists}
    for dist, figures in results.items():
        print(f"[{dist.name}] dist: {figures['dist_mb']:.1f} MB; {figures}")
    if len(dists) == 1:
        print(json.dumps(results[dists[0]]))
    else:
        print(json.dumps({d.name: figures for d, figures in results.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
