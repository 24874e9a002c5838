"""A lesson laid flat: every repetition, side and rest as one timed segment, in order.

The player never reasons about repetitions or sides while it runs; it walks this list. Building
it once, up front, means the order of a lesson is decided in one small pure function that the
tests can read like a score, and the player only has to ask "which segment holds offset t?".
All times here are *lesson seconds*: the time scale is the player's business, not the lesson's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from data.content.models import Lesson, Step
from data.content.vocabulary import Sides


class SegmentKind(StrEnum):
    """What a segment asks of the body; the five step kinds plus the three the player adds
    (the get-ready countdown, a rest between repetitions, a change of side)."""

    READY = "ready"
    SETUP = "setup"
    MOVE = "move"
    HOLD = "hold"
    REST = "rest"
    BREATHE = "breathe"
    REST_BETWEEN = "rest-between"
    SWITCH = "switch"


class Side(StrEnum):
    """The side of the body a segment works (a ``str``, so it compares equal to "left")."""

    LEFT = "left"
    RIGHT = "right"


KIND_WORDS = {
    SegmentKind.READY: "Get ready",
    SegmentKind.SETUP: "Get into position",
    SegmentKind.MOVE: "Move",
    SegmentKind.HOLD: "Hold",
    SegmentKind.REST: "Rest",
    SegmentKind.BREATHE: "Breathe",
    SegmentKind.REST_BETWEEN: "Rest",
    SegmentKind.SWITCH: "Change sides",
}
TRANSITIONS = frozenset({SegmentKind.READY, SegmentKind.REST_BETWEEN, SegmentKind.SWITCH})
"""Segments the player puts between the steps' own work."""
REST_BETWEEN_INSTRUCTION = "Rest and breathe."


@dataclass(frozen=True, slots=True)
class Segment:
    """One stretch of the lesson with a single instruction and a single countdown.

    ``step`` is always a real step so the view never handles ``None``: for the get-ready
    segment it is the first step (the one being got ready for) and ``step_index`` is 0.
    ``rep``/``reps`` are 1-based and both 0 for get-ready; a rest-between or switch segment
    carries the rep and side that come *after* it, so its label can say what it leads to.
    ``instruction`` is what the screen shows for the segment: the step's own words for its
    work, the switch's words for a change of side.
    """

    index: int
    step_index: int
    step: Step
    kind: SegmentKind
    start: float
    duration: float
    rep: int
    reps: int
    side: Side | None
    label: str
    counter: str
    instruction: str
    switches_side: bool = False
    """True when the step changes side with this segment (a switch, or the first segment on
    the new side when the step has no switch)."""

    @property
    def end(self) -> float:
        """Lesson offset at which the next segment begins."""
        return self.start + self.duration

    @property
    def is_work(self) -> bool:
        """A segment of the step itself, not get-ready, a rest or a switch the player put in."""
        return self.kind not in TRANSITIONS

    @property
    def side_text(self) -> str | None:
        """What the side means here ('left knee down'), or None for a segment without one."""
        return None if self.side is None else self.step.side_text(self.side)


@dataclass(frozen=True)
class Timeline:
    """The segments of one lesson and the lookups the player needs on them."""

    lesson: Lesson
    get_ready_seconds: int
    segments: tuple[Segment, ...]
    _starts: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.segments:
            raise ValueError("a timeline needs at least one segment")
        object.__setattr__(self, "_starts", tuple(s.start for s in self.segments))

    def __len__(self) -> int:
        return len(self.segments)

    @property
    def total_seconds(self) -> float:
        """The whole lesson plus get-ready, summed from the segments themselves.

        Equals ``lesson.total_seconds + get_ready_seconds`` whenever the lesson lasts whole
        seconds; a lesson of fractional paces keeps its exact length here rather than the
        rounded figure the catalogue shows.
        """
        return self.segments[-1].end

    def index_at(self, offset: float) -> int:
        """Index of the segment that holds lesson offset ``offset`` (clamped to the ends).

        A segment owns its start and not its end, so the offset of a boundary belongs to the
        segment that begins there.
        """
        found = bisect_right(self._starts, offset) - 1
        return min(max(found, 0), len(self.segments) - 1)

    def segment_at(self, offset: float) -> Segment:
        """The segment that holds lesson offset ``offset`` (clamped to the ends)."""
        return self.segments[self.index_at(offset)]

    def next_segment(self, index: int) -> Segment | None:
        """The segment after ``index``, or None after the last (for a "Next: …" line)."""
        return self.segments[index + 1] if 0 <= index + 1 < len(self.segments) else None


def build_timeline(lesson: Lesson, get_ready_seconds: int = 3) -> Timeline:
    """Expand ``lesson`` into its segments, optionally led by a get-ready segment.

    Order within a step: ``left-then-right`` does every rep on the left and then every rep on
    the right; ``alternate`` does left then right for each rep; ``none`` just the reps. A rest
    of ``rest_between_seconds`` sits between consecutive segments of one step, never after the
    last; where the side changes and the step has a ``switch``, the switch takes the rest's
    place. So the step's length is exactly ``Step.total_seconds``.
    """
    if get_ready_seconds < 0:
        raise ValueError("get-ready cannot be negative")
    segments: list[Segment] = []
    offset = 0.0

    def add(kind: SegmentKind, step_index: int, step: Step, duration: float, **fields: Any) -> None:
        nonlocal offset
        segments.append(
            Segment(
                index=len(segments),
                step_index=step_index,
                step=step,
                kind=kind,
                start=offset,
                duration=duration,
                **fields,
            )
        )
        offset += duration

    if get_ready_seconds:
        first = lesson.steps[0]
        add(
            SegmentKind.READY,
            0,
            first,
            float(get_ready_seconds),
            rep=0,
            reps=0,
            side=None,
            label=KIND_WORDS[SegmentKind.READY],
            counter="",
            instruction=f"Get ready: {first.instruction}",
        )
    for step_index, step in enumerate(lesson.steps):
        kind = SegmentKind(step.kind.value)
        previous_side: Side | None = None
        for position, (rep, side) in enumerate(_reps_and_sides(step)):
            changes = previous_side is not None and side is not previous_side
            common = {"rep": rep, "reps": step.repetitions, "side": side}
            if position and changes and step.switch is not None:
                add(
                    SegmentKind.SWITCH,
                    step_index,
                    step,
                    float(step.switch.seconds),
                    **common,
                    label=_switch_label(step, side),
                    counter="",
                    instruction=step.switch.instruction,
                    switches_side=True,
                )
            elif position and step.rest_between_seconds:
                add(
                    SegmentKind.REST_BETWEEN,
                    step_index,
                    step,
                    float(step.rest_between_seconds),
                    **common,
                    label=_rest_label(step, rep, side),
                    counter="",
                    instruction=REST_BETWEEN_INSTRUCTION,
                )
            add(
                kind,
                step_index,
                step,
                step.segment_seconds,
                **common,
                label=_work_label(kind, step, rep, side),
                counter=_counter(step, rep, side),
                instruction=step.instruction,
                switches_side=changes and step.switch is None,
            )
            previous_side = side
    return Timeline(lesson, get_ready_seconds, tuple(segments))


def _reps_and_sides(step: Step) -> Sequence[tuple[int, Side | None]]:
    """(rep, side) for each working segment of ``step``, in the order they are done."""
    reps = range(1, step.repetitions + 1)
    if step.sides is Sides.LEFT_THEN_RIGHT:
        return [(r, Side.LEFT) for r in reps] + [(r, Side.RIGHT) for r in reps]
    if step.sides is Sides.ALTERNATE:
        return [(r, side) for r in reps for side in (Side.LEFT, Side.RIGHT)]
    return [(r, None) for r in reps]


def _parts(step: Step, rep: int, side: Side | None) -> tuple[str | None, str | None]:
    """The rep and side phrases, each None when there is nothing to say."""
    reps = step.repetitions
    return (f"rep {rep} of {reps}" if reps > 1 else None, step.side_text(side) if side else None)


def _work_label(kind: SegmentKind, step: Step, rep: int, side: Side | None) -> str:
    """'Hold — left knee down — rep 2 of 3'."""
    rep_part, side_part = _parts(step, rep, side)
    return " — ".join(p for p in (KIND_WORDS[kind], side_part, rep_part) if p)


def _rest_label(step: Step, rep: int, side: Side | None) -> str:
    """'Rest — next: rep 2 of 3, right knee down'."""
    rep_part, side_part = _parts(step, rep, side)
    return "Rest — next: " + ", ".join(p for p in (rep_part, side_part) if p)


def _switch_label(step: Step, side: Side | None) -> str:
    """'Change sides — next: right knee down'."""
    _, side_part = _parts(step, 1, side)
    return f"{KIND_WORDS[SegmentKind.SWITCH]} — next: {side_part}"


def _counter(step: Step, rep: int, side: Side | None) -> str:
    """'Rep 2 of 3 · left knee down', 'Left knee down', or '' when there is nothing to count."""
    text = " · ".join(p for p in _parts(step, rep, side) if p)
    return text[:1].upper() + text[1:]
