"""Pyodide's memory snapshot, made at build time so the browser skips Python's start-up.

Booting Pyodide in the page (initialising CPython, importing ~200 bootstrap modules) and then
importing Flet took 5-8 s per start. The build boots the same Pyodide once in Node
(``client/make_snapshot.mjs``), with the app archive unpacked where the browser unpacks it,
imports the pure-Python modules the app starts with, and saves the wasm memory. The worker
restores it in about a second.

What cannot be in it: compiled extensions (pydantic-core). Each is a separate wasm module
whose code and memory the snapshot does not carry, so they, and everything that imports
them (pydantic, the app's models), are imported after the restore as before; the Node step
fails the build if one slips in. The snapshot is reproducible: its random bytes and clocks
are fixed while it is made, and the worker reseeds ``random`` after restoring it.

A first Node run compiles the app's modules to byte-code (unchecked-hash ``.pyc``, no time
stamps) for the archive: imports after the restore then skip compiling in the browser.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from pwa.errors import PwaBuildError

SNAPSHOT_FILE = "python_snapshot.bin.gz"
SCRIPT = Path(__file__).with_name("client") / "make_snapshot.mjs"
MIN_NODE = 18
# Imported into the snapshot when present in the app archive. Measured: what a start of the
# app imports, minus pydantic and what needs it. Stdlib names are always present.
SNAPSHOT_IMPORTS = (
    "asyncio",
    "csv",
    "decimal",
    "fractions",
    "importlib.readers",
    "importlib.resources",
    "uuid",
    "zoneinfo",
    "msgpack",
    "tinydb",
    "typing_extensions",
    "annotated_types",
    "typing_inspection.introspection",
    "flet",
    "flet.controls.material.icons",
    "flet.messaging.protocol",
    "flet.messaging.session",
    "flet_audio",
    # What main.py and the first screen import later (measured in the browser: ~0.3 s there).
    "argparse",
    "gettext",
    "encodings.cp437",
    "importlib.resources._adapters",
    "tzdata.zoneinfo",
    "flet.app",
    "flet.controls.events",
    "flet.controls.theme",
    "flet.controls.core.column",
    "flet.controls.core.icon",
    "flet.controls.core.responsive_row",
    "flet.controls.core.row",
    "flet.controls.core.text",
    "flet.controls.material.card",
    "flet.controls.material.container",
    "flet.controls.material.filled_button",
    "flet.controls.material.vertical_divider",
    "flet.controls.services.shared_preferences",
    "flet.messaging.connection",
    "flet.pubsub.pubsub_hub",
    "flet.utils.pip",
)
STDLIB_PREFIXES = (
    "argparse",
    "asyncio",
    "csv",
    "decimal",
    "encodings",
    "fractions",
    "gettext",
    "importlib",
    "uuid",
    "zoneinfo",
)


def snapshot_imports(packages_dir: Path) -> list[str]:
    """The names of ``SNAPSHOT_IMPORTS`` that the staged ``__pypackages__`` can import."""
    names = []
    for name in SNAPSHOT_IMPORTS:
        top = name.split(".")[0]
        if top in STDLIB_PREFIXES or any((packages_dir / f).exists() for f in (top, f"{top}.py")):
            names.append(name)
    return names


def node_command() -> str:
    """The ``node`` binary, version checked, or a build error that says what to install."""
    node = shutil.which("node")
    if node is None:
        raise PwaBuildError(
            f"node (Node.js >= {MIN_NODE}) is not on PATH: the build runs Pyodide in Node to "
            "make the start-up snapshot. Install Node.js, or build with --no-snapshot "
            "(a start several seconds slower)."
        )
    result = subprocess.run([node, "--version"], capture_output=True, text=True, check=False)
    found = re.match(r"v(\d+)\.", result.stdout.strip())
    if result.returncode != 0 or found is None or int(found.group(1)) < MIN_NODE:
        raise PwaBuildError(
            f"{node} --version gave {result.stdout.strip() or result.stderr.strip()!r}; "
            f"the snapshot step needs Node.js >= {MIN_NODE}"
        )
    return node


def _run_node(args: list[str], what: str, timeout: float) -> str:
    cmd = [node_command(), str(SCRIPT), *args]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise PwaBuildError(f"{what} took over {timeout:.0f} s") from exc
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip()[-3000:]
        raise PwaBuildError(f"{what} failed:\n{tail}")
    return result.stdout


def compile_bytecode(pyodide_dir: Path, app_dir: Path, *, timeout: float = 600) -> None:
    """Add Pyodide's byte-code (``__pycache__/*.cpython-314.pyc``) for every module in
    ``app_dir``; unchecked-hash, so the same sources give the same bytes."""
    _run_node(
        [str(pyodide_dir), "compile", str(app_dir)], "compiling byte-code in Pyodide", timeout
    )


def make_snapshot(
    dist: Path, imports: list[str], log: Callable[[str], None], *, timeout: float = 600
) -> int:
    """Write ``dist/SNAPSHOT_FILE`` from ``dist``'s Pyodide and ``app.tar.gz``; returns its size."""
    with tempfile.TemporaryDirectory(prefix="micropause-snapshot-") as tmp:
        raw = Path(tmp) / "snapshot.bin"
        args = [str(dist / "pyodide"), "snapshot", str(dist / "app.tar.gz"), str(raw)]
        log(f"  Pyodide snapshot in Node ({len(imports)} imports) ...")
        out = _run_node([*args, json.dumps(imports)], "making the Pyodide snapshot", timeout)
        if not raw.is_file():
            raise PwaBuildError(f"the snapshot step wrote no {raw.name}:\n{out[-2000:]}")
        data = gzip.compress(raw.read_bytes(), compresslevel=6, mtime=0)
    (dist / SNAPSHOT_FILE).write_bytes(data)
    for line in out.strip().splitlines()[-2:]:
        log(f"    {line}")
    return len(data)
