"""A small disk of its own for the fault tests: a tmpfs that can be filled or made read-only.

Mounting needs root (CI runs as root); elsewhere the tests that need it are skipped, and the
read-only and view paths are still covered by a fake store that raises.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SIZE = "256k"


def _mount(*args: str) -> bool:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    return result.returncode == 0


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """A fresh 256 KB tmpfs mounted on ``folder``; skips the test where mounting is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", f"size={SIZE},mode=0755", "tmpfs",
                                       str(folder)):  # fmt: skip
        pytest.skip("needs root to mount a small tmpfs")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the disk is full; returns it (delete it to give the space back)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC, exc
    finally:
        os.close(fd)
    return filler


def read_only(disk: Path, on: bool = True) -> None:
    """Remount the disk read-only (or writable again)."""
    assert _mount("-o", f"remount,{'ro' if on else 'rw'}", str(disk)), "remount failed"
