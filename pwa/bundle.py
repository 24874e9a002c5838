"""Finishing ``flet publish``'s output: a reproducible app archive, unused files dropped, our
own Python client (early worker start), the Pyodide snapshot, the page patched, the app's
manifest and icons, and the versioned service worker.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from pwa import compress, pins, snapshot, web
from pwa.errors import PwaBuildError

# "auto", as Flutter chooses: Chromium-based browsers (Chrome on Android included) run the
# dart2wasm client with the skwasm renderer, every other browser the dart2js client with
# CanvasKit. Measured offline in headless Chromium: the first frame came ~1.5 s sooner with
# skwasm (dart2js' 9.6 MB main.dart.js took 1.7-2.5 s to evaluate on the main thread).
# flet publish defaults to canvaskit because dart2wasm pays more per message crossing from
# the Python worker; this app sends a few small updates a second, and the e2e test plays a
# whole lesson through that path.
RENDERER = "auto"
# What each variant loads, named as the service worker names them (see rendererVariant in
# service_worker.js, which mirrors flutter.js's choice): a phone stores only its own.
RENDERER_FILES = {
    "skwasm": [
        "main.dart.wasm",
        "main.dart.mjs",
        "canvaskit/skwasm.js",
        "canvaskit/skwasm.wasm",
    ],
    "skwasm_heavy": [
        "main.dart.wasm",
        "main.dart.mjs",
        "canvaskit/skwasm_heavy.js",
        "canvaskit/skwasm_heavy.wasm",
    ],
    "chromium": [
        "main.dart.js",
        "canvaskit/chromium/canvaskit.js",
        "canvaskit/chromium/canvaskit.wasm",
    ],
    "full": ["main.dart.js", "canvaskit/canvaskit.js", "canvaskit/canvaskit.wasm"],
}
# Never requested by this build: another renderer, debug symbols and source maps.
UNUSED = (
    "flutter.js.map",
    "canvaskit/wimp.js",
    "canvaskit/wimp.wasm",
    "canvaskit/experimental_webparagraph",
    # Pyodide's Node/CLI entry points, type stubs and the classic-worker loader; micropip and
    # packaging are never loaded (the archive holds every package, with no requirements).
    "pyodide/python",
    "pyodide/python.bat",
    "pyodide/python.exe",
    "pyodide/python_cli_entry.mjs",
    "pyodide/pyodide.js",
    "pyodide/ffi.d.ts",
    "pyodide/pyodide.d.ts",
    "pyodide/package.json",
)
UNUSED_GLOBS = ("pyodide/micropip-*.whl", "pyodide/packaging-*.whl", "*.py", "**/*.symbols")
# Our replacements of flet-web's Python client (see client/python.js), and what flet-web's
# own files must still contain for them to speak the same protocol with main.dart.js.
CLIENT_DIR = Path(__file__).with_name("client")
CLIENT_FILES = {
    "python.js": ("globalThis.jsConnect", "globalThis.jsSend", "globalThis.jsDisconnect"),
    "python-worker.js": ("flet_js.start_connection", '"initialized"', "flet_js.send("),
}
# Filled in as our client files are copied: facts pwa.pins owns, so they exist once.
CLIENT_PLACEHOLDERS = {
    "python-worker.js": {
        pins.LINKER_PARTS_PLACEHOLDER: json.dumps(list(pins.LINKER_PARTS), indent=2),
    },
}
# On disk for the features that need them, but no start-up loads them: not pre-cached.
NOT_PRECACHED_PREFIXES = ("assets/NOTICES", "assets/packages/", "flutter_service_worker.js")
# Fetched by the Python worker: compressed by the host, or its .gz copy where the host sends
# files as they are (client/python-worker.js fetchPayload; the service worker does the same).
STDLIB = f"pyodide/{pins.PYODIDE_STDLIB}"
PAYLOADS = (snapshot.APP_ARCHIVE, snapshot.SNAPSHOT_FILE, STDLIB)
COMPRESSED_CACHE = "compressed"
"""Under the build's cache folder: brotli copies of files every build shares, by content."""
FIXED_MTIME = 315532800  # 1980-01-01, the earliest a zip can hold; any fixed value would do


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def sourceless(app_dir: Path) -> int:
    """Keep one copy of each module: its byte-code, moved beside where its source was
    (``x.pyc`` is what Python imports when there is no ``x.py``), the source removed. Returns
    how many modules. A module without byte-code (a ``--no-snapshot`` build) keeps its source.

    Measured: the archive carried 4.6 MB of sources beside 5.4 MB of byte-code. Byte-code, not
    sources, because the browser would otherwise compile every module the snapshot did not
    import; tracebacks still name the file and line."""
    moved = 0
    for cache in sorted(p for p in app_dir.rglob("__pycache__") if p.is_dir()):
        for compiled in sorted(cache.glob("*.pyc")):
            stem = compiled.name.split(".")[0]
            source = cache.parent / f"{stem}.py"
            if source.is_file():
                compiled.replace(cache.parent / f"{stem}.pyc")
                source.unlink()
                moved += 1
        shutil.rmtree(cache)
    return moved


def store_stdlib(path: Path) -> None:
    """Rewrite Pyodide's standard library zip with its members stored, not deflated.

    Deflated per member it is 2.55 MB and a host cannot shrink it; stored (9.7 MB) its brotli
    copy is 1.8 MB, since brotli sees across members. The worker fetches it like the other
    payloads and hands Pyodide the bytes. Same members, order and times: same input, same
    bytes. Before the snapshot: the snapshot's zip importer remembers this exact file."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as target:
        for info, data in members:
            info.compress_type = zipfile.ZIP_STORED
            target.writestr(info, data)
    path.write_bytes(raw.getvalue())


def app_archive(app_dir: Path) -> bytes:
    """``app.tar`` with sorted members, fixed times and owners: same input, same bytes.

    Unlike publish's archive it has no ``requirements.txt``: everything is in
    ``__pypackages__``, so the page never loads micropip. ``assets/`` is served by the page.
    Uncompressed: hosts send its brotli copy (25% smaller than gzip), others the gzip copy.
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
    return raw.getvalue()


def _drop_unused(dist: Path) -> None:
    for rel in UNUSED:
        target = dist / rel
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for pattern in UNUSED_GLOBS:
        for path in dist.glob(pattern):
            path.unlink()


def _prune_fonts(dist: Path) -> None:
    manifest = dist / "assets" / "FontManifest.json"
    if manifest.is_file():
        for asset in web.prune_font_manifest_file(manifest, manifest):
            (dist / "assets" / asset).unlink(missing_ok=True)


def _localise_rive(dist: Path, log: Callable[[str], None]) -> None:
    for name in ("main.dart.js", "main.dart.wasm"):
        client = dist / name
        if client.is_file() and not web.localise_rive_file(client):
            log(f"  note: {name} no longer names the Rive CDN; nothing to point elsewhere")


def render_client(name: str, template: str | None = None) -> str:
    """Our client file ``name`` (from ``CLIENT_DIR`` unless ``template`` is given) with its
    ``CLIENT_PLACEHOLDERS`` filled in; a placeholder it lacks, or one left, fails the build."""
    text = (CLIENT_DIR / name).read_text(encoding="utf-8") if template is None else template
    for placeholder, value in CLIENT_PLACEHOLDERS.get(name, {}).items():
        if text.count(placeholder) != 1:
            raise PwaBuildError(
                f"pwa/client/{name} has {text.count(placeholder)} {placeholder}, not one"
            )
        text = text.replace(placeholder, value)
    return text


def _replace_python_client(dist: Path) -> None:
    """Put our python.js and python-worker.js in place of flet-web's, after checking that
    flet-web's still use the calls ours implement (a flet-web upgrade must fail loudly)."""
    for name, markers in CLIENT_FILES.items():
        published = dist / name
        if not published.is_file():
            raise PwaBuildError(
                f"flet publish wrote no {name} (flet-web {pins.flet_web_version()}): "
                f"pwa/client/{name} replaces it; see pwa/UPGRADING.md"
            )
        text = published.read_text(encoding="utf-8")
        missing = [m for m in markers if m not in text]
        if missing:
            raise PwaBuildError(
                f"flet-web {pins.flet_web_version()}'s {name} no longer has "
                f"{', '.join(missing)}: pwa/client/{name} mirrors flet-web 1.0.5's worker "
                "protocol; update it for this flet-web (see pwa/UPGRADING.md)"
            )
        published.write_text(render_client(name), encoding="utf-8")


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


def _is_copy(dist: Path, rel: str) -> bool:
    """A precompressed copy (``X.br``, ``X.gz`` beside ``X``): hosts send it in place of ``X``."""
    return any(rel.endswith(s) and (dist / rel[: -len(s)]).is_file() for _, s in compress.ENCODINGS)


def precache_lists(dist: Path) -> tuple[list[str], dict[str, list[str]]]:
    """What a load needs: every shipped file but the renderer variants, lazy extras and the
    precompressed copies (the worker pre-caches the payloads its own way: ``PAYLOADS``)."""
    variant_files = {f for files in RENDERER_FILES.values() for f in files}
    core = ["./"]
    for rel in _files(dist):
        if rel in variant_files or rel == web.SW_FILE or rel.startswith(NOT_PRECACHED_PREFIXES):
            continue
        if _is_copy(dist, rel) or rel in PAYLOADS:
            continue
        core.append(rel)
    fonts = json.loads((dist / "assets" / "FontManifest.json").read_text(encoding="utf-8"))
    core += [f"assets/{f['asset']}" for family in fonts for f in family["fonts"]]
    renderers = {k: [f for f in v if (dist / f).exists()] for k, v in RENDERER_FILES.items()}
    return sorted(set(core)), renderers


def finish(
    app_dir: Path,
    dist: Path,
    web_dir: Path,
    log: Callable[[str], None],
    *,
    make_snapshot: bool = True,
    cache: Path | None = None,
) -> str:
    """Turn publish's output into the PWA; returns the build version in the cache name.

    ``cache`` keeps the brotli copies of the files every build shares (see ``pwa.compress``)."""
    _drop_unused(dist)
    _prune_fonts(dist)
    _localise_rive(dist, log)
    _replace_python_client(dist)
    snapshot_url = None
    snapshot_links = None
    stdlib = dist / STDLIB
    store_stdlib(stdlib)
    compress.compress_file(stdlib, compress.BUILD_BROTLI_QUALITY, cache)
    imports: list[str] = []
    if make_snapshot:
        log("  byte-code for Pyodide in Node ...")
        snapshot.compile_bytecode(dist / "pyodide", app_dir)
        # Read from the sources, so before they go.
        imports = snapshot.snapshot_imports(app_dir, dist / "pyodide" / pins.PYODIDE_STDLIB)
        log(f"  {sourceless(app_dir)} modules as byte-code only")
    archive = dist / snapshot.APP_ARCHIVE
    archive.write_bytes(app_archive(app_dir))
    compress.compress_file(archive, compress.PAYLOAD_BROTLI_QUALITY)
    if make_snapshot:
        size, snapshot_links = snapshot.make_snapshot(dist, imports, log)
        log(f"  {snapshot.SNAPSHOT_FILE}: {size / 1e6:.1f} MB")
        snapshot_url = snapshot.SNAPSHOT_FILE
    index = dist / "index.html"
    html = web.patch_index_html(
        index.read_text(encoding="utf-8"),
        snapshot_url=snapshot_url,
        snapshot_links=snapshot_links,
        app_package=snapshot.APP_ARCHIVE,
    )
    index.write_text(html, encoding="utf-8")
    boot = dist / "flutter_bootstrap.js"
    boot.write_text(web.strip_flutter_service_worker(boot.read_text(encoding="utf-8")), "utf-8")
    if "serviceWorkerSettings: {" in boot.read_text(encoding="utf-8"):
        log("  warning: flutter_bootstrap.js still mentions serviceWorkerSettings")
    _apply_app_manifest(app_dir, dist, web_dir)
    log("  precompressing (brotli, gzip) ...")
    done = compress.precompress(
        dist,
        brotli_quality=compress.BUILD_BROTLI_QUALITY,
        skip=lambda rel: rel in PAYLOADS or _is_copy(dist, rel),
        cache=cache,
        workers=os.cpu_count() or 1,
    )
    log(f"  {done.files} files, {done.raw_bytes / 1e6:.1f} MB -> {done.best_bytes / 1e6:.1f} MB")

    version = web.build_version((rel, (dist / rel).read_bytes()) for rel in _files(dist))
    core, renderers = precache_lists(dist)
    (dist / web.SW_FILE).write_text(
        web.render_service_worker(version, core, renderers, payloads=PAYLOADS), encoding="utf-8"
    )
    log(f"  service worker cache micropause-{version}: {len(core)} core files")
    return version
