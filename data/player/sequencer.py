"""The lesson player's brain: a pure state machine over a timeline, driven by clock readings.

Every operation takes ``(state, now)`` and returns ``(new_state, events)``; the caller reads
the monotonic clock and performs the effects (sound, speech, screen). Nothing here sleeps,
reads a clock or counts ticks, so a tick that arrives late, or never, cannot make the lesson
drift: remaining time is always ``deadline - now``, and every boundary sits at
``anchor + segment.start / time_scale`` where ``anchor`` is the monotonic instant at which
lesson time 0 would have been. Pausing shifts the anchor by the pause; skip and back re-anchor.

Typical loop in a view::

    state, events = start(new_player(build_timeline(lesson), scale), clock.monotonic())
    while not state.finished:
        await asyncio.sleep(max(0.0, next_wakeup(state, clock.monotonic()) - clock.monotonic()))
        state, events = tick(state, clock.monotonic())
        show(readout(state, clock.monotonic()), events)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeAlias

from data.player.timeline import Segment, SegmentKind, Side, Timeline

BACK_RESTARTS_AFTER_SECONDS = 2.0
"""Back within this many lesson seconds of a segment's start goes to the previous segment."""
MIN_CUED_SEGMENT_SECONDS = 4.0
"""Shorter segments get no 3-2-1 cue: it would start before the person has begun."""
_NO_CUE = 4  # "no final-second cue given yet in this segment" (cues count down 3, 2, 1)
_EPSILON = 1e-9  # absorbs float noise so 2.0000000001 seconds still shows as 2


class Phase(StrEnum):
    NOT_STARTED = "not-started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    """The lesson ran (or was skipped) to its end."""
    STOPPED = "stopped"
    """The person ended the lesson early."""


@dataclass(frozen=True, slots=True)
class StepStarted:
    """A segment began at monotonic instant ``at`` (its ideal instant, even if noticed late)."""

    segment: Segment
    at: float


@dataclass(frozen=True, slots=True)
class FinalSeconds:
    """``seconds_left`` (3, 2 or 1) lesson seconds remain in ``segment``: time for a beep."""

    segment: Segment
    seconds_left: int
    at: float


@dataclass(frozen=True, slots=True)
class SideSwitched:
    """The step moved to the other side of the body with ``segment``."""

    segment: Segment
    side: Side
    at: float


@dataclass(frozen=True, slots=True)
class LessonComplete:
    """The last segment ended at monotonic instant ``at``."""

    at: float


Event: TypeAlias = StepStarted | FinalSeconds | SideSwitched | LessonComplete


@dataclass(frozen=True, slots=True)
class PlayerState:
    """Where a lesson stands; build it with ``new_player`` and change it only through the
    operations below. ``anchor`` and ``frozen_at`` are monotonic instants."""

    timeline: Timeline
    time_scale: float = 1.0
    phase: Phase = Phase.NOT_STARTED
    index: int = 0
    anchor: float = 0.0
    frozen_at: float | None = None  # when the lesson stood still (paused or stopped)
    cued: int = _NO_CUE  # the last final-second cue given in this segment
    credit: float = 0.0  # practised lesson-seconds banked before the last skip/back
    credit_from: float = 0.0  # lesson offset where the current unbroken run began

    @property
    def segment(self) -> Segment:
        return self.timeline.segments[self.index]

    @property
    def started(self) -> bool:
        return self.phase is not Phase.NOT_STARTED

    @property
    def finished(self) -> bool:
        """True once the lesson is over, completed or stopped early."""
        return self.phase in (Phase.FINISHED, Phase.STOPPED)

    @property
    def completed(self) -> bool:
        return self.phase is Phase.FINISHED

    def instant(self, offset: float) -> float:
        """The monotonic instant at which lesson offset ``offset`` is (or was) reached."""
        return self.anchor + offset / self.time_scale


Transition: TypeAlias = tuple[PlayerState, list[Event]]


def new_player(timeline: Timeline, time_scale: float = 1.0) -> PlayerState:
    """A player at the start of ``timeline``, waiting for ``start``."""
    if not time_scale > 0:
        raise ValueError("the time scale must be positive")
    return PlayerState(timeline=timeline, time_scale=time_scale)


def start(state: PlayerState, now: float) -> Transition:
    """Begin the lesson now; does nothing once it has started (use ``restart``)."""
    return _begin(state, now) if state.phase is Phase.NOT_STARTED else (state, [])


def restart(state: PlayerState, now: float) -> Transition:
    """Begin again from the first segment, whatever the phase."""
    return _begin(state, now)


def tick(state: PlayerState, now: float) -> Transition:
    """Catch up with ``now``: enter every segment whose start has passed, in order.

    Each boundary is reported at its ideal instant, so a late tick notices boundaries late but
    never moves them. Of the final-second cues, only the latest one of the current segment is
    given; cues of segments passed over are dropped (beeping them late would only confuse).
    """
    if state.phase is not Phase.RUNNING:
        return state, []
    segments = state.timeline.segments
    events: list[Event] = []
    index, cued = state.index, state.cued
    while now >= (boundary := state.instant(segments[index].end)):
        if index + 1 == len(segments):
            done = replace(state, phase=Phase.FINISHED, index=index, cued=cued)
            return done, [*events, LessonComplete(boundary)]
        index, cued = index + 1, _NO_CUE
        entered = segments[index]
        events.append(StepStarted(entered, boundary))
        if entered.switches_side and entered.side is not None:
            events.append(SideSwitched(entered, entered.side, boundary))
    segment = segments[index]
    cue = _due_cue(state, segment, now)
    if cue is not None and cue < cued:
        events.append(FinalSeconds(segment, cue, state.instant(segment.end - cue)))
        cued = cue
    return replace(state, index=index, cued=cued), events


def pause(state: PlayerState, now: float) -> Transition:
    """Hold the lesson still; whatever was due before ``now`` is reported first."""
    if state.phase is not Phase.RUNNING:
        return state, []
    state, events = tick(state, now)
    if state.phase is Phase.RUNNING:
        state = replace(state, phase=Phase.PAUSED, frozen_at=now)
    return state, events


def resume(state: PlayerState, now: float) -> Transition:
    """Carry on; the anchor moves by exactly the time spent paused, so nothing is lost."""
    if state.phase is not Phase.PAUSED or state.frozen_at is None:
        return state, []
    paused_for = max(0.0, now - state.frozen_at)
    return replace(state, phase=Phase.RUNNING, anchor=state.anchor + paused_for, frozen_at=None), []


def skip(state: PlayerState, now: float) -> Transition:
    """Go to the start of the next segment now; skipping the last one completes the lesson."""
    state, events = _catch_up(state, now)
    if state.phase not in (Phase.RUNNING, Phase.PAUSED):
        return state, events
    if state.index + 1 < len(state.timeline):
        state, jumped = _jump(state, now, state.index + 1)
        return state, events + jumped
    total = state.timeline.total_seconds
    banked = state.credit + _run_credit(state, _position(state, now))
    done = replace(state, phase=Phase.FINISHED, frozen_at=None, credit=banked, credit_from=total)
    return done, [*events, LessonComplete(now)]


def back(state: PlayerState, now: float) -> Transition:
    """Go to the start of this segment, or of the previous one if this one has barely begun."""
    state, events = _catch_up(state, now)
    if state.phase not in (Phase.RUNNING, Phase.PAUSED):
        return state, events
    into = _position(state, now) - state.segment.start
    target = state.index if into > BACK_RESTARTS_AFTER_SECONDS else max(0, state.index - 1)
    state, jumped = _jump(state, now, target)
    return state, events + jumped


def stop(state: PlayerState, now: float) -> Transition:
    """End the lesson early; ``practised_seconds`` then says how much was done."""
    state, events = _catch_up(state, now)
    if state.phase is Phase.RUNNING:
        return replace(state, phase=Phase.STOPPED, frozen_at=now), events
    if state.phase is Phase.PAUSED:
        return replace(state, phase=Phase.STOPPED), events
    return state, events


def _begin(state: PlayerState, now: float) -> Transition:
    fresh = new_player(state.timeline, state.time_scale)
    running = replace(fresh, phase=Phase.RUNNING, anchor=now)
    return running, [StepStarted(running.segment, now)]


def _catch_up(state: PlayerState, now: float) -> Transition:
    """Let a running lesson reach ``now`` before a button acts on it."""
    return tick(state, now) if state.phase is Phase.RUNNING else (state, [])


def _jump(state: PlayerState, now: float, target: int) -> Transition:
    """Move to the start of segment ``target`` at ``now``, running or paused as before."""
    timeline = state.timeline
    segment = timeline.segments[target]
    banked = state.credit + _run_credit(state, _position(state, now))
    moved = replace(
        state,
        index=target,
        anchor=now - segment.start / state.time_scale,
        frozen_at=now if state.phase is Phase.PAUSED else None,
        cued=_NO_CUE,
        credit=banked,
        credit_from=segment.start,
    )
    events: list[Event] = [StepStarted(segment, now)]
    if segment.side is not None and _side_changes(timeline, state.index, target):
        events.append(SideSwitched(segment, segment.side, now))
    return moved, events


def _side_changes(timeline: Timeline, before: int, target: int) -> bool:
    """Whether a jump to ``target`` puts the step on another side than it was at ``before``.

    A switch segment is the change of side itself, so a jump into one always announces it,
    and a jump past one from its own side does not announce it twice.
    """
    goal = timeline.segments[target]
    if goal.side is None:
        return False
    if goal.kind is SegmentKind.SWITCH:
        return True
    if not goal.is_work:
        return False
    for segment in reversed(timeline.segments[: before + 1]):
        if segment.step_index != goal.step_index:
            return False
        if (segment.is_work or segment.kind is SegmentKind.SWITCH) and segment.side is not None:
            return segment.side is not goal.side
    return False


def _due_cue(state: PlayerState, segment: Segment, now: float) -> int | None:
    """The latest final-second cue (1, 2 or 3) whose instant has passed, if any."""
    if segment.duration < MIN_CUED_SEGMENT_SECONDS:
        return None
    for seconds_left in (1, 2, 3):
        if now >= state.instant(segment.end - seconds_left):
            return seconds_left
    return None


def _position(state: PlayerState, now: float) -> float:
    """Lesson offset reached at ``now``, in lesson seconds."""
    total = state.timeline.total_seconds
    if state.phase is Phase.NOT_STARTED:
        return 0.0
    if state.phase is Phase.FINISHED:
        return total
    moment = now if state.frozen_at is None else state.frozen_at
    return min(max((moment - state.anchor) * state.time_scale, 0.0), total)


def _run_credit(state: PlayerState, position: float) -> float:
    """Practised seconds in the current unbroken run; get-ready never counts."""
    return max(0.0, position - max(state.credit_from, float(state.timeline.get_ready_seconds)))


def practised_seconds(state: PlayerState, now: float) -> float:
    """Lesson seconds actually done, without get-ready and without skipped stretches.

    What an early stop logs. A segment repeated with ``back`` counts each time it was done.
    """
    return state.credit + _run_credit(state, _position(state, now))


def remaining_seconds(state: PlayerState, now: float) -> float:
    """Lesson seconds left in the current segment, from its deadline."""
    segment = state.segment
    if state.phase is Phase.FINISHED:
        return 0.0
    if state.phase is Phase.RUNNING:
        left = (state.instant(segment.end) - now) * state.time_scale
    else:
        left = segment.end - _position(state, now)
    return min(max(left, 0.0), segment.duration)


def display_seconds(remaining: float) -> int:
    """The whole number a countdown shows: 2.3 s left reads 3, exactly 2 s reads 2."""
    return max(0, math.ceil(remaining - _EPSILON))


def next_wakeup(state: PlayerState, now: float) -> float | None:
    """The monotonic instant the view should next call ``tick``, or None when nothing runs.

    That is the next change of the whole-second countdown, which also covers every
    final-second cue and the segment's end. An instant at or before ``now`` means "tick now".
    """
    if state.phase is not Phase.RUNNING:
        return None
    segment = state.segment
    cue = _due_cue(state, segment, now)
    if cue is not None and cue < state.cued:
        return state.instant(segment.end - cue)
    shown = display_seconds((state.instant(segment.end) - now) * state.time_scale)
    return state.instant(segment.end - max(0, shown - 1))


@dataclass(frozen=True, slots=True)
class Readout:
    """Everything the player screen shows at one instant, all in lesson seconds."""

    phase: Phase
    segment: Segment
    next_segment: Segment | None
    remaining_seconds: float
    display_seconds: int
    segment_fraction: float
    lesson_fraction: float
    practised_seconds: float


def readout(state: PlayerState, now: float) -> Readout:
    """Read the state at ``now`` for display (call it after ``tick``)."""
    segment = state.segment
    left = remaining_seconds(state, now)
    return Readout(
        phase=state.phase,
        segment=segment,
        next_segment=state.timeline.next_segment(state.index),
        remaining_seconds=left,
        display_seconds=display_seconds(left),
        segment_fraction=1.0 - left / segment.duration,
        lesson_fraction=_position(state, now) / state.timeline.total_seconds,
        practised_seconds=practised_seconds(state, now),
    )
