"""The speech plan, driven by the sequencer on a fake clock: what is said at each step start,
side change, rest and finish, and what pause, resume, skip, back and stop do to speech.

The lesson (get-ready 3 s, from monotonic 1000, time scale 1): a setup, a two-rep hold on the
left then the right with a rest between reps and a switch of its own, an alternating move
without a switch, and a rest whose line comes from its instruction.
"""

from __future__ import annotations

import pytest

from data.content.models import WHOLE_BODY, BodyArea, Lesson, Program, SideSwitch, Step
from data.player import sequencer as seq
from data.player.speech import (
    Cancel,
    Command,
    Control,
    LessonLines,
    PauseSpeech,
    ResumeSpeech,
    Say,
    Voice,
    finish_line,
    own_line,
    speak,
)
from data.player.timeline import SegmentKind, build_timeline
from data.wording import count_words, number_words
from tests.clocks import FakeClock

WHY = "Because sitting still for hours stiffens everything."


def step(**fields: object) -> Step:
    base: dict[str, object] = {"instruction": "Stand tall.", "kind": "hold", "position": "standing"}
    return Step.model_validate({**base, **fields})


STEPS = [
    step(
        instruction="Stand behind a chair.", say="Stand behind the chair.", kind="setup", seconds=3
    ),
    step(
        instruction="Step back with one foot and bend the front knee.",
        say="Step back and sink into the front knee.",
        seconds=8,
        repetitions=2,
        rest_between_seconds=4,
        sides="left-then-right",
        side_label="{side} foot back",
        switch=SideSwitch(seconds=4, instruction="Swap feet.", say="Swap: right foot back."),
    ),
    step(
        instruction="Turn your head gently, as far as is easy, and come back to the middle. "
        "Breathe out as you turn, in as you come back, and never force it.",
        kind="move",
        seconds=10,
        sides="alternate",
        side_label="turning to the {side}",
    ),
    step(instruction="Rest with your eyes closed.", kind="rest", seconds=12),
]
LESSON = Lesson(id="test-lesson", number=1, title="Test stretch", why=WHY, steps=STEPS)
PROGRAM = Program(
    id="test-program",
    title="Test program",
    summary="A program for tests.",
    description="A program for tests.",
    safety_note="Stop if anything hurts; this is only a test program.",
    body_area=BodyArea(name="hips", plural=True),
    lessons=[LESSON],
)
TIMELINE = build_timeline(LESSON, 3)
LINES = LessonLines.of(PROGRAM, LESSON, TIMELINE)
T0 = 1000.0


def said(commands: list[Command]) -> list[str]:
    return [c.text for c in commands if isinstance(c, Say)]


def play_through() -> list[tuple[float, str]]:
    """Every line of an uninterrupted run, with the monotonic instant it is for."""
    clock = FakeClock(monotonic_start=T0)
    state, events = seq.start(seq.new_player(TIMELINE), clock.monotonic())
    voice, commands = speak(Voice(), events, Control.TICK, LINES)
    heard = [(c.at, c.text) for c in commands if isinstance(c, Say)]
    while not state.finished:
        clock.advance(0.25)
        state, events = seq.tick(state, clock.monotonic())
        voice, commands = speak(voice, events, Control.TICK, LINES)
        heard += [(c.at, c.text) for c in commands if isinstance(c, Say)]
    return heard


def test_an_uninterrupted_lesson_says_one_line_per_segment_then_the_finish() -> None:
    heard = play_through()
    assert [at - T0 for at, _ in heard] == [s.start for s in TIMELINE.segments] + [
        TIMELINE.total_seconds
    ]
    texts = [text for _, text in heard]
    kinds = [s.kind for s in TIMELINE.segments]
    assert texts[0] == "Get ready: Test stretch."
    assert texts[1] == "Stand behind the chair."  # the step's own say
    assert texts[2] == "Step back and sink into the front knee. First side: left foot back."
    rest = kinds.index(SegmentKind.REST_BETWEEN)
    assert texts[rest] == "Rest. Next: rep 2 of 2, left foot back."
    assert texts[rest + 1] == "Again: rep 2 of 2."
    switch = kinds.index(SegmentKind.SWITCH)
    assert texts[switch] == "Swap: right foot back."  # the switch's own say
    assert texts[switch + 1] == "Hold: right foot back."
    assert "Now the right side: turning to the right." in texts  # alternate, no switch
    assert texts[-2] == "Rest with your eyes closed."  # derived: the instruction's sentence
    assert texts[-1] == "Well done: one minute for your hips."


def test_a_switch_without_its_own_say_names_the_side() -> None:
    plain = Step.model_validate(
        {**STEPS[1].model_dump(), "switch": {"seconds": 4, "instruction": "Swap feet."}}
    )
    timeline = build_timeline(LESSON.model_copy(update={"steps": [plain]}), 0)
    switch = next(s for s in timeline.segments if s.kind is SegmentKind.SWITCH)
    assert LINES.step(switch) != "Swap: right foot back."
    assert LessonLines(timeline, "").step(switch) == "Now the right side: right foot back."


def test_a_late_tick_says_only_the_step_the_lesson_is_in() -> None:
    state, events = seq.start(seq.new_player(TIMELINE), T0)
    state, events = seq.tick(state, T0 + 7.0)  # woke late: ready and setup both over
    _, commands = speak(Voice(), events, Control.TICK, LINES)
    assert said(commands) == [LINES.step(TIMELINE.segments[2])]
    [line] = [c for c in commands if isinstance(c, Say)]
    assert line.at == T0 + 6.0  # the step's own start, however late the tick


def test_the_finish_wins_over_the_last_step_when_both_fall_in_one_tick() -> None:
    state, _ = seq.start(seq.new_player(TIMELINE), T0)
    state, events = seq.tick(state, T0 + TIMELINE.total_seconds + 5)
    _, commands = speak(Voice(), events, Control.TICK, LINES)
    assert said(commands) == [LINES.finish]


def test_pause_holds_speech_and_resume_carries_on() -> None:
    state, events = seq.start(seq.new_player(TIMELINE), T0)
    voice, _ = speak(Voice(), events, Control.TICK, LINES)
    state, events = seq.pause(state, T0 + 1)
    voice, commands = speak(voice, events, Control.PAUSE, LINES)
    assert commands == [PauseSpeech()] and voice.paused
    state, events = seq.resume(state, T0 + 30)
    voice, commands = speak(voice, events, Control.RESUME, LINES)
    assert commands == [ResumeSpeech()] and not voice.paused


def test_skip_and_back_cancel_and_say_where_they_land() -> None:
    state, events = seq.start(seq.new_player(TIMELINE), T0)
    voice, _ = speak(Voice(), events, Control.TICK, LINES)
    state, events = seq.skip(state, T0 + 1)
    voice, commands = speak(voice, events, Control.JUMP, LINES)
    assert commands[0] == Cancel()
    assert said(commands) == ["Stand behind the chair."]
    state, events = seq.back(state, T0 + 1.5)
    _, commands = speak(voice, events, Control.JUMP, LINES)
    assert commands[0] == Cancel()
    assert said(commands) == ["Get ready: Test stretch."]


def test_back_onto_the_other_side_says_the_side() -> None:
    right = next(s for s in TIMELINE.segments if s.kind is SegmentKind.HOLD and s.side == "right")
    state, _ = seq.start(seq.new_player(TIMELINE), T0)
    state, _ = seq.tick(state, T0 + right.start + 1)
    later = next(
        s for s in TIMELINE.segments if s.index > right.index and s.kind is SegmentKind.MOVE
    )
    state, _ = seq.tick(state, T0 + later.start + 3)  # into the alternate step
    state, events = seq.back(state, T0 + later.start + 3)  # back to its own start
    _, commands = speak(Voice(), events, Control.JUMP, LINES)
    assert said(commands) == [LINES.step(later)]


def test_a_jump_while_paused_waits_for_resume_and_is_then_said() -> None:
    state, events = seq.start(seq.new_player(TIMELINE), T0)
    voice, _ = speak(Voice(), events, Control.TICK, LINES)
    state, events = seq.pause(state, T0 + 1)
    voice, _ = speak(voice, events, Control.PAUSE, LINES)
    state, events = seq.skip(state, T0 + 2)
    voice, commands = speak(voice, events, Control.JUMP, LINES)
    assert commands == [Cancel()]  # nothing said into a paused lesson
    state, events = seq.resume(state, T0 + 9)
    voice, commands = speak(voice, events, Control.RESUME, LINES)
    assert said(commands) == ["Stand behind the chair."] and not voice.paused


def test_stop_cancels_and_forgets() -> None:
    state, events = seq.start(seq.new_player(TIMELINE), T0)
    voice, _ = speak(Voice(), events, Control.TICK, LINES)
    state, events = seq.stop(state, T0 + 1)
    voice, commands = speak(voice, events, Control.STOP, LINES)
    assert commands == [Cancel()] and voice == Voice()


def test_final_seconds_stay_ticks() -> None:
    hold = TIMELINE.segments[2]
    state, _ = seq.start(seq.new_player(TIMELINE), T0)
    state, _ = seq.tick(state, T0 + hold.start + 0.1)
    state, events = seq.tick(state, T0 + hold.end - 2.5)
    assert any(isinstance(e, seq.FinalSeconds) for e in events)
    _, commands = speak(Voice(), events, Control.TICK, LINES)
    assert commands == []


@pytest.mark.parametrize(
    ("instruction", "line"),
    [
        pytest.param("Sit tall. Then breathe.", "Sit tall.", id="first sentence"),
        pytest.param("Sit tall", "Sit tall.", id="a full stop is added"),
        pytest.param(
            " ".join(f"w{i}" for i in range(30)) + ".",
            " ".join(f"w{i}" for i in range(15)) + ".",
            id="cut to fifteen words",
        ),
    ],
)
def test_a_line_derived_from_the_instruction(instruction: str, line: str) -> None:
    assert own_line(step(instruction=instruction, seconds=5)) == line


def test_the_finish_names_the_body_area() -> None:
    assert finish_line(PROGRAM, LESSON) == "Well done: one minute for your hips."
    plain = PROGRAM.model_copy(update={"body_area": WHOLE_BODY})  # a program of mixed pauses
    assert finish_line(plain, LESSON) == "Well done: one minute for your whole body."


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "zero"), (1, "one"), (5, "five"), (15, "fifteen"), (20, "twenty"), (42, "forty-two")],
)
def test_numbers_in_words(n: int, words: str) -> None:
    assert number_words(n) == words


def test_counts_in_words() -> None:
    assert count_words(1, "minute") == "one minute"
    assert count_words(5, "minute") == "five minutes"
