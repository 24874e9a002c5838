"""What a session's nudge schedule remembers, and how each answer changes it.

``NudgeState`` is small, frozen and JSON round-trippable; the ``on_*`` functions are the only
way it changes: a nudge shown, Start, Snooze, Skip, a completed pause. When the next nudge
falls is ``data.schedule.nudges``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, ValidationError

SNOOZE = timedelta(minutes=10)


class NudgeReason(StrEnum):
    """Why a nudge appears; the view may pick its words and icon by it."""

    INTERVAL = "interval"
    SNOOZE = "snooze"
    REMINDER = "reminder"


def utc(instant: datetime) -> datetime:
    """The same instant in UTC, where adding minutes means real minutes even across DST."""
    if instant.tzinfo is None:
        raise ValueError("nudge times must be timezone-aware")
    return instant.astimezone(UTC)


Instant = Annotated[AwareDatetime, AfterValidator(utc)]


@dataclass(frozen=True)
class NudgeDecision:
    """The next nudge: when (aware UTC; None means no nudge is coming), why, and in words.

    ``at`` earlier than or equal to now means the nudge is due now.
    """

    at: datetime | None
    reason: NudgeReason | None
    why: str


class NudgeState(BaseModel):
    """What the schedule remembers between ticks: small, frozen, and JSON round-trippable.

    ``showing`` is the kind (interval or reminder) of the nudge on screen, so that snoozing a
    reminder brings the reminder back rather than a work nudge. Unknown keys are ignored so a
    state saved by a newer version still loads.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    opened_at: Instant
    last_nudge_at: Instant | None = None
    last_completion_at: Instant | None = None
    showing: NudgeReason | None = None
    snoozed_until: Instant | None = None
    snooze_of: NudgeReason | None = None
    reminder_shown_at: Instant | None = None
    shown_count: int = 0

    @classmethod
    def opened(cls, now: datetime) -> NudgeState:
        """The state of a freshly opened app: the interval counts from this moment."""
        return cls(opened_at=utc(now))

    @classmethod
    def restore(cls, saved: str | None, now: datetime) -> NudgeState:
        """The state from its JSON, or a fresh one when there is none or it cannot be read.

        A broken session value must never stop the app from opening; losing it costs at most
        one early or late nudge.
        """
        if saved:
            try:
                return cls.model_validate_json(saved)
            except ValidationError:
                pass
        return cls.opened(now)


def on_shown(state: NudgeState, nudge: NudgeDecision, now: datetime) -> NudgeState:
    """The nudge is on screen: restart the interval, use up the snooze or today's reminder."""
    now = utc(now)
    showing = state.snooze_of if nudge.reason is NudgeReason.SNOOZE else nudge.reason
    return state.model_copy(
        update={
            "last_nudge_at": now,
            "showing": showing or NudgeReason.INTERVAL,
            "snoozed_until": None,
            "reminder_shown_at": (
                now if nudge.reason is NudgeReason.REMINDER else state.reminder_shown_at
            ),
            "shown_count": state.shown_count + 1,
        }
    )


def on_start(state: NudgeState, now: datetime) -> NudgeState:
    """Start: a lesson opens, so the interval restarts now.

    The view may call this for any lesson that starts playing, nudged or not, so that a lesson
    left half-way does not meet an overdue nudge the moment the player closes.
    """
    return _answered(state, now)


def on_skip(state: NudgeState, now: datetime) -> NudgeState:
    """Skip: nothing until one full interval from now (or tomorrow's working hours)."""
    return _answered(state, now)


def on_snooze(state: NudgeState, now: datetime) -> NudgeState:
    """Snooze: the same nudge again in ten minutes, even if the interval would come later."""
    now = utc(now)
    return state.model_copy(
        update={
            "last_nudge_at": now,
            "showing": None,
            "snoozed_until": now + SNOOZE,
            "snooze_of": state.showing or NudgeReason.INTERVAL,
        }
    )


def on_completion(state: NudgeState, finished_at: datetime) -> NudgeState:
    """A Micro Pause was completed: the interval restarts from its end; a snooze is moot."""
    latest = utc(finished_at)
    if state.last_completion_at is not None:
        latest = max(latest, state.last_completion_at)
    return state.model_copy(
        update={"last_completion_at": latest, "showing": None, "snoozed_until": None}
    )


def _answered(state: NudgeState, now: datetime) -> NudgeState:
    return state.model_copy(
        update={"last_nudge_at": utc(now), "showing": None, "snoozed_until": None}
    )
