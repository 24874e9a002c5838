"""Pyodide's memory snapshot, made at build time so the browser skips Python's start-up.

Booting Pyodide in the page (initialising CPython, importing ~200 bootstrap modules) and then
importing Flet, pydantic and the app took 5-8 s per start. The build boots the same Pyodide
once in Node (``client/make_snapshot.mjs``), with the app archive unpacked where the browser
unpacks it, imports what the app starts with and saves the wasm memory. The worker restores
it instead.

Compiled extensions (pydantic-core) are separate wasm modules: the snapshot holds their
memory but not their code. The Node step records where each one was linked (its memory
base, its slots in the function table) and the worker links the same module back at exactly
that place before any Python runs, without re-running its initialisers (``relinkLibraries``
in ``client/python-worker.js``). Measured in the browser: importing pydantic and the app's
models after the restore took about 1 s, which this removes. If the linking cannot be
reproduced, the worker starts Python without the snapshot instead.

The snapshot is reproducible: its random bytes and clocks are fixed while it is made, and
the worker reseeds ``random`` after restoring it. (So every install starts from the same
hash seeds: harmless for an app whose only input is its own user.)

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
from typing import Any

from pwa.errors import PwaBuildError

SNAPSHOT_FILE = "python_snapshot.bin.gz"
SCRIPT = Path(__file__).with_name("client") / "make_snapshot.mjs"
MIN_NODE = 18
# Imported into the snapshot when present in the app folder or its archive's packages. Measured:
# what a start of the app imports, then the screens it opens later. Stdlib names are always
# present.
SNAPSHOT_IMPORTS = (
    "asyncio",
    "csv",
    "decimal",
    "fractions",
    "importlib.readers",
    "importlib.resources",
    "uuid",
    "zoneinfo",
    "argparse",
    "gettext",
    "encodings.cp437",
    "importlib.resources._adapters",
    "msgpack",
    "tinydb",
    "tzdata.zoneinfo",
    "typing_extensions",
    "annotated_types",
    "typing_inspection.introspection",
    "pydantic",
    "pydantic.main",
    "flet",
    "flet.app",
    "flet.controls.material.icons",
    "flet.messaging.connection",
    "flet.messaging.protocol",
    "flet.messaging.session",
    "flet.pubsub.pubsub_hub",
    "flet.utils.pip",
    "flet_audio",
    # The app itself: what main.py and the first screen import, then the other screens.
    "data.content.catalogue",
    "data.runtime.clock",
    "data.practice_log.profiles",
    "data.runtime.browser",
    "data.practice_log.tinydb_store",
    "views.app",
    "views.lesson_screen",
    "views.progress",
    "views.settings",
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


FLET_ATTRIBUTE = re.compile(r"\bft\.([A-Za-z_]\w*)")


def snapshot_imports(app_dir: Path) -> list[str]:
    """The names of ``SNAPSHOT_IMPORTS`` that the staged app folder (its own packages, or
    those in its ``__pypackages__``) can import, then ``flet:Name`` for each ``ft.Name`` the
    app's screens use.

    Flet imports a control's module at the first ``ft.Name`` (``flet.__getattr__``): building
    the first theme took 0.6-0.9 s in the browser that way. Looking each one up here puts
    those modules in the snapshot too."""
    names = []
    for name in SNAPSHOT_IMPORTS:
        top = name.split(".")[0]
        places = (app_dir, app_dir / "__pypackages__")
        if top in STDLIB_PREFIXES or any(
            (place / f).exists() for place in places for f in (top, f"{top}.py")
        ):
            names.append(name)
    if "flet" in names:
        sources = [*sorted((app_dir / "views").glob("*.py")), app_dir / "main.py"]
        used = {m for f in sources if f.is_file() for m in FLET_ATTRIBUTE.findall(f.read_text())}
        names += [f"flet:{attribute}" for attribute in sorted(used)]
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
) -> tuple[int, dict[str, Any]]:
    """Write ``dist/SNAPSHOT_FILE`` from ``dist``'s Pyodide and ``app.tar.gz``.

    Returns its size and how to link its compiled extensions back (``libraries``, each with
    its path, handle, memory and table places, and ``tableEnd``), for the page's config."""
    with tempfile.TemporaryDirectory(prefix="micropause-snapshot-") as tmp:
        raw = Path(tmp) / "snapshot.bin"
        args = [str(dist / "pyodide"), "snapshot", str(dist / "app.tar.gz"), str(raw)]
        log(f"  Pyodide snapshot in Node ({len(imports)} imports) ...")
        out = _run_node([*args, json.dumps(imports)], "making the Pyodide snapshot", timeout)
        links = raw.with_name(raw.name + ".json")
        if not raw.is_file() or not links.is_file():
            raise PwaBuildError(f"the snapshot step wrote no {raw.name}:\n{out[-2000:]}")
        data = gzip.compress(raw.read_bytes(), compresslevel=6, mtime=0)
        linked = json.loads(links.read_text(encoding="utf-8"))
    (dist / SNAPSHOT_FILE).write_bytes(data)
    for line in out.strip().splitlines()[-2:]:
        log(f"    {line}")
    return len(data), linked
