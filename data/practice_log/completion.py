"""One practised Micro Pause, as it is kept in the log forever.

The record stores the *local date and IANA time zone at the moment of finishing*. Streaks are
computed from that recorded date, never from UTC re-read in today's zone, so a flight, a DST
change or a late-night pause can neither break nor inflate a streak long after the fact.

It also keeps how the person felt: the check-in before the lesson (known when it is written),
and the check-in after it with an optional note, which arrive once the pause is already safely
logged. Those three are the only fields that may change later (``amended``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    field_validator,
    model_validator,
)

from data.content.models import SLUG_PATTERN
from data.runtime.timezones import zone

_ID_PATTERN = r"^[0-9a-f]{32}$"
_Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=2, max_length=64)]

FEELING_MIN, FEELING_MAX = 0, 10
"""The check-in scale: 0 is "at ease", 10 "very stiff or sore"."""
NOTE_MAX_LENGTH = 280
CHECKIN_FIELDS = ("checkin_before", "checkin_after", "note")
"""What may change after a pause is logged: how the person felt, and their note."""

Feeling = Annotated[int, Field(ge=FEELING_MIN, le=FEELING_MAX, strict=True)]
Note = Annotated[str, Field(min_length=1, max_length=NOTE_MAX_LENGTH)]


def utc_iso(instant: datetime) -> str:
    """'2026-03-02T09:05:00Z': how instants appear in files and exports."""
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Completion(BaseModel):
    """A Micro Pause that was finished or stopped early. Immutable: a later check-in answer
    makes a new record with the same id (``amended``), which the store puts in its place."""

    # Validators built at the first record, not at import: a start with no new record needs none.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: Annotated[str, Field(pattern=_ID_PATTERN)]
    program_id: _Slug
    lesson_id: _Slug
    lesson_title: Annotated[str, Field(min_length=1, max_length=200)]
    started_at: AwareDatetime
    finished_at: AwareDatetime
    local_date: date
    timezone: Annotated[str, Field(min_length=1, max_length=64)]
    seconds: Annotated[int, Field(ge=0, le=24 * 3600)]
    completed: bool
    checkin_before: Feeling | None = None
    """How the program's body area felt before the lesson (0-10); None when skipped."""
    checkin_after: Feeling | None = None
    """How it felt after; None when skipped, or not answered (yet)."""
    note: Note | None = None
    """The person's one-line note after the lesson, or None."""

    @field_validator("note")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is not None and ("\n" in value or "\r" in value):
            raise ValueError("a note is one line")
        return value

    @field_validator("started_at", "finished_at")
    @classmethod
    def _to_utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        zone(value)
        return value

    @model_validator(mode="after")
    def _in_order(self) -> Completion:
        if self.finished_at < self.started_at:
            raise ValueError("finished_at is before started_at")
        return self

    def __hash__(self) -> int:
        # The id is unique by construction; hashing every field would be slower for nothing.
        return hash(self.id)

    @field_serializer("started_at", "finished_at")
    def _iso_utc(self, value: datetime) -> str:
        return utc_iso(value)

    @classmethod
    def record(
        cls,
        *,
        program_id: str,
        lesson_id: str,
        lesson_title: str,
        started_at: datetime,
        finished_at: datetime,
        timezone: str,
        seconds: int,
        completed: bool,
        local_date: date | None = None,
        checkin_before: int | None = None,
    ) -> Completion:
        """A new record with a fresh id; the local date is finished_at seen in ``timezone``.

        ``local_date`` may be given when the person stated the date themselves (the CLI's
        ``--at`` with an offset that no longer matches the zone).
        """
        if local_date is None:
            local_date = finished_at.astimezone(zone(timezone)).date()
        return cls(
            id=uuid.uuid4().hex,
            program_id=program_id,
            lesson_id=lesson_id,
            lesson_title=lesson_title,
            started_at=started_at,
            finished_at=finished_at,
            local_date=local_date,
            timezone=timezone,
            seconds=seconds,
            completed=completed,
            checkin_before=checkin_before,
        )

    def amended(self, changes: Mapping[str, object]) -> Completion:
        """This record with later answers (the after check-in, the note), validated.

        Only ``CHECKIN_FIELDS`` may change: ValueError for any other key or a bad value, and
        the record itself stays as it was (it is immutable).
        """
        other = sorted(set(changes) - set(CHECKIN_FIELDS))
        if other:
            raise ValueError(
                f"only {', '.join(CHECKIN_FIELDS)} can change once a pause is logged, "
                f"not {', '.join(other)}"
            )
        return Completion.model_validate({**self.model_dump(), **changes})

    def local_finished_at(self) -> datetime:
        """finished_at in the zone recorded with it."""
        return self.finished_at.astimezone(zone(self.timezone))
