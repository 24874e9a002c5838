"""The player state machine, driven by plain float clock readings: no sleeps, no real clock.

The lesson used throughout (get-ready 3 s, starting at monotonic 1000)::

    0 ready        0-3      2 hold right  13-23     4 rest  26-63
    1 hold left    3-13     3 breathe     23-26 (too short for 3-2-1 cues)
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from data.content.models import Lesson, Step
from data.player.sequencer import (
    Event,
    FinalSeconds,
    LessonComplete,
    Phase,
    PlayerState,
    SideSwitched,
    StepStarted,
    Transition,
    back,
    new_player,
    next_wakeup,
    pause,
    practised_seconds,
    readout,
    remaining_seconds,
    restart,
    resume,
    skip,
    start,
    stop,
    tick,
)
from data.player.timeline import SegmentKind, Side, build_timeline

T0 = 1000.0
WHY = "Because sitting still for hours stiffens everything."
Op = Callable[[PlayerState, float], Transition]

LESSON = Lesson(
    id="test-lesson",
    number=1,
    title="Test",
    why=WHY,
    steps=[
        Step(
            instruction="Hold",
            kind="hold",
            position="standing",
            seconds=10,
            sides="left-then-right",
            side_label="{side} foot forward",
        ),
        Step(instruction="Breathe", kind="breathe", position="standing", count=2, pace_seconds=1.5),
        Step(instruction="Rest", kind="rest", position="standing", seconds=37),
    ],
)
LONG = Lesson(
    id="long-lesson",
    number=2,
    title="Long",
    why=WHY,
    steps=[Step(instruction="Hold", kind="hold", position="standing", seconds=40, repetitions=10)],
)
TIMELINE = build_timeline(LESSON)
SEG = TIMELINE.segments


def play(actions: list[tuple[Op, float]], scale: float = 1.0) -> tuple[PlayerState, list[Event]]:
    """Start at T0, then apply ``(operation, now)`` in order; collect every event."""
    state, events = start(new_player(TIMELINE, scale), T0)
    for operation, now in actions:
        state, more = operation(state, now)
        events += more
    return state, events


def run_to_end(state: PlayerState, now: float) -> tuple[PlayerState, list[Event], float]:
    """Tick exactly at every wakeup until the lesson ends, as an ideal view would."""
    events: list[Event] = []
    while (wake := next_wakeup(state, now)) is not None:
        now = max(now, wake)
        state, more = tick(state, now)
        events += more
    return state, events, now


def starts(events: list[Event]) -> list[tuple[int, float]]:
    return [(e.segment.index, e.at) for e in events if isinstance(e, StepStarted)]


def cues(events: list[Event]) -> list[tuple[int, int, float]]:
    return [(e.segment.index, e.seconds_left, e.at) for e in events if isinstance(e, FinalSeconds)]


def test_a_whole_lesson_played_on_time() -> None:
    state, first = start(new_player(TIMELINE), T0)
    state, events, now = run_to_end(state, T0)
    assert starts(first + events) == [(0, 1000), (1, 1003), (2, 1013), (3, 1023), (4, 1026)]
    assert [(e.segment.index, e.side, e.at) for e in events if isinstance(e, SideSwitched)] == [
        (2, Side.RIGHT, 1013)
    ]
    assert cues(events) == [
        (1, 3, 1010), (1, 2, 1011), (1, 1, 1012),
        (2, 3, 1020), (2, 2, 1021), (2, 1, 1022),
        (4, 3, 1060), (4, 2, 1061), (4, 1, 1062),
    ]  # fmt: skip
    assert events[-1] == LessonComplete(1063.0) and now == 1063.0
    assert state.phase is Phase.FINISHED and state.finished and state.completed
    assert practised_seconds(state, now) == LESSON.total_seconds


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        pytest.param(0.1, [3, 2, 1], id="ticks every 100 ms"),
        pytest.param(0.25, [3, 2, 1], id="ticks every 250 ms"),
        pytest.param(0.7, [3, 2, 1], id="ticks every 700 ms"),
        pytest.param(1.0, [3, 2, 1], id="ticks every second"),
        pytest.param(1.5, [3, 1], id="ticks every 1.5 s: a skipped cue stays skipped"),
        pytest.param(2.5, [3, 1], id="ticks every 2.5 s"),
        pytest.param(3.0, [1], id="ticks every 3 s: only the latest"),
    ],
)
def test_final_seconds_once_per_second(period: float, expected: list[int]) -> None:
    state, _ = start(new_player(TIMELINE), T0)
    seen: list[Event] = []
    for n in range(1, int(12.9 / period) + 1):
        state, events = tick(state, T0 + 0.05 + n * period)
        seen += events
    got = [(index, left) for index, left, _ in cues(seen)]
    assert got == [(1, left) for left in expected]
    assert all(at == 1013 - left for _, left, at in cues(seen))


def test_pause_across_a_boundary_loses_no_time() -> None:
    state, _ = play([(tick, 1011.0), (pause, 1011.0)])
    assert readout(state, 1050.0).remaining_seconds == 2.0
    assert next_wakeup(state, 1050.0) is None and tick(state, 1050.0) == (state, [])
    state, _ = resume(state, 1071.0)
    state, early = tick(state, 1072.999)
    assert starts(early) == [] and readout(state, 1072.999).display_seconds == 1
    state, late = tick(state, 1073.0)
    assert starts(late) == [(2, 1073.0)]
    assert state.instant(SEG[4].start) == 1026 + 60
    assert practised_seconds(state, 1080.0) == 8 + 2 + 7


def test_pause_reports_what_was_due_first() -> None:
    state, events = play([(tick, 1012.5), (pause, 1014.0)])
    assert starts(events)[-1] == (2, 1013.0) and state.phase is Phase.PAUSED
    assert readout(state, 1100.0).remaining_seconds == 9.0


JUMP_CASES = [
    pytest.param([(skip, 1001.0)], 1, [(1, 1001.0)], id="skip get-ready"),
    pytest.param([(skip, 1005.0)], 2, [(1, 1003.0), (2, 1005.0)], id="skip to the right side"),
    pytest.param([(back, 1001.0)], 0, [(0, 1001.0)], id="back on the first restarts it"),
    pytest.param([(back, 1014.5)], 1, [(1, 1003.0), (2, 1013.0), (1, 1014.5)],
                 id="back within 2 s goes to the previous"),
    pytest.param([(back, 1016.0)], 2, [(1, 1003.0), (2, 1013.0), (2, 1016.0)],
                 id="back after 2 s restarts the current"),
    pytest.param([(tick, 1030.0), (skip, 1031.0)], 4, [(1, 1003.0), (2, 1013.0), (3, 1023.0),
                 (4, 1026.0)], id="skip on the last completes"),
    pytest.param([(pause, 1005.0), (skip, 1020.0)], 2, [(1, 1003.0), (2, 1020.0)],
                 id="skip while paused stays paused"),
]  # fmt: skip


@pytest.mark.parametrize(("actions", "index", "expected_starts"), JUMP_CASES)
def test_skip_and_back(
    actions: list[tuple[Op, float]], index: int, expected_starts: list[tuple[int, float]]
) -> None:
    state, events = play(actions)
    _, last_at = actions[-1]
    assert state.index == index
    assert starts(events)[1:] == expected_starts
    if state.phase is Phase.RUNNING:
        assert state.instant(SEG[index].start) == last_at
        assert next_wakeup(state, last_at) == last_at + 1
    if actions[0][0] is pause:
        assert state.phase is Phase.PAUSED and readout(state, 1040.0).remaining_seconds == 10
    if index == 4:
        assert state.phase is Phase.FINISHED and events[-1] == LessonComplete(1031.0)


@pytest.mark.parametrize(
    ("actions", "switched"),
    [
        pytest.param([(skip, 1005.0)], [(2, Side.RIGHT, 1005.0)], id="skip left to right"),
        pytest.param([(back, 1014.0)], [(2, Side.RIGHT, 1013.0), (1, Side.LEFT, 1014.0)],
                     id="back right to left"),
        pytest.param([(back, 1016.0)], [(2, Side.RIGHT, 1013.0)], id="restart keeps side"),
    ],
)  # fmt: skip
def test_side_switch_on_jumps(actions: list[tuple[Op, float]], switched: list[object]) -> None:
    _, events = play(actions)
    assert [(e.segment.index, e.side, e.at) for e in events if isinstance(e, SideSwitched)] == (
        switched
    )


LATE_CASES = [
    pytest.param(1300.0, 8, [], False, id="tick 5 minutes late mid-lesson"),
    pytest.param(1321.5, 8, [(8, 2, 1321.0)], False, id="late tick in the final seconds"),
    pytest.param(1403.0 + 300, 10, [], True, id="tick 5 minutes after the end"),
]


@pytest.mark.parametrize(("now", "index", "expected_cues", "complete"), LATE_CASES)
def test_a_late_tick_lands_right(
    now: float, index: int, expected_cues: list[object], complete: bool
) -> None:
    state, _ = start(new_player(build_timeline(LONG)), T0)
    state, events = tick(state, now)
    assert state.index == index
    assert starts(events) == [(i, 1003.0 + 40 * (i - 1)) for i in range(1, index + 1)]
    assert cues(events) == expected_cues
    assert (events[-1] == LessonComplete(1403.0)) is complete
    assert state.completed is complete


def test_restart_after_finish() -> None:
    state, _, _ = run_to_end(start(new_player(TIMELINE), T0)[0], T0)
    state, events = restart(state, 2000.0)
    assert state.phase is Phase.RUNNING and events == [StepStarted(SEG[0], 2000.0)]
    assert practised_seconds(state, 2000.0) == 0 and state.cued == 4
    state, more = tick(state, 2003.0)
    assert starts(more) == [(1, 2003.0)]


def test_time_scale_ten() -> None:
    state, _ = start(new_player(TIMELINE, time_scale=10), T0)
    state, events = tick(state, T0 + 3 / 10)
    assert starts(events) == [(1, T0 + 3 / 10)]
    view = readout(state, 1000.8)
    assert view.remaining_seconds == pytest.approx(5.0) and view.display_seconds == 5
    assert view.lesson_fraction == pytest.approx(8 / 63)
    assert next_wakeup(state, 1000.85) == pytest.approx(1000.9)
    state, events, now = run_to_end(state, T0 + 3 / 10)
    assert starts(events) == [(s.index, T0 + s.start / 10) for s in SEG[2:]]
    assert now == T0 + 63 / 10 and events[-1] == LessonComplete(now)


WAKEUP_CASES = [
    pytest.param(1000.0, 1000.0, 1001.0, id="just started: next second of get-ready"),
    pytest.param(1000.4, 1000.4, 1001.0, id="mid-second"),
    pytest.param(1003.0, 1003.0, 1004.0, id="at a boundary"),
    pytest.param(1009.5, 1009.5, 1010.0, id="the 3 cue"),
    pytest.param(1012.2, 1012.2, 1013.0, id="the segment's end"),
    pytest.param(1024.6, 1024.6, 1025.0, id="fractional seconds left in a short segment"),
    pytest.param(1009.0, 1010.5, 1010.0, id="cue overdue: tick now"),
    pytest.param(1012.5, 1013.5, 1013.0, id="boundary overdue: tick now"),
]


@pytest.mark.parametrize(("ticked", "asked", "expected"), WAKEUP_CASES)
def test_next_wakeup(ticked: float, asked: float, expected: float) -> None:
    state, _ = play([(tick, ticked)])
    assert next_wakeup(state, asked) == expected


def test_no_wakeup_unless_running() -> None:
    idle = new_player(TIMELINE)
    paused, _ = play([(pause, 1001.0)])
    stopped, _ = play([(stop, 1001.0)])
    assert [next_wakeup(s, 1002.0) for s in (idle, paused, stopped)] == [None, None, None]


PRACTISED_CASES = [
    pytest.param([(stop, 1002.0)], 0.0, id="stopped during get-ready"),
    pytest.param([(stop, 1010.0)], 7.0, id="stopped 7 s into the first step"),
    pytest.param([(pause, 1010.0), (stop, 1050.0)], 7.0, id="a pause is not practice"),
    pytest.param([(skip, 1005.0), (stop, 1008.0)], 5.0, id="skipped time is not practice"),
    pytest.param([(back, 1010.0), (stop, 1015.0)], 12.0, id="repeated time counts twice"),
    pytest.param([(skip, 1001.0), (stop, 1004.0)], 3.0, id="skipping get-ready"),
]


@pytest.mark.parametrize(("actions", "expected"), PRACTISED_CASES)
def test_practised_seconds(actions: list[tuple[Op, float]], expected: float) -> None:
    state, _ = play(actions)
    assert state.phase is Phase.STOPPED and state.finished and not state.completed
    assert practised_seconds(state, 5000.0) == expected


def test_readout_mid_segment() -> None:
    state, _ = play([(tick, 1008.0)])
    view = readout(state, 1008.0)
    assert (view.segment, view.next_segment) == (SEG[1], SEG[2])
    assert (view.remaining_seconds, view.display_seconds) == (5.0, 5)
    assert (view.segment_fraction, view.lesson_fraction) == (0.5, 8 / 63)
    assert view.practised_seconds == 5.0 and view.phase is Phase.RUNNING
    assert readout(new_player(TIMELINE), T0).display_seconds == 3


NO_OP_CASES = [
    pytest.param(pause, Phase.NOT_STARTED, id="pause before start"),
    pytest.param(tick, Phase.NOT_STARTED, id="tick before start"),
    pytest.param(resume, Phase.RUNNING, id="resume while running"),
    pytest.param(start, Phase.RUNNING, id="start twice"),
    pytest.param(skip, Phase.FINISHED, id="skip after the end"),
    pytest.param(back, Phase.STOPPED, id="back after stop"),
]


@pytest.mark.parametrize(("operation", "phase"), NO_OP_CASES)
def test_operations_out_of_phase_change_nothing(operation: Op, phase: Phase) -> None:
    states = {
        Phase.NOT_STARTED: new_player(TIMELINE),
        Phase.RUNNING: play([])[0],
        Phase.FINISHED: play([(tick, 1100.0)])[0],
        Phase.STOPPED: play([(stop, 1005.0)])[0],
    }
    assert operation(states[phase], 1010.0) == (states[phase], [])


def test_a_time_scale_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        new_player(TIMELINE, time_scale=0)


SWITCHED = Lesson(
    id="switched-lesson",
    number=3,
    title="Switched",
    why=WHY,
    steps=[
        Step(instruction="Kneel down", kind="setup", position="half-kneeling", seconds=10),
        Step(
            instruction="Hold",
            kind="hold",
            position="half-kneeling",
            seconds=20,
            sides="left-then-right",
            side_label="{side} knee down",
            switch={"seconds": 8, "instruction": "Change legs."},
        ),
        Step(instruction="Rest", kind="rest", position="half-kneeling", seconds=12),
    ],
)


def test_setup_and_switch_are_timed_like_any_segment_and_can_be_skipped() -> None:
    timeline = build_timeline(SWITCHED, get_ready_seconds=0)
    kinds = [s.kind for s in timeline.segments]
    assert kinds == [
        SegmentKind.SETUP,
        SegmentKind.HOLD,
        SegmentKind.SWITCH,
        SegmentKind.HOLD,
        SegmentKind.REST,
    ]
    state, _ = start(new_player(timeline), T0)
    state, events = tick(state, T0 + 10)  # the setup ends: the hold begins on time
    assert state.index == 1 and [type(e) for e in events] == [StepStarted]
    state, events = tick(state, T0 + 30)  # the hold ends: the switch says the side now
    assert state.index == 2
    assert [type(e) for e in events] == [StepStarted, SideSwitched]
    state, events = skip(state, T0 + 31)  # skipping the switch starts the right side at once
    assert state.index == 3 and [type(e) for e in events] == [StepStarted]
    state, events = back(state, T0 + 31.5)  # back, barely begun: the switch again
    assert state.index == 2 and [type(e) for e in events] == [StepStarted, SideSwitched]
    assert remaining_seconds(state, T0 + 31.5) == 8


def test_a_time_scale_shortens_setup_and_switch_alike() -> None:
    timeline = build_timeline(SWITCHED, get_ready_seconds=0)
    state, _ = start(new_player(timeline, time_scale=10), T0)
    state, _ = tick(state, T0 + 1.0 + 2.0 + 0.8)  # setup 10 s, hold 20 s, switch 8 s at 10x
    assert state.index == 3
    assert practised_seconds(state, T0 + 3.8) == pytest.approx(38)
