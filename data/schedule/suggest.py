"""Which lesson a nudge offers: short enough to do at the desk, and not the same one each time.

A nudge interrupts work, so its lesson must be short and fit a desk. The next lesson of the
program in progress keeps the person on their path when it takes five minutes or less and does
not need the floor; otherwise a quick pause stands in, chosen among those not done recently and
turned by a counter so that two nudges in a row do not offer the same one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from data.content.models import Lesson, Posture, Program

MAX_NUDGE_SECONDS = 5 * 60
DESK_POSTURES = frozenset({Posture.SITTING, Posture.STANDING})
FLOOR_POSTURES = frozenset({Posture.LYING, Posture.KNEELING})


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
) -> Suggestion | None:
    """The lesson to offer with a nudge, or None when there is nothing at all to offer.

    ``in_progress`` is the continue-lesson (program, lesson); ``quick`` is the Quick pauses
    program. ``recent_lesson_ids`` lists completed lesson ids, most recent first (repeats are
    fine). ``turn`` varies the pick among equally fresh quick pauses; pass a number that changes
    from nudge to nudge, such as ``NudgeState.shown_count`` plus today's ``date.toordinal()``.

    A long or floor in-progress lesson is still offered when no quick pause exists, since some
    pause beats none.
    """
    if in_progress is not None and _fits_a_nudge(in_progress[1]):
        return _next_in(*in_progress)
    if quick is not None:
        lesson = _pick_quick(quick, recent_lesson_ids, turn)
        if lesson is not None:
            return Suggestion(quick, lesson, f"A {lesson.minutes}-minute quick pause")
    return _next_in(*in_progress) if in_progress is not None else None


def _fits_a_nudge(lesson: Lesson) -> bool:
    """Five minutes or less and no floor: a mixed lesson is given the benefit of the doubt."""
    return lesson.total_seconds <= MAX_NUDGE_SECONDS and lesson.posture not in FLOOR_POSTURES


def _next_in(program: Program, lesson: Lesson) -> Suggestion:
    return Suggestion(program, lesson, f"Next in {program.title}, {lesson.minutes} min")


def _pick_quick(quick: Program, recent: Sequence[str], turn: int) -> Lesson | None:
    """A short quick pause, desk postures first, the least recently done first."""
    short = [lesson for lesson in quick.lessons if lesson.total_seconds <= MAX_NUDGE_SECONDS]
    at_desk = [lesson for lesson in short if lesson.posture in DESK_POSTURES]
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
