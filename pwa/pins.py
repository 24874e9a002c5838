"""Every version-sensitive fact the static build depends on, in one place (see UPGRADING.md).

An upgrade of Flet / flet-web, Pyodide or pydantic changes what the build must produce: the
Pyodide it asks flet publish for, the platform tag of the pydantic-core wheel, the URL the
client asks a CDN for, the parts of Emscripten's linker the worker uses, the modules the
snapshot imports. Each is here, and each is read from its source wherever one exists (flet-web's
bundled Pyodide, the project's ``pyproject.toml``, the client file itself), so an upgrade
either just works or fails the build with a message naming the pin, never by a stale copy.

Nothing here imports flet-web at module level: the web server imports ``pwa.web``, which
imports this, and it must not pay for a lookup it does not use.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pwa.errors import PwaBuildError

# --- Pyodide, as flet-web bundles it -------------------------------------------------------

# The files of flet-web's ``web/pyodide`` folder a page loads; publish copies our cache of them
# into the build as is. ``package.json`` is read for the version, never shipped.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
PYODIDE_STDLIB = "python_stdlib.zip"
# The wheel platform tag is this prefix, then the lock file's ``abi_version`` and ``arch``
# (PEP 783). Pyodide before 2026 used "pyodide"; asked for a tag it has no wheel for, the index
# answers with a placeholder pydantic-core 0.0.1 pure wheel, not an error (see pwa.deps).
WHEEL_PLATFORM_PREFIX = "pyemscripten"


@dataclass(frozen=True)
class Pyodide:
    """The Pyodide the build targets: its version and the Python and wheel ABI it runs."""

    version: str  # "314.0.7": package.json's "version"
    python_full_version: str  # "3.14.2": pyodide-lock.json's info.python
    abi_version: str  # "2026_0": pyodide-lock.json's info.abi_version
    arch: str  # "wasm32": pyodide-lock.json's info.arch

    @property
    def python_version(self) -> str:
        """``3.14``: what pip's ``--python-version`` and flet's build manifest take."""
        return ".".join(self.python_full_version.split(".")[:2])

    @property
    def cpython_tag(self) -> str:
        """``cp314``: the interpreter tag of a compiled wheel for this Python."""
        return "cp" + self.python_version.replace(".", "")

    @property
    def wheel_platform(self) -> str:
        """``pyemscripten_2026_0_wasm32``: the platform tag of wheels built for this ABI."""
        return f"{WHEEL_PLATFORM_PREFIX}_{self.abi_version}_{self.arch}"


def _read_json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PwaBuildError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise PwaBuildError(f"{path} is not a JSON object")
    return data


def _field(source: dict[str, object], key: str, pattern: str, where: str) -> str:
    value = source.get(key)
    if not isinstance(value, str) or re.fullmatch(pattern, value) is None:
        raise PwaBuildError(
            f"{where} has {key}={value!r}, not the form {pattern}: pwa/pins.py reads the "
            "build's Pyodide from there; see pwa/UPGRADING.md"
        )
    return value


def read_pyodide(pyodide_dir: Path) -> Pyodide:
    """The Pyodide in ``pyodide_dir`` (flet-web's ``web/pyodide``), read from its own files.

    Why not constants: flet publish must be told the exact version flet-web ships (or it
    downloads another one), and the pydantic-core wheel must be for exactly its ABI."""
    package = _read_json(pyodide_dir / "package.json")
    lock = _read_json(pyodide_dir / "pyodide-lock.json")
    info = lock.get("info")
    if not isinstance(info, dict):
        raise PwaBuildError(f"{pyodide_dir / 'pyodide-lock.json'} has no 'info' object")
    lock_where = f"{pyodide_dir / 'pyodide-lock.json'} info"
    return Pyodide(
        version=_field(package, "version", r"\d+(\.\d+)+", str(pyodide_dir / "package.json")),
        python_full_version=_field(info, "python", r"\d+\.\d+\.\d+\w*", lock_where),
        abi_version=_field(info, "abi_version", r"\d+_\d+", lock_where),
        arch=_field(info, "arch", r"wasm(32|64)", lock_where),
    )


def flet_web_dir() -> Path:
    """flet-web's ``web`` folder (its prebuilt client and Pyodide), checked to have Pyodide."""
    try:
        import flet_web  # type: ignore[import-untyped]
    except ImportError as exc:
        raise PwaBuildError("flet-web is not installed; install the project first") from exc
    web_dir = Path(flet_web.__file__).parent / "web"
    if not (web_dir / "pyodide" / "pyodide-lock.json").exists():
        raise PwaBuildError(f"{web_dir} has no Pyodide runtime; reinstall flet-web")
    return web_dir


def flet_web_version() -> str:
    """The installed flet-web's version, for messages about what it no longer does."""
    try:
        return importlib.metadata.version("flet-web")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


# --- pydantic in the browser ---------------------------------------------------------------

# The project's own pyproject.toml (an editable install, as the README's commands make).
PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def exact_pin(name: str, pyproject: Path = PYPROJECT) -> str:
    """The X of ``name==X`` in ``pyproject``'s ``[project] dependencies`` (read with tomllib;
    extras and markers allowed, names compared as normalised); a build error if there is none."""
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PwaBuildError(f"cannot read {pyproject}: {exc}") from exc
    wanted = re.sub(r"[-_.]+", "-", name).lower()
    spec = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*==\s*([^\s;,]+)\s*")
    for requirement in project.get("dependencies", []):
        found = spec.fullmatch(str(requirement).split(";")[0])
        if found and re.sub(r"[-_.]+", "-", found.group(1)).lower() == wanted:
            return found.group(2)
    raise PwaBuildError(
        f"{pyproject} pins no {name}==X in [project] dependencies: the static build needs an "
        f"exact {name} version known to have a Pyodide wheel (see pwa/UPGRADING.md)"
    )


def browser_pydantic_pin(pyproject: Path = PYPROJECT) -> str:
    """The pydantic the browser falls back to when the installed one has no wasm core.

    pydantic is compiled, and only versions whose pydantic-core has a wheel for Pyodide's ABI
    run in the browser (none of 2.13.x has: their cores are 2.46.x, the first wasm core is
    2.47.0). The fallback is the project's own pin, the version it is tested with: one pin,
    not a second copy in the build that goes stale."""
    return exact_pin("pydantic", pyproject)


# Versions a newer pydantic needs that the desktop's installed ones may not satisfy; pure
# wheels, so any Python runs them. Check them against the pydantic wheel's Requires-Dist when
# the pydantic pin moves.
BROWSER_PURE_PINS = {"typing-extensions": "4.16.0", "typing-inspection": "0.4.5"}

# --- the Rive runtime flet-web's client asks a CDN for -------------------------------------

# The Rive plugin in flet-web's client loads its runtime from a CDN at start-up; the app has
# no Rive animation, so the build and the web server point it at a local path that is not
# shipped (the load fails quietly, as it does offline). The version in the URL changes with
# flet-web: the client file is searched for this pattern, not for one URL.
RIVE_CDN_PATTERN = re.compile(
    rb"https://cdn\.jsdelivr\.net/npm/@rive-app/flutter-native-wasm@[0-9][0-9A-Za-z.+-]{0,40}/"
)
RIVE_LOCAL_PREFIX = b"./rive-runtime-not-bundled"


def rive_cdn_base(version: str) -> str:
    """The CDN base a client of Rive ``version`` names (flet-web 1.0.5: ``44.0.0``)."""
    return f"https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@{version}/"


def rive_local_base(cdn_base: bytes) -> bytes:
    """The local path that replaces ``cdn_base``: of the same length, so the compiled wasm
    client's string data keeps its size and offsets."""
    if len(cdn_base) <= len(RIVE_LOCAL_PREFIX):
        raise ValueError(f"{cdn_base!r} is too short to hold {RIVE_LOCAL_PREFIX!r}")
    return RIVE_LOCAL_PREFIX.ljust(len(cdn_base) - 1, b"-") + b"/"


# --- the worker's relink of compiled extensions into a restored snapshot -------------------

# What relinkLibraries (client/python-worker.js) uses of Emscripten's dynamic linker, as
# Pyodide 314 exports it on its module object. The build writes this list into the worker in
# place of __LINKER_PARTS__ (pwa.bundle), so it exists once; a Pyodide that lacks one of them
# gets a plain start (no snapshot) instead of a broken one.
LINKER_PARTS = (
    "wasmTable",
    "HEAPU8",
    "LDSO",
    "GOTHandler",
    "getDylinkMetadata",
    "resolveGlobalSymbol",
    "updateTableMap",
    "relocateExports",
    "updateGOT",
    "reportUndefinedSymbols",
)
LINKER_PARTS_PLACEHOLDER = "__LINKER_PARTS__"

# --- what the snapshot imports beyond the app's own modules --------------------------------

# Measured: what a start of the app imports, then the screens it opens later. The app's own
# modules are not listed: pwa.snapshot walks the staged app for them. Each name here must be
# found (in Pyodide's python_stdlib.zip, or in the staged app / its __pypackages__), or the
# build fails naming it: a package that renamed a module must not quietly slow the start.
SNAPSHOT_STDLIB_IMPORTS = (
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
)
SNAPSHOT_PACKAGE_IMPORTS = (
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
    "flet_lottie",
)
