"""One person's use cases: what the screens read from their log and what they record in it.

A ``Practice`` binds the shared catalogue and clock to one person's store and time zone. Reads
are cheap (the store serves them from memory); the writes (``keep``, ``change_settings``,
``record_nudge``, ``restore``) may block on disk, so a screen runs them through
``data.runtime.threads.run_blocking``.

A write that fails (a full disk, a read-only folder) loses nothing: a finished pause stays in
memory (``unsaved``), counts on every screen as if it were saved, and is written with the next
write or by ``keep_trying``, as soon as the disk takes it again. The caller hears
``NotSavedError``, whose message says what failed and what happens now.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from data.content.catalogue import Catalogue
from data.content.models import Lesson, Program
from data.player.sequencer import PlayerState, practised_seconds
from data.practice_log.backup import check_upload_size, export_json, parse_export
from data.practice_log.completion import NOTE_MAX_LENGTH, Completion
from data.practice_log.settings import Settings
from data.practice_log.store import LogStore, NudgeEvent
from data.progress.practice_days import today_for
from data.progress.programs import completed_lessons
from data.runtime.clock import Clock
from data.runtime.files import write_problem
from data.runtime.threads import run_blocking
from data.usecases.overview import Overview, build_overview
from data.validation import field_errors

log = logging.getLogger("micropause.practice")

RETRY_DELAYS_S = (2.0, 5.0, 10.0, 30.0, 60.0)
"""Waits between tries to save what a failed write left in memory; the last one repeats."""


class SettingsError(ValueError):
    """A change of settings that breaks a rule; the message says which, in plain words."""


class NotSavedError(Exception):
    """The log could not be written; ``problem`` and ``advice`` say why and what to do."""

    def __init__(self, problem: str, advice: str, *, kept: bool) -> None:
        self.problem, self.advice, self.kept = problem, advice, kept
        then = (
            "This Micro Pause is kept here and saved as soon as it can be."
            if kept
            else "Nothing was changed."
        )
        super().__init__(f"Could not save: {problem}. {then}")

    @classmethod
    def of(cls, exc: OSError, *, kept: bool) -> NotSavedError:
        problem, advice = write_problem(exc)
        return cls(problem, advice, kept=kept)


class Practice:
    """The use cases of one person (one browser, one desktop profile, or the CLI)."""

    def __init__(self, catalogue: Catalogue, store: LogStore, clock: Clock, timezone: str) -> None:
        self.catalogue = catalogue
        self.store = store
        self.clock = clock
        self.timezone = timezone
        self._unsaved: list[Completion] = []
        self._unsaved_lock = threading.Lock()
        self._retrying = False
        self.retry_delays: Sequence[float] = RETRY_DELAYS_S

    # ------------------------------------------------------------------ reading

    @property
    def settings(self) -> Settings:
        return self.store.settings()

    def today(self) -> date:
        """Today's practice day in the person's zone, after their day-start hour."""
        return today_for(self.clock.now(), self.timezone, self.settings.day_start_hour)

    def completions(self) -> list[Completion]:
        """The whole log, with the pauses a failed write still holds in memory."""
        stored = self.store.completions()
        with self._unsaved_lock:
            if not self._unsaved:
                return stored
            unsaved = list(self._unsaved)
        known = {c.id for c in stored}
        extra = [c for c in unsaved if c.id not in known]
        return sorted([*stored, *extra], key=lambda c: c.finished_at) if extra else stored

    @property
    def unsaved(self) -> int:
        """How many finished pauses are kept in memory only, waiting for the disk."""
        with self._unsaved_lock:
            return len(self._unsaved)

    def done_lessons(self) -> frozenset[str]:
        """Ids of the lessons finished to the end at least once."""
        return frozenset(completed_lessons(self.completions()))

    def overview(self) -> Overview:
        """Streaks, progress, the lesson to continue and the history, from one read of the log."""
        settings = self.settings
        today = today_for(self.clock.now(), self.timezone, settings.day_start_hour)
        return build_overview(
            self.catalogue, self.completions(), settings, today, self.store.nudge_counts()
        )

    # ---------------------------------------------------------------- recording

    def end_lesson(
        self,
        program: Program,
        lesson: Lesson,
        state: PlayerState,
        started_at: datetime,
        checkin_before: int | None = None,
    ) -> Completion:
        """The record of a lesson that ended, finished or stopped early, from the player's
        final state: what was practised (get-ready and skipped stretches do not count) and
        when, in the person's zone, with the check-in given before Start (None: skipped).
        Nothing is stored yet: ``keep`` does that."""
        if not state.finished:
            raise ValueError("the lesson is still under way")
        return Completion.record(
            program_id=program.id,
            lesson_id=lesson.id,
            lesson_title=lesson.title,
            started_at=started_at,
            finished_at=self.clock.now(),
            timezone=self.timezone,
            seconds=round(practised_seconds(state, self.clock.monotonic())),
            completed=state.completed,
            checkin_before=checkin_before,
        )

    def keep(self, completion: Completion) -> None:
        """Store a finished or stopped Micro Pause; durable when this returns (blocks).

        Raises NotSavedError when the disk refuses it: the pause then stays in memory and is
        written by the next write or by ``keep_trying``.
        """
        with self._unsaved_lock:
            if all(c.id != completion.id for c in self._unsaved):
                self._unsaved.append(completion)
        self.save_unsaved()

    def save_unsaved(self) -> bool:
        """Write what a failed write left in memory; True when nothing is left (blocks).

        Raises NotSavedError (the pauses stay in memory) while the disk still refuses.
        """
        with self._unsaved_lock:
            pending = list(self._unsaved)
            if not pending:
                return True
            try:
                self.store.merge(pending)
            except OSError as exc:
                raise NotSavedError.of(exc, kept=True) from exc
            done = {c.id for c in pending}
            self._unsaved = [c for c in self._unsaved if c.id not in done]
            return not self._unsaved

    async def keep_trying(self) -> bool:
        """Retry ``save_unsaved`` after each of ``retry_delays`` (the last repeats) until it
        succeeds.

        True once everything is saved (here or by another write), False when another call is
        already trying (it will report). Cancelled with its task, the pauses stay in memory.
        """
        if self._retrying:
            return False
        self._retrying = True
        try:
            attempt = 0
            delays = self.retry_delays
            while self.unsaved:
                await asyncio.sleep(delays[min(attempt, len(delays) - 1)])
                attempt += 1
                try:
                    await run_blocking(self.save_unsaved)
                except NotSavedError as exc:
                    log.warning("still not saved (try %d): %s", attempt, exc.problem)
                else:
                    log.info("saved what a failed write kept in memory (try %d)", attempt)
            return True
        finally:
            self._retrying = False

    def _write(self, what: Any, *args: Any) -> Any:
        """Run a store write after saving what waits in memory (a failure there is not this
        write's: it is kept for later); an OSError becomes NotSavedError."""
        with contextlib.suppress(NotSavedError):
            self.save_unsaved()
        try:
            return what(*args)
        except OSError as exc:
            raise NotSavedError.of(exc, kept=False) from exc

    def check_in_after(self, completion_id: str, feeling: int | None) -> Completion:
        """How the body area feels after the logged pause (0-10, None to take it back);
        stored with the pause (blocks). ValueError for a value off the scale."""
        return self.store.amend(completion_id, {"checkin_after": feeling})

    def write_note(self, completion_id: str, text: str) -> Completion:
        """The person's one-line note on a logged pause (blocks). Line breaks and runs of
        spaces become one space, the length is capped; an empty note removes it."""
        line = " ".join(text.split())[:NOTE_MAX_LENGTH].rstrip()
        return self.store.amend(completion_id, {"note": line or None})

    def change_settings(self, changes: Mapping[str, Any]) -> Settings:
        """Apply ``changes`` to the settings with every rule checked, and store them (blocks).

        Raises SettingsError, changing nothing, when a value breaks a rule.
        """
        try:
            new = Settings.model_validate({**self.settings.model_dump(), **changes})
        except ValidationError as exc:
            problems = "; ".join(
                f"{e.field}: {e.message}" if e.field else e.message for e in field_errors(exc)
            )
            raise SettingsError(problems) from None
        self._write(self.store.save_settings, new)
        return new

    def record_nudge(self, event: NudgeEvent) -> None:
        """Count a nudge shown or answered, for today (blocks). A count the disk refuses is
        dropped with a warning: it only informs, and a nudge must never break a session."""
        try:
            self._write(self.store.record_nudge, self.today(), event)
        except NotSavedError as exc:
            log.warning("a nudge count was not saved: %s", exc.problem)

    # ------------------------------------------------------------------- backup

    def export(self) -> tuple[str, int]:
        """The whole log as a JSON export, and how many Micro Pauses it holds."""
        completions = self.completions()
        return export_json(completions), len(completions)

    def check_upload(self, size: int) -> None:
        """Refuse (BackupError) a restore file too large to take in the app, before reading it."""
        check_upload_size(size)

    def restore(self, text: str) -> tuple[int, int]:
        """Merge a JSON export: (records added, records already in the log) (blocks).

        Raises ``BackupError``, changing nothing, for a file that is not a valid export.
        """
        records = parse_export(text)
        added: int = self._write(self.store.merge, records)
        return added, len(records) - added
