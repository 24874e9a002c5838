"""One person's use cases: what the screens read from their log and what they record in it.

A ``Practice`` binds the shared catalogue and clock to one person's store and time zone. Reads
are cheap (the store serves them from memory); the writes (``keep``, ``change_settings``,
``record_nudge``, ``restore``) may block on disk, so a screen runs them through
``data.runtime.threads.run_blocking``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from data.content.catalogue import Catalogue
from data.content.models import Lesson, Program
from data.player.sequencer import PlayerState, practised_seconds
from data.practice_log.backup import export_json, parse_export
from data.practice_log.completion import NOTE_MAX_LENGTH, Completion
from data.practice_log.settings import Settings
from data.practice_log.store import LogStore, NudgeEvent
from data.progress.practice_days import today_for
from data.progress.programs import completed_lessons
from data.runtime.clock import Clock
from data.usecases.overview import Overview, build_overview
from data.validation import field_errors


class SettingsError(ValueError):
    """A change of settings that breaks a rule; the message says which, in plain words."""


class Practice:
    """The use cases of one person (one browser, one desktop profile, or the CLI)."""

    def __init__(self, catalogue: Catalogue, store: LogStore, clock: Clock, timezone: str) -> None:
        self.catalogue = catalogue
        self.store = store
        self.clock = clock
        self.timezone = timezone

    # ------------------------------------------------------------------ reading

    @property
    def settings(self) -> Settings:
        return self.store.settings()

    def today(self) -> date:
        """Today's practice day in the person's zone, after their day-start hour."""
        return today_for(self.clock.now(), self.timezone, self.settings.day_start_hour)

    def done_lessons(self) -> frozenset[str]:
        """Ids of the lessons finished to the end at least once."""
        return frozenset(completed_lessons(self.store.completions()))

    def overview(self) -> Overview:
        """Streaks, progress, the lesson to continue and the history, from one read of the log."""
        settings = self.settings
        today = today_for(self.clock.now(), self.timezone, settings.day_start_hour)
        return build_overview(
            self.catalogue, self.store.completions(), settings, today, self.store.nudge_counts()
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
        """Store a finished or stopped Micro Pause; durable when this returns (blocks)."""
        self.store.add(completion)

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
        self.store.save_settings(new)
        return new

    def record_nudge(self, event: NudgeEvent) -> None:
        """Count a nudge shown or answered, for today (blocks)."""
        self.store.record_nudge(self.today(), event)

    # ------------------------------------------------------------------- backup

    def export(self) -> tuple[str, int]:
        """The whole log as a JSON export, and how many Micro Pauses it holds."""
        completions = self.store.completions()
        return export_json(completions), len(completions)

    def restore(self, text: str) -> tuple[int, int]:
        """Merge a JSON export: (records added, records already in the log) (blocks).

        Raises ``BackupError``, changing nothing, for a file that is not a valid export.
        """
        records = parse_export(text)
        added = self.store.merge(records)
        return added, len(records) - added
