"""Serving a static build on loopback and driving it in headless Chromium, for the end-to-end
test and the benchmark alike (one recipe, so the numbers measure what the test checks).
"""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pwa.compress import ENCODINGS, accepted

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIRST_FRAME_HOOK = (
    "addEventListener('flutter-first-frame', () => { window.__ff = performance.now(); });"
)
MIME = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".gz": "application/gzip",
    ".woff2": "font/woff2",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    precompressed = False
    """Serve ``X.br`` / ``X.gz`` for ``X`` when the request accepts it, as a real host does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.extensions_map = {**self.extensions_map, **MIME}
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a load is ~60 requests."""

    def send_head(self) -> Any:
        if not self.precompressed:
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().send_head()
        for encoding in accepted(self.headers.get("Accept-Encoding", "")):
            suffix = dict(ENCODINGS)[encoding]
            copy = path.with_name(path.name + suffix)
            if copy.is_file():
                body = copy.open("rb")
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(copy.stat().st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return body
        return super().send_head()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _CompressingHandler(_Handler):
    precompressed = True


@contextmanager
def static_server(
    root: Path, *, precompressed: bool = False
) -> Iterator[tuple[str, http.server.ThreadingHTTPServer]]:
    """A static file server for ``root`` on a free loopback port; yields (url, server).

    Plain, it sends every file as it is (``python -m http.server``); ``precompressed`` sends
    the build's ``.br`` / ``.gz`` copies to a browser that accepts them, like a real host."""
    base = _CompressingHandler if precompressed else _Handler
    handler = functools.partial(base, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server
    finally:
        stop_server(server)


def stop_server(server: http.server.ThreadingHTTPServer) -> None:
    """Stop answering and close the socket; safe to call twice."""
    if getattr(server, "_micropause_stopped", False):
        return
    server._micropause_stopped = True  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def block_foreign_requests(context: Any, origin: str) -> list[str]:
    """Abort every request that is not to ``origin``; returns the list of blocked URLs."""
    blocked: list[str] = []

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(origin) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", handle)
    return blocked


def enable_semantics(page: Any) -> None:
    """Turn on Flutter's accessibility tree so text can be found by role and name."""
    placeholder = page.locator("flt-semantics-placeholder")
    placeholder.wait_for(state="attached", timeout=30_000)
    placeholder.dispatch_event("click")
    page.wait_for_selector("flt-semantics", state="attached", timeout=30_000)


# Checked inside the page at every animation frame: the time a person could first read the
# text, not when a round trip to a page whose main thread is still busy rendering gets its
# answer (measured: that added 0.1-0.3 s).
_TEXT_SHOWN_JS = """
([text, exact]) => {
  for (const node of document.querySelectorAll('flt-semantics')) {
    const content = node.textContent || '';
    const label = node.getAttribute('aria-label') || '';
    if (exact ? content === text : content.includes(text) || label.includes(text)) {
      return performance.now();
    }
  }
  return false;
}
"""


def text_shown_at(page: Any, text: str, timeout_ms: int = 90_000, *, exact: bool = True) -> float:
    """performance.now() (ms) of the first animation frame with ``text`` in the semantics tree:
    a node's whole text when ``exact``, else part of a node's text or accessible label."""
    handle = page.wait_for_function(
        _TEXT_SHOWN_JS, arg=[text, exact], polling="raf", timeout=timeout_ms
    )
    return float(handle.json_value())


def wait_first_frame(page: Any, timeout_ms: int = 90_000) -> float:
    """Wait for Flutter's first frame; returns its time in ms since navigation start."""
    page.wait_for_function("window.__ff !== undefined", timeout=timeout_ms)
    return float(page.evaluate("window.__ff"))


def wait_text(page: Any, text: str, timeout_ms: int = 90_000) -> None:
    """Wait until ``text`` is in the semantics tree (an accessible name or label)."""
    page.get_by_text(text, exact=False).first.wait_for(state="attached", timeout=timeout_ms)


def semantics_text(page: Any) -> str:
    """Every label and text of the semantics tree, one per line (for reading numbers)."""
    return str(
        page.evaluate(
            "[...document.querySelectorAll('flt-semantics')]"
            ".map(e => e.getAttribute('aria-label') || e.innerText || '').join('\\n')"
        )
    )


def wait_service_worker(page: Any, timeout_ms: int = 120_000) -> None:
    """Wait until our service worker is active, i.e. everything it pre-caches is stored."""
    page.wait_for_function("window.__micropauseSwReady === true", timeout=timeout_ms)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, with nothing of its own calling out."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
