"""Does the lesson player drift? A ~10-minute lesson played on a jittery clock and for real.

1. Simulated: ticks every ~1 s arrive 0-900 ms late and ~10% never arrive. Because every
   boundary is derived from the anchor, the instant the sequencer reports for each segment
   start and for the end must equal the ideal instant exactly (0 ms, not "small").
2. Real time on the asyncio loop at time scale 20 while CPU-burning processes compete for the
   machine: the loop sleeps until ``next_wakeup`` and ticks; we measure how late each
   StepStarted / LessonComplete fired against its ideal wall-clock instant (target < 50 ms).

The ideal instants are computed here from the Step models directly, not from the timeline,
so the check also covers the expansion. Last line: one JSON object with the four figures.

Real-time lateness is split into its causes: where the loop aimed its wakeup (never after the
ideal instant), how late the OS woke the process, and what ``tick`` itself cost. On a shared,
oversubscribed VM the OS wake delay dominates; it is noticed late but never carried forward.
"""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data.content.models import Lesson, Step
from data.player.sequencer import (
    Event,
    LessonComplete,
    PlayerState,
    StepStarted,
    new_player,
    next_wakeup,
    start,
    tick,
)
from data.player.timeline import build_timeline

GET_READY = 3
REAL_SCALE = 20.0
BURNERS = 2
SEED = 20260302


def ten_minute_lesson() -> Lesson:
    """600 s of mixed steps: counts at a pace, both side modes, rests between, a plain rest."""

    def S(**fields: Any) -> Step:  # noqa: N802  # a step of this benchmark, standing
        return Step(position="standing", **fields)

    steps = [
        S(instruction="Neck circles", kind="move", count=6, pace_seconds=4, repetitions=2,
             sides="alternate", side_label="{side} foot forward", rest_between_seconds=5),
        S(instruction="Shoulder stretch", kind="hold", seconds=30, repetitions=2,
             sides="left-then-right", side_label="{side} foot forward", rest_between_seconds=10),
        S(instruction="Slow breaths", kind="breathe", count=6, pace_seconds=5, repetitions=3,
             rest_between_seconds=5),
        S(instruction="Sit back", kind="rest", seconds=20),
        S(instruction="Seated twist", kind="hold", seconds=20, repetitions=3,
             sides="alternate", side_label="{side} foot forward", rest_between_seconds=4),
        S(instruction="Calf raises", kind="move", count=15, pace_seconds=2, repetitions=2,
             rest_between_seconds=9),
        S(instruction="Quick breaths", kind="breathe", count=4, pace_seconds=2.5),
    ]  # fmt: skip
    return Lesson(id="drift-bench", number=1, title="Drift", why="A ten-minute benchmark.",
                  steps=steps)  # fmt: skip


def ideal_offsets(lesson: Lesson) -> tuple[list[float], float]:
    """Lesson offsets at which each segment should begin, and the end, from the steps alone."""
    begins = [0.0] if GET_READY else []
    offset = float(GET_READY)
    for step in lesson.steps:
        for n in range(step.segment_count):
            if n and step.rest_between_seconds:
                begins.append(offset)
                offset += step.rest_between_seconds
            begins.append(offset)
            offset += step.segment_seconds
    return begins, offset


def simulated(lesson: Lesson) -> tuple[float, float, int]:
    """Max |reported - ideal| for segment starts and for the end (ms), and ticks delivered."""
    rng = random.Random(SEED)
    origin = 5000.0
    state, events = start(new_player(build_timeline(lesson, GET_READY)), origin)
    nominal, delivered = origin, 0
    while not state.finished:
        nominal += 1.0
        if rng.random() < 0.10:
            continue
        state, more = tick(state, nominal + rng.uniform(0.0, 0.9))
        events += more
        delivered += 1
    begins, end = ideal_offsets(lesson)
    reported = [e.at for e in events if isinstance(e, StepStarted)]
    assert len(reported) == len(begins), "a segment start was never reported"
    boundary_error = max(abs(at - (origin + b)) for at, b in zip(reported, begins, strict=True))
    complete = [e.at for e in events if isinstance(e, LessonComplete)]
    assert len(complete) == 1
    return boundary_error * 1000, abs(complete[0] - (origin + end)) * 1000, delivered


@dataclass
class RealRun:
    """What the real-time run saw, in ms, split so a late event can be blamed precisely."""

    lateness: list[float]  # each segment start: fired - ideal
    end_error: float  # LessonComplete fired - ideal end
    wake_delay: list[float]  # OS/asyncio: woke - requested wakeup (every sleep)
    tick_cost: list[float]  # sequencer: fired - woke, for each step change
    aim_error: list[float]  # requested wakeup - ideal instant per change (<= 0: never aimed late)
    ticks: int


async def real_time(lesson: Lesson) -> RealRun:
    """Play the lesson as a view would: sleep until ``next_wakeup``, tick, note the time."""
    fired: list[tuple[Event, float, float, float]] = []  # event, fired, woke, aimed
    wake_delay: list[float] = []
    state: PlayerState = new_player(build_timeline(lesson, GET_READY), REAL_SCALE)
    t0 = time.monotonic()
    state, events = start(state, t0)
    fired += [(e, time.monotonic(), t0, t0) for e in events]
    while not state.finished:
        wake = next_wakeup(state, time.monotonic())
        assert wake is not None
        await asyncio.sleep(max(0.0, wake - time.monotonic()))
        woke = time.monotonic()
        wake_delay.append((woke - wake) * 1000)
        state, events = tick(state, woke)
        at = time.monotonic()
        fired += [(e, at, woke, wake) for e in events]
    begins, end = ideal_offsets(lesson)
    ideals = [t0 + b / REAL_SCALE for b in begins] + [t0 + end / REAL_SCALE]
    changes = [f for f in fired if isinstance(f[0], StepStarted | LessonComplete)]
    assert len(changes) == len(ideals), "a step change was never reported"
    late = [(at - ideal) * 1000 for (_, at, _, _), ideal in zip(changes, ideals, strict=True)]
    return RealRun(
        lateness=late[:-1],
        end_error=late[-1],
        wake_delay=wake_delay,
        tick_cost=[(at - woke) * 1000 for _, at, woke, _ in changes],
        aim_error=[
            (aim - ideal) * 1000 for (_, _, _, aim), ideal in zip(changes, ideals, strict=True)
        ],
        ticks=len(wake_delay),
    )


def main() -> None:
    lesson = ten_minute_lesson()
    timeline = build_timeline(lesson, GET_READY)
    print(f"lesson: {len(timeline)} segments, {timeline.total_seconds:g} s with get-ready")

    sim_boundary_ms, sim_end_ms, delivered = simulated(lesson)
    print(f"simulated: {delivered} ticks delivered (0-900 ms late, ~10% dropped)")
    print(f"  max segment-start error {sim_boundary_ms:g} ms, end error {sim_end_ms:g} ms")

    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(BURNERS)]
    try:
        started = time.monotonic()
        run = asyncio.run(real_time(lesson))
        took = time.monotonic() - started
    finally:
        for burner in burners:
            burner.terminate()
        for burner in burners:
            burner.wait()
    late = run.lateness
    print(
        f"real time at x{REAL_SCALE:g} with {BURNERS} CPU burners: {took:.2f} s, {run.ticks} ticks"
    )
    print(f"  step-change lateness: max {max(late):.2f} ms, median {median(late):.2f} ms, "
          f"{sum(x > 50 for x in late)} of {len(late)} over 50 ms")  # fmt: skip
    print(f"  completion error {run.end_error:.2f} ms")
    print("  where lateness comes from (ms, max / median):")
    print(f"    latest wakeup aim past ideal   {max(run.aim_error):.3f} (<= 0: never aimed late)")
    delay = run.wake_delay
    print(f"    OS wake delay after sleep      {max(delay):.2f} / {median(delay):.2f}")
    print(
        f"    tick + event handling          {max(run.tick_cost):.3f} / {median(run.tick_cost):.3f}"
    )
    print(
        json.dumps(
            {
                "sim_max_boundary_error_ms": sim_boundary_ms,
                "sim_end_error_ms": sim_end_ms,
                "real_max_late_ms": round(max(late), 3),
                "real_end_error_ms": round(run.end_error, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
