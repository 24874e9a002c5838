"""The clocks the app reads, injected so tests never sleep and never depend on today.

Two readings, for two jobs: ``monotonic()`` for timing a lesson (it never jumps when the wall
clock is set), ``now()`` for recording when something happened (an aware UTC instant).
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What the app needs from time."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin; only differences mean anything."""
        ...

    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real clocks of the machine."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


def time_scale_from_env(environ: dict[str, str] | None = None) -> float:
    """``MICROPAUSE_TIME_SCALE``: how many times faster lessons run (demos and tests).

    Anything that is not a number from 1 to 1000 is ignored with the default of 1, so a typo
    can never make a real lesson run at the wrong speed silently for long.
    """
    env = os.environ if environ is None else environ
    raw = env.get("MICROPAUSE_TIME_SCALE", "").strip()
    if not raw:
        return 1.0
    try:
        scale = float(raw)
    except ValueError:
        return 1.0
    return scale if 1.0 <= scale <= 1000.0 else 1.0


class ScaledClock:
    """A clock that runs ``scale`` times faster than ``base`` from the moment it is made.

    For demos and end-to-end tests of things measured in minutes (pause nudges): with a
    scale of 60, a 20-minute interval passes in 20 real seconds. Both readings stay
    consistent with each other because both derive from the base's monotonic clock.
    """

    def __init__(self, base: Clock, scale: float) -> None:
        if not scale > 0:
            raise ValueError("the time scale must be positive")
        self._base = base
        self._scale = scale
        self._mono0 = base.monotonic()
        self._wall0 = base.now()

    def _elapsed(self) -> float:
        return (self._base.monotonic() - self._mono0) * self._scale

    def monotonic(self) -> float:
        return self._mono0 + self._elapsed()

    def now(self) -> datetime:
        return self._wall0 + timedelta(seconds=self._elapsed())

    def real_seconds(self, scaled_seconds: float) -> float:
        """How long ``scaled_seconds`` of this clock take on the base clock."""
        return scaled_seconds / self._scale
