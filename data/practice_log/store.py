"""The practice log as the app codes against it: one interface, two implementations.

``TinyDBStore`` (files, atomic and durable writes; ``data.practice_log.tinydb_store``) and
``MemoryStore`` (tests and demos; ``data.practice_log.memory_store``) pass the same contract
tests. Screens and use cases see only ``LogStore``. Calls may block on disk: from the event
loop, go through ``data.runtime.threads.run_blocking``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Protocol

from data.practice_log.completion import Completion
from data.practice_log.settings import Settings


class NudgeEvent(StrEnum):
    """What happened to a pause nudge; the store counts each per local day."""

    SHOWN = "shown"
    STARTED = "started"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"


class StoreVersionError(Exception):
    """The log file comes from a newer Micro Pause; it was left untouched."""


def nudge_event(value: str) -> NudgeEvent:
    """``value`` as a NudgeEvent; ValueError naming the known events for anything else."""
    try:
        return NudgeEvent(value)
    except ValueError:
        known = ", ".join(event.value for event in NudgeEvent)
        raise ValueError(f"unknown nudge event '{value}'; expected one of {known}") from None


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

    def amend(self, completion_id: str, changes: Mapping[str, object]) -> Completion:
        """Record later answers to a logged pause (its check-ins and note: see
        ``Completion.amended``); durable when this returns; returns the record as now stored.

        KeyError for an id not in the log; ValueError, changing nothing, for anything else
        than a check-in field or a bad value.
        """
        ...

    def settings(self) -> Settings: ...

    def save_settings(self, settings: Settings) -> None: ...

    def record_nudge(self, day: date, event: NudgeEvent) -> None:
        """Count one nudge event for a local day."""
        ...

    def nudge_counts(self) -> dict[date, dict[str, int]]: ...
