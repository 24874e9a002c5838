"""The layering is enforced, not hoped for: ``data`` never pulls in Flet or the views.

``lint-imports`` checks the import graph statically (the contracts are in pyproject.toml); this
checks what really happens at import time, module by module, in a fresh interpreter.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import data

ROOT = Path(__file__).resolve().parents[1]
UI_PACKAGES = ("flet", "flet_web", "flet_desktop", "flet_audio", "views")


def _data_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(data.__path__, "data.") if not info.ispkg
    )


def _source_modules() -> list[str]:
    """Every .py file under data/, as a module name: what the walk above must find."""
    names = []
    for path in (ROOT / "data").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] != "__init__":
            names.append(".".join(parts))
    return sorted(names)


def test_the_walk_finds_every_module_in_every_room() -> None:
    modules = _data_modules()
    assert modules == _source_modules()
    rooms = {name.split(".")[1] for name in modules if name.count(".") >= 2}
    assert rooms == {
        "cli",
        "content",
        "figures",
        "player",
        "practice_log",
        "progress",
        "runtime",
        "schedule",
        "usecases",
    }


def test_no_data_module_imports_flet_or_the_views() -> None:
    """Each module imported in turn; anything UI that appears is blamed on the one that did it."""
    probe = (
        "import sys, json, importlib\n"
        f"ui = {UI_PACKAGES!r}\n"
        "blame = {}\n"
        f"for name in {_data_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    loaded = sorted(m for m in sys.modules if m.split('.')[0] in ui)\n"
        "    if loaded:\n"
        "        blame[name] = loaded\n"
        "        break\n"
        "print(json.dumps(blame))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == {}
