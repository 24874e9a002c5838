"""Whose log is this: data folders, local profiles, and per-browser device keys (web mode).

In web mode each browser keeps a random device key; its log lives in a folder named by the
key's SHA-256, so the key itself (a bearer secret) never appears on disk or in a path. One
store instance per key, so two tabs of one browser share one lock and one cache.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

from data.models import is_slug
from data.store import LogStore, open_store

APP_FOLDER = "micropause"
DEFAULT_PROFILE = "default"
_DEVICE_KEY_RE = re.compile(r"^[0-9a-f]{48}$")


def new_device_key() -> str:
    """A fresh device key: 192 random bits as 48 lowercase hex digits."""
    return secrets.token_hex(24)


def is_valid_device_key(key: object) -> bool:
    """True only for exactly what ``new_device_key`` produces (keys arrive from browsers)."""
    return isinstance(key, str) and _DEVICE_KEY_RE.fullmatch(key) is not None


def resolve_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """MICROPAUSE_DATA_DIR, else Flet's app storage (FLET_APP_STORAGE_DATA), else the platform's
    user data folder (~/.local/share/micropause, %APPDATA%\\MicroPause,
    ~/Library/Application Support/MicroPause)."""
    env = os.environ if environ is None else environ
    for name in ("MICROPAUSE_DATA_DIR", "FLET_APP_STORAGE_DATA"):
        value = env.get(name, "").strip()
        if value:
            return Path(value).expanduser()
    home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    if sys.platform == "win32":
        return Path(env.get("APPDATA") or home / "AppData" / "Roaming") / "MicroPause"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "MicroPause"
    xdg = env.get("XDG_DATA_HOME", "").strip()
    return (Path(xdg) if xdg else home / ".local" / "share") / APP_FOLDER


class ProfileStores:
    """Opens and caches the stores under one base folder. Thread-safe."""

    def __init__(self, base_dir: Path) -> None:
        self._base = base_dir
        self._lock = threading.Lock()
        self._stores: dict[Path, LogStore] = {}

    def for_device_key(self, key: str) -> LogStore:
        """The log of one browser; ValueError for anything that is not a device key."""
        if not is_valid_device_key(key):
            raise ValueError("not a valid device key")
        digest = hashlib.sha256(key.encode("ascii")).hexdigest()
        return self._open(self._base / "devices" / digest)

    def for_profile(self, name: str = DEFAULT_PROFILE) -> LogStore:
        """A named local profile (desktop and CLI); names are slugs like 'default' or 'sam'."""
        if not is_slug(name):
            raise ValueError(f"'{name}' is not a profile name (lowercase letters, digits, '-')")
        return self._open(self._base / "profiles" / name)

    def _open(self, folder: Path) -> LogStore:
        # Opening may take a while (a large log); one global lock keeps it simple and safe.
        with self._lock:
            store = self._stores.get(folder)
            if store is None:
                store = self._stores[folder] = open_store(folder)
            return store
