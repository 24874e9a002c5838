"""Whose log is this: one store per browser (by device key) or per local profile.

One store instance per folder, shared by every session of the process, so two tabs of one
browser share one lock and one cache. The cache holds stores weakly: once no session uses a
store it is dropped, so a public server's memory does not grow with every visitor it ever had
(the next visit of that browser opens its folder again). Folder names come from
``data.runtime.folders``. Opening creates nothing: a folder appears at its first write.
"""

from __future__ import annotations

import threading
import weakref
from pathlib import Path

from data.content.models import is_slug
from data.practice_log.store import LogStore
from data.practice_log.tinydb_store import open_store
from data.runtime.folders import device_folder_name

DEFAULT_PROFILE = "default"


class ProfileStores:
    """Opens and caches the stores under one base folder. Thread-safe."""

    def __init__(self, base_dir: Path) -> None:
        self._base = base_dir
        self._lock = threading.Lock()
        self._stores: weakref.WeakValueDictionary[Path, LogStore] = weakref.WeakValueDictionary()

    @property
    def base_dir(self) -> Path:
        return self._base

    def for_device_key(self, key: str) -> LogStore:
        """The log of one browser; ValueError for anything that is not a device key."""
        return self._open(self._base / "devices" / device_folder_name(key))

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
                store = open_store(folder)
                self._stores[folder] = store
            return store
