"""The expansion of a lesson into segments: order, timing, labels and lookups."""

from __future__ import annotations

from typing import Any

import pytest

from data.content.models import Lesson, Step
from data.player.timeline import SegmentKind, Side, Timeline, build_timeline

WHY = "Because sitting still for hours stiffens everything."
DEFAULTS: dict[str, Any] = {"instruction": "Do it", "position": "standing"}


def sided(step: dict[str, Any]) -> dict[str, Any]:
    """A side label for a sided step (the content requires one)."""
    return {"side_label": "{side} foot forward"} if step.get("sides", "none") != "none" else {}


def lesson_of(*steps: dict[str, Any]) -> Lesson:
    """A lesson of ``steps``, padded with a rest so it reaches the one-minute minimum."""
    built = [Step(**{**DEFAULTS, **sided(step), **step}) for step in steps]
    short = round(sum(step.total_seconds for step in built))
    if short < 60:
        built.append(Step(**DEFAULTS, kind="rest", seconds=60 - short))
    return Lesson(id="test-lesson", number=1, title="Test", why=WHY, steps=built)


def shape(timeline: Timeline) -> list[tuple[str, int, str | None, float, float]]:
    """(kind, rep, side, start, duration) of each segment: the timeline as a score."""
    return [(s.kind.value, s.rep, s.side, s.start, s.duration) for s in timeline.segments]


EXPANSION_CASES = [
    pytest.param(
        {"kind": "hold", "seconds": 10, "repetitions": 3},
        0,
        [("hold", 1, None, 0, 10), ("hold", 2, None, 10, 10), ("hold", 3, None, 20, 10)],
        id="three reps, no sides, no rest",
    ),
    pytest.param(
        {"kind": "move", "seconds": 8, "repetitions": 2, "rest_between_seconds": 5},
        0,
        [("move", 1, None, 0, 8), ("rest-between", 2, None, 8, 5), ("move", 2, None, 13, 8)],
        id="rest between reps, none after the last",
    ),
    pytest.param(
        {"kind": "hold", "seconds": 10, "repetitions": 2, "sides": "left-then-right"},
        3,
        [
            ("ready", 0, None, 0, 3),
            ("hold", 1, "left", 3, 10),
            ("hold", 2, "left", 13, 10),
            ("hold", 1, "right", 23, 10),
            ("hold", 2, "right", 33, 10),
        ],
        id="left-then-right: all reps left, then all right",
    ),
    pytest.param(
        {"kind": "move", "seconds": 6, "repetitions": 2, "sides": "alternate"},
        0,
        [
            ("move", 1, "left", 0, 6),
            ("move", 1, "right", 6, 6),
            ("move", 2, "left", 12, 6),
            ("move", 2, "right", 18, 6),
        ],
        id="alternate: left, right per rep",
    ),
    pytest.param(
        {"kind": "hold", "seconds": 10, "sides": "left-then-right", "rest_between_seconds": 4},
        3,
        [
            ("ready", 0, None, 0, 3),
            ("hold", 1, "left", 3, 10),
            ("rest-between", 1, "right", 13, 4),
            ("hold", 1, "right", 17, 10),
        ],
        id="rest between sides carries the coming side",
    ),
    pytest.param(
        {"kind": "breathe", "count": 3, "pace_seconds": 2.5},
        0,
        [("breathe", 1, None, 0, 7.5)],
        id="count times pace",
    ),
    pytest.param(
        {"kind": "setup", "seconds": 8},
        3,
        [("ready", 0, None, 0, 3), ("setup", 1, None, 3, 8)],
        id="a setup step is a segment of its own",
    ),
    pytest.param(
        {
            "kind": "hold",
            "seconds": 20,
            "repetitions": 2,
            "rest_between_seconds": 5,
            "sides": "left-then-right",
            "switch": {"seconds": 9, "instruction": "Turn round."},
        },
        0,
        [
            ("hold", 1, "left", 0, 20),
            ("rest-between", 2, "left", 20, 5),
            ("hold", 2, "left", 25, 20),
            ("switch", 1, "right", 45, 9),
            ("hold", 1, "right", 54, 20),
            ("rest-between", 2, "right", 74, 5),
            ("hold", 2, "right", 79, 20),
        ],
        id="the switch takes the rest's place where the side changes",
    ),
    pytest.param(
        {
            "kind": "move",
            "seconds": 6,
            "repetitions": 2,
            "sides": "alternate",
            "switch": {"seconds": 3, "instruction": "Other foot forward."},
        },
        0,
        [
            ("move", 1, "left", 0, 6),
            ("switch", 1, "right", 6, 3),
            ("move", 1, "right", 9, 6),
            ("switch", 2, "left", 15, 3),
            ("move", 2, "left", 18, 6),
            ("switch", 2, "right", 24, 3),
            ("move", 2, "right", 27, 6),
        ],
        id="alternating sides switch at every change",
    ),
]


def test_a_switch_is_flagged_and_says_what_comes() -> None:
    lesson = lesson_of(
        {
            "kind": "hold",
            "seconds": 20,
            "sides": "left-then-right",
            "side_label": "{side} knee down",
            "switch": {"seconds": 9, "instruction": "Come up, other foot forward."},
        }
    )
    segments = build_timeline(lesson, get_ready_seconds=0).segments
    switch, right = segments[1], segments[2]
    assert switch.kind is SegmentKind.SWITCH and not switch.is_work
    assert switch.switches_side and not right.switches_side  # announced once, at the switch
    assert switch.instruction == "Come up, other foot forward."
    assert switch.label == "Change sides — next: right knee down"
    assert right.counter == "Right knee down" and right.side_text == "right knee down"
    assert lesson.steps[0].total_seconds == 49


@pytest.mark.parametrize(("step", "get_ready", "expected"), EXPANSION_CASES)
def test_expansion(step: dict[str, Any], get_ready: int, expected: list[Any]) -> None:
    timeline = build_timeline(lesson_of(step), get_ready_seconds=get_ready)
    assert shape(timeline)[: len(expected)] == expected


@pytest.mark.parametrize(
    "get_ready", [pytest.param(0, id="no get-ready"), pytest.param(3, id="3 s")]
)
def test_totals_indices_and_contiguity(get_ready: int) -> None:
    lesson = lesson_of(
        {
            "kind": "hold",
            "seconds": 10,
            "repetitions": 2,
            "sides": "alternate",
            "rest_between_seconds": 5,
        },
        {"kind": "move", "count": 4, "pace_seconds": 3},
    )
    timeline = build_timeline(lesson, get_ready_seconds=get_ready)
    assert timeline.total_seconds == lesson.total_seconds + get_ready
    assert [s.index for s in timeline.segments] == list(range(len(timeline)))
    for before, after in zip(timeline.segments, timeline.segments[1:], strict=False):
        assert before.end == after.start
    assert (timeline.segments[0].kind is SegmentKind.READY) == (get_ready > 0)
    by_step: dict[int, float] = {}
    for segment in timeline.segments:
        if segment.kind is not SegmentKind.READY:
            by_step[segment.step_index] = by_step.get(segment.step_index, 0) + segment.duration
    assert by_step == {i: step.total_seconds for i, step in enumerate(lesson.steps)}


LABEL_CASES = [
    pytest.param({"kind": "hold", "seconds": 10}, 0, "Hold", "", id="single hold"),
    pytest.param(
        {"kind": "hold", "seconds": 10, "repetitions": 3, "sides": "left-then-right"},
        4,
        "Hold — right foot forward — rep 2 of 3",
        "Rep 2 of 3 · right foot forward",
        id="rep and side",
    ),
    pytest.param(
        {"kind": "move", "seconds": 10, "sides": "alternate"},
        1,
        "Move — right foot forward",
        "Right foot forward",
        id="side only",
    ),
    pytest.param(
        {"kind": "breathe", "seconds": 10, "repetitions": 2},
        1,
        "Breathe — rep 2 of 2",
        "Rep 2 of 2",
        id="rep only",
    ),
    pytest.param(
        {"kind": "hold", "seconds": 10, "repetitions": 2, "rest_between_seconds": 5},
        1,
        "Rest — next: rep 2 of 2",
        "",
        id="rest between says what comes",
    ),
]


@pytest.mark.parametrize(("step", "index", "label", "counter"), LABEL_CASES)
def test_labels(step: dict[str, Any], index: int, label: str, counter: str) -> None:
    segment = build_timeline(lesson_of(step), get_ready_seconds=0).segments[index]
    assert (segment.label, segment.counter) == (label, counter)


def test_get_ready_segment_points_at_the_first_step() -> None:
    lesson = lesson_of({"kind": "hold", "seconds": 20})
    ready = build_timeline(lesson, get_ready_seconds=5).segments[0]
    assert (ready.kind, ready.label, ready.counter, ready.duration) == ("ready", "Get ready", "", 5)
    assert ready.step is lesson.steps[0] and ready.step_index == 0 and not ready.is_work


def test_side_switch_flags() -> None:
    lesson = lesson_of(
        {
            "kind": "hold",
            "seconds": 5,
            "repetitions": 2,
            "sides": "left-then-right",
            "rest_between_seconds": 2,
        },
        {"kind": "move", "seconds": 5, "sides": "alternate"},
    )
    timeline = build_timeline(lesson, get_ready_seconds=0)
    switching = [(s.step_index, s.rep, s.side) for s in timeline.segments if s.switches_side]
    assert switching == [(0, 1, Side.RIGHT), (1, 1, Side.RIGHT)]


LOOKUP_CASES = [
    pytest.param(-1.0, 0, id="before the start clamps to the first"),
    pytest.param(0.0, 0, id="at the start"),
    pytest.param(2.999, 0, id="just before a boundary"),
    pytest.param(3.0, 1, id="a boundary belongs to the segment it starts"),
    pytest.param(13.0, 2, id="second boundary"),
    pytest.param(62.999, 6, id="inside the last"),
    pytest.param(63.0, 6, id="the end clamps to the last"),
]


@pytest.mark.parametrize(("offset", "index"), LOOKUP_CASES)
def test_segment_at(offset: float, index: int) -> None:
    timeline = build_timeline(lesson_of({"kind": "hold", "seconds": 10, "repetitions": 6}))
    assert timeline.index_at(offset) == index
    assert timeline.segment_at(offset).index == index


def test_next_segment() -> None:
    timeline = build_timeline(lesson_of({"kind": "hold", "seconds": 30, "repetitions": 2}))
    assert [timeline.next_segment(i) for i in (0, 1)] == list(timeline.segments[1:3])
    assert timeline.next_segment(len(timeline) - 1) is None


def test_negative_get_ready_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        build_timeline(lesson_of({"kind": "hold", "seconds": 60}), get_ready_seconds=-1)
