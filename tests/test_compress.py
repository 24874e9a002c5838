"""Precompressed copies and the middleware that sends them: which file, which headers."""

from __future__ import annotations

import asyncio
import gzip
import mimetypes
import random
from pathlib import Path
from typing import Any

import brotli  # type: ignore[import-untyped]
import pytest

from pwa import compress
from pwa.served import BOOT_ID, BOOT_PATH, PrecompressedFiles


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", ["br", "gzip"]),
        ("gzip", ["gzip"]),
        ("br;q=0, gzip;q=0.5", ["gzip"]),
        ("*", ["br", "gzip"]),
        ("identity", []),
        ("", []),
    ],
)
def test_accept_encoding(header: str, expected: list[str]) -> None:
    assert compress.accepted(header) == expected


def _text_like(size: int) -> bytes:
    rng = random.Random(7)
    words = [bytes(rng.choice(b"abcdefgh") for _ in range(6)) for _ in range(300)]
    return b" ".join(rng.choice(words) for _ in range(size // 7))[:size]


@pytest.fixture
def client(tmp_path: Path) -> Path:
    (tmp_path / "main.dart.wasm").write_bytes(_text_like(200_000))
    (tmp_path / "icon.png").write_bytes(_text_like(200_000))  # never: images are compressed
    (tmp_path / "tiny.js").write_bytes(b"x = 1;")
    (tmp_path / "noise.bin").write_bytes(random.Random(1).randbytes(50_000))  # does not pay
    (tmp_path / "index.html").write_bytes(_text_like(50_000))
    return tmp_path


def test_only_large_compressible_files_get_copies_that_decode_to_them(client: Path) -> None:
    done = compress.precompress(client, brotli_quality=5, skip=lambda rel: rel == "index.html")
    wasm = client / "main.dart.wasm"
    assert brotli.decompress((client / "main.dart.wasm.br").read_bytes()) == wasm.read_bytes()
    assert gzip.decompress((client / "main.dart.wasm.gz").read_bytes()) == wasm.read_bytes()
    copies = sorted(p.name for p in client.iterdir() if p.suffix in (".br", ".gz"))
    assert copies == ["main.dart.wasm.br", "main.dart.wasm.gz"]
    assert done.files == 2 and done.best_bytes < done.raw_bytes


class Files:
    """The inner app: a plain static file server (flet-web's serves the real client)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = self.directory / scope["path"].lstrip("/")
        if not path.is_file():
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        headers = [(b"content-type", kind.encode()), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _get(app: Any, path: str, accept: str) -> tuple[int, dict[str, str], bytes]:
    sent: list[dict[str, Any]] = []
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"accept-encoding", accept.encode())] if accept else [],
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], headers, body


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", None), ("br;q=0", None)],
)
def test_the_middleware_sends_the_best_copy_a_browser_accepts(
    client: Path, accept: str, encoding: str | None
) -> None:
    compress.precompress(client, brotli_quality=5)
    app = PrecompressedFiles(Files(client), client, skip=lambda rel: False)
    status, headers, body = _get(app, "/main.dart.wasm", accept)
    assert status == 200
    assert headers["content-type"] == "application/wasm"
    assert headers["vary"] == "Accept-Encoding"
    assert headers.get("content-encoding") == encoding
    assert int(headers["content-length"]) == len(body)
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[encoding]
    assert decode(body) == (client / "main.dart.wasm").read_bytes()


def test_files_without_copies_and_skipped_files_pass_through(client: Path) -> None:
    compress.precompress(client, brotli_quality=5)
    app = PrecompressedFiles(Files(client), client, skip=lambda r: r == "index.html")
    status, headers, _ = _get(app, "/index.html", "br")
    assert status == 200 and "content-encoding" not in headers
    status, headers, _ = _get(app, "/tiny.js", "br")
    assert status == 200 and "content-encoding" not in headers


def test_the_boot_id_answers_and_is_never_cached(client: Path) -> None:
    app = PrecompressedFiles(Files(client), client, skip=lambda rel: False)
    status, headers, body = _get(app, f"/{BOOT_PATH}", "")
    assert (status, body) == (200, BOOT_ID.encode())
    assert headers["cache-control"] == "no-store"
