"""The content model and loader: each broken input and the message a content author reads."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from data.content.catalogue import load_catalogue
from data.content.models import Lesson, Step
from data.content.vocabulary import Sides, StepKind
from data.wording import format_duration

ROOT = Path(__file__).resolve().parents[1]


def step(**overrides: Any) -> dict[str, Any]:
    return {
        "instruction": "Sit tall and breathe.",
        "kind": "breathe",
        "position": "sitting",
        "seconds": 60,
        **overrides,
    }


def lesson(number: int = 1, **overrides: Any) -> dict[str, Any]:
    return {
        "id": f"demo-{number}",
        "number": number,
        "title": f"Demo lesson {number}",
        "why": "A short reason that is long enough to read as a sentence.",
        "steps": [step(), step(kind="move", seconds=90)],
        **overrides,
    }


def program(**overrides: Any) -> dict[str, Any]:
    return {
        "id": "demo",
        "title": "Demo",
        "summary": "A demo program.",
        "description": "Two short lessons for tests.",
        "safety_note": "A feel-good stretch, never sharp pain. Not medical advice.",
        "lessons": [lesson(1), lesson(2)],
        **overrides,
    }


def with_step(field: str, value: Any, index: int = 1) -> dict[str, Any]:
    data = program()
    data["lessons"][0]["steps"][index][field] = value
    return data


def without(path: tuple[Any, ...]) -> dict[str, Any]:
    data = copy.deepcopy(program())
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return data


BROKEN: list[tuple[str, Any, str]] = [
    (
        "step too long",
        with_step("seconds", 4000),
        "lesson 1 (demo-1) › step 2 › field 'seconds': Input should be less than or equal to 1800",
    ),
    (
        "step of zero seconds",
        with_step("seconds", 0),
        "step 2 › field 'seconds': Input should be greater than or equal to 1",
    ),
    ("unknown kind", with_step("kind", "jump"), "step 2 › field 'kind': Input should be"),
    ("typo in a field", with_step("secs", 30), "step 2 › field 'secs': is not a known field"),
    (
        "seconds and count",
        with_step("count", 4),
        "step 2: give either 'seconds' or 'count' with 'pace_seconds', not both",
    ),
    (
        "missing title",
        without(("lessons", 0, "title")),
        "lesson 1 (demo-1) › field 'title': is required",
    ),
    (
        "lesson numbers with a gap",
        program(lessons=[lesson(1), lesson(3)]),
        "lesson numbers must run 1..2 in order without gaps; found [1, 3]",
    ),
    (
        "duplicate lesson id",
        program(lessons=[lesson(1), lesson(2, id="demo-1")]),
        "lesson id 'demo-1' is used twice",
    ),
    ("id not a slug", program(id="Demo Program"), "field 'id': String should match pattern"),
    (
        "lesson too short",
        program(lessons=[lesson(1, steps=[step(seconds=20)])]),
        "the lesson lasts 20s; a Micro Pause must last between 1 and 15 minutes",
    ),
    (
        "lesson too long",
        program(lessons=[lesson(1, steps=[step(seconds=600), step(seconds=600)])]),
        "the lesson lasts 20m; a Micro Pause must last between 1 and 15 minutes",
    ),
]


def _rest_with_sides() -> dict[str, Any]:
    data = program()
    data["lessons"][0]["steps"][1].update(
        kind="rest", sides="alternate", side_label="{side} foot forward"
    )
    return data


BROKEN.append(("rest with sides", _rest_with_sides(), "step 2: a rest step has no sides"))
BROKEN += [
    (
        "sides without a side label",
        with_step("sides", "alternate"),
        "step 2: a step with sides needs a 'side_label'",
    ),
    (
        "a side label without {side}",
        program(lessons=[lesson(1, steps=[step(sides="alternate", side_label="the left knee")])]),
        "step 1: 'side_label' holds '{side}' exactly once",
    ),
    (
        "a switch on a step without sides",
        with_step("switch", {"seconds": 5, "instruction": "Turn round."}),
        "step 2: 'side_label' and 'switch' belong to steps with sides",
    ),
    (
        "a setup that is too long",
        program(lessons=[lesson(1, steps=[step(kind="setup", seconds=45), step()])]),
        "step 1: a setup step lasts 'seconds' from 2 to 30",
    ),
    (
        "a setup with sides",
        program(
            lessons=[
                lesson(
                    1,
                    steps=[
                        step(kind="setup", seconds=10, sides="alternate", side_label="{side} hand"),
                        step(),
                    ],
                )
            ]
        ),
        "step 1: a setup step is done once, without sides",
    ),
    ("an unknown position", with_step("position", "handstand"), "field 'position': Input should"),
    (
        "unknown equipment",
        program(lessons=[lesson(1, equipment=["trampoline"])]),
        "field 'equipment.0': Input should be",
    ),
    (
        "a caution the safety library does not have",
        program(lessons=[lesson(1, cautions=["gym-membership"])]),
        "field 'cautions': 'gym-membership' is not a caution of the safety library",
    ),
]


@pytest.mark.parametrize(("data", "message"), [pytest.param(d, m, id=n) for n, d, m in BROKEN])
def test_broken_program_is_skipped_with_a_located_message(
    tmp_path: Path, data: dict[str, Any], message: str
) -> None:
    (tmp_path / "demo.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "good.json").write_text(
        json.dumps(program(id="good", lessons=[lesson(1, id="good-1")])), encoding="utf-8"
    )
    catalogue = load_catalogue(tmp_path)
    assert [p.id for p in catalogue.programs] == ["good"]
    lines = [str(problem) for problem in catalogue.skipped]
    assert any(line.startswith("demo.json") and message in line for line in lines), lines


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("{", "not valid JSON (line 1, column 2)", id="truncated json"),
        pytest.param("[]", "must hold one JSON object", id="a list"),
        pytest.param("", "not valid JSON", id="empty file"),
    ],
)
def test_unreadable_files(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bad.json").write_text(text, encoding="utf-8")
    [problem] = load_catalogue(tmp_path).skipped
    assert str(problem).startswith("bad.json: ")
    assert message in str(problem)


def test_duplicate_program_across_files(tmp_path: Path) -> None:
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text(json.dumps(program()), encoding="utf-8")
    catalogue = load_catalogue(tmp_path)
    assert len(catalogue.programs) == 1
    assert "program id 'demo' is already used by a.json" in str(catalogue.skipped[0])


def test_missing_folder(tmp_path: Path) -> None:
    assert "no such content folder" in str(load_catalogue(tmp_path / "nope").skipped[0])


def test_step_and_lesson_lengths_are_derived() -> None:
    hold = Step(
        instruction="Hold",
        kind=StepKind.HOLD,
        position="standing",
        seconds=30,
        repetitions=3,
        sides=Sides.LEFT_THEN_RIGHT,
        side_label="{side} hand on the wall",
        rest_between_seconds=10,
    )
    assert hold.segment_count == 6
    assert hold.total_seconds == 6 * 30 + 5 * 10
    paced = Step(
        instruction="Circle", kind=StepKind.MOVE, position="standing", count=6, pace_seconds=4
    )
    assert paced.total_seconds == 24
    demo = Lesson.model_validate(lesson(steps=[step(), hold.model_dump()]))
    assert demo.total_seconds == 60 + 230
    assert demo.minutes == 5


def test_models_are_frozen() -> None:
    demo = Lesson.model_validate(lesson())
    with pytest.raises(ValueError, match="frozen"):
        demo.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(45, "45s"), (450, "7m 30s"), (420, "7m"), (6720, "1h 52m")],
)
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


def test_check_content_command(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "main.py", "check-content"], cwd=ROOT, capture_output=True, text=True
    )
    assert ok.returncode == 0
    assert ok.stdout.startswith("OK: 4 programs, 36 lessons, ")
    (tmp_path / "demo.json").write_text(json.dumps(with_step("seconds", 0)), encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, "main.py", "check-content", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "demo.json › program 'demo' › lesson 1 (demo-1) › step 2 › field 'seconds'" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr


def test_unknown_flag_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "--nope"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_a_broken_safety_library_is_named_and_the_programs_still_load(tmp_path: Path) -> None:
    (tmp_path / "demo.json").write_text(json.dumps(program()), encoding="utf-8")
    library = tmp_path / "safety.json"
    library.write_text('{"red_flags": "too short"}', encoding="utf-8")
    catalogue = load_catalogue(tmp_path, safety_file=library)
    assert [p.id for p in catalogue.programs] == ["demo"]
    assert any("safety.json" in str(p) and "red_flags" in str(p) for p in catalogue.skipped)
    assert catalogue.safety.red_flags  # a plain default is still shown
