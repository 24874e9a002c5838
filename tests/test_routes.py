"""Every URL the app answers, and the ones it must not."""

from __future__ import annotations

import pytest

from data.usecases.routes import Route, Screen, parse_route

CASES = [
    ("home", "/", Route(Screen.HOME)),
    ("empty", "", Route(Screen.HOME)),
    ("progress", "/progress", Route(Screen.PROGRESS)),
    ("settings with slash", "/settings/", Route(Screen.SETTINGS)),
    ("program", "/programs/lower-back", Route(Screen.PROGRAM, program_id="lower-back")),
    (
        "lesson",
        "/programs/psoas-release/lessons/3",
        Route(Screen.LESSON, program_id="psoas-release", lesson_number=3),
    ),
    ("query ignored", "/progress?x=1", Route(Screen.PROGRESS)),
    ("lesson zero", "/programs/lower-back/lessons/0", Route(Screen.NOT_FOUND)),
    ("path traversal", "/programs/../etc/passwd", Route(Screen.NOT_FOUND)),
    ("upper case id", "/programs/Lower-Back", Route(Screen.NOT_FOUND)),
    ("unknown", "/nowhere", Route(Screen.NOT_FOUND)),
    ("lesson not a number", "/programs/lower-back/lessons/x", Route(Screen.NOT_FOUND)),
]


@pytest.mark.parametrize(("url", "expected"), [pytest.param(u, e, id=n) for n, u, e in CASES])
def test_parse_route(url: str, expected: Route) -> None:
    assert parse_route(url) == expected
