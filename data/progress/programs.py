"""Progress through the programs, and which lesson to offer next on the home screen."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from data.content.catalogue import Catalogue
from data.content.models import Lesson, Program
from data.practice_log.completion import Completion


def completed_lessons(completions: Sequence[Completion]) -> set[str]:
    """Lesson ids finished to the end at least once (stopped-early ones do not count)."""
    return {c.lesson_id for c in completions if c.completed}


def program_progress(catalogue: Catalogue, done: Collection[str]) -> dict[str, tuple[int, int]]:
    """Program id → (lessons done, lessons in the program), e.g. "5 of 8 lessons"; ``done`` is
    the set of completed lesson ids (``completed_lessons``)."""
    return {
        program.id: (sum(lesson.id in done for lesson in program.lessons), len(program.lessons))
        for program in catalogue.programs
    }


def continue_lesson(
    catalogue: Catalogue, completions: Sequence[Completion], done: Collection[str] | None = None
) -> tuple[Program, Lesson]:
    """The lesson behind "Continue: ...".

    The first lesson not yet done in the program practised most recently; when that program is
    complete, the first lesson to do in the programs after it (in catalogue order, wrapping);
    when everything is done, the lesson after the last one practised (wrapping through the
    whole catalogue). With an empty log: the first lesson of the first program. ``done`` may
    pass ``completed_lessons(completions)`` when the caller has it already.
    Raises ValueError for a catalogue without programs.
    """
    programs = list(catalogue.programs)
    if not programs:
        raise ValueError("the catalogue has no programs")
    if done is None:
        done = completed_lessons(completions)
    last = _last_known(catalogue, completions)
    start = programs.index(last[0]) if last else 0
    for offset in range(len(programs)):
        program = programs[(start + offset) % len(programs)]
        for lesson in program.lessons:
            if lesson.id not in done:
                return program, lesson
    if last is None:
        return programs[0], programs[0].lessons[0]
    sequence = list(catalogue.lessons())
    index = sequence.index(last)
    return sequence[(index + 1) % len(sequence)]


def _last_known(
    catalogue: Catalogue, completions: Sequence[Completion]
) -> tuple[Program, Lesson] | None:
    """The most recently finished lesson that is still in the catalogue (any order of input)."""
    known = [c for c in completions if catalogue.find_lesson(c.lesson_id) is not None]
    if not known:
        return None
    return catalogue.find_lesson(max(known, key=lambda c: c.finished_at).lesson_id)
