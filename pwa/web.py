"""Text patches and generated files of the static build: each one a pure function, so tests
can check them without building anything.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import re
from collections.abc import Iterable
from pathlib import Path

from pwa import pins

APP_TITLE = "Micro Pause"
SW_FILE = "service_worker.js"
SW_TEMPLATE = Path(__file__).with_name("service_worker.js")


def build_manifest(pyodide: pins.Pyodide) -> dict[str, object]:
    """The Python build manifest flet publish would otherwise fetch from GitHub, naming the
    Pyodide flet-web ships (``pins.read_pyodide``), so publish takes the one we pre-cache."""
    return {
        "default_python_version": pyodide.python_version,
        "pythons": {
            pyodide.python_version: {
                "full_version": pyodide.python_full_version,
                "pyodide_version": pyodide.version,
                "android_abis": [],
                "prerelease": False,
            }
        },
    }


def write_build_manifest(path: Path, pyodide: pins.Pyodide) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(build_manifest(pyodide), indent=2) + "\n", encoding="utf-8")
    return path


def fix_pyodide_lock(lock_text: str, version: str) -> str:
    """Add ``info.version`` so publish sees the pre-filled cache as already downloaded: flet's
    cache check reads it, and the lock file flet-web ships lacks it."""
    lock = json.loads(lock_text)
    lock.setdefault("info", {})["version"] = version
    return json.dumps(lock)


_SW_REGISTRATION = """<script>
    // Registered once the Python app is connected (python.js fires the event), so that its
    // pre-caching never competes with the start. It then learns from the page which files
    // this load used, for the next offline start, and answers once they are stored.
    window.addEventListener('micropause-python-ready', () => {
      if (!('serviceWorker' in navigator)) return;
      navigator.serviceWorker.register('__SW_FILE__').then(() => navigator.serviceWorker.ready)
        .then((reg) => new Promise((resolve) => {
          const urls = performance.getEntriesByType('resource').map((e) => e.name);
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          reg.active.postMessage({ type: 'cache-urls', urls: urls }, [channel.port2]);
          setTimeout(resolve, 60000);  // an old worker that never answers: stop waiting
        }))
        .then(() => { window.__micropauseSwReady = true; })
        .catch((e) => console.warn('service worker:', e));
    }, { once: true });
  </script>
""".replace("__SW_FILE__", SW_FILE)


def patch_index_html(
    html: str,
    title: str = APP_TITLE,
    snapshot_url: str | None = None,
    snapshot_links: dict[str, object] | None = None,
    app_package: str | None = None,
) -> str:
    """Make the page load Pyodide from a resolvable URL, carry the app's name, register our worker.

    A module worker cannot resolve the bare ``pyodide/pyodide.mjs`` publish writes ("Failed to
    resolve module specifier"); ``./pyodide/pyodide.mjs`` resolves against the worker's URL.
    ``snapshot_url`` names the Pyodide memory snapshot our python.js hands the worker, and
    ``snapshot_links`` says where to link its compiled extensions back (``pwa.snapshot``).
    """
    html = re.sub(
        r'flet\.pyodideUrl\s*=\s*"(?:\./)?pyodide/pyodide\.mjs"',
        'flet.pyodideUrl="./pyodide/pyodide.mjs"',
        html,
    )
    html = re.sub(r"<title>.*?</title>", f"<title>{title}</title>", html, flags=re.DOTALL)
    html = re.sub(
        r'<meta name="apple-mobile-web-app-title" content="[^"]*">',
        f'<meta name="apple-mobile-web-app-title" content="{title}">',
        html,
    )
    if app_package:  # our archive, uncompressed (hosts compress it), not publish's .tar.gz
        html = re.sub(
            r'(flet\.appPackageUrl\s*=\s*|appPackageUrl:\s*)"[^"]*"', rf'\1"{app_package}"', html
        )
    if SW_FILE not in html:
        html = html.replace("</body>", _SW_REGISTRATION + "</body>", 1)
    if snapshot_url and "flet.pythonSnapshotUrl" not in html:
        links = json.dumps(snapshot_links or {"libraries": []}, sort_keys=True)
        config = (
            f"<script>flet.pythonSnapshotUrl = {json.dumps(snapshot_url)};"
            f" flet.pythonSnapshotLinks = {links};</script>\n  "
        )
        html = html.replace('<script src="python.js">', config + '<script src="python.js">', 1)
    return html


def strip_flutter_service_worker(bootstrap_js: str) -> str:
    """Drop flet's ``serviceWorkerSettings`` stub: its worker only unregisters itself."""
    return re.sub(r"\n\s*serviceWorkerSettings:\s*\{[^{}]*\},", "", bootstrap_js)


def build_version(files: Iterable[tuple[str, bytes]]) -> str:
    """A short hash of every built file's path and content, in sorted order."""
    digest = hashlib.sha256()
    for rel, data in sorted(files):
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:12]


def render_service_worker(
    version: str,
    core: Iterable[str],
    renderers: dict[str, list[str]],
    template: str | None = None,
    payloads: Iterable[str] = (),
) -> str:
    """The service worker for one build: its cache name and its pre-cache lists filled in."""
    text = SW_TEMPLATE.read_text(encoding="utf-8") if template is None else template
    sorted_renderers = {k: sorted(v) for k, v in sorted(renderers.items())}
    return (
        text.replace("__VERSION__", version)
        .replace("__CORE__", json.dumps(sorted(set(core)), indent=1))
        .replace("__RENDERERS__", json.dumps(sorted_renderers, indent=1))
        .replace("__PAYLOADS__", json.dumps(sorted(set(payloads))))
    )


def merge_manifest(default: dict[str, object], app: dict[str, object]) -> dict[str, object]:
    """The app's manifest wins field by field; the start URL stays relative for any host path."""
    merged = {**default, **app}
    merged.setdefault("name", APP_TITLE)
    merged.setdefault("short_name", APP_TITLE)
    merged["start_url"] = "."
    return merged


# Font families flet-web's client registers at every start for features the app never uses
# (math in Markdown, Cupertino icons): about twenty files fetched and parsed before the first
# screen. Dropped from the build's FontManifest.json, and their files with them.
UNUSED_FONT_FAMILY_PREFIXES = ("packages/flutter_math_fork/", "packages/cupertino_icons/")


def prune_font_manifest(
    families: list[dict[str, object]],
) -> tuple[list[dict[str, object]], list[str]]:
    """The families to keep, and the asset paths of the fonts of those dropped."""
    kept, dropped = [], []
    for family in families:
        name = str(family.get("family", ""))
        if name.startswith(UNUSED_FONT_FAMILY_PREFIXES):
            fonts = family.get("fonts")
            if isinstance(fonts, list):
                dropped += [str(f["asset"]) for f in fonts if isinstance(f, dict)]
        else:
            kept.append(family)
    return kept, dropped


def localise_rive_file(path: Path) -> bool:
    """Overwrite, in place, each Rive runtime CDN base in a client file (``main.dart.js`` or
    ``main.dart.wasm``) with a local path of the same length; whether there was one.

    The Rive plugin in flet-web's client loads its runtime from a CDN at start-up; the app has
    no Rive animation, so a start must not contact the CDN (see ``pins.RIVE_CDN_PATTERN``: the
    URL is found by pattern, whatever Rive version a flet-web names). Through a memory map, so
    neither the build nor the web server holds the 8-10 MB client in its own memory (measured:
    reading it whole left the server 17 MB more resident)."""
    if path.stat().st_size == 0:
        return False
    with path.open("r+b") as file, mmap.mmap(file.fileno(), 0) as view:
        spans = [match.span() for match in pins.RIVE_CDN_PATTERN.finditer(view)]
        for start, end in spans:
            view[start:end] = pins.rive_local_base(view[start:end])
    return bool(spans)


def prune_font_manifest_file(source: Path, target: Path) -> list[str]:
    """Write ``source``'s FontManifest.json to ``target`` without the unused families; returns
    the asset paths of the fonts dropped."""
    kept, dropped = prune_font_manifest(json.loads(source.read_text(encoding="utf-8")))
    target.write_text(json.dumps(kept), encoding="utf-8")
    return dropped
