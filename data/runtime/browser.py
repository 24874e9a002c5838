"""Durable files when the app runs in the browser (Pyodide), and nothing anywhere else.

Pyodide's file system lives in memory: a log written to ``/tmp`` is gone on reload. Mounting
IndexedDB (IDBFS) on a folder and syncing it keeps the person's practice log on the phone,
offline, across reloads. The sync is explicit in both directions: once from IndexedDB at start
(``mount_persistent_dir``), and back after every write (``schedule_sync``).

``pyodide_js`` and ``js`` exist only inside Pyodide, so they are imported lazily and only when
``sys.platform == "emscripten"``; on the desktop every function here is a cheap no-op. What
Flet's own worker module tells (the page's address) is read by ``main.py``, not here.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

# Settings a page URL may pass in, e.g. ``?MICROPAUSE_TIME_SCALE=30`` for demos and tests.
URL_ENV_KEYS = frozenset({"MICROPAUSE_TIME_SCALE"})

_mounted: set[str] = set()
_sync_running = False
_sync_again = False
_sync_task: asyncio.Task[None] | None = None  # held so the task is not collected


def is_browser_runtime() -> bool:
    """True inside Pyodide (a web page or worker), where files need IDBFS to last."""
    return sys.platform == "emscripten"


def _fs() -> Any:
    import pyodide_js  # type: ignore[import-not-found]  # only exists in Pyodide

    return pyodide_js.FS


async def _syncfs(fs: Any, populate: bool) -> None:
    """Await ``FS.syncfs``: True copies IndexedDB into memory, False the other way."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def callback(error: Any = None) -> None:
        if done.done():
            return
        if error:
            done.set_exception(OSError(f"IDBFS sync failed: {error}"))
        else:
            done.set_result(None)

    from pyodide.ffi import create_once_callable  # type: ignore[import-not-found]

    fs.syncfs(populate, create_once_callable(callback))
    await done


async def mount_persistent_dir(path: str = "/data") -> Path | None:
    """Mount IndexedDB on ``path`` and load what it holds; None when not in Pyodide.

    Call once at start-up, before opening the store there. A second call for the same path
    returns it without mounting again.
    """
    if not is_browser_runtime():
        return None
    folder = Path(path)
    if path not in _mounted:
        fs = _fs()
        folder.mkdir(parents=True, exist_ok=True)
        fs.mount(fs.filesystems.IDBFS, {}, path)
        _mounted.add(path)
        await _syncfs(fs, True)
    return folder


async def _sync_out() -> None:
    global _sync_running, _sync_again
    fs = _fs()
    try:
        while True:
            _sync_again = False
            await _syncfs(fs, False)
            if not _sync_again:
                break
    except OSError as exc:
        print(f"micropause: could not save to the browser's storage: {exc}", file=sys.stderr)
    finally:
        _sync_running = False


def schedule_sync() -> None:
    """Persist the mounted folders to IndexedDB soon; call after every write.

    Returns at once. Writes that land while a sync runs are folded into one more sync, so a
    burst of writes costs at most two, and two syncs never overlap.
    """
    global _sync_running, _sync_again, _sync_task
    if not is_browser_runtime() or not _mounted:
        return
    if _sync_running:
        _sync_again = True
        return
    _sync_running = True
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        # No loop (a sync caller at import time): fire and forget through the FS callback.
        _sync_running = False
        _fs().syncfs(False, lambda *_: None)
        return
    _sync_task = loop.create_task(_sync_out())


def worker_timezone() -> str | None:
    """The browser's IANA time zone as its JS engine reports it, or None outside the browser.

    The same ``Intl.DateTimeFormat().resolvedOptions().timeZone`` the page stores for the
    server; read here directly, it saves the static PWA a round trip to the client at start.
    """
    if not is_browser_runtime():
        return None
    try:
        import js  # type: ignore[import-not-found]  # only exists in Pyodide

        zone = js.Intl.DateTimeFormat.new().resolvedOptions().timeZone
    except Exception:  # an engine without Intl: the caller asks the client instead
        return None
    return zone if isinstance(zone, str) and zone else None


def url_env(url: str | None, allowed: frozenset[str] = URL_ENV_KEYS) -> dict[str, str]:
    """The allowed ``KEY=value`` pairs of a URL's query (before or after the ``#``)."""
    if not url:
        return {}
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query)
    if "?" in parts.fragment:
        pairs += parse_qsl(parts.fragment.split("?", 1)[1])
    return {key: value for key, value in pairs if key in allowed}
