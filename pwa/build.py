"""``build_pwa``: the repository in, a folder of static files out, with no server and no CDN.

Steps, in order: local build manifest and Pyodide cache (so ``flet publish`` asks GitHub for
nothing), a staged copy of the app with its dependencies in ``__pypackages__``, ``flet
publish --no-cdn``, then our own finishing: a reproducible ``app.tar``, files no load uses
removed, the page patched, the app's manifest and icons, and a versioned service worker.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from pwa import bundle, pins, web
from pwa.deps import resolve_wheels, unpack_wheels
from pwa.errors import PwaBuildError

__all__ = ["PwaBuildError", "build_pwa", "default_cache_dir"]

APP_ITEMS = ("main.py", "data", "views", "assets")
IGNORED = shutil.ignore_patterns(
    "__pycache__", "*.pyc", ".*", "tests", "benchmarks", "*.tmp-*", ".mypy_cache"
)


def default_cache_dir() -> Path:
    """Downloaded wheels live here between builds; ``MICROPAUSE_PWA_CACHE`` moves it."""
    env = os.environ.get("MICROPAUSE_PWA_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "micropause-pwa"


def _prefill_pyodide_cache(web_dir: Path, flet_cache: Path, pyodide: pins.Pyodide) -> None:
    """Put flet-web's own Pyodide where publish looks, so it downloads nothing.

    Only the files a page loads are copied: publish copies this folder into the build as is.
    """
    target = flet_cache / "pyodide" / pyodide.version
    target.mkdir(parents=True, exist_ok=True)
    for name in pins.PYODIDE_FILES:
        src = web_dir / "pyodide" / name
        if not src.is_file():
            raise PwaBuildError(
                f"flet-web {pins.flet_web_version()} ships no pyodide/{name}: "
                "pwa.pins.PYODIDE_FILES lists what a page loads; see pwa/UPGRADING.md"
            )
        if name == "pyodide-lock.json":
            lock = web.fix_pyodide_lock(src.read_text(encoding="utf-8"), pyodide.version)
            (target / name).write_text(lock, encoding="utf-8")
        else:
            shutil.copyfile(src, target / name)


def _pyproject(repo_root: Path) -> Path:
    """The pyproject.toml whose pins the build follows: the built app's, else this project's."""
    own = repo_root / "pyproject.toml"
    return own if own.is_file() else pins.PYPROJECT


def _app_imports(app_dir: Path) -> set[str]:
    """Top-level module names the app's code imports, to pick optional browser packages."""
    names: set[str] = set()
    for path in sorted(app_dir.rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError as exc:
            raise PwaBuildError(f"{path} does not parse: {exc}") from exc
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def _stage_app(repo_root: Path, app_dir: Path) -> None:
    if not (repo_root / "main.py").is_file():
        raise PwaBuildError(f"{repo_root / 'main.py'} is missing: nothing to build")
    app_dir.mkdir(parents=True)
    for item in APP_ITEMS:
        src = repo_root / item
        if src.is_dir():
            shutil.copytree(src, app_dir / item, ignore=IGNORED)
        elif src.is_file():
            shutil.copyfile(src, app_dir / item)


def _publish(app_dir: Path, out_dir: Path, env: dict[str, str], log: Callable[[str], None]) -> None:
    cmd = [
        sys.executable,
        "-c",
        "import sys; from flet.cli import main; sys.argv[0] = 'flet'; main()",
        "publish",
        str(app_dir / "main.py"),
        "--no-cdn",
        "--distpath",
        str(out_dir),
        "--app-name",
        web.APP_TITLE,
        "--app-short-name",
        web.APP_TITLE,
        "--app-description",
        "Short guided body practices for people who sit too much.",
        "--web-renderer",
        bundle.RENDERER,
        "--route-url-strategy",
        "hash",
    ]
    log("flet publish --no-cdn ...")
    result = subprocess.run(
        cmd, cwd=app_dir, env=env, capture_output=True, text=True, check=False, timeout=600
    )
    if result.returncode != 0 or not (out_dir / "index.html").exists():
        tail = (result.stdout + result.stderr).strip()[-3000:]
        raise PwaBuildError(f"flet publish failed (exit {result.returncode}):\n{tail}")


def build_pwa(
    repo_root: Path,
    out_dir: Path,
    *,
    log: Callable[[str], None] = print,
    snapshot: bool = True,
) -> None:
    """Build the offline PWA of the app in ``repo_root`` into ``out_dir`` (replaced if present).

    Needs the package index only for wheels not yet in the cache (see ``default_cache_dir``);
    never GitHub or a CDN. ``snapshot`` (the default) runs Pyodide once in Node to save the
    start-up snapshot (see ``pwa.snapshot``); it needs ``node`` >= 18. Raises
    ``PwaBuildError`` naming the step that failed.
    """
    repo_root = repo_root.resolve()
    out_dir = out_dir.resolve()
    if out_dir == repo_root or (repo_root in out_dir.parents and out_dir.name in APP_ITEMS):
        raise PwaBuildError(f"refusing to build into {out_dir}: it would overwrite the app")
    web_dir = pins.flet_web_dir()
    pyodide = pins.read_pyodide(web_dir / "pyodide")
    pydantic_pin = pins.browser_pydantic_pin(_pyproject(repo_root))
    cache = default_cache_dir()
    with tempfile.TemporaryDirectory(prefix="micropause-pwa-") as tmp_name:
        tmp = Path(tmp_name)
        env = dict(os.environ)
        manifest = web.write_build_manifest(tmp / "manifest.json", pyodide)
        env["FLET_PYTHON_BUILD_MANIFEST"] = str(manifest)
        env["FLET_CACHE_DIR"] = str(tmp / "flet-cache")
        env.pop("FLET_WEB_RENDERER", None)
        env.pop("FLET_ASSETS_DIR", None)
        _prefill_pyodide_cache(web_dir, tmp / "flet-cache", pyodide)

        app_dir = tmp / "app"
        log(f"staging {repo_root} ...")
        _stage_app(repo_root, app_dir)
        log("resolving browser packages ...")
        log(
            f"  Pyodide {pyodide.version}: Python {pyodide.python_full_version}, wheels for "
            f"{pyodide.wheel_platform}"
        )
        wheels, pydantic_version = resolve_wheels(
            cache / "wheels",
            _app_imports(app_dir),
            log,
            pyodide=pyodide,
            pydantic_pin=pydantic_pin,
        )
        unpack_wheels(wheels, app_dir / "__pypackages__", pyodide.wheel_platform)
        log(f"  {len(wheels)} wheels unpacked (pydantic {pydantic_version} in the browser)")

        _publish(app_dir, out_dir, env, log)
        bundle.finish(
            app_dir,
            out_dir,
            web_dir,
            log,
            make_snapshot=snapshot,
            cache=cache / bundle.COMPRESSED_CACHE,
        )
    log(f"built {out_dir} ({bundle.folder_size(out_dir) / 1e6:.1f} MB)")


def main(argv: list[str] | None = None) -> int:
    """``python -m pwa.build [--out DIR]``: the same as main.py's ``build-pwa``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m pwa.build", description=build_pwa.__doc__)
    parser.add_argument("--out", type=Path, default=Path("build/pwa"))
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument(
        "--no-snapshot",
        action="store_true",
        help="skip the Pyodide snapshot (no Node.js needed; starts several seconds slower)",
    )
    args = parser.parse_args(argv)
    try:
        build_pwa(args.repo, args.out, snapshot=not args.no_snapshot)
    except PwaBuildError as exc:
        print(f"build-pwa failed: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"out": str(args.out.resolve())}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
