"""The PWA build's pure parts: no network, no Flet publish, no browser, no Node."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from data.runtime import browser as browser_storage
from pwa import bundle, snapshot, web
from pwa.deps import core_wheel_problem, unpack_wheels
from pwa.errors import PwaBuildError

PUBLISHED_INDEX = """<html><head><meta name="apple-mobile-web-app-title" content="micropause">
<title>micropause</title><script>flet.pyodideUrl="pyodide/pyodide.mjs";</script></head>
<body><script src="flutter_bootstrap.js" async></script></body></html>"""

BOOTSTRAP = """_flutter.loader.load({
    config: flutterConfig,
    serviceWorkerSettings: {
        serviceWorkerVersion: "1804020039" /* deprecated */,
    },
    onEntrypointLoaded: async function (engineInitializer) {}
});"""


def test_build_manifest_names_the_pyodide_that_flet_web_ships(tmp_path: Path) -> None:
    path = web.write_build_manifest(tmp_path / "m.json")
    manifest = json.loads(path.read_text())
    python = manifest["pythons"][manifest["default_python_version"]]
    assert python["pyodide_version"] == web.PYODIDE_VERSION
    assert python["full_version"].startswith("3.14.")


def test_lock_file_gains_the_version_the_cache_check_reads() -> None:
    fixed = json.loads(web.fix_pyodide_lock(json.dumps({"info": {"arch": "wasm32"}})))
    assert fixed["info"] == {"arch": "wasm32", "version": web.PYODIDE_VERSION}


def test_index_html_resolves_pyodide_from_the_worker_and_is_named() -> None:
    html = web.patch_index_html(PUBLISHED_INDEX)
    assert 'flet.pyodideUrl="./pyodide/pyodide.mjs"' in html
    assert "<title>Micro Pause</title>" in html
    assert 'content="Micro Pause"' in html
    assert f"register('{web.SW_FILE}')" in html
    assert web.patch_index_html(html) == html  # idempotent


def test_flutter_service_worker_stub_is_removed_and_the_rest_kept() -> None:
    patched = web.strip_flutter_service_worker(BOOTSTRAP)
    assert "serviceWorkerSettings" not in patched
    assert "config: flutterConfig," in patched and "onEntrypointLoaded" in patched


def test_service_worker_carries_the_build_version_and_sorted_lists() -> None:
    sw = web.render_service_worker("abc123", ["b.js", "a.js", "a.js"], {"full": ["k/2", "k/1"]})
    assert 'const CACHE = "micropause-abc123";' in sw
    assert json.dumps(["a.js", "b.js"], indent=1) in sw
    assert '"k/1",\n  "k/2"' in sw
    assert "__" not in sw.split("const RENDERERS")[0].split("const CACHE")[1]


def test_build_version_changes_with_content_not_with_order() -> None:
    files = [("a", b"1"), ("b", b"2")]
    assert web.build_version(files) == web.build_version(list(reversed(files)))
    assert web.build_version(files) != web.build_version([("a", b"1"), ("b", b"3")])


CORE_CASES = [
    ("the real wheel", "pydantic_core-2.50.4-cp314-cp314-pyemscripten_2026_0_wasm32.whl", None),
    ("placeholder", "pydantic_core-0.0.1-py3-none-any.whl", "placeholder"),
    ("other version", "pydantic_core-2.50.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl", "needs"),
    ("old abi", "pydantic_core-2.50.4-cp313-cp313-pyodide_2025_0_wasm32.whl", "not for"),
    ("host wheel", "pydantic_core-2.50.4-cp314-cp314-manylinux_2_17_x86_64.whl", "not for"),
]


@pytest.mark.parametrize(
    ("name", "filename", "problem"), CORE_CASES, ids=[c[0] for c in CORE_CASES]
)
def test_pydantic_core_wheel_check(name: str, filename: str, problem: str | None) -> None:
    found = core_wheel_problem(filename, "2.50.4")
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_unpack_drops_host_binaries_bytecode_and_records(tmp_path: Path) -> None:
    import zipfile

    wheel = tmp_path / "msgpack-1.0-cp311-cp311-manylinux_x86_64.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name in (
            "msgpack/__init__.py",
            "msgpack/_cmsgpack.so",
            "msgpack/x.pyc",
            "msgpack-1.0.dist-info/RECORD",
            "msgpack-1.0.dist-info/METADATA",
            "msgpack-1.0.data/purelib/extra.py",
            "msgpack-1.0.data/scripts/tool",
        ):
            zf.writestr(name, "x")
    unpack_wheels([wheel], tmp_path / "out")
    files = sorted(
        p.relative_to(tmp_path / "out").as_posix()
        for p in (tmp_path / "out").rglob("*")
        if p.is_file()
    )
    assert files == ["extra.py", "msgpack-1.0.dist-info/METADATA", "msgpack/__init__.py"]


def test_app_archive_is_reproducible_and_leaves_out_assets(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "main.py").write_text("print()")
    (tmp_path / "data" / "x.py").write_text("x = 1")
    (tmp_path / "assets" / "icon.png").write_bytes(b"png")
    (tmp_path / "requirements.txt").write_text("flet")
    first = bundle.app_archive(tmp_path)
    (tmp_path / "main.py").touch()  # a new mtime must not change the bytes
    assert bundle.app_archive(tmp_path) == first
    with tarfile.open(fileobj=io.BytesIO(first), mode="r:gz") as tar:
        assert tar.getnames() == ["data/x.py", "main.py"]
        assert {m.mtime for m in tar.getmembers()} == {bundle.FIXED_MTIME}


def test_app_manifest_wins_and_start_url_stays_relative() -> None:
    merged = web.merge_manifest(
        {"name": "flet", "icons": [], "start_url": "/"},
        {"name": "Micro Pause", "theme_color": "#5b7"},
    )
    assert merged["name"] == "Micro Pause" and merged["theme_color"] == "#5b7"
    assert merged["start_url"] == "."


URL_CASES = [
    ("query", "http://h/?MICROPAUSE_TIME_SCALE=30", {"MICROPAUSE_TIME_SCALE": "30"}),
    ("after hash", "http://h/#/progress?MICROPAUSE_TIME_SCALE=5", {"MICROPAUSE_TIME_SCALE": "5"}),
    ("not allowed", "http://h/?PATH=/evil", {}),
    ("none", None, {}),
]


@pytest.mark.parametrize(("name", "url", "expected"), URL_CASES, ids=[c[0] for c in URL_CASES])
def test_url_env_keeps_only_allowed_keys(
    name: str, url: str | None, expected: dict[str, str]
) -> None:
    assert browser_storage.url_env(url) == expected


def test_browser_storage_is_a_no_op_on_the_desktop() -> None:
    import asyncio

    assert not browser_storage.is_browser_runtime()
    assert asyncio.run(browser_storage.mount_persistent_dir("/data")) is None
    browser_storage.schedule_sync()  # must not raise
    assert browser_storage.worker_timezone() is None  # the server asks the client


def test_index_html_hands_the_snapshot_to_python_js_once() -> None:
    html = web.patch_index_html(
        PUBLISHED_INDEX.replace("</head>", '<script src="python.js"></script></head>'),
        snapshot_url="python_snapshot.bin.gz",
    )
    assert html.count('flet.pythonSnapshotUrl = "python_snapshot.bin.gz";') == 1
    assert 'flet.pythonSnapshotLinks = {"libraries": []};' in html
    assert html.index("pythonSnapshotUrl") < html.index('src="python.js"')
    assert web.patch_index_html(html, snapshot_url="python_snapshot.bin.gz") == html
    assert "pythonSnapshotUrl" not in web.patch_index_html(PUBLISHED_INDEX)


def test_snapshot_imports_only_packages_the_archive_has(tmp_path: Path) -> None:
    packages = tmp_path / "__pypackages__"
    (packages / "flet").mkdir(parents=True)
    (packages / "pydantic").mkdir()
    (packages / "typing_extensions.py").write_text("")
    (tmp_path / "data").mkdir()
    names = snapshot.snapshot_imports(tmp_path)
    assert "flet" in names and "flet.messaging.session" in names
    assert "typing_extensions" in names  # a single-file module
    assert "asyncio" in names  # stdlib: always there
    assert "pydantic" in names  # its compiled core is linked back by the worker
    assert "data.practice_log.tinydb_store" in names  # the app's own packages
    assert "flet_audio" not in names and "tinydb" not in names and "views.app" not in names


def test_snapshot_looks_up_the_flet_names_the_screens_use(tmp_path: Path) -> None:
    (tmp_path / "__pypackages__" / "flet").mkdir(parents=True)
    (tmp_path / "views").mkdir()
    (tmp_path / "views" / "home.py").write_text("x = ft.Theme(); y = ft.Icons.HOME\n")
    (tmp_path / "main.py").write_text("ft.run(main)\n")
    names = snapshot.snapshot_imports(tmp_path)
    assert {"flet:Theme", "flet:Icons", "flet:run"} <= set(names)
    assert names.index("flet") < names.index("flet:Theme")


def test_unused_font_families_are_pruned() -> None:
    families: list[dict[str, object]] = [
        {"family": "MaterialIcons", "fonts": [{"asset": "fonts/MaterialIcons-Regular.otf"}]},
        {
            "family": "packages/flutter_math_fork/KaTeX_Main",
            "fonts": [{"asset": "packages/flutter_math_fork/a.ttf"}],
        },
        {"family": "packages/cupertino_icons/CupertinoIcons", "fonts": [{"asset": "c.ttf"}]},
        {"family": "Roboto", "fonts": [{"asset": "fonts/roboto.woff2"}]},
    ]
    kept, dropped = web.prune_font_manifest(families)
    assert [f["family"] for f in kept] == ["MaterialIcons", "Roboto"]
    assert dropped == ["packages/flutter_math_fork/a.ttf", "c.ttf"]


def test_rive_runtime_is_not_fetched_from_a_cdn(tmp_path: Path) -> None:
    main_js = f'dvv(){{return"{web.RIVE_CDN_BASE}"}}'.encode()
    client = tmp_path / "main.dart.js"
    client.write_bytes(main_js)
    found = web.localise_rive_file(client)
    patched = client.read_bytes()
    assert found and b"cdn.jsdelivr.net" not in patched and web.RIVE_LOCAL_BASE.encode() in patched
    assert len(patched) == len(main_js)  # the wasm client's string data keeps its size
    other = tmp_path / "other.js"
    other.write_bytes(b"no rive here")
    assert not web.localise_rive_file(other) and other.read_bytes() == b"no rive here"


def test_snapshot_step_without_node_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pwa.snapshot.shutil.which", lambda _name: None)
    with pytest.raises(PwaBuildError, match="--no-snapshot"):
        snapshot.node_command()


def _published_client(dist: Path) -> None:
    (dist / "python.js").write_text(
        "globalThis.jsConnect = 1; globalThis.jsSend = 2; globalThis.jsDisconnect = 3;"
    )
    (dist / "python-worker.js").write_text(
        'await flet_js.start_connection(x); postMessage("initialized"); flet_js.send(d);'
    )


def test_python_client_is_replaced_by_ours(tmp_path: Path) -> None:
    _published_client(tmp_path)
    bundle._replace_python_client(tmp_path)
    ours = (tmp_path / "python.js").read_text()
    assert "early" in ours and "globalThis.jsConnect" in ours
    assert "snapshotUrl" in ours
    assert "untar(" in (tmp_path / "python-worker.js").read_text()


def test_python_client_refuses_a_flet_web_that_changed_protocol(tmp_path: Path) -> None:
    _published_client(tmp_path)
    (tmp_path / "python.js").write_text("globalThis.jsConnect = 1;")
    with pytest.raises(PwaBuildError, match="jsSend"):
        bundle._replace_python_client(tmp_path)


def test_unused_pyodide_extras_and_stray_scripts_are_dropped(tmp_path: Path) -> None:
    keep = [
        "pyodide/pyodide.mjs",
        "pyodide/pyodide.asm.wasm",
        "pyodide/python_stdlib.zip",
        "main.dart.wasm",  # Chromium's client (skwasm)
        "main.dart.js",  # every other browser's (CanvasKit)
    ]
    drop = [
        "pyodide/python.exe",
        "pyodide/pyodide.d.ts",
        "pyodide/micropip-0.11.1-py3-none-any.whl",
        "make_icons.py",
        "canvaskit/wimp.wasm",
        "canvaskit/skwasm.js.symbols",
    ]
    for rel in keep + drop:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    bundle._drop_unused(tmp_path)
    assert sorted(bundle._files(tmp_path)) == sorted(keep)


def test_the_web_servers_client_is_flet_webs_with_the_rive_cdn_and_unused_fonts_gone(
    tmp_path: Path,
) -> None:
    from pwa.web_client import prepare_web_client

    source = tmp_path / "web"
    (source / "canvaskit").mkdir(parents=True)
    (source / "assets").mkdir()
    (source / "canvaskit" / "skwasm.wasm").write_bytes(b"\0asm")
    (source / "main.dart.js").write_text(f'x="{web.RIVE_CDN_BASE}"')
    (source / "main.dart.wasm").write_bytes(b"\0asm" + web.RIVE_CDN_BASE.encode())
    fonts = [
        {"family": "Roboto", "fonts": [{"asset": "fonts/roboto.woff2"}]},
        {"family": "packages/cupertino_icons/CupertinoIcons", "fonts": [{"asset": "c.ttf"}]},
    ]
    (source / "assets" / "FontManifest.json").write_text(json.dumps(fonts))

    client = prepare_web_client(source, tmp_path / "client")
    assert (client / "canvaskit" / "skwasm.wasm").read_bytes() == b"\0asm"
    assert not (client / "canvaskit" / "skwasm.wasm").is_symlink()  # the server refuses links
    for name in ("main.dart.js", "main.dart.wasm"):
        assert b"jsdelivr" not in (client / name).read_bytes()
        assert b"jsdelivr" in (source / name).read_bytes()  # flet-web's own files untouched
    families = json.loads((client / "assets" / "FontManifest.json").read_text())
    assert [f["family"] for f in families] == ["Roboto"]
