"""What every log store shares: the in-memory view of the log, and the in-memory store itself.

Reads are served from memory (a sorted list, an id set, the settings and nudge counts) so the
home screen never waits for a file; the file-backed store writes through before updating it.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from data.practice_log.completion import Completion
from data.practice_log.settings import Settings
from data.practice_log.store import NudgeEvent, nudge_event


def _finish_key(completion: Completion) -> Any:
    return completion.finished_at


class LogCache:
    """The log as the app reads it. Callers hold the store's lock around every call."""

    def __init__(self) -> None:
        self.completions: list[Completion] = []
        self.ids: set[str] = set()
        self.settings = Settings()
        self.nudges: dict[date, dict[str, int]] = {}

    def new_only(self, completions: Iterable[Completion]) -> list[Completion]:
        """The records not yet in the log, each id once (the first occurrence wins)."""
        seen: set[str] = set()
        fresh = []
        for completion in completions:
            if completion.id in self.ids or completion.id in seen:
                continue
            seen.add(completion.id)
            fresh.append(completion)
        return fresh

    def remember(self, completions: Sequence[Completion]) -> None:
        """Add records keeping the list ordered by finished_at (appends are the common case)."""
        log = self.completions
        for completion in completions:
            if not log or log[-1].finished_at <= completion.finished_at:
                log.append(completion)
            else:
                bisect.insort_right(log, completion, key=_finish_key)
            self.ids.add(completion.id)

    def index_of(self, completion_id: str) -> int:
        """Where a record sits in ``completions``; KeyError when it is not in the log.

        Searched from the newest end: the records amended are the ones just logged.
        """
        if completion_id in self.ids:
            log = self.completions
            for index in range(len(log) - 1, -1, -1):
                if log[index].id == completion_id:
                    return index
        raise KeyError(f"no Micro Pause with id {completion_id!r} in the log")

    def replace(self, index: int, completion: Completion) -> None:
        """Put an amended record in the place of the one with its id (its finish time, and so
        its place in the order, never changes)."""
        assert self.completions[index].id == completion.id
        self.completions[index] = completion

    def bumped(self, day: date, event: NudgeEvent) -> dict[str, int]:
        """The day's counts after one more ``event`` (not stored yet)."""
        counts = dict(self.nudges.get(day, {}))
        counts[event.value] = counts.get(event.value, 0) + 1
        return counts


class MemoryStore:
    """The in-memory twin of the file store: same contract, nothing on disk (tests, demos)."""

    def __init__(self, completions: Sequence[Completion] = ()) -> None:
        self._lock = threading.Lock()
        self._cache = LogCache()
        self._cache.remember(sorted(self._cache.new_only(completions), key=_finish_key))

    @property
    def notice(self) -> str | None:
        return None

    def add(self, completion: Completion) -> None:
        with self._lock:
            self._cache.remember(self._cache.new_only([completion]))

    def completions(self) -> list[Completion]:
        with self._lock:
            return list(self._cache.completions)

    def merge(self, completions: Sequence[Completion]) -> int:
        with self._lock:
            fresh = self._cache.new_only(completions)
            self._cache.remember(fresh)
            return len(fresh)

    def amend(self, completion_id: str, changes: Mapping[str, object]) -> Completion:
        with self._lock:
            index = self._cache.index_of(completion_id)
            amended = self._cache.completions[index].amended(changes)
            self._cache.replace(index, amended)
            return amended

    def settings(self) -> Settings:
        with self._lock:
            return self._cache.settings

    def save_settings(self, settings: Settings) -> None:
        with self._lock:
            self._cache.settings = settings

    def record_nudge(self, day: date, event: NudgeEvent) -> None:
        event = nudge_event(event)
        with self._lock:
            self._cache.nudges[day] = self._cache.bumped(day, event)

    def nudge_counts(self) -> dict[date, dict[str, int]]:
        with self._lock:
            return {day: dict(counts) for day, counts in self._cache.nudges.items()}
