"""The served app (``python main.py``) as an ASGI app, the way Flet documents production
serving: flet-web's FastAPI app (``flet_web.fastapi.app``), run by uvicorn, here with

- the patched client (``pwa.web_client``: no Rive CDN, no unused fonts) in a prepared folder;
- precompressed responses: ``X.br`` / ``X.gz`` beside each large client file, made once in a
  background thread at start-up (``pwa.compress``), sent with ``Content-Encoding`` to a
  browser whose ``Accept-Encoding`` allows it. Until a copy exists the file goes out as is,
  so the server answers at once and never compresses per request.

``python main.py`` and ``uvicorn --factory main:asgi_app`` both end here.
"""

from __future__ import annotations

import atexit
import logging
import mimetypes
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from pwa import compress
from pwa.web_client import prepare_web_client

log = logging.getLogger("micropause.served")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

BOOT_PATH = "__micropause_boot"
"""Answers this process's random id: the page compares it after its websocket closed, to
tell a restarted server (start again at home) from a network blip (``assets/index.html``)."""
BOOT_ID = secrets.token_hex(8)

FLET_PATCHED = frozenset({"index.html", "manifest.json", "assets/FontManifest.json"})
"""Files flet-web serves from its own patched copy, never from the client folder."""
NEVER_LOADED = ("pyodide/", "flutter.js.map")
"""In flet-web's folder but never requested by a served page (Pyodide is the static PWA's)."""
FIRST = (
    "main.dart.wasm",
    "canvaskit/skwasm.wasm",
    "assets/fonts/MaterialIcons-Regular.otf",
    "main.dart.mjs",
    "canvaskit/skwasm.js",
    "flutter_bootstrap.js",
    "flutter.js",
)
"""What a Chromium first visit loads, compressed before the rest (the other renderers)."""


def prepare_client() -> Path:
    """flet-web's client, patched (``pwa.web_client``), in a temporary folder removed at exit."""
    import flet_web  # type: ignore[import-untyped]

    folder = Path(tempfile.mkdtemp(prefix="micropause-web-client-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return prepare_web_client(Path(flet_web.get_package_web_dir()), folder)


def start_precompressing(client: Path, assets_dir: Path | None) -> threading.Thread:
    """Compress the client's large files in a background thread; returns the thread."""

    def skip(rel: str) -> bool:
        shadowed = assets_dir is not None and (assets_dir / rel).exists()
        return rel in FLET_PATCHED or rel.startswith(NEVER_LOADED) or shadowed

    def run() -> None:
        started = time.monotonic()
        try:
            done = compress.precompress(
                client, brotli_quality=compress.SERVER_BROTLI_QUALITY, skip=skip, first=FIRST
            )
        except OSError as exc:  # a full temp folder: serve uncompressed, as before
            log.warning("could not precompress the web client: %s", exc)
            return
        log.info(
            "web client precompressed: %d files, %.1f MB -> %.1f MB in %.1f s",
            done.files,
            done.raw_bytes / 1e6,
            done.best_bytes / 1e6,
            time.monotonic() - started,
        )

    thread = threading.Thread(target=run, name="micropause-precompress", daemon=True)
    thread.start()
    return thread


class PrecompressedFiles:
    """ASGI middleware: a GET or HEAD for ``X`` that has ``X.br`` / ``X.gz`` in ``root`` is
    answered by the inner app with that file, relabelled: ``Content-Encoding``, the
    ``Content-Type`` of ``X``, ``Vary: Accept-Encoding``. The inner app (flet-web's static
    files) still does the rest: length, ETag, 304s, its own headers."""

    def __init__(self, app: ASGIApp, root: Path, *, skip: Callable[[str], bool]) -> None:
        self.app = app
        self.root = root.resolve()
        self.skip = skip

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        rel = str(scope.get("path", "")).lstrip("/")
        if rel.endswith(BOOT_PATH):
            await _answer(send, BOOT_ID.encode())
            return
        if not rel or ".." in rel.split("/") or self.skip(rel):
            await self.app(scope, receive, send)
            return
        original = self.root / rel
        copies = [(enc, suffix) for enc, suffix in compress.ENCODINGS if _exists(original, suffix)]
        if not copies:
            await self.app(scope, receive, send)
            return
        allowed = compress.accepted(_header(scope, b"accept-encoding"))
        chosen = next(((enc, suffix) for enc, suffix in copies if enc in allowed), None)
        media_type = mimetypes.guess_type(original.name)[0] or "application/octet-stream"
        if chosen is None:
            await self.app(scope, receive, _relabel(send, None, media_type))
            return
        encoding, suffix = chosen
        inner = dict(scope)
        inner["path"] = str(scope["path"]) + suffix
        if "raw_path" in inner:
            inner["raw_path"] = bytes(scope["raw_path"]) + suffix.encode()
        await self.app(inner, receive, _relabel(send, encoding, media_type))


async def _answer(send: Send, body: bytes) -> None:
    headers = [(b"content-type", b"text/plain"), (b"cache-control", b"no-store")]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _exists(original: Path, suffix: str) -> bool:
    return original.with_name(original.name + suffix).is_file()


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return ""


def _relabel(send: Send, encoding: str | None, media_type: str) -> Send:
    """``send`` with a successful response's headers set for the encoding it carries."""

    async def relabelled(message: Message) -> None:
        if message["type"] == "http.response.start" and message.get("status") in (200, 206, 304):
            drop = {b"content-type", b"content-encoding", b"vary"}
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in drop]
            headers.append((b"vary", b"Accept-Encoding"))
            if message.get("status") != 304:
                headers.append((b"content-type", media_type.encode()))
            if encoding is not None:
                headers.append((b"content-encoding", encoding.encode()))
            message = {**message, "headers": headers}
        await send(message)

    return relabelled


def build_app(
    main: Callable[[Any], Awaitable[None]],
    *,
    assets_dir: Path,
    session_timeout_s: int,
    client: Path | None = None,
) -> ASGIApp:
    """The served app: flet-web's FastAPI app for ``main`` (one call per browser session),
    offline (no CDN), with the patched client and its precompressed files."""
    prepared = client is None
    client = client or prepare_client()
    os.environ["FLET_WEB_PATH"] = str(client)  # flet-web reads its client folder from here
    import flet_web.fastapi as flet_fastapi  # type: ignore[import-untyped]

    app = flet_fastapi.app(
        main,
        assets_dir=str(assets_dir),
        no_cdn=True,
        session_timeout_seconds=session_timeout_s,
    )
    if prepared:  # a folder of our own: never write copies into one we were given
        start_precompressing(client, assets_dir)

    def skip(rel: str) -> bool:
        return rel in FLET_PATCHED or (assets_dir / rel).exists()

    return PrecompressedFiles(app, client, skip=skip)
