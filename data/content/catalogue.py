"""Loading the content folder into a validated, read-only catalogue.

One JSON file holds one program. A broken file is skipped and described, never fatal: the app
starts with the programs that are good and tells the person which file it left out, while
``check-content`` prints every problem for the content author.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from data.content.libraries import (
    BUNDLED_POSES_DIR,
    BUNDLED_SAFETY_FILE,
    LibraryFileError,
    load_poses,
    load_safety,
)
from data.content.models import Lesson, Program
from data.content.poses import PoseLibrary
from data.content.safety import SafetyLibrary
from data.validation import FieldError, field_errors
from data.wording import count, format_duration

BUNDLED_CONTENT_DIR = Path(__file__).resolve().parent / "programs"


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong in one content file, located as precisely as the data allows."""

    file: str
    message: str
    program: str | None = None
    lesson: str | None = None
    step: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.program:
            where.append(f"program '{self.program}'")
        if self.lesson:
            where.append(f"lesson {self.lesson}")
        if self.step is not None:
            where.append(f"step {self.step}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{' › '.join(where)}: {self.message}"


@dataclass(frozen=True)
class Catalogue:
    """Every program the app offers, with look-ups by id. Built once, shared read-only."""

    programs: tuple[Program, ...] = ()
    skipped: tuple[ContentProblem, ...] = field(default=())
    safety: SafetyLibrary = field(default_factory=lambda: SafetyLibrary(red_flags=_NO_RED_FLAGS))
    poses: PoseLibrary = field(default_factory=lambda: PoseLibrary(poses={}))
    pose_files: Mapping[str, str] = field(default_factory=dict)
    """Pose or move id → the library file it is written in."""
    files: Mapping[str, str] = field(default_factory=dict)
    """Program id → the name of the file it was loaded from (for the content checks)."""
    _by_lesson: dict[str, tuple[Program, Lesson]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        # Lesson ids are unique across the catalogue: the log looks lessons up by id per record.
        for program in self.programs:
            for lesson in program.lessons:
                self._by_lesson.setdefault(lesson.id, (program, lesson))

    def program(self, program_id: str) -> Program | None:
        return next((p for p in self.programs if p.id == program_id), None)

    def find_lesson(self, lesson_id: str) -> tuple[Program, Lesson] | None:
        """The program and lesson for a lesson id (ids are unique across the catalogue)."""
        return self._by_lesson.get(lesson_id)

    @property
    def standalone(self) -> Program | None:
        """The first program of stand-alone pauses (``standalone`` in its file): what a nudge
        offers when the program in progress does not fit a break at the desk."""
        return next((p for p in self.programs if p.standalone), None)

    def lessons(self) -> Iterator[tuple[Program, Lesson]]:
        for program in self.programs:
            for lesson in program.lessons:
                yield program, lesson

    @property
    def lesson_count(self) -> int:
        return sum(len(p.lessons) for p in self.programs)

    @property
    def total_seconds(self) -> int:
        return sum(p.total_seconds for p in self.programs)

    def summary(self) -> str:
        """'3 programs, 24 lessons, 1h 52m of practice'."""
        return (
            f"{count(len(self.programs), 'program')}, {count(self.lesson_count, 'lesson')}, "
            f"{format_duration(self.total_seconds)} of practice"
        )


def load_catalogue(
    folder: Path = BUNDLED_CONTENT_DIR,
    safety_file: Path = BUNDLED_SAFETY_FILE,
    poses_dir: Path = BUNDLED_POSES_DIR,
) -> Catalogue:
    """Load every ``*.json`` program in ``folder``; bad files land in ``Catalogue.skipped``.

    Lessons name their cautions by id in the safety library (``safety_file``): a program that
    names one the library does not have is skipped like any other broken file.
    """
    programs: list[Program] = []
    problems: list[ContentProblem] = []
    try:
        safety = load_safety(safety_file)
    except LibraryFileError as exc:
        problems.append(ContentProblem(file=safety_file.name, message=str(exc)))
        safety = SafetyLibrary(red_flags=_NO_RED_FLAGS)
    loaded = load_poses(poses_dir)
    poses, pose_files = loaded.library, loaded.sources
    problems += [ContentProblem(file=poses_dir.name, message=m) for m in loaded.problems]
    seen_programs: dict[str, str] = {}
    seen_lessons: dict[str, str] = {}
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not folder.is_dir():
        problems.append(ContentProblem(file=str(folder), message="no such content folder"))
    elif not files:
        problems.append(ContentProblem(file=str(folder), message="no program files (*.json)"))
    for path in files:
        program, file_problems = _load_program_file(path)
        if program is not None:
            file_problems += _cross_file_problems(path.name, program, seen_programs, seen_lessons)
            file_problems += _unknown_cautions(path.name, program, safety)
        if file_problems:
            problems.extend(file_problems)
            continue
        assert program is not None
        seen_programs[program.id] = path.name
        for lesson in program.lessons:
            seen_lessons[lesson.id] = path.name
        programs.append(program)
    programs.sort(key=_program_order)
    return Catalogue(
        programs=tuple(programs),
        skipped=tuple(problems),
        safety=safety,
        poses=poses,
        pose_files=pose_files,
        files=seen_programs,
    )


_NO_RED_FLAGS = (
    "Stop and ask a health professional if anything hurts, tingles, goes numb or makes you dizzy."
)


def _unknown_cautions(file: str, program: Program, safety: SafetyLibrary) -> list[ContentProblem]:
    return [
        ContentProblem(
            file=file,
            program=program.id,
            lesson=f"{lesson.number} ({lesson.id})",
            field="cautions",
            message=f"'{caution}' is not a caution of the safety library "
            f"(known: {', '.join(sorted(safety.cautions)) or 'none'})",
        )
        for lesson in program.lessons
        for caution in lesson.cautions
        if caution not in safety.cautions
    ]


PROGRAM_ORDER = ("lower-back", "neck-shoulders", "psoas-release", "quick-pauses")


def _program_order(program: Program) -> tuple[int, str]:
    """Bundled programs in a deliberate order; any others after them, by title."""
    if program.id in PROGRAM_ORDER:
        return PROGRAM_ORDER.index(program.id), ""
    return len(PROGRAM_ORDER), program.title


def _load_program_file(path: Path) -> tuple[Program | None, list[ContentProblem]]:
    name = path.name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [ContentProblem(file=name, message="not UTF-8 text")]
    except json.JSONDecodeError as exc:
        return None, [
            ContentProblem(
                file=name,
                message=f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}",
            )
        ]
    except OSError as exc:
        return None, [ContentProblem(file=name, message=f"cannot be read: {exc.strerror}")]
    if not isinstance(raw, dict):
        return None, [ContentProblem(file=name, message="must hold one JSON object (a program)")]
    try:
        return Program.model_validate(raw), []
    except ValidationError as exc:
        return None, [_locate(name, raw, error) for error in field_errors(exc)]


def _cross_file_problems(
    file: str, program: Program, programs: dict[str, str], lessons: dict[str, str]
) -> list[ContentProblem]:
    problems = []
    if program.id in programs:
        problems.append(
            ContentProblem(
                file=file,
                program=program.id,
                field="id",
                message=f"program id '{program.id}' is already used by {programs[program.id]}",
            )
        )
    for lesson in program.lessons:
        if lesson.id in lessons:
            problems.append(
                ContentProblem(
                    file=file,
                    program=program.id,
                    lesson=str(lesson.number),
                    field="id",
                    message=f"lesson id '{lesson.id}' is already used by {lessons[lesson.id]}",
                )
            )
    return problems


def _locate(file: str, raw: dict[str, Any], error: FieldError) -> ContentProblem:
    """Turn the error's ``loc`` into the program, lesson, step and field it points at."""
    program_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    lesson_label: str | None = None
    step_number: int | None = None
    rest: Sequence[int | str] = error.loc
    if len(rest) >= 2 and rest[0] == "lessons" and isinstance(rest[1], int):
        lesson_label = _lesson_label(raw, rest[1])
        rest = rest[2:]
        if len(rest) >= 2 and rest[0] == "steps" and isinstance(rest[1], int):
            step_number = rest[1] + 1
            rest = rest[2:]
    return ContentProblem(
        file=file,
        program=program_id,
        lesson=lesson_label,
        step=step_number,
        field=".".join(str(part) for part in rest) or None,
        message=error.message,
    )


def _lesson_label(raw: dict[str, Any], index: int) -> str:
    """'3 (lower-back-3)' where the raw data says so, else the position in the list."""
    lessons = raw.get("lessons")
    if isinstance(lessons, list) and index < len(lessons) and isinstance(lessons[index], dict):
        entry = lessons[index]
        number = entry.get("number", index + 1)
        lesson_id = entry.get("id")
        if isinstance(lesson_id, str):
            return f"{number} ({lesson_id})"
        return str(number)
    return str(index + 1)
