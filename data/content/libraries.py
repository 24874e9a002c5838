"""Reading the content's libraries: the safety library and the pose library.

Each is one JSON file beside the programs, validated by its pydantic model; a broken file is
named with its first problem, and the catalogue still loads (with an empty library).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from data.content.poses import PoseLibrary
from data.content.safety import SafetyLibrary
from data.validation import first_field_error

_HERE = Path(__file__).resolve().parent
BUNDLED_SAFETY_FILE = _HERE / "safety.json"
BUNDLED_POSES_DIR = _HERE / "pose-library"
"""Every ``*.json`` here is part of the one pose library (ids are unique across the files)."""

M = TypeVar("M", bound=BaseModel)


class LibraryFileError(ValueError):
    """A library file cannot be read; the message names the file and the problem."""


def load_library(path: Path, model: type[M]) -> M:
    """``path`` validated as ``model``; LibraryFileError naming the first problem."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LibraryFileError(f"{path.name}: cannot be read: {exc.strerror}") from None
    except ValueError as exc:
        raise LibraryFileError(f"{path.name}: not valid JSON: {exc}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        error = first_field_error(exc)
        where = f" › field '{error.field}'" if error.field else ""
        raise LibraryFileError(f"{path.name}{where}: {error.message}") from None


def load_safety(path: Path = BUNDLED_SAFETY_FILE) -> SafetyLibrary:
    return load_library(path, SafetyLibrary)


def load_poses(folder: Path = BUNDLED_POSES_DIR) -> tuple[PoseLibrary, dict[str, str]]:
    """The pose library from every file in ``folder``, merged, and the file each pose or move
    came from; LibraryFileError for a broken file or an id used twice."""
    poses: dict[str, Any] = {}
    moves: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        part = load_library(path, PoseLibrary)
        for kind, into, found in (("pose", poses, part.poses), ("move", moves, part.moves)):
            for figure_id, figure in found.items():
                if figure_id in sources:
                    raise LibraryFileError(
                        f"{path.name}: {kind} '{figure_id}' is also in {sources[figure_id]}"
                    )
                into[figure_id] = figure
                sources[figure_id] = path.name
    try:
        return PoseLibrary(poses=poses, moves=moves), sources
    except ValidationError as exc:
        raise LibraryFileError(f"{folder.name}: {first_field_error(exc).message}") from None
