"""One practised Micro Pause, as it is kept in the log forever.

The record stores the *local date and IANA time zone at the moment of finishing*. Streaks are
computed from that recorded date, never from UTC re-read in today's zone, so a flight, a DST
change or a late-night pause can neither break nor inflate a streak long after the fact.
"""

from __future__ import annotations

import uuid
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


def utc_iso(instant: datetime) -> str:
    """'2026-03-02T09:05:00Z': how instants appear in files and exports."""
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Completion(BaseModel):
    """A Micro Pause that was finished or stopped early. Immutable once recorded."""

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
        )

    def local_finished_at(self) -> datetime:
        """finished_at in the zone recorded with it."""
        return self.finished_at.astimezone(zone(self.timezone))
