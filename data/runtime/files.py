"""Durable file writes: a file on disk is always its old or its new complete version.

Every write goes to a temporary file in the same folder, is flushed and fsynced, then renamed
over the old one, and the folder is fsynced so the rename itself survives a power cut. A writer
killed mid-write leaves a temporary file behind, never a torn one; ``remove_temp_files``
clears those when the folder is next opened. In the static PWA the folder lives in IndexedDB,
where fsync reaches only memory: each write also asks the browser storage to save it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sys
from pathlib import Path

from data.runtime.browser import schedule_sync

TEMP_MARKER = ".tmp-"


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload``; returns only once the new file is durable on disk."""
    tmp = path.with_name(f"{path.name}{TEMP_MARKER}{secrets.token_hex(6)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(path.parent)
    # In the static PWA the folder is IndexedDB-backed: fsync reaches only memory there.
    schedule_sync()


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_temp_files(folder: Path, prefix: str) -> list[Path]:
    """Delete temporaries left by writers that were killed mid-write; returns what was removed."""
    removed = []
    for leftover in folder.glob(f"{prefix}*{TEMP_MARKER}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


_FULL = (errno.ENOSPC, errno.EDQUOT)
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


def write_problem(exc: OSError) -> tuple[str, str]:
    """A failed write in plain words: (what went wrong, what to do about it).

    The two a host meets are a full disk and a folder it may not write; anything else is
    named by the system's own words.
    """
    if exc.errno in _FULL:
        return "the disk is full", "free some disk space"
    if exc.errno == errno.EROFS:
        return "the data folder is read-only", "make it writable or set MICROPAUSE_DATA_DIR"
    if exc.errno in _READ_ONLY:
        return "there is no permission to write there", "make the data folder writable"
    return (exc.strerror or str(exc)).lower(), "check the data folder"
