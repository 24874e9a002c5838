"""Where the practice log lives: the interface the app codes against, and how to open it.

Two implementations pass the same contract tests: ``TinyDBStore`` (files, atomic and durable
writes) and ``MemoryStore`` (tests and demos). Screens see only ``LogStore``. Calls may block
on disk: from the event loop, go through ``data.offload.run_blocking``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from data.completion import Completion
from data.settings import Settings
from data.store_base import NUDGE_EVENTS, MemoryStore, StoreVersionError
from data.store_tinydb import SCHEMA_VERSION, TinyDBStore

__all__ = [
    "DATA_FILE_NAME",
    "NUDGE_EVENTS",
    "SCHEMA_VERSION",
    "LogStore",
    "MemoryStore",
    "StoreVersionError",
    "TinyDBStore",
    "open_store",
]

DATA_FILE_NAME = "micropause.json"


class LogStore(Protocol):
    """A person's practice log, settings and nudge counts."""

    @property
    def notice(self) -> str | None:
        """A plain sentence for the person when a file was set aside or upgraded, else None."""
        ...

    def add(self, completion: Completion) -> None:
        """Record one Micro Pause; durable when this returns. A known id is ignored."""
        ...

    def completions(self) -> list[Completion]:
        """The whole log, oldest first by finished_at (a copy: safe to keep)."""
        ...

    def merge(self, completions: Sequence[Completion]) -> int:
        """Add every record whose id is new; returns how many were added."""
        ...

    def settings(self) -> Settings: ...

    def save_settings(self, settings: Settings) -> None: ...

    def record_nudge(self, day: date, event: str) -> None:
        """Count one nudge event ("shown", "started", "snoozed", "skipped") for a local day."""
        ...

    def nudge_counts(self) -> dict[date, dict[str, int]]: ...


def open_store(folder: Path) -> LogStore:
    """The file store in ``folder`` (created if needed).

    Raises StoreVersionError, leaving every file untouched, when a newer Micro Pause wrote it.
    """
    return TinyDBStore(folder / DATA_FILE_NAME)
