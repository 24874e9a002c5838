"""The content checks as a spec: one broken lesson per rule, and the message each gets."""

from __future__ import annotations

from typing import Any

import pytest

from data.content.checks import lesson_problems
from data.content.models import Lesson, Program

WHY = "A practice that eases the body after long sitting, built for these tests."


def step(**fields: Any) -> dict[str, Any]:
    return {"instruction": "Breathe slowly.", "kind": "breathe", "position": "sitting",
            "seconds": 30, **fields}  # fmt: skip


def setup(position: str, instruction: str = "Get there calmly.") -> dict[str, Any]:
    return step(kind="setup", position=position, seconds=10, instruction=instruction)


def problems_of(*steps: dict[str, Any], **lesson: Any) -> list[str]:
    made = Lesson(
        id="demo-1", number=1, title="Demo", why=WHY, steps=[*steps, step(kind="rest")], **lesson
    )
    program = Program(
        id="demo",
        title="Demo",
        summary="A test program.",
        description="A program for the content checks.",
        safety_note="Stop if anything hurts and move within comfort.",
        lessons=[made],
    )
    return [str(problem) for problem in lesson_problems("demo.json", program, made)]


LUNGE = step(
    kind="hold",
    position="standing-lunge",
    sides="left-then-right",
    side_label="{side} foot forward",
    instruction="Hold the lunge, back leg long.",
)
CASES = [
    (
        "a new position straight after another",
        [setup("standing"), step(position="standing"), step(position="kneeling")],
        {"cautions": ["kneeling"]},
        "step 3 › field 'kind': starts kneeling straight after standing",
    ),
    (
        "a setup that gets somewhere else",
        [setup("standing"), step(position="standing"), setup("sitting"), step(position="standing")],
        {},
        "step 4 › field 'position': the setup before it gets into sitting",
    ),
    (
        "a first step on the floor without a setup",
        [step(position="lying-back")],
        {"cautions": ["lying-on-back"]},
        "step 1 › field 'kind': the lesson starts lying-back",
    ),
    (
        "a side label that says nothing",
        [step(kind="hold", sides="alternate", side_label="the {side} side")],
        {},
        "field 'side_label': say what left means",
    ),
    (
        "a one-sided pose without time to turn",
        [setup("standing-lunge"), LUNGE],
        {},
        "step 2 › field 'switch': the other side of a one-sided standing-lunge pose",
    ),
    (
        "a switch too short to turn",
        [setup("standing-lunge"), {**LUNGE, "switch": {"seconds": 3, "instruction": "Swap."}}],
        {},
        "needs a 'switch' of at least 5 s",
    ),
    (
        "a chair bearing weight without the caution",
        [step(instruction="Rest both hands on the back of a chair and lean forward.")],
        {"equipment": ["chair"]},
        "field 'cautions': a chair bears weight in this lesson",
    ),
    (
        "kneeling without its caution",
        [setup("kneeling"), step(position="kneeling")],
        {"equipment": []},
        "its positions call for the 'kneeling' caution",
    ),
    (
        "balancing without its caution",
        [setup("standing-one-leg"), step(position="standing-one-leg")],
        {},
        "its positions call for the 'one-leg-balance' caution",
    ),
    (
        "equipment in the text but not in the list",
        [step(instruction="Sit on the edge of the bed and breathe.")],
        {},
        "field 'equipment': step 1 mentions 'bed': list 'bed' in it",
    ),
    (
        "equipment named only in a switch",
        [
            setup("standing-lunge"),
            {**LUNGE, "switch": {"seconds": 8, "instruction": "Turn, a hand on the wall."}},
        ],
        {},
        "step 2 mentions 'wall': list 'wall' in it",
    ),
]


@pytest.mark.parametrize(
    ("steps", "lesson", "message"),
    [pytest.param(steps, lesson, message, id=name) for name, steps, lesson, message in CASES],
)
def test_each_rule_finds_its_broken_lesson(
    steps: list[dict[str, Any]], lesson: dict[str, Any], message: str
) -> None:
    found = problems_of(*steps, **lesson)
    assert any(message in line for line in found), found
    assert all(line.startswith("demo.json › program 'demo' › lesson 1 (demo-1)") for line in found)


def test_a_careful_lesson_passes_every_check() -> None:
    found = problems_of(
        step(instruction="Sit tall and breathe out slowly."),
        setup("standing-supported", "Stand behind a stable chair, hands on its back."),
        step(kind="move", position="standing-supported", instruction="Lean on it and sway."),
        setup("standing-lunge", "Step your left foot forward."),
        {**LUNGE, "switch": {"seconds": 8, "instruction": "Bring the other foot forward."}},
        setup("sitting", "Sit down on the chair again."),
        equipment=["chair"],
        cautions=["stable-chair"],
    )
    assert found == []


def test_the_wall_in_the_stable_chair_phrase_is_an_alternative_not_equipment() -> None:
    found = problems_of(
        setup(
            "standing-supported",
            "Stand behind a stable chair without wheels, or one against a wall, hands on it.",
        ),
        step(kind="move", position="standing-supported", instruction="Sway your hips."),
        setup("sitting", "Sit down."),
        equipment=["chair"],
        cautions=["stable-chair"],
    )
    assert found == []
    leaning = problems_of(
        setup("standing-supported", "Stand with both hands flat on a wall."),
        step(kind="move", position="standing-supported"),
        setup("sitting", "Sit down."),
    )
    assert any("mentions 'wall'" in line for line in leaning)
