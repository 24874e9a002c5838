"""A person's settings: one validated model, stored with their log."""

from __future__ import annotations

from datetime import time
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from data.content.vocabulary import Equipment


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class TextSize(StrEnum):
    """How large the app draws its text, for people who read better with more (per browser)."""

    STANDARD = "standard"
    LARGE = "large"
    LARGER = "larger"
    LARGEST = "largest"


TEXT_SCALES: dict[TextSize, float] = {
    TextSize.STANDARD: 1.0,
    TextSize.LARGE: 1.15,
    TextSize.LARGER: 1.3,
    TextSize.LARGEST: 1.5,
}
"""The factor each size applies to every text size; 1.5 is the largest a phone screen 390 px
wide holds without any screen scrolling sideways."""


class Settings(BaseModel):
    """Every setting with its default and its allowed range.

    Unknown keys are ignored rather than refused (``extra="ignore"``) so that a settings
    record written by a newer version still opens in an older one.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    daily_goal: int = Field(default=1, ge=1, le=10)
    day_start_hour: int = Field(default=0, ge=0, le=6)
    get_ready_seconds: int = Field(default=3, ge=0, le=15)
    sound_on: bool = True
    voice_on: bool = True
    """Spoken guidance in the player: each step's line, side changes, rests, the finish."""
    voice_name: Annotated[str, Field(max_length=200)] | None = None
    """The device's voice to speak with, by its name; None lets the app choose one in its
    language (a name the device no longer has falls back the same way)."""
    voice_rate: float = Field(default=1.0, ge=0.5, le=2.0)
    theme: ThemeChoice = ThemeChoice.SYSTEM
    text_size: TextSize = TextSize.STANDARD
    nudges_on: bool = True
    nudge_interval_minutes: int = Field(default=50, ge=20, le=120)
    work_days: Annotated[list[int], Field(min_length=0, max_length=7)] = [0, 1, 2, 3, 4]
    work_start: time = time(9, 0)
    work_end: time = time(17, 0)
    reminder_time: time | None = None
    work_equipment: Annotated[list[Equipment], Field(max_length=len(Equipment))] = [Equipment.CHAIR]
    """What the person has at work: a nudge only offers lessons that need nothing more."""
    rest_days: Annotated[list[int], Field(max_length=7)] = []
    """Weekly rest days, 0 (Monday) to 6 (Sunday): they neither break a streak nor count as
    practised (``data.progress.practice_days.is_rest_day``). None by default."""
    checkins_on: bool = True
    """Ask how the program's body area feels before and after each lesson."""

    @field_validator("rest_days")
    @classmethod
    def _rest_days(cls, days: list[int]) -> list[int]:
        if any(day < 0 or day > 6 for day in days):
            raise ValueError("rest days are numbered 0 (Monday) to 6 (Sunday)")
        if len(set(days)) != len(days):
            raise ValueError("a rest day is listed twice")
        if len(days) == 7:
            raise ValueError("at least one day of the week is not a rest day")
        return sorted(days)

    @model_validator(mode="after")
    def _sane(self) -> Self:
        if any(day < 0 or day > 6 for day in self.work_days):
            raise ValueError("work days are numbered 0 (Monday) to 6 (Sunday)")
        if len(set(self.work_days)) != len(self.work_days):
            raise ValueError("a work day is listed twice")
        if len(set(self.work_equipment)) != len(self.work_equipment):
            raise ValueError("an item of equipment is listed twice")
        if self.work_end <= self.work_start:
            raise ValueError("working hours must end after they start")
        return self
