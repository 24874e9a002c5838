"""Which lesson a nudge offers: short enough to do at the desk, and not the same one each time.

A nudge interrupts work, so its lesson must be short and fit a desk: five minutes or less, no
step on the floor, and nothing needed that the person does not have at work (a chair, unless
they said more in Settings). The next lesson of the program in progress keeps the person on
their path when it fits; otherwise a quick pause stands in, chosen among those not done
recently and turned by a counter so that two nudges in a row do not offer the same one.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from data.content.models import Lesson, Program
from data.content.vocabulary import Equipment

MAX_NUDGE_SECONDS = 5 * 60
AT_WORK: frozenset[Equipment] = frozenset({Equipment.CHAIR})
"""What a person has at work unless they say more: a chair."""


@dataclass(frozen=True)
class Suggestion:
    """The lesson a nudge's Start button opens, with a short line saying why this one."""

    program: Program
    lesson: Lesson
    why: str


def suggest_lesson(
    in_progress: tuple[Program, Lesson] | None,
    quick: Program | None,
    *,
    recent_lesson_ids: Sequence[str] = (),
    turn: int = 0,
    at_work: Collection[Equipment] = AT_WORK,
) -> Suggestion | None:
    """The lesson to offer with a nudge, or None when there is nothing at all to offer.

    ``in_progress`` is the continue-lesson (program, lesson); ``quick`` is the program of
    stand-alone pauses; ``at_work`` is the equipment the person has at work.
    ``recent_lesson_ids`` lists completed lesson ids, most recent first (repeats are
    fine). ``turn`` varies the pick among equally fresh quick pauses; pass a number that changes
    from nudge to nudge, such as ``NudgeState.shown_count`` plus today's ``date.toordinal()``.

    A long or floor in-progress lesson is still offered when no quick pause exists, since some
    pause beats none.
    """
    have = frozenset(at_work)
    if in_progress is not None and fits_a_nudge(in_progress[1], have):
        return _next_in(*in_progress)
    if quick is not None:
        lesson = _pick_quick(quick, recent_lesson_ids, turn, have)
        if lesson is not None:
            return Suggestion(quick, lesson, f"A {lesson.minutes}-minute quick pause")
    return _next_in(*in_progress) if in_progress is not None else None


def fits_a_nudge(lesson: Lesson, at_work: Collection[Equipment] = AT_WORK) -> bool:
    """Five minutes or less, no step on the floor, nothing needed beyond what is at work."""
    return (
        lesson.total_seconds <= MAX_NUDGE_SECONDS
        and not lesson.on_the_floor
        and set(lesson.equipment) <= set(at_work)
    )


def _next_in(program: Program, lesson: Lesson) -> Suggestion:
    return Suggestion(program, lesson, f"Next in {program.title}, {lesson.minutes} min")


def _pick_quick(
    quick: Program, recent: Sequence[str], turn: int, have: frozenset[Equipment]
) -> Lesson | None:
    """A short quick pause, those that fit a desk first, the least recently done first."""
    short = [lesson for lesson in quick.lessons if lesson.total_seconds <= MAX_NUDGE_SECONDS]
    at_desk = [lesson for lesson in short if fits_a_nudge(lesson, have)]
    pool = at_desk or short
    if not pool:
        return None
    last_done: dict[str, int] = {}
    for position, lesson_id in enumerate(recent):
        last_done.setdefault(lesson_id, position)
    fresh = [lesson for lesson in pool if lesson.id not in last_done]
    if not fresh:
        # Everything was done lately: turn among the older half, never the latest ones.
        oldest_first = sorted(pool, key=lambda lesson: -last_done[lesson.id])
        fresh = oldest_first[: max(1, len(oldest_first) // 2)]
    return fresh[turn % len(fresh)]
