"""flet-web's browser client as the web server hands it out, with what the static build
changes in it changed here too: no start-up request to the Rive CDN, no unused font families.

The server serves ``FLET_WEB_PATH``: a copy of flet-web's ``web`` folder made of hard links
(real copies where the file system cannot link; the server refuses symbolic links), except
for the files it rewrites (``REWRITTEN``). Made once per server start in a temporary folder,
so it never goes stale after an upgrade of flet-web.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pwa import web

REWRITTEN = ("main.dart.js", "main.dart.wasm", "assets/FontManifest.json")


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links: copy instead
        shutil.copyfile(source, target)


def prepare_web_client(source: Path, target: Path) -> Path:
    """Fill ``target`` with the client from ``source`` (flet-web's ``web`` folder); returns it."""
    for folder, _dirs, files in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            if (into / name).relative_to(target).as_posix() not in REWRITTEN:
                _link_or_copy(Path(folder) / name, into / name)
    for name in ("main.dart.js", "main.dart.wasm"):
        if (source / name).is_file():
            shutil.copyfile(source / name, target / name)  # a copy: never patch flet-web's own
            web.localise_rive_file(target / name)
    fonts = "assets/FontManifest.json"
    if (source / fonts).is_file():
        web.prune_font_manifest_file(source / fonts, target / fonts)
    return target
