"""The app's Python dependencies, packed as files into ``__pypackages__`` for Pyodide.

Why not micropip at run time: it would fetch from the package index on the phone, which breaks
the offline promise and costs seconds on every cold start. Why wheels we unpack ourselves: the
result is the same on every build (sorted, no byte-code, no host ``.so`` files) and the
downloads are cached across builds, so a rebuild needs no network at all.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from pwa import pins
from pwa.errors import PwaBuildError

# Pure packages the app needs in the browser, beyond pydantic and what its imports add, at
# the versions installed here. (Pyodide's Python, ABI tag and the pydantic pin: pwa.pins.)
BASE_PACKAGES = ("flet", "repath", "six", "msgpack", "tinydb", "annotated-types")
# Import name in the app -> the package that provides it in the browser.
OPTIONAL_BY_IMPORT = {
    "flet_audio": "flet-audio",
    "flet_lottie": "flet-lottie",
    "zoneinfo": "tzdata",
    "tzdata": "tzdata",
}

_CORE_RE = re.compile(
    r"^pydantic_core-(?P<version>[0-9][^-]*)-cp(?P<py>\d+)-cp\d+-(?P<platform>[a-z0-9_]+)\.whl$"
)


def core_wheel_problem(filename: str, expected_version: str, pyodide: pins.Pyodide) -> str | None:
    """Why ``filename`` is not the pydantic-core wheel ``pyodide`` needs, or None if it is.

    The index answers an unknown platform tag with a placeholder ``pydantic_core-0.0.1``
    pure wheel instead of an error; installing that gives an app that dies at import.
    """
    match = _CORE_RE.match(filename)
    if match is None:
        return f"{filename} is not a compiled pydantic-core wheel (placeholder or pure wheel?)"
    if match["version"] != expected_version:
        return f"{filename} is pydantic-core {match['version']}, pydantic needs {expected_version}"
    if f"cp{match['py']}" != pyodide.cpython_tag or match["platform"] != pyodide.wheel_platform:
        return f"{filename} is not for {pyodide.cpython_tag} / {pyodide.wheel_platform}"
    return None


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _cached_wheel(cache: Path, name: str, version: str) -> Path | None:
    prefix = f"{_normal(name)}-{version}-"
    for wheel in sorted(cache.glob("*.whl")):
        if wheel.name.lower().startswith(prefix):
            return wheel
    return None


def _pip_download(
    cache: Path, specs: list[str], extra: list[str], log: Callable[[str], None]
) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(cache)]
    log(f"  downloading {', '.join(specs)}")
    result = subprocess.run([*cmd, *extra, *specs], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PwaBuildError(
            f"pip download failed for {', '.join(specs)}:\n{result.stderr.strip()[-2000:]}"
        )


def _installed_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _required_core(pydantic_wheel: Path) -> str:
    with zipfile.ZipFile(pydantic_wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        text = zf.read(meta).decode()
    found = re.search(r"^Requires-Dist: pydantic-core==(\S+)", text, re.MULTILINE)
    if found is None:
        raise PwaBuildError(f"{pydantic_wheel.name} does not pin a pydantic-core version")
    return found.group(1)


def _core_wheel(
    cache: Path, version: str, pyodide: pins.Pyodide, log: Callable[[str], None]
) -> Path | None:
    """The wasm pydantic-core wheel, from the cache or the index; None if the index has none."""
    wheel = _cached_wheel(cache, "pydantic_core", version)
    if wheel is None:
        extra = ["--only-binary=:all:", "--platform", pyodide.wheel_platform]
        extra += ["--python-version", pyodide.python_version]
        try:
            _pip_download(cache, [f"pydantic-core=={version}"], extra, log)
        except PwaBuildError:
            return None
        wheel = _cached_wheel(cache, "pydantic_core", version)
    if wheel is None:
        return None
    problem = core_wheel_problem(wheel.name, version, pyodide)
    if problem:
        raise PwaBuildError(f"wrong pydantic-core wheel for the browser: {problem}")
    return wheel


def _pure_wheel(cache: Path, name: str, version: str, log: Callable[[str], None]) -> Path:
    wheel = _cached_wheel(cache, name, version)
    if wheel is None:
        _pip_download(cache, [f"{name}=={version}"], ["--only-binary=:all:"], log)
        wheel = _cached_wheel(cache, name, version)
    if wheel is None:
        raise PwaBuildError(f"no wheel for {name}=={version} in {cache} after download")
    return wheel


def resolve_wheels(
    cache: Path,
    imports: Iterable[str],
    log: Callable[[str], None],
    *,
    pyodide: pins.Pyodide,
    pydantic_pin: str,
) -> tuple[list[Path], str]:
    """Every wheel the browser needs, and the pydantic version it will run.

    pydantic: the installed one if its pydantic-core has a wheel for ``pyodide``'s ABI, else
    ``pydantic_pin`` (``pins.browser_pydantic_pin``, the project's own pin)."""
    cache.mkdir(parents=True, exist_ok=True)
    wheels: list[Path] = []
    names = list(BASE_PACKAGES)
    names += sorted({OPTIONAL_BY_IMPORT[i] for i in imports if i in OPTIONAL_BY_IMPORT})
    for name in names:
        version = _installed_version(name)
        if version is None:
            raise PwaBuildError(f"{name} is not installed here; install the project first")
        wheels.append(_pure_wheel(cache, name, version, log))
    for name, version in pins.BROWSER_PURE_PINS.items():
        wheels.append(_pure_wheel(cache, name, version, log))

    platform = pyodide.wheel_platform
    candidates = [v for v in (_installed_version("pydantic"), pydantic_pin) if v]
    for pydantic_version in dict.fromkeys(candidates):
        pydantic_wheel = _pure_wheel(cache, "pydantic", pydantic_version, log)
        core_version = _required_core(pydantic_wheel)
        core = _core_wheel(cache, core_version, pyodide, log)
        if core is not None:
            if pydantic_version != candidates[0]:
                log(
                    f"  note: pydantic {candidates[0]} has no pydantic-core {platform} "
                    f"wheel; the browser runs pydantic {pydantic_version} (core {core_version})"
                )
            return [*wheels, pydantic_wheel, core], pydantic_version
    raise PwaBuildError(
        f"no pydantic-core wheel for {platform} / Python {pyodide.python_version} matches any "
        f"of pydantic {', '.join(candidates)}; pin a pydantic whose core has one"
    )


# Never imported by the app in the browser: test helpers, type-checker plugins, pydantic's v1
# compatibility package (imported only for models with v1-style validators, which the app
# has none of), and typing markers. Checked by the snapshot step, which imports what starts.
UNNEEDED = (
    "flet/testing/",
    "flet/pytest_plugin.py",
    "pydantic/v1/",
    "pydantic/mypy.py",
)
# Of a package's metadata only METADATA is read at run time (importlib.metadata.version);
# licences, RECORD, WHEEL and entry points are for installers.
KEPT_METADATA = ("METADATA",)


def _unneeded(rel: str) -> bool:
    if rel.startswith(UNNEEDED) or rel.endswith("/py.typed"):
        return True
    parts = rel.split("/")
    in_metadata = len(parts) > 1 and parts[0].endswith(".dist-info")
    return in_metadata and (len(parts) > 2 or parts[1] not in KEPT_METADATA)


def unpack_wheels(wheels: Iterable[Path], target: Path, wheel_platform: str) -> None:
    """Unpack wheels into ``target`` as pip --target would, minus byte-code, host binaries
    (``.so`` files of wheels not for ``wheel_platform``, Pyodide's) and what the browser never
    reads (``UNNEEDED``, metadata beyond ``KEPT_METADATA``)."""
    target.mkdir(parents=True, exist_ok=True)
    for wheel in sorted(wheels, key=lambda p: p.name):
        with zipfile.ZipFile(wheel) as zf:
            for member in sorted(zf.namelist()):
                rel = member
                parts = member.split("/")
                if parts[0].endswith(".data"):
                    if len(parts) < 3 or parts[1] not in ("purelib", "platlib"):
                        continue
                    rel = "/".join(parts[2:])
                if member.endswith("/") or rel.endswith((".pyc", ".pyi")) or "__pycache__" in rel:
                    continue
                # A host-built extension would never load in Pyodide; msgpack falls back to
                # its pure-Python implementation without it.
                is_host_binary = rel.endswith(".so") and wheel_platform not in wheel.name
                if is_host_binary or _unneeded(rel):
                    continue
                dest = target / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, dest.open("wb") as out:
                    shutil.copyfileobj(src, out)
