"""What the voice says, and when: the speech plan of a lesson, from the sequencer's events.

Pure, like the sequencer: ``speak`` takes the voice's small state, the events one player
operation returned and what that operation was, and returns the new state and the commands
for whatever engine speaks (the browser's speech synthesis, the desktop's). Nothing here
knows of an engine or a clock; each ``Say`` carries the instant its step began as the
sequencer defines it, so the engine's lateness can be measured against it.

The rules, so an engine and a reviewer need not guess them:

- One line per step start: the step's own ``say`` (or a line derived from its instruction),
  "Now the right side: right knee down" where the side changes (a switch's own ``say`` where it
  has one), "Rest. Next: rep 2 of 3." in a rest between repetitions, and the closing line
  ("Well done: five minutes for your back.") when the lesson completes.
- A new line replaces the one being said (engines cancel first). A late tick that passed over
  several steps says only the step the lesson is in: the ones passed are over.
- Pause pauses speech and resume resumes it; skip and back cancel it and say the step landed
  on (unless paused: that line waits for resume); stop cancels it.
- Final-second cues stay ticks: a voice counting "three, two, one" over a line would drown it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeAlias

from data.content.models import Lesson, Program, Step
from data.player.sequencer import Event, LessonComplete, SideSwitched, StepStarted
from data.player.timeline import KIND_WORDS, Segment, SegmentKind, Timeline
from data.wording import count_words

MAX_DERIVED_WORDS = 15
"""A line derived from an instruction is cut to this many words: short enough to hear."""


class Control(StrEnum):
    """What the player operation that produced the events was, as far as speech cares."""

    TICK = "tick"
    """start or tick: time moved on."""
    PAUSE = "pause"
    RESUME = "resume"
    JUMP = "jump"
    """skip or back: the person moved."""
    STOP = "stop"


@dataclass(frozen=True, slots=True)
class Say:
    """Say ``text`` now, cancelling whatever is still being said.

    ``at`` is the monotonic instant the step began (the sequencer's ideal instant), ``offset``
    its lesson offset in lesson seconds (both for measuring lateness); ``segment`` is its
    index, or -1 for the closing line.
    """

    text: str
    at: float
    offset: float
    segment: int


@dataclass(frozen=True, slots=True)
class Cancel:
    """Stop speaking and drop anything queued."""


@dataclass(frozen=True, slots=True)
class PauseSpeech:
    """Hold the line being said where it is."""


@dataclass(frozen=True, slots=True)
class ResumeSpeech:
    """Carry on with the line that was paused."""


Command: TypeAlias = Say | Cancel | PauseSpeech | ResumeSpeech


@dataclass(frozen=True, slots=True)
class Voice:
    """What the plan remembers between operations: whether speech is paused, and the line
    a jump landed on while paused (said on resume, since it was never heard)."""

    paused: bool = False
    unheard: Say | None = None


def speak(
    voice: Voice, events: Sequence[Event], control: Control, lines: LessonLines
) -> tuple[Voice, list[Command]]:
    """The voice after one player operation, and what the engine must do now."""
    said = _latest_line(events, lines)
    if control is Control.STOP:
        return Voice(), [Cancel()]
    if control is Control.JUMP:
        if voice.paused:
            return replace(voice, unheard=said or voice.unheard), [Cancel()]
        return voice, [Cancel(), *([said] if said else [])]
    if control is Control.PAUSE:
        return Voice(paused=True), [*([said] if said else []), PauseSpeech()]
    if control is Control.RESUME:
        if not voice.paused:
            return voice, []
        if voice.unheard is not None:
            return Voice(), [voice.unheard]
        return Voice(), [ResumeSpeech()]
    return voice, [said] if said else []


def _latest_line(events: Sequence[Event], lines: LessonLines) -> Say | None:
    """The one line worth saying for ``events``: the closing line, else the last step's."""
    switched = {e.segment.index for e in events if isinstance(e, SideSwitched)}
    said: Say | None = None
    for event in events:
        if isinstance(event, LessonComplete):
            return Say(lines.finish, event.at, lines.timeline.total_seconds, -1)
        if isinstance(event, StepStarted):
            segment = event.segment
            text = lines.step(segment, switched=segment.index in switched)
            said = Say(text, event.at, segment.start, segment.index)
    return said


@dataclass(frozen=True)
class LessonLines:
    """Every line of one lesson: built once when it starts, read on every step."""

    timeline: Timeline
    finish: str

    @classmethod
    def of(cls, program: Program, lesson: Lesson, timeline: Timeline) -> LessonLines:
        return cls(timeline, finish_line(program, lesson))

    def for_reader(self, said: Say) -> str:
        """The line a screen reader announces for ``said``: the same words, but the finish
        says "Lesson complete", not the finish screen's own heading read a second time."""
        if said.segment >= 0:
            return said.text
        return said.text.replace("Well done", "Lesson complete", 1)

    def step(self, segment: Segment, *, switched: bool = False) -> str:
        """The line for the start of ``segment``; ``switched`` when a jump changed side."""
        return step_line(self.timeline, segment, switched=switched)


def step_line(timeline: Timeline, segment: Segment, *, switched: bool = False) -> str:
    """What the voice says as ``segment`` begins (see the module's rules)."""
    step = segment.step
    side, side_text = segment.side, segment.side_text
    kind = segment.kind
    if kind is SegmentKind.READY:
        return f"Get ready: {_sentence(timeline.lesson.title)}"
    if kind is SegmentKind.SWITCH:
        if step.switch is not None and step.switch.say:
            return step.switch.say
        return f"Now the {side} side: {side_text}."
    if kind is SegmentKind.REST_BETWEEN:
        rep = f"rep {segment.rep} of {segment.reps}" if segment.reps > 1 else None
        goes_on = ", ".join(p for p in (rep, side_text) if p)
        return f"Rest. Next: {goes_on}." if goes_on else "Rest."
    if side is not None and (switched or segment.switches_side):
        return f"Now the {side} side: {side_text}."
    before = timeline.segments[segment.index - 1] if segment.index else None
    first_of_step = before is None or before.step_index != segment.step_index
    if first_of_step or before is None or before.kind is SegmentKind.READY:
        line = own_line(step)
        return f"{line} First side: {side_text}." if side_text else line
    if before.kind is SegmentKind.SWITCH:
        return f"{KIND_WORDS[kind]}: {side_text}."
    if segment.reps > 1:
        return f"Again: rep {segment.rep} of {segment.reps}."
    return f"{KIND_WORDS[kind]}."


def own_line(step: Step) -> str:
    """The step's ``say``, or its instruction's first sentence cut to a hearable length."""
    if step.say:
        return step.say
    first = re.split(r"(?<=[.!?])\s+", step.instruction.strip(), maxsplit=1)[0]
    words = first.split()
    if len(words) > MAX_DERIVED_WORDS:
        first = " ".join(words[:MAX_DERIVED_WORDS]).rstrip(",;:")
    return _sentence(first)


def finish_line(program: Program, lesson: Lesson) -> str:
    """'Well done: five minutes for your lower back.' (the program's body area)."""
    minutes = count_words(lesson.minutes, "minute")
    return f"Well done: {minutes} for your {program.body_area.name}."


def _sentence(text: str) -> str:
    """``text`` ending as a sentence does, so the engine falls to a full stop."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."
