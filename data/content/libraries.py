"""Reading the content's libraries: the safety library and the pose library.

Each is one JSON file beside the programs, validated by its pydantic model; a broken file is
named with its first problem, and the catalogue still loads (with an empty library).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from data.content.poses import PoseFile, PoseLibrary
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


@dataclass(frozen=True)
class LoadedPoses:
    """The merged pose library, the file each figure came from, and the files left out."""

    library: PoseLibrary
    sources: dict[str, str]
    problems: tuple[str, ...] = ()


def load_poses(folder: Path = BUNDLED_POSES_DIR) -> LoadedPoses:
    """The pose library from every file in ``folder``, merged. A broken file, or one that
    reuses an id of another, is left out and named; the others still load."""
    poses: dict[str, Any] = {}
    moves: dict[str, Any] = {}
    sources: dict[str, str] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            part = load_library(path, PoseFile)
        except LibraryFileError as exc:
            problems.append(str(exc))
            continue
        clash = next((i for i in [*part.poses, *part.moves] if i in sources), None)
        if clash is not None:
            problems.append(f"{path.name}: '{clash}' is also in {sources[clash]}")
            continue
        poses.update(part.poses)
        moves.update(part.moves)
        sources.update(dict.fromkeys([*part.poses, *part.moves], path.name))
    try:
        return LoadedPoses(PoseLibrary(poses=poses, moves=moves), sources, tuple(problems))
    except ValidationError as exc:  # a move using a pose no file has: the moves are left out
        problems.append(f"{folder.name}: {first_field_error(exc).message}")
        return LoadedPoses(PoseLibrary(poses=poses), sources, tuple(problems))
