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

import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pwa import compress, pins
from pwa.errors import PwaBuildError

SNAPSHOT_FILE = "python_snapshot.bin"
"""Raw: a host sends it compressed (its ``.br`` / ``.gz`` copies); the worker takes the ``.gz``
copy itself from a host that sends files as they are (``client/python-worker.js``)."""
APP_ARCHIVE = "app.tar"
"""The app and its packages, uncompressed, with ``.br`` / ``.gz`` copies like the snapshot."""
SCRIPT = Path(__file__).with_name("client") / "make_snapshot.mjs"
MIN_NODE = 18
# The app's own code in the staged folder: every module of these is imported into the
# snapshot, found by walking them (a list of names would silently shrink on a rename).
APP_PACKAGES = ("data", "views")
APP_SCRIPTS = ("main.py",)
# Where the screens are, whose ``ft.Name`` uses are looked up into the snapshot too.
SCREEN_SOURCES = ("views", "main.py")

FLET_ATTRIBUTE = re.compile(r"\bft\.([A-Za-z_]\w*)")


def _module_name(rel: Path) -> str:
    parts = rel.with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_modules(app_dir: Path) -> list[str]:
    """Every module of the app's own code in ``app_dir``: the packages ``APP_PACKAGES`` (each
    package and submodule, parents first) and the scripts ``APP_SCRIPTS``."""
    names: list[str] = []
    for package in APP_PACKAGES:
        root = app_dir / package
        if root.is_dir():
            files = (p for p in root.rglob("*.py") if "__pycache__" not in p.parts)
            names += sorted({_module_name(p.relative_to(app_dir)) for p in files})
    names += [Path(s).stem for s in APP_SCRIPTS if (app_dir / s).is_file()]
    return names


def _module_files(name: str) -> tuple[str, str]:
    path = name.replace(".", "/")
    return f"{path}.py", f"{path}/__init__.py"


def stdlib_files(stdlib_zip: Path) -> frozenset[str]:
    """The files of Pyodide's standard library (``python_stdlib.zip``): what it can import
    beyond the modules built into its binary."""
    try:
        with zipfile.ZipFile(stdlib_zip) as archive:
            return frozenset(archive.namelist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise PwaBuildError(f"cannot read Pyodide's standard library {stdlib_zip}: {exc}") from exc


def snapshot_imports(app_dir: Path, stdlib_zip: Path) -> list[str]:
    """What the snapshot imports, in order: ``pins.SNAPSHOT_STDLIB_IMPORTS`` (each checked
    against Pyodide's ``stdlib_zip``), ``pins.SNAPSHOT_PACKAGE_IMPORTS`` (each checked against
    the staged ``app_dir`` and its ``__pypackages__``), every module of the app's own code
    (``app_modules``), then ``flet:Name`` for each ``ft.Name`` the app's screens use.

    A listed name that is not there fails the build (``PwaBuildError`` naming it): skipping it
    would leave a start slower by its import with nothing to say why.

    Flet imports a control's module at the first ``ft.Name`` (``flet.__getattr__``): building
    the first theme took 0.6-0.9 s in the browser that way. Looking each one up here puts
    those modules in the snapshot too."""
    stdlib = stdlib_files(stdlib_zip)
    places = (app_dir, app_dir / "__pypackages__")
    missing = [
        name
        for name in pins.SNAPSHOT_STDLIB_IMPORTS
        if not any(f in stdlib for f in _module_files(name))
    ]
    missing += [
        name
        for name in pins.SNAPSHOT_PACKAGE_IMPORTS
        if not any((place / f).is_file() for place in places for f in _module_files(name))
    ]
    if missing:
        raise PwaBuildError(
            f"the snapshot imports {', '.join(missing)}, which neither Pyodide's standard "
            f"library nor {app_dir} (with its __pypackages__) has: a package or Python "
            "upgrade renamed or dropped it. Update SNAPSHOT_STDLIB_IMPORTS / "
            "SNAPSHOT_PACKAGE_IMPORTS in pwa/pins.py (see pwa/UPGRADING.md)"
        )
    names = [*pins.SNAPSHOT_STDLIB_IMPORTS, *pins.SNAPSHOT_PACKAGE_IMPORTS, *app_modules(app_dir)]
    sources: list[Path] = []
    for item in SCREEN_SOURCES:
        path = app_dir / item
        sources += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    used = {m for f in sources if f.is_file() for m in FLET_ATTRIBUTE.findall(f.read_text())}
    return names + [f"flet:{attribute}" for attribute in sorted(used)]


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
    """Add Pyodide's byte-code (``__pycache__/*.cpython-314.pyc`` for Python 3.14) for every
    module in ``app_dir``; unchecked-hash, so the same sources give the same bytes."""
    _run_node(
        [str(pyodide_dir), "compile", str(app_dir)], "compiling byte-code in Pyodide", timeout
    )


def make_snapshot(
    dist: Path, imports: list[str], log: Callable[[str], None], *, timeout: float = 600
) -> tuple[int, dict[str, Any]]:
    """Write ``dist/SNAPSHOT_FILE`` (and its compressed copies) from ``dist``'s Pyodide and the
    app archive's gzip copy.

    Returns its size and how to link its compiled extensions back (``libraries``, each with
    its path, handle, memory and table places, and ``tableEnd``), for the page's config."""
    with tempfile.TemporaryDirectory(prefix="micropause-snapshot-") as tmp:
        raw = Path(tmp) / "snapshot.bin"
        archive = dist / f"{APP_ARCHIVE}.gz"
        args = [str(dist / "pyodide"), "snapshot", str(archive), str(raw)]
        log(f"  Pyodide snapshot in Node ({len(imports)} imports) ...")
        out = _run_node([*args, json.dumps(imports)], "making the Pyodide snapshot", timeout)
        links = raw.with_name(raw.name + ".json")
        if not raw.is_file() or not links.is_file():
            raise PwaBuildError(f"the snapshot step wrote no {raw.name}:\n{out[-2000:]}")
        linked = json.loads(links.read_text(encoding="utf-8"))
        shutil.copyfile(raw, dist / SNAPSHOT_FILE)
    size = compress.compress_file(dist / SNAPSHOT_FILE, compress.PAYLOAD_BROTLI_QUALITY)
    for line in out.strip().splitlines()[-2:]:
        log(f"    {line}")
    return size, linked
