"""One practised Micro Pause, as it is kept in the log forever.

The record stores the *local date and IANA time zone at the moment of finishing*. Streaks are
computed from that recorded date, never from UTC re-read in today's zone, so a flight, a DST
change or a late-night pause can neither break nor inflate a streak long after the fact.
"""

from __future__ import annotations

import os
import re
import uuid
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    field_validator,
    model_validator,
)

from data.models import SLUG_PATTERN

_ID_PATTERN = r"^[0-9a-f]{32}$"
_Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=2, max_length=64)]


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name, cached: loading 100,000 records must not re-read tzdata.

    Raises ValueError for a name that is not a known IANA zone.
    """
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        raise ValueError(f"'{name}' is not an IANA time zone name")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"'{name}' is not a known IANA time zone (e.g. 'Europe/Berlin')") from exc


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

    def practice_day(self, day_start_hour: int) -> date:
        """The recorded local date, or the day before when finished before the day-start hour."""
        if day_start_hour and self.local_finished_at().time() < time(day_start_hour):
            return self.local_date - timedelta(days=1)
        return self.local_date


_ZONEINFO_PART = re.compile(r"zoneinfo/(.+)$")


def system_timezone_name(
    environ: dict[str, str] | None = None, localtime: Path | None = None
) -> str:
    """The machine's IANA zone: ``TZ``, then the /etc/localtime link, else "UTC".

    Only names ZoneInfo accepts are returned, so whatever this gives can be recorded.
    """
    env = os.environ if environ is None else environ
    candidates: list[str] = []
    raw = env.get("TZ", "").strip().removeprefix(":")
    if raw:
        candidates.append(raw)
    link = localtime or Path("/etc/localtime")
    try:
        match = _ZONEINFO_PART.search(str(link.resolve()))
        if match:
            candidates.append(match.group(1))
    except OSError:
        pass
    for name in candidates:
        try:
            zone(name)
        except ValueError:
            continue
        return name
    return "UTC"
