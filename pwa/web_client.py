"""flet-web's browser client as the web server hands it out, with what the static build
changes in it changed here too: no start-up request to the Rive CDN, no unused font families.

The server serves ``FLET_WEB_PATH``: a copy of flet-web's ``web`` folder made of hard links
(real copies where the file system cannot link; the server refuses symbolic links), except
for the files it rewrites (``REWRITTEN``). Made once per server start in a temporary folder,
so it never goes stale after an upgrade of flet-web.
"""

from __future__ import annotations

import json
import mmap
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


def _copy_localising_rive(source: Path, target: Path) -> None:
    """Copy, then overwrite the Rive CDN base in place: the local path has the same length.
    Found through a memory map and written at its offsets, so the server process never holds
    the 8-10 MB client in its own memory (measured: +17 MB of resident memory kept)."""
    cdn, local = web.RIVE_CDN_BASE.encode(), web.RIVE_LOCAL_BASE.encode()
    shutil.copyfile(source, target)
    with source.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as view:
        offsets, at = [], view.find(cdn)
        while at >= 0:
            offsets.append(at)
            at = view.find(cdn, at + 1)
    with target.open("r+b") as out:
        for offset in offsets:
            out.seek(offset)
            out.write(local)


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
            _copy_localising_rive(source / name, target / name)
    fonts = source / "assets" / "FontManifest.json"
    if fonts.is_file():
        kept, _dropped = web.prune_font_manifest(json.loads(fonts.read_text(encoding="utf-8")))
        (target / "assets" / "FontManifest.json").write_text(json.dumps(kept), encoding="utf-8")
    return target
