"""Where data lives: the data folder, and the folder names behind browsers' device keys.

In web mode each browser keeps a random device key; its log lives in a folder named by the
key's SHA-256, so the key itself (a bearer secret) never appears on disk or in a path.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path

APP_FOLDER = "micropause"
_DEVICE_KEY_RE = re.compile(r"^[0-9a-f]{48}$")


def new_device_key() -> str:
    """A fresh device key: 192 random bits as 48 lowercase hex digits."""
    return secrets.token_hex(24)


def is_valid_device_key(key: object) -> bool:
    """True only for exactly what ``new_device_key`` produces (keys arrive from browsers)."""
    return isinstance(key, str) and _DEVICE_KEY_RE.fullmatch(key) is not None


def device_folder_name(key: str) -> str:
    """The folder name for a device key: its SHA-256, so the key is never on disk.

    Raises ValueError for anything that is not a device key.
    """
    if not is_valid_device_key(key):
        raise ValueError("not a valid device key")
    return hashlib.sha256(key.encode("ascii")).hexdigest()


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
