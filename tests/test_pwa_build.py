"""The PWA build's pure parts: no network, no Flet publish, no browser, no Node."""

from __future__ import annotations

import io
import json
import re
import tarfile
import zipfile
from pathlib import Path

import pytest

from data.runtime import browser as browser_storage
from pwa import bundle, deps, pins, snapshot, web
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


# The Pyodide of flet-web 1.0.5, as pins.read_pyodide reads it from flet-web's files.
PYODIDE_314 = pins.Pyodide(
    version="314.0.7", python_full_version="3.14.2", abi_version="2026_0", arch="wasm32"
)


def _fake_pyodide_dir(folder: Path, version: str, info: dict[str, str]) -> Path:
    """flet-web's ``web/pyodide`` as far as the pins read it."""
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": "pyodide", "version": version}))
    lock = {"info": info, "packages": {"micropip": {"version": "0.11.1"}}}
    (folder / "pyodide-lock.json").write_text(json.dumps(lock))
    return folder


def test_pyodide_pins_are_read_from_flet_webs_pyodide_folder(tmp_path: Path) -> None:
    info = {"abi_version": "2027_1", "arch": "wasm32", "platform": "x", "python": "3.15.0"}
    pyodide = pins.read_pyodide(_fake_pyodide_dir(tmp_path / "pyodide", "315.0.1", info))
    assert pyodide == pins.Pyodide("315.0.1", "3.15.0", "2027_1", "wasm32")
    assert pyodide.python_version == "3.15"  # pip's --python-version, flet's manifest key
    assert pyodide.cpython_tag == "cp315"
    assert pyodide.wheel_platform == "pyemscripten_2027_1_wasm32"


def test_todays_pyodide_gives_the_wheel_tag_the_field_notes_found(tmp_path: Path) -> None:
    info = {"abi_version": "2026_0", "arch": "wasm32", "python": "3.14.2"}
    pyodide = pins.read_pyodide(_fake_pyodide_dir(tmp_path / "pyodide", "314.0.7", info))
    assert pyodide == PYODIDE_314
    assert (pyodide.python_version, pyodide.wheel_platform) == (
        "3.14",
        "pyemscripten_2026_0_wasm32",
    )


@pytest.mark.parametrize(
    ("version", "info", "named"),
    [
        ("314.0.7", {"arch": "wasm32", "python": "3.14.2"}, "abi_version"),
        ("314.0.7", {"abi_version": "2026_0", "arch": "wasm32", "python": "3"}, "python"),
        ("", {"abi_version": "2026_0", "arch": "wasm32", "python": "3.14.2"}, "version"),
    ],
    ids=["no abi", "bad python", "no version"],
)
def test_pyodide_pins_fail_loudly_on_a_folder_they_cannot_read(
    tmp_path: Path, version: str, info: dict[str, str], named: str
) -> None:
    folder = _fake_pyodide_dir(tmp_path / "pyodide", version, info)
    with pytest.raises(PwaBuildError, match=named):
        pins.read_pyodide(folder)
    (folder / "package.json").unlink()
    with pytest.raises(PwaBuildError, match=r"package\.json"):
        pins.read_pyodide(folder)


def test_the_installed_flet_web_gives_a_consistent_pyodide() -> None:
    """Today's flet-web as the build reads it: an upgrade that moves the fields fails here."""
    web_dir = pins.flet_web_dir()
    pyodide = pins.read_pyodide(web_dir / "pyodide")
    package = json.loads((web_dir / "pyodide" / "package.json").read_text())
    assert pyodide.version == package["version"]
    assert pyodide.python_full_version.startswith(pyodide.python_version + ".")
    assert pyodide.wheel_platform.startswith("pyemscripten_")
    for name in pins.PYODIDE_FILES:
        assert (web_dir / "pyodide" / name).is_file(), name


def test_build_manifest_names_the_pyodide_that_flet_web_ships(tmp_path: Path) -> None:
    other = pins.Pyodide("315.0.1", "3.15.0", "2027_1", "wasm32")
    path = web.write_build_manifest(tmp_path / "m.json", other)
    manifest = json.loads(path.read_text())
    assert manifest["default_python_version"] == "3.15"
    python = manifest["pythons"]["3.15"]
    assert python["pyodide_version"] == "315.0.1"
    assert python["full_version"] == "3.15.0"


def test_lock_file_gains_the_version_the_cache_check_reads() -> None:
    fixed = json.loads(web.fix_pyodide_lock(json.dumps({"info": {"arch": "wasm32"}}), "314.0.7"))
    assert fixed["info"] == {"arch": "wasm32", "version": "314.0.7"}


def _pyproject(folder: Path, dependencies: list[str]) -> Path:
    path = folder / "pyproject.toml"
    deps_toml = ", ".join(json.dumps(d) for d in dependencies)
    path.write_text(f'[project]\nname = "x"\ndependencies = [{deps_toml}]\n')
    return path


def test_browser_pydantic_is_the_projects_own_pin(tmp_path: Path) -> None:
    given = ["pydantic-core==2.99.0", "pydantic_settings==9.9", "Pydantic[email] == 2.99.1"]
    assert pins.browser_pydantic_pin(_pyproject(tmp_path, given)) == "2.99.1"
    assert pins.exact_pin("pydantic-settings", tmp_path / "pyproject.toml") == "9.9"
    assert re.fullmatch(r"\d+\.\d+\.\d+", pins.browser_pydantic_pin())  # this repository's


def test_a_pyproject_without_an_exact_pydantic_pin_fails_the_build(tmp_path: Path) -> None:
    with pytest.raises(PwaBuildError, match="pydantic==X"):
        pins.browser_pydantic_pin(_pyproject(tmp_path, ["pydantic>=2.14", "pydantic-core==2"]))
    with pytest.raises(PwaBuildError, match="cannot read"):
        pins.browser_pydantic_pin(tmp_path / "missing.toml")


def _fake_resolution(
    monkeypatch: pytest.MonkeyPatch, installed: str, cores: dict[str, bool]
) -> list[str]:
    """deps.resolve_wheels with no index: pydantic X needs core X+c; ``cores`` says which
    cores have a wasm wheel. Returns the pydantic versions tried, in order."""
    tried: list[str] = []
    monkeypatch.setattr(deps, "BASE_PACKAGES", ())
    monkeypatch.setattr(pins, "BROWSER_PURE_PINS", {})
    monkeypatch.setattr(
        deps, "_installed_version", lambda n: installed if n == "pydantic" else None
    )

    def pure_wheel(_cache: Path, name: str, version: str, _log: object) -> Path:
        tried.append(version)
        return Path(f"{name}-{version}-py3-none-any.whl")

    monkeypatch.setattr(deps, "_pure_wheel", pure_wheel)
    monkeypatch.setattr(deps, "_required_core", lambda wheel: wheel.name.split("-")[1] + "c")

    def core_wheel(_cache: Path, version: str, pyodide: pins.Pyodide, _log: object) -> Path | None:
        assert pyodide == PYODIDE_314
        return Path(f"pydantic_core-{version}.whl") if cores.get(version) else None

    monkeypatch.setattr(deps, "_core_wheel", core_wheel)
    return tried


def test_the_browser_runs_the_installed_pydantic_when_its_core_has_a_wasm_wheel(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tried = _fake_resolution(monkeypatch, "2.20.0", {"2.20.0c": True, "2.14.3c": True})
    wheels, version = deps.resolve_wheels(
        tmp_path, [], lambda _l: None, pyodide=PYODIDE_314, pydantic_pin="2.14.3"
    )
    assert version == "2.20.0" and tried == ["2.20.0"]
    assert [w.name for w in wheels] == [
        "pydantic-2.20.0-py3-none-any.whl",
        "pydantic_core-2.20.0c.whl",
    ]


def test_the_browser_falls_back_to_the_pinned_pydantic(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tried = _fake_resolution(monkeypatch, "2.13.0", {"2.14.3c": True})
    lines: list[str] = []
    _wheels, version = deps.resolve_wheels(
        tmp_path, [], lines.append, pyodide=PYODIDE_314, pydantic_pin="2.14.3"
    )
    assert version == "2.14.3" and tried == ["2.13.0", "2.14.3"]
    assert any("pyemscripten_2026_0_wasm32" in line and "2.14.3" in line for line in lines)
    tried.clear()
    with pytest.raises(PwaBuildError, match=re.escape("2.13.0, 2.99.0")):
        deps.resolve_wheels(tmp_path, [], lines.append, pyodide=PYODIDE_314, pydantic_pin="2.99.0")


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
    found = core_wheel_problem(filename, "2.50.4", PYODIDE_314)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_the_pydantic_core_wheel_must_match_the_pyodide_read_from_flet_web() -> None:
    wheel = "pydantic_core-2.50.4-cp314-cp314-pyemscripten_2026_0_wasm32.whl"
    newer = pins.Pyodide("315.0.0", "3.15.0", "2027_0", "wasm32")
    found = core_wheel_problem(wheel, "2.50.4", newer)
    assert found is not None and "cp315 / pyemscripten_2027_0_wasm32" in found


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
    unpack_wheels([wheel], tmp_path / "out", PYODIDE_314.wheel_platform)
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
    with tarfile.open(fileobj=io.BytesIO(first), mode="r:") as tar:
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


def _module_files(names: tuple[str, ...]) -> list[str]:
    """Files that make each dotted name importable: parents as packages, a leaf that is no
    other name's parent as a single file (``typing_extensions.py``)."""
    files = set()
    for name in names:
        parts = name.split(".")
        files |= {"/".join(parts[:i]) + "/__init__.py" for i in range(1, len(parts))}
        if any(other.startswith(name + ".") for other in names):
            files.add(name.replace(".", "/") + "/__init__.py")
        else:
            files.add(name.replace(".", "/") + ".py")
    return sorted(files)


def _staged_app(
    folder: Path, *, without: tuple[str, ...] = (), app: dict[str, str] | None = None
) -> tuple[Path, Path]:
    """A staged app folder with every package the snapshot lists in ``__pypackages__``, and a
    python_stdlib.zip with every stdlib name it lists, less the files of ``without``."""
    folder.mkdir(parents=True, exist_ok=True)
    dropped = set(_module_files(without))
    for rel in _module_files(pins.SNAPSHOT_PACKAGE_IMPORTS):
        if rel not in dropped:
            (folder / "__pypackages__" / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / "__pypackages__" / rel).write_text("")
    stdlib = folder.parent / "python_stdlib.zip"
    with zipfile.ZipFile(stdlib, "w") as zf:
        for rel in _module_files(pins.SNAPSHOT_STDLIB_IMPORTS):
            if rel not in dropped:
                zf.writestr(rel, "")
    for rel, text in (app or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)
    return folder, stdlib


def test_snapshot_imports_the_listed_names_then_every_module_of_the_app(tmp_path: Path) -> None:
    app = {
        "main.py": "",
        "data/__init__.py": "",
        "data/content/__init__.py": "",
        "data/content/catalogue.py": "",
        "data/content/programs/lower-back.json": "{}",  # not a module
        "data/runtime/browser.py": "",  # a namespace package's module
        "views/__init__.py": "",
        "views/app.py": "",
        "tests/test_x.py": "",  # not the app's code
    }
    app_dir, stdlib = _staged_app(tmp_path / "app", app=app)
    names = snapshot.snapshot_imports(app_dir, stdlib)
    listed = [*pins.SNAPSHOT_STDLIB_IMPORTS, *pins.SNAPSHOT_PACKAGE_IMPORTS]
    own = [
        "data",
        "data.content",
        "data.content.catalogue",
        "data.runtime.browser",
        "views",
        "views.app",
        "main",
    ]
    assert names == [*listed, *own]
    assert "typing_extensions" in names  # a single-file module in __pypackages__
    assert "pydantic" in names  # its compiled core is linked back by the worker


def test_a_renamed_app_module_is_still_in_the_snapshot(tmp_path: Path) -> None:
    app_dir, stdlib = _staged_app(tmp_path / "app", app={"data/log/records.py": ""})
    assert "data.log.records" in snapshot.snapshot_imports(app_dir, stdlib)


def test_every_module_of_this_repository_is_an_app_module() -> None:
    repo = Path(__file__).resolve().parents[1]
    files = [p for d in snapshot.APP_PACKAGES for p in (repo / d).rglob("*.py")]
    modules = snapshot.app_modules(repo)
    assert len(modules) == len(files) + 1 and modules[-1] == "main"
    assert len(set(modules)) == len(modules)
    assert "views.app" in modules and "data" in modules


@pytest.mark.parametrize(
    "missing", ["tinydb", "typing_inspection.introspection", "flet_audio", "encodings.cp437"]
)
def test_a_listed_snapshot_import_that_is_not_there_fails_the_build(
    tmp_path: Path, missing: str
) -> None:
    app_dir, stdlib = _staged_app(tmp_path / "app", without=(missing,))
    with pytest.raises(PwaBuildError, match=re.escape(missing)) as caught:
        snapshot.snapshot_imports(app_dir, stdlib)
    assert "pwa/pins.py" in str(caught.value)


def test_the_snapshots_stdlib_names_are_in_the_installed_pyodide() -> None:
    """Checked against the standard library flet-web's Pyodide ships, not this Python's."""
    stdlib = snapshot.stdlib_files(pins.flet_web_dir() / "pyodide" / pins.PYODIDE_STDLIB)
    for name in pins.SNAPSHOT_STDLIB_IMPORTS:
        path = name.replace(".", "/")
        assert f"{path}.py" in stdlib or f"{path}/__init__.py" in stdlib, name


def test_snapshot_looks_up_the_flet_names_the_screens_use(tmp_path: Path) -> None:
    app = {"views/home.py": "x = ft.Theme(); y = ft.Icons.HOME\n", "main.py": "ft.run(main)\n"}
    app_dir, stdlib = _staged_app(tmp_path / "app", app=app)
    names = snapshot.snapshot_imports(app_dir, stdlib)
    assert {"flet:Theme", "flet:Icons", "flet:run"} <= set(names)
    assert names.index("flet") < names.index("flet:Theme")
    assert names.index("views.home") < names.index("flet:Theme")


def test_no_pin_is_defined_outside_pins() -> None:
    """The moved constants are gone, and no other module spells today's versions."""
    gone = {
        web: ("PYODIDE_VERSION", "PYTHON_FULL_VERSION", "RIVE_CDN_BASE", "RIVE_LOCAL_BASE"),
        deps: ("PYODIDE_PYTHON", "WASM_PLATFORM", "BROWSER_PYDANTIC_FALLBACK", "PINNED"),
        snapshot: ("SNAPSHOT_IMPORTS", "STDLIB_PREFIXES"),
    }
    for module, names in gone.items():
        for name in names:
            assert not hasattr(module, name), f"{module.__name__}.{name}"
    pwa_dir = Path(pins.__file__).parent
    for path in [*pwa_dir.glob("*.py"), *pwa_dir.glob("client/*")]:
        if path.name == "pins.py":
            continue
        text = path.read_text(encoding="utf-8")
        for literal in ("314.0.7", "3.14.2", "2026_0", "2.14.3", "@44.0.0", "jsdelivr"):
            assert literal not in text, f"{path.name} spells {literal}"


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
    cdn = pins.rive_cdn_base("44.0.0")  # what flet-web 1.0.5's client names
    main_js = f'dvv(){{return"{cdn}"}}'.encode()
    client = tmp_path / "main.dart.js"
    client.write_bytes(main_js)
    found = web.localise_rive_file(client)
    patched = client.read_bytes()
    local = pins.rive_local_base(cdn.encode())
    assert found and b"cdn.jsdelivr.net" not in patched and local in patched
    assert local.startswith(pins.RIVE_LOCAL_PREFIX) and local.endswith(b"/")
    assert len(patched) == len(main_js)  # the wasm client's string data keeps its size
    other = tmp_path / "other.js"
    other.write_bytes(b"no rive here")
    assert not web.localise_rive_file(other) and other.read_bytes() == b"no rive here"


def test_a_rive_cdn_of_another_version_is_found_and_replaced(tmp_path: Path) -> None:
    """A flet-web upgrade that moves to another Rive runtime still gets no CDN request."""
    urls = [pins.rive_cdn_base("45.12.3"), pins.rive_cdn_base("100.0.0-beta.2")]
    data = b"\0asm" + b"\0".join(u.encode() for u in urls) + b"\0tail"
    client = tmp_path / "main.dart.wasm"
    client.write_bytes(data)
    assert web.localise_rive_file(client)
    patched = client.read_bytes()
    assert b"jsdelivr" not in patched and b"45.12.3" not in patched
    assert len(patched) == len(data) and patched.endswith(b"\0tail")
    for url in urls:
        assert pins.rive_local_base(url.encode()) in patched
        assert len(pins.rive_local_base(url.encode())) == len(url)


@pytest.mark.parametrize("name", ["main.dart.js", "main.dart.wasm"])
def test_the_installed_flet_web_client_names_a_rive_cdn_the_pattern_finds(name: str) -> None:
    """If a flet-web upgrade changes the Rive URL's shape, this fails (update the pattern)."""
    data = (pins.flet_web_dir() / name).read_bytes()
    found = pins.RIVE_CDN_PATTERN.findall(data)
    assert found, f"{name} names no {pins.RIVE_CDN_PATTERN.pattern!r}"
    assert data.count(b"@rive-app/flutter-native-wasm@") == len(found)


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
    assert ours == (bundle.CLIENT_DIR / "python.js").read_text()  # nothing to fill in
    assert "untar(" in (tmp_path / "python-worker.js").read_text()


def test_the_workers_linker_parts_are_filled_in_from_pins(tmp_path: Path) -> None:
    _published_client(tmp_path)
    bundle._replace_python_client(tmp_path)
    worker = (tmp_path / "python-worker.js").read_text()
    assert pins.LINKER_PARTS_PLACEHOLDER not in worker
    found = re.search(r"const LINKER_PARTS = (\[.*?\]);", worker, re.DOTALL)
    assert found, "the worker declares no LINKER_PARTS array"
    assert json.loads(found.group(1)) == list(pins.LINKER_PARTS)
    assert "wasmTable" in pins.LINKER_PARTS and "getDylinkMetadata" in pins.LINKER_PARTS
    # ... and the list exists once: the worker's source has the placeholder, not the names.
    source = (bundle.CLIENT_DIR / "python-worker.js").read_text()
    assert source.count(pins.LINKER_PARTS_PLACEHOLDER) == 1
    assert '"getDylinkMetadata"' not in source and '"wasmTable"' not in source


def test_the_installed_pyodide_exports_every_linker_part() -> None:
    """Emscripten puts each on the module object as ``Module["name"]=``: a Pyodide upgrade that
    drops one fails here (in the browser the worker would start without the snapshot)."""
    loader = (pins.flet_web_dir() / "pyodide" / "pyodide.asm.mjs").read_text(encoding="utf-8")
    missing = [name for name in pins.LINKER_PARTS if f'Module["{name}"]=' not in loader]
    assert not missing, f"this Pyodide does not export {missing}"


def test_the_installed_flet_webs_client_speaks_the_protocol_ours_mirrors() -> None:
    web_dir = pins.flet_web_dir()
    for name, markers in bundle.CLIENT_FILES.items():
        text = (web_dir / name).read_text(encoding="utf-8")
        assert [m for m in markers if m not in text] == [], name


def test_a_worker_without_the_placeholder_fails_the_build() -> None:
    with pytest.raises(PwaBuildError, match="LINKER_PARTS"):
        bundle.render_client("python-worker.js", template="const LINKER_PARTS = [];")
    assert bundle.render_client("python.js", template="as is") == "as is"


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
    cdn = pins.rive_cdn_base("44.0.0")
    (source / "main.dart.js").write_text(f'x="{cdn}"')
    (source / "main.dart.wasm").write_bytes(b"\0asm" + cdn.encode())
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


def test_sourceless_keeps_one_copy_of_each_module(tmp_path: Path) -> None:
    from pwa.bundle import sourceless

    package = tmp_path / "__pypackages__" / "pkg"
    (package / "__pycache__").mkdir(parents=True)
    (package / "mod.py").write_text("x = 1\n")
    (package / "__pycache__" / "mod.cpython-314.pyc").write_bytes(b"compiled")
    (package / "data.py").write_text("y = 2\n")  # no byte-code: keeps its source
    assert sourceless(tmp_path) == 1
    assert sorted(p.name for p in package.iterdir()) == ["data.py", "mod.pyc"]
    assert (package / "mod.pyc").read_bytes() == b"compiled"


@pytest.mark.parametrize(
    ("rel", "dropped"),
    [
        ("flet/testing/tester.py", True),
        ("flet/pytest_plugin.py", True),
        ("pydantic/v1/main.py", True),
        ("pydantic/py.typed", True),
        ("pydantic-2.14.3.dist-info/licenses/LICENSE", True),
        ("pydantic-2.14.3.dist-info/WHEEL", True),
        ("pydantic-2.14.3.dist-info/METADATA", False),
        ("pydantic/main.py", False),
        ("flet/controls/base_control.py", False),
    ],
)
def test_what_the_browser_never_reads_is_not_unpacked(rel: str, dropped: bool) -> None:
    from pwa.deps import _unneeded

    assert _unneeded(rel) is dropped
