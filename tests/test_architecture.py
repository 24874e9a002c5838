"""The layering is enforced, not hoped for: ``data`` never pulls in Flet or the views."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_MODULES = sorted(
    f"data.{path.stem}" for path in (ROOT / "data").glob("*.py") if path.stem != "__init__"
)


@pytest.mark.parametrize("module", DATA_MODULES)
def test_data_module_imports_without_flet_or_views(module: str) -> None:
    probe = (
        f"import sys, json, importlib; importlib.import_module({module!r}); "
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('flet', 'flet_web', 'flet_desktop', 'views'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_every_data_module_was_probed() -> None:
    assert len(DATA_MODULES) >= 15
    assert "data.sequencer" in DATA_MODULES and "data.store" in DATA_MODULES


def test_each_screen_has_its_own_view_module() -> None:
    for name in ("home", "program", "lesson", "player", "finish", "progress", "settings"):
        assert (ROOT / "views" / f"{name}.py").is_file(), name
