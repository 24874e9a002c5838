"""The bundled catalogue: complete, well-shaped, safe to show and written in our own words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from data.content.catalogue import Catalogue, load_catalogue
from data.content.checks import content_problems
from data.content.models import Program
from data.content.vocabulary import Posture, Sides, StepKind
from data.figures.checks import figure_problems

MAIN_PROGRAMS = ("lower-back", "neck-shoulders", "psoas-release")
QUICK = "quick-pauses"
SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
NGRAM = 8


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def _program(catalogue: Catalogue, program_id: str) -> Program:
    program = catalogue.program(program_id)
    assert program is not None, f"program '{program_id}' is missing from the catalogue"
    return program


def test_bundled_catalogue_loads_without_skipping_anything(catalogue: Catalogue) -> None:
    assert catalogue.skipped == (), "\n".join(str(problem) for problem in catalogue.skipped)
    ids = [program.id for program in catalogue.programs]
    assert ids == [*MAIN_PROGRAMS, QUICK]


@pytest.mark.parametrize("program_id", MAIN_PROGRAMS)
def test_main_programs_have_eight_lessons_of_two_to_ten_minutes(
    catalogue: Catalogue, program_id: str
) -> None:
    program = _program(catalogue, program_id)
    assert len(program.lessons) == 8
    for lesson in program.lessons:
        assert 120 <= lesson.total_seconds <= 600, f"{lesson.id} lasts {lesson.total_seconds} s"
        assert 5 <= len(lesson.steps) <= 14, f"{lesson.id} has {len(lesson.steps)} steps"


@pytest.mark.parametrize("program_id", MAIN_PROGRAMS)
def test_main_lessons_open_by_settling_and_close_by_resting(
    catalogue: Catalogue, program_id: str
) -> None:
    for lesson in _program(catalogue, program_id).lessons:
        first = next(step for step in lesson.steps if step.kind is not StepKind.SETUP)
        assert first.kind in {StepKind.BREATHE, StepKind.REST}, lesson.id
        assert lesson.steps[-1].kind is StepKind.REST, lesson.id


def test_the_content_checks_find_nothing(catalogue: Catalogue) -> None:
    problems = content_problems(catalogue)
    assert not problems, "\n".join(str(problem) for problem in problems)


def test_every_step_has_a_figure_and_the_pose_library_keeps_its_rules(
    catalogue: Catalogue,
) -> None:
    problems = figure_problems(catalogue)
    assert not problems, "\n".join(str(problem) for problem in problems)


def test_every_figure_of_the_library_is_used_by_a_step(catalogue: Catalogue) -> None:
    used = {step.pose for _, lesson in catalogue.lessons() for step in lesson.steps}
    library = catalogue.poses
    moved = {end for move in library.moves.values() for end in (move.start, move.end)}
    unused = set(library.poses) - used - moved | set(library.moves) - used
    assert not unused, f"figures no step shows: {sorted(unused)}"


def test_every_step_has_a_line_to_be_heard(catalogue: Catalogue) -> None:
    for _, lesson in catalogue.lessons():
        for number, step in enumerate(lesson.steps, start=1):
            assert step.say, f"{lesson.id} step {number} has no 'say' line"
            assert len(step.say.split()) <= 16, f"{lesson.id} step {number}: {step.say!r}"
            assert step.say != step.instruction, f"{lesson.id} step {number} reads the screen"
            if step.switch is not None:
                assert step.switch.say, f"{lesson.id} step {number}: the switch has no 'say'"


def test_quick_pauses_are_short_and_fit_sitting_or_standing(catalogue: Catalogue) -> None:
    program = _program(catalogue, QUICK)
    assert len(program.lessons) >= 6
    for lesson in program.lessons:
        assert 60 <= lesson.total_seconds <= 180, f"{lesson.id} lasts {lesson.total_seconds} s"
    postures = {lesson.posture for lesson in program.lessons}
    assert {Posture.SITTING, Posture.STANDING} <= postures


def test_every_program_shows_a_safety_note_about_pain(catalogue: Catalogue) -> None:
    for program in catalogue.programs:
        assert "pain" in program.safety_note.lower(), program.id


def test_psoas_safety_note_advises_rest_for_an_irritated_hip(catalogue: Catalogue) -> None:
    note = _program(catalogue, "psoas-release").safety_note.lower()
    assert "rest" in note
    assert "hip" in note


def test_lesson_ids_are_unique_and_follow_the_program_id(catalogue: Catalogue) -> None:
    ids = [lesson.id for _, lesson in catalogue.lessons()]
    assert len(ids) == len(set(ids))
    for program, lesson in catalogue.lessons():
        assert lesson.id == f"{program.id}-{lesson.number}"


def test_psoas_holds_last_twenty_to_thirty_seconds_three_times_per_side(
    catalogue: Catalogue,
) -> None:
    holds = [
        step
        for lesson in _program(catalogue, "psoas-release").lessons
        for step in lesson.steps
        if step.kind is StepKind.HOLD
        and step.seconds is not None
        and 20 <= step.seconds <= 30
        and step.repetitions == 3
        and step.sides is not Sides.NONE
    ]
    assert len(holds) >= 2, "expected the half-kneeling stretch and the low lunge"


def _words(text: str) -> list[str]:
    """Lowercase words with punctuation dropped, so "feel-good," and "Feel good" compare equal."""
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return re.findall(r"[a-z0-9]+", text)


def _ngrams(words: list[str], n: int = NGRAM) -> Iterator[tuple[str, ...]]:
    for start in range(len(words) - n + 1):
        yield tuple(words[start : start + n])


def _lesson_texts(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    for program in catalogue.programs:
        yield f"{program.id} summary", program.summary
        yield f"{program.id} description", program.description
        yield f"{program.id} safety note", program.safety_note
        for lesson in program.lessons:
            yield f"{lesson.id} title", lesson.title
            yield f"{lesson.id} why", lesson.why
            for number, step in enumerate(lesson.steps, start=1):
                yield f"{lesson.id} step {number}", step.instruction
                for name in ("say", "cue", "caution"):
                    if text := getattr(step, name):
                        yield f"{lesson.id} step {number} {name}", text
                if step.switch is not None:
                    yield f"{lesson.id} step {number} switch", step.switch.instruction
                    yield f"{lesson.id} step {number} switch say", step.switch.say or ""
    yield "red flags", catalogue.safety.red_flags
    for caution_id, caution in catalogue.safety.cautions.items():
        yield f"caution {caution_id}", caution.text


def test_no_text_is_copied_from_the_seed_pages(catalogue: Catalogue) -> None:
    seeds = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []
    if not seeds:
        pytest.skip(f"seed pages not found at {SEEDS_DIR}; the copy check needs them")
    seed_ngrams: set[tuple[str, ...]] = set()
    for seed in seeds:
        seed_ngrams.update(_ngrams(_words(seed.read_text(encoding="utf-8", errors="replace"))))
    copied = [
        f"{where}: {' '.join(gram)!r}"
        for where, text in _lesson_texts(catalogue)
        for gram in _ngrams(_words(text))
        if gram in seed_ngrams
    ]
    assert not copied, "runs of 8+ words copied from the seeds:\n" + "\n".join(copied)


@pytest.mark.parametrize(
    ("program_id", "question"),
    [
        ("lower-back", "How does your lower back feel?"),
        ("neck-shoulders", "How do your neck and shoulders feel?"),
        ("psoas-release", "How do your hips feel?"),
        ("quick-pauses", "How does your whole body feel?"),
    ],
)
def test_each_program_asks_about_its_body_area(
    catalogue: Catalogue, program_id: str, question: str
) -> None:
    program = catalogue.program(program_id)
    assert program is not None and program.body_area.question == question


def test_a_program_without_a_body_area_asks_about_the_whole_body() -> None:
    from data.content.models import WHOLE_BODY, BodyArea

    assert WHOLE_BODY.question == "How does your whole body feel?"
    assert BodyArea(name="hips", plural=True).label == "Hips"
    with pytest.raises(ValueError, match=r"name\n.*pattern"):
        BodyArea(name="Lower Back")
