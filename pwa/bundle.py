"""Finishing ``flet publish``'s output: a reproducible app archive, unused files dropped, the
page patched, the app's manifest and icons, and the versioned service worker.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path

from pwa import web

# CanvasKit (dart2js) rather than skwasm: flet's own default for Pyodide apps, and one client
# for every browser. Chromium loads canvaskit/chromium/, other engines canvaskit/.
RENDERER = "canvaskit"
RENDERER_FILES = {
    "chromium": ["canvaskit/chromium/canvaskit.js", "canvaskit/chromium/canvaskit.wasm"],
    "full": ["canvaskit/canvaskit.js", "canvaskit/canvaskit.wasm"],
}
# Never requested by a canvaskit build: other renderers, debug symbols and source maps.
UNUSED = (
    "main.dart.wasm",
    "main.dart.mjs",
    "flutter.js.map",
    "canvaskit/skwasm.js",
    "canvaskit/skwasm.wasm",
    "canvaskit/skwasm_heavy.js",
    "canvaskit/skwasm_heavy.wasm",
    "canvaskit/wimp.js",
    "canvaskit/wimp.wasm",
    "canvaskit/experimental_webparagraph",
)
# On disk for the features that need them, but no start-up loads them: not pre-cached.
NOT_PRECACHED_PREFIXES = ("assets/NOTICES", "assets/packages/", "flutter_service_worker.js")
FIXED_MTIME = 315532800  # 1980-01-01, the earliest a zip can hold; any fixed value would do


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def app_archive(app_dir: Path) -> bytes:
    """``app.tar.gz`` with sorted members, fixed times and owners: same input, same bytes.

    Unlike publish's archive it has no ``requirements.txt``: everything is in
    ``__pypackages__``, so the page never loads micropip. ``assets/`` is served by the page.
    """
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for rel in _files(app_dir):
            if rel.startswith("assets/") or rel in ("requirements.txt", "pyproject.toml"):
                continue
            info = tarfile.TarInfo(rel)
            data = (app_dir / rel).read_bytes()
            info.size, info.mtime, info.mode = len(data), FIXED_MTIME, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), compresslevel=9, mtime=0)


def _drop_unused(dist: Path) -> None:
    for rel in UNUSED:
        target = dist / rel
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for symbols in dist.rglob("*.symbols"):
        symbols.unlink()


def _apply_app_manifest(app_dir: Path, dist: Path, web_dir: Path) -> None:
    """The app's manifest.json and icons win over flet's, whatever publish did with them."""
    assets = app_dir / "assets"
    default = json.loads((web_dir / "manifest.json").read_text(encoding="utf-8"))
    app_manifest_path = assets / "manifest.json"
    app_manifest = (
        json.loads(app_manifest_path.read_text(encoding="utf-8"))
        if app_manifest_path.exists()
        else {}
    )
    merged = web.merge_manifest(default, app_manifest)
    (dist / "manifest.json").write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
    for name in ("icons", "favicon.png"):
        src = assets / name
        if src.is_dir():
            shutil.copytree(src, dist / name, dirs_exist_ok=True)
        elif src.is_file():
            shutil.copyfile(src, dist / name)


def precache_lists(dist: Path) -> tuple[list[str], dict[str, list[str]]]:
    """What a load needs: every shipped file but the renderer variants and lazy extras."""
    variant_files = {f for files in RENDERER_FILES.values() for f in files}
    core = ["./"]
    for rel in _files(dist):
        if rel in variant_files or rel == web.SW_FILE or rel.startswith(NOT_PRECACHED_PREFIXES):
            continue
        core.append(rel)
    fonts = json.loads((dist / "assets" / "FontManifest.json").read_text(encoding="utf-8"))
    core += [f"assets/{f['asset']}" for family in fonts for f in family["fonts"]]
    renderers = {k: [f for f in v if (dist / f).exists()] for k, v in RENDERER_FILES.items()}
    return sorted(set(core)), renderers


def finish(app_dir: Path, dist: Path, web_dir: Path, log: Callable[[str], None]) -> str:
    """Turn publish's output into the PWA; returns the build version in the cache name."""
    (dist / "app.tar.gz").write_bytes(app_archive(app_dir))
    _drop_unused(dist)
    index = dist / "index.html"
    index.write_text(web.patch_index_html(index.read_text(encoding="utf-8")), encoding="utf-8")
    boot = dist / "flutter_bootstrap.js"
    boot.write_text(web.strip_flutter_service_worker(boot.read_text(encoding="utf-8")), "utf-8")
    if "serviceWorkerSettings: {" in boot.read_text(encoding="utf-8"):
        log("  warning: flutter_bootstrap.js still mentions serviceWorkerSettings")
    _apply_app_manifest(app_dir, dist, web_dir)

    version = web.build_version((rel, (dist / rel).read_bytes()) for rel in _files(dist))
    core, renderers = precache_lists(dist)
    (dist / web.SW_FILE).write_text(
        web.render_service_worker(version, core, renderers), encoding="utf-8"
    )
    log(f"  service worker cache micropause-{version}: {len(core)} core files")
    return version
