"""The app's URLs, parsed and built without Flet so every address can be tested on its own.

Every screen has its own URL; anything that does not parse is a friendly not-found screen,
and nothing in a URL is ever used as a file path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Screen(StrEnum):
    HOME = "home"
    PROGRAM = "program"
    LESSON = "lesson"
    PROGRESS = "progress"
    SETTINGS = "settings"
    POSES = "poses"
    NOT_FOUND = "not-found"


@dataclass(frozen=True)
class Route:
    screen: Screen
    program_id: str | None = None
    lesson_number: int | None = None


_PROGRAM = re.compile(r"^/programs/([a-z0-9]+(?:-[a-z0-9]+)*)$")
_LESSON = re.compile(r"^/programs/([a-z0-9]+(?:-[a-z0-9]+)*)/lessons/([1-9][0-9]?)$")
_FIXED = {
    "/": Screen.HOME,
    "/progress": Screen.PROGRESS,
    "/settings": Screen.SETTINGS,
    "/poses": Screen.POSES,
}


def parse_route(route: str) -> Route:
    """Map a URL path (query and trailing slash ignored) to the screen it names."""
    path = route.split("?", 1)[0].split("#", 1)[0] or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    if path in _FIXED:
        return Route(_FIXED[path])
    if match := _PROGRAM.match(path):
        return Route(Screen.PROGRAM, program_id=match[1])
    if match := _LESSON.match(path):
        return Route(Screen.LESSON, program_id=match[1], lesson_number=int(match[2]))
    return Route(Screen.NOT_FOUND)


def program_route(program_id: str) -> str:
    """The address of a program's screen."""
    return f"/programs/{program_id}"


def lesson_route(program_id: str, number: int) -> str:
    """The address of a lesson's screen (its player too)."""
    return f"/programs/{program_id}/lessons/{number}"
