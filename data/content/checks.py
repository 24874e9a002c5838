"""What a careful teacher checks in a lesson beyond its shape: the content checks.

The models refuse what cannot be played; these find what should not be played as written:
getting into a new position inside a timed hold, the other side of a one-sided pose with no
time to turn, a chair that bears weight without the stable-chair caution, equipment the text
needs but the lesson does not list, a kneeling or balancing lesson without its caution.
``check-content`` prints each with its file, lesson and step and fails on any.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from data.content.catalogue import Catalogue, ContentProblem
from data.content.models import Lesson, Program, Step
from data.content.vocabulary import Equipment, Position, Sides, StepKind

MIN_TURN_SECONDS = 5
"""A one-sided pose needs at least this long to change to the other side."""
START_POSITIONS = frozenset({Position.STANDING, Position.SITTING})
"""Where a person is when they press Start: any other first position needs a setup step."""
GENERIC_SIDE_LABELS = frozenset({"{side} side", "the {side} side", "{side}"})

EQUIPMENT_WORDS = {
    Equipment.CHAIR: re.compile(r"\bchairs?\b|\bbackrest\b", re.IGNORECASE),
    Equipment.WALL: re.compile(r"\bwall\b", re.IGNORECASE),
    Equipment.MAT: re.compile(r"\bmat\b|\brug\b|\bsoft floor\b", re.IGNORECASE),
    Equipment.CUSHION: re.compile(r"\bcushions?\b|\bpillows?\b|\bfolded towel\b", re.IGNORECASE),
    Equipment.BED: re.compile(r"\bbed\b|\bsofa\b|\bmattress\b", re.IGNORECASE),
    Equipment.COUNTER: re.compile(r"\bcounter\b|\btable\b", re.IGNORECASE),
    Equipment.BLOCK: re.compile(r"\bblocks?\b|\bthick books?\b", re.IGNORECASE),
}
CHAIR_BEARS_WEIGHT = re.compile(
    r"\b(lean|leaning|hold|holding|grip|press|push|weight|sit down|sit back|lower yourself|"
    r"hands? (on|at))\b[^.]*\b(chair|backrest|seat)\b"
    r"|\b(chair|backrest|seat)\b[^.]*\b(lean|hold|grip|weight|support)",
    re.IGNORECASE,
)
STABLE_CHAIR_PHRASE = re.compile(
    r"a stable chair without wheels, or one against a wall( \(seat toward the wall\))?",
    re.IGNORECASE,
)
"""How the content says which chair to use: the wall in it is one way to steady the chair, an
alternative, not an item the lesson needs."""
POSITION_CAUTIONS = {
    Position.KNEELING: "kneeling",
    Position.HALF_KNEELING: "kneeling",
    Position.ALL_FOURS: "kneeling",
    Position.STANDING_ONE_LEG: "one-leg-balance",
    Position.LYING_BACK: "lying-on-back",
}


def content_problems(catalogue: Catalogue) -> list[ContentProblem]:
    """Every finding of the content checks over the catalogue, in file and lesson order."""
    return [
        problem
        for program in catalogue.programs
        for lesson in program.lessons
        for problem in lesson_problems(catalogue.files.get(program.id, program.id), program, lesson)
    ]


def lesson_problems(file: str, program: Program, lesson: Lesson) -> list[ContentProblem]:
    """The findings for one lesson (``file`` names where it came from)."""

    def problem(message: str, step: int | None = None, field: str | None = None) -> ContentProblem:
        return ContentProblem(
            file=file,
            program=program.id,
            lesson=f"{lesson.number} ({lesson.id})",
            step=step,
            field=field,
            message=message,
        )

    found = [problem(message, step, field) for message, step, field in _transitions(lesson)]
    found += [problem(message, step, field) for message, step, field in _sides(lesson)]
    found += [problem(message, None, field) for message, field in _safety(lesson)]
    found += [problem(message, None, "equipment") for message in _equipment(lesson)]
    return found


Finding = tuple[str, int | None, str | None]


def _transitions(lesson: Lesson) -> Iterator[Finding]:
    steps = lesson.steps
    first = steps[0]
    if first.kind is not StepKind.SETUP and first.position not in START_POSITIONS:
        yield (
            f"the lesson starts {first.position.value}: begin with a setup step to get there",
            1,
            "kind",
        )
    for number, (before, after) in enumerate(pairwise(steps), start=2):
        if before.kind is StepKind.SETUP and after.position is not before.position:
            yield (
                f"the setup before it gets into {before.position.value}, but this step is "
                f"{after.position.value}",
                number,
                "position",
            )
        elif after.position is not before.position and after.kind is not StepKind.SETUP:
            yield (
                f"starts {after.position.value} straight after {before.position.value}: "
                "put a setup step between them, so getting there is not part of the timing",
                number,
                "kind",
            )


def _sides(lesson: Lesson) -> Iterator[Finding]:
    for number, step in enumerate(lesson.steps, start=1):
        if step.sides is Sides.NONE:
            continue
        if step.side_label in GENERIC_SIDE_LABELS:
            yield (
                "say what left means for this step (the side stretched, the leg that moves, "
                "the knee down), not just 'the {side} side'",
                number,
                "side_label",
            )
        if step.position.one_sided:
            switch = step.switch
            if switch is None or switch.seconds < MIN_TURN_SECONDS:
                yield (
                    f"the other side of a one-sided {step.position.value} pose needs a "
                    f"'switch' of at least {MIN_TURN_SECONDS} s to turn or change stance",
                    number,
                    "switch",
                )


def _texts(step: Step) -> Iterator[str]:
    yield step.instruction
    for text in (step.say, step.cue, step.caution):
        if text:
            yield text
    if step.switch is not None:
        yield step.switch.instruction


def _safety(lesson: Lesson) -> Iterator[tuple[str, str]]:
    cautions = set(lesson.cautions)
    chair_bears_weight = any(
        CHAIR_BEARS_WEIGHT.search(text) for step in lesson.steps for text in _texts(step)
    )
    if chair_bears_weight and "stable-chair" not in cautions:
        yield "a chair bears weight in this lesson: add the 'stable-chair' caution", "cautions"
    positions = {step.position for step in lesson.steps}
    needed = {POSITION_CAUTIONS[p] for p in positions if p in POSITION_CAUTIONS}
    for caution in sorted(needed - cautions):
        yield f"its positions call for the '{caution}' caution", "cautions"


def _equipment(lesson: Lesson) -> Iterator[str]:
    listed = set(lesson.equipment)
    for item, words in EQUIPMENT_WORDS.items():
        if item in listed:
            continue
        for number, step in enumerate(lesson.steps, start=1):
            match = next(
                (m for text in _texts(step) if (m := words.search(_without_alternatives(text)))),
                None,
            )
            if match is not None:
                yield f"step {number} mentions '{match.group(0)}': list '{item.value}' in it"
                break


def _without_alternatives(text: str) -> str:
    return STABLE_CHAIR_PHRASE.sub("a stable chair", text)
