"""Precompressed copies of a client's large files: ``X.br`` and ``X.gz`` beside each ``X``.

Both apps send the same few large files on a first visit (the Flutter client's
``main.dart.wasm``, its renderer, the icon font; the static PWA adds Pyodide and the Python
snapshot). Compressing them once, when the web server starts or the static build is made, and
not per request, costs no CPU per visitor; a host then sends ``X.br`` or ``X.gz`` to a browser
that accepts it (``pwa.served`` does that for ``python main.py``; docs/deploy.md says how for
static hosts).

Why brotli as well as gzip (measured on flet-web 1.0.5's ``main.dart.wasm``, 8.50 MB, on this
2-core machine): gzip -9 gives 2.80 MB in 0.7 s; brotli quality 6 gives 2.47 MB in 0.2 s
(12% smaller, three times faster), quality 11 gives 2.13 MB but takes 80 s. Browsers send
``br`` only to HTTPS origins, so ``.gz`` stays for plain HTTP (a LAN, localhost).
"""

from __future__ import annotations

import gzip
import hashlib
import secrets
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli  # type: ignore[import-untyped]

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
"""(Content-Encoding, file suffix), best first: what a host serves when a browser accepts it."""
COMPRESSIBLE = frozenset({".wasm", ".js", ".mjs", ".json", ".otf", ".ttf", ".bin", ".html"})
"""Suffixes worth compressing; images, woff2 fonts and zip files are compressed already."""
MIN_BYTES = 4096
"""Smaller files gain a few hundred bytes at most: not worth two more files each."""
MIN_SAVING = 0.1
"""A copy is kept only when it is at least 10% smaller than the file."""
SERVER_BROTLI_QUALITY = 6
"""At server start-up: a few seconds for the whole client, 12% smaller than gzip -9."""
BUILD_BROTLI_QUALITY = 11
"""At build time, for the files every build shares (cached by content: paid once)."""
PAYLOAD_BROTLI_QUALITY = 9
"""At build time, for what each build makes anew (the snapshot, the app archive): quality 11
took minutes for the 45 MB snapshot and saved 2% more."""


@dataclass
class Compressed:
    """What ``precompress`` did: how many files, their bytes, and the best copy's bytes."""

    files: int = 0
    raw_bytes: int = 0
    best_bytes: int = 0


def wants_copy(path: Path) -> bool:
    """True for a file whose type compresses well and that is large enough to bother."""
    if path.suffix not in COMPRESSIBLE:
        return False
    try:
        return path.stat().st_size >= MIN_BYTES
    except OSError:
        return False


def _write_atomically(target: Path, data: bytes) -> None:
    """A copy appears whole or not at all: a server may look for it while it is written."""
    tmp = target.with_name(f"{target.name}.tmp-{secrets.token_hex(4)}")
    tmp.write_bytes(data)
    tmp.replace(target)


def _copies(data: bytes, brotli_quality: int, cache: Path | None) -> dict[str, bytes]:
    """The brotli and gzip copies of ``data``, from ``cache`` when made there before (by
    content and quality: flet-web's client and Pyodide are the same in every build)."""
    key = f"{hashlib.sha256(data).hexdigest()}-q{brotli_quality}"
    if cache is not None:
        found = {s: cache / f"{key}{s}" for s in (".br", ".gz")}
        if all(f.is_file() for f in found.values()):
            return {s: f.read_bytes() for s, f in found.items()}
    copies = {
        ".br": brotli.compress(data, quality=brotli_quality, lgwin=24),
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
    }
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        for suffix, packed in copies.items():
            _write_atomically(cache / f"{key}{suffix}", packed)
    return copies


def compress_file(path: Path, brotli_quality: int, cache: Path | None = None) -> int:
    """Write ``path.br`` and ``path.gz`` (each only if it saves ``MIN_SAVING``); returns the
    size of the smallest of the file and its copies."""
    data = path.read_bytes()
    best = len(data)
    copies = _copies(data, brotli_quality, cache)
    for suffix, packed in copies.items():
        target = path.with_name(path.name + suffix)
        if len(packed) <= len(data) * (1 - MIN_SAVING):
            _write_atomically(target, packed)
            best = min(best, len(packed))
        else:
            target.unlink(missing_ok=True)
    return best


def precompress(
    root: Path,
    *,
    brotli_quality: int,
    skip: Callable[[str], bool] = lambda rel: False,
    first: Iterable[str] = (),
    cache: Path | None = None,
    workers: int = 1,
) -> Compressed:
    """Precompress every file under ``root`` that ``wants_copy`` and ``skip`` does not name
    (by its path relative to ``root``): those named in ``first`` in that order (what a load
    needs, ready soonest), then the others, largest first."""
    found = [p for p in root.rglob("*") if p.is_file()]
    chosen = [p for p in found if wants_copy(p) and not skip(p.relative_to(root).as_posix())]
    order = {rel: i for i, rel in enumerate(first)}

    def rank(path: Path) -> tuple[int, int]:
        rel = path.relative_to(root).as_posix()
        return order.get(rel, len(order)), -path.stat().st_size

    chosen.sort(key=rank)
    done = Compressed()
    with ThreadPoolExecutor(max_workers=workers) as pool:  # zlib and brotli free the GIL
        sizes = pool.map(lambda p: compress_file(p, brotli_quality, cache), chosen)
        for path, best in zip(chosen, sizes, strict=True):
            done.files += 1
            done.raw_bytes += path.stat().st_size
            done.best_bytes += best
    return done


def accepted(accept_encoding: str) -> list[str]:
    """The encodings of ``ENCODINGS`` a request's Accept-Encoding allows, best first
    (``q=0`` refuses one; ``*`` allows any not named)."""
    weights: dict[str, float] = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if name:
            weights[name.strip()] = weight
    star = weights.get("*", 0.0)
    return [enc for enc, _ in ENCODINGS if weights.get(enc, star) > 0]
