"""Per-program progress and the lesson behind "Continue: ..."."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from data.content.catalogue import Catalogue
from data.content.models import Lesson, Program, Step
from data.content.vocabulary import StepKind
from data.practice_log.completion import Completion
from data.progress.programs import completed_lessons, continue_lesson, program_progress


def program(pid: str, n: int) -> Program:
    lessons = [
        Lesson(
            id=f"{pid}-{i}",
            number=i,
            title=f"{pid} {i}",
            why="Because sitting all day stiffens the body.",
            steps=[
                Step(
                    instruction="Breathe slowly.",
                    kind=StepKind.BREATHE,
                    position="standing",
                    seconds=90,
                )
            ],
        )
        for i in range(1, n + 1)
    ]
    return Program(
        id=pid,
        title=pid,
        summary="A program.",
        description="A program of lessons.",
        safety_note="Move gently and stop if anything hurts.",
        lessons=lessons,
    )


CAT = Catalogue(programs=(program("lower-back", 3), program("neck-shoulders", 2)))


def log(*lessons: str, completed: bool = True) -> list[Completion]:
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    return [
        Completion.record(
            program_id=lesson.rsplit("-", 1)[0],
            lesson_id=lesson,
            lesson_title=lesson,
            started_at=start + timedelta(hours=i),
            finished_at=start + timedelta(hours=i, minutes=2),
            timezone="UTC",
            seconds=120,
            completed=completed,
        )
        for i, lesson in enumerate(lessons)
    ]


def test_progress_counts_each_finished_lesson_once() -> None:
    completions = log("lower-back-1", "lower-back-1", "lower-back-3") + log(
        "neck-shoulders-1", completed=False
    )
    assert completed_lessons(completions) == {"lower-back-1", "lower-back-3"}
    assert program_progress(CAT, completed_lessons(completions)) == {
        "lower-back": (2, 3),
        "neck-shoulders": (0, 2),
    }


CONTINUE = [
    pytest.param([], "lower-back-1", id="empty log: first lesson"),
    pytest.param(["lower-back-1"], "lower-back-2", id="next in the same program"),
    pytest.param(["lower-back-2"], "lower-back-1", id="first not yet done, not the next"),
    pytest.param(["lower-back-1", "neck-shoulders-1"], "neck-shoulders-2",
                 id="the program practised last"),
    pytest.param(["neck-shoulders-1", "neck-shoulders-2"], "lower-back-1",
                 id="program complete: next program, wrapping"),
    pytest.param(["lower-back-1", "lower-back-2", "lower-back-3", "neck-shoulders-1",
                  "neck-shoulders-2", "lower-back-2"], "lower-back-3",
                 id="everything done: after the last one"),
    pytest.param(["lower-back-1", "lower-back-2", "lower-back-3", "neck-shoulders-1",
                  "neck-shoulders-2"], "lower-back-1", id="everything done: wraps around"),
    pytest.param(["gone-program-1"], "lower-back-1", id="unknown lessons are ignored"),
]  # fmt: skip


@pytest.mark.parametrize(("done", "expected"), CONTINUE)
def test_continue_lesson(done: list[str], expected: str) -> None:
    _, lesson = continue_lesson(CAT, log(*done))
    assert lesson.id == expected


def test_an_empty_catalogue_has_nothing_to_continue() -> None:
    with pytest.raises(ValueError):
        continue_lesson(Catalogue(), [])
