"""Which lesson a nudge offers, as a table: the program in progress when its next lesson is
short, otherwise a fresh quick pause that fits a desk."""

from __future__ import annotations

import pytest

from data.content.models import Lesson, Program
from data.content.vocabulary import Equipment, Posture
from data.schedule.suggest import Suggestion, suggest_lesson

POSITIONS = {
    Posture.SITTING: ["sitting"],
    Posture.STANDING: ["standing"],
    Posture.LYING: ["lying-back"],
    Posture.KNEELING: ["kneeling"],
    Posture.MIXED: ["sitting", "standing"],
}


def lesson(
    lesson_id: str, number: int, seconds: int, posture: Posture, equipment: tuple[str, ...] = ()
) -> Lesson:
    positions = POSITIONS[posture]
    each = seconds / len(positions)
    made = Lesson(
        id=lesson_id,
        number=number,
        title=lesson_id.replace("-", " ").title(),
        why="A short practice that eases the body after long sitting.",
        equipment=list(equipment),
        steps=[
            {"instruction": "Breathe out slowly.", "kind": "breathe", "position": position,
             "seconds": round(each * (i + 1)) - round(each * i)}
            for i, position in enumerate(positions)
        ],
    )  # fmt: skip
    assert made.posture is posture and made.total_seconds == seconds
    return made


def program(program_id: str, lessons: list[tuple[int, Posture]]) -> Program:
    return Program(
        id=program_id,
        title=program_id.replace("-", " ").capitalize(),
        summary="A test program.",
        description="A program built for the suggestion tests.",
        safety_note="Stop if anything hurts and move within comfort.",
        lessons=[
            lesson(f"{program_id}-{n}", n, seconds, posture)
            for n, (seconds, posture) in enumerate(lessons, start=1)
        ],
    )


SIT, STAND, LIE = Posture.SITTING, Posture.STANDING, Posture.LYING
BACK = program("lower-back", [(240, SIT), (300, Posture.MIXED), (301, STAND), (600, SIT)])
PSOAS = program("psoas-release", [(240, LIE), (200, Posture.KNEELING)])
QUICK = program("quick-pauses", [(60, SIT), (120, STAND), (180, SIT), (90, STAND)])
QUICK_WITH_FLOOR = program("quick-pauses", [(60, LIE), (120, SIT), (400, SIT)])
ONLY_FLOOR = program("quick-pauses", [(60, LIE), (90, LIE)])
ALL_LONG = program("quick-pauses", [(400, SIT), (600, STAND)])


def at(prog: Program, number: int) -> tuple[Program, Lesson]:
    chosen = prog.lesson(number)
    assert chosen is not None
    return prog, chosen


Case = tuple[str, tuple[Program, Lesson] | None, Program | None, list[str], int, str | None]
CASES: list[Case] = [
    ("short next lesson of the program in progress", at(BACK, 1), QUICK, [], 0, "lower-back-1"),
    ("exactly five minutes, mixed posture: kept", at(BACK, 2), QUICK, [], 0, "lower-back-2"),
    ("over five minutes: a quick pause instead", at(BACK, 3), QUICK, [], 0, "quick-pauses-1"),
    ("the turn varies the quick pause", at(BACK, 4), QUICK, [], 2, "quick-pauses-3"),
    ("the turn wraps around", at(BACK, 4), QUICK, [], 5, "quick-pauses-2"),
    ("quick pauses done recently are passed over", at(BACK, 4), QUICK,
     ["quick-pauses-1", "quick-pauses-2"], 0, "quick-pauses-3"),
    ("the turn only picks among fresh ones", at(BACK, 4), QUICK,
     ["quick-pauses-1", "quick-pauses-2"], 1, "quick-pauses-4"),
    ("all done lately: the one done longest ago", at(BACK, 4), QUICK,
     ["quick-pauses-1", "quick-pauses-2", "quick-pauses-3", "quick-pauses-4"], 0,
     "quick-pauses-4"),
    ("all done lately: the turn stays in the older half", at(BACK, 4), QUICK,
     ["quick-pauses-1", "quick-pauses-2", "quick-pauses-3", "quick-pauses-4"], 1,
     "quick-pauses-3"),
    ("a repeat in the log counts from its latest time", at(BACK, 4), QUICK,
     ["quick-pauses-4", "quick-pauses-2", "quick-pauses-3", "quick-pauses-1", "quick-pauses-4"],
     0, "quick-pauses-1"),
    ("other programs in the log do not matter", at(BACK, 4), QUICK,
     ["lower-back-1", "lower-back-2"], 0, "quick-pauses-1"),
    ("desk postures come before the floor", at(BACK, 4), QUICK_WITH_FLOOR, [], 0,
     "quick-pauses-2"),
    ("floor pauses when nothing else is short", at(BACK, 4), ONLY_FLOOR, [], 1, "quick-pauses-2"),
    ("quick pauses over five minutes are never offered", at(BACK, 4), ALL_LONG, [], 0,
     "lower-back-4"),
    ("a short lesson lying down: a quick pause instead", at(PSOAS, 1), QUICK, [], 0,
     "quick-pauses-1"),
    ("a short lesson kneeling: a quick pause instead", at(PSOAS, 2), QUICK, [], 1,
     "quick-pauses-2"),
    ("no quick program: the floor lesson anyway", at(PSOAS, 1), None, [], 0, "psoas-release-1"),
    ("no quick program: the long lesson anyway", at(BACK, 4), None, [], 0, "lower-back-4"),
    ("nothing in progress: a quick pause", None, QUICK, [], 0, "quick-pauses-1"),
    ("a short lesson of quick pauses in progress is kept", at(QUICK, 3), QUICK,
     ["quick-pauses-3"], 0, "quick-pauses-3"),
    ("nothing at all", None, None, [], 0, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("in_progress", "quick", "recent", "turn", "expect"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_suggest_lesson(
    in_progress: tuple[Program, Lesson] | None,
    quick: Program | None,
    recent: list[str],
    turn: int,
    expect: str | None,
) -> None:
    suggestion = suggest_lesson(in_progress, quick, recent_lesson_ids=recent, turn=turn)
    assert (suggestion.lesson.id if suggestion else None) == expect
    if suggestion is not None:
        assert suggestion.lesson in suggestion.program.lessons


def test_suggestion_says_why() -> None:
    assert suggest_lesson(at(BACK, 1), QUICK) == Suggestion(
        BACK, BACK.lessons[0], "Next in Lower back, 4 min"
    )
    quick = suggest_lesson(at(BACK, 4), QUICK, turn=1)
    assert quick is not None
    assert quick.why == "A 2-minute quick pause"


def _with_equipment() -> Program:
    lessons = [
        lesson("quick-pauses-1", 1, 60, STAND, ("counter",)),
        lesson("quick-pauses-2", 2, 90, SIT, ("chair",)),
        lesson("quick-pauses-3", 3, 90, STAND, ("wall", "chair")),
    ]
    return Program(
        id="quick-pauses",
        title="Quick",
        summary="A test program.",
        description="A program built for the suggestion tests.",
        safety_note="Stop if anything hurts and move within comfort.",
        lessons=lessons,
    )


@pytest.mark.parametrize(
    ("at_work", "offered"),
    [
        pytest.param({Equipment.CHAIR}, ["quick-pauses-2"], id="a chair only: the chair pause"),
        pytest.param(
            {Equipment.CHAIR, Equipment.WALL},
            ["quick-pauses-2", "quick-pauses-3"],
            id="a wall too: the wall pause joins",
        ),
        pytest.param(
            set(Equipment), ["quick-pauses-1", "quick-pauses-2", "quick-pauses-3"], id="all"
        ),
    ],
)
def test_nudges_offer_only_what_the_person_has_at_work(
    at_work: set[Equipment], offered: list[str]
) -> None:
    quick = _with_equipment()
    picks = {
        suggestion.lesson.id
        for turn in range(6)
        if (suggestion := suggest_lesson(None, quick, turn=turn, at_work=at_work)) is not None
    }
    assert sorted(picks) == offered


def test_the_program_in_progress_needing_a_counter_is_not_offered_at_work() -> None:
    quick = _with_equipment()
    counter_lesson = (quick, quick.lessons[0])
    suggestion = suggest_lesson(counter_lesson, quick, at_work={Equipment.CHAIR})
    assert suggestion is not None and suggestion.lesson.id == "quick-pauses-2"
