"""Device keys, data folders and the one-store-per-key cache."""

from __future__ import annotations

import hashlib
import sys
import threading
from pathlib import Path

import pytest

from data.practice_log.profiles import ProfileStores
from data.runtime.folders import is_valid_device_key, new_device_key, resolve_data_dir


def test_new_keys_are_valid_and_different() -> None:
    keys = {new_device_key() for _ in range(50)}
    assert len(keys) == 50 and all(is_valid_device_key(k) for k in keys)


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(None, id="none"),
        pytest.param(42, id="a number"),
        pytest.param("", id="empty"),
        pytest.param("ab" * 12, id="too short"),
        pytest.param("AB" * 24, id="uppercase"),
        pytest.param("../" * 16, id="path traversal"),
        pytest.param("a" * 48 + "\n", id="trailing newline"),
    ],
)
def test_invalid_device_keys(key: object) -> None:
    assert not is_valid_device_key(key)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        pytest.param({"MICROPAUSE_DATA_DIR": "/d", "FLET_APP_STORAGE_DATA": "/f"}, "/d",
                     id="our variable first"),
        pytest.param({"FLET_APP_STORAGE_DATA": "/f", "HOME": "/h"}, "/f", id="flet storage"),
        pytest.param({"MICROPAUSE_DATA_DIR": "  ", "FLET_APP_STORAGE_DATA": "/f"}, "/f",
                     id="blank is unset"),
    ],
)  # fmt: skip
def test_resolve_data_dir(environ: dict[str, str], expected: str) -> None:
    assert resolve_data_dir(environ) == Path(expected)


@pytest.mark.skipif(sys.platform != "linux", reason="XDG layout")
def test_platform_folder_on_linux() -> None:
    assert resolve_data_dir({"HOME": "/h"}) == Path("/h/.local/share/micropause")
    assert resolve_data_dir({"HOME": "/h", "XDG_DATA_HOME": "/x"}) == Path("/x/micropause")


def test_device_folders_are_hashed_and_stores_shared(tmp_path: Path) -> None:
    stores = ProfileStores(tmp_path)
    key = new_device_key()
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(stores.for_device_key(key)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(store is results[0] for store in results)
    digest = hashlib.sha256(key.encode()).hexdigest()
    assert not (tmp_path / "devices").exists()  # opened, not written: nothing on disk
    store = stores.for_device_key(key)
    store.save_settings(store.settings().model_copy(update={"daily_goal": 2}))
    assert (tmp_path / "devices" / digest / "micropause.json").exists()
    assert not any(key in str(p) for p in tmp_path.rglob("*"))
    assert stores.for_device_key(new_device_key()) is not results[0]


@pytest.mark.parametrize("bad", ["../etc", "Default", "", "a b"])
def test_bad_keys_and_profile_names_are_refused(tmp_path: Path, bad: str) -> None:
    stores = ProfileStores(tmp_path)
    with pytest.raises(ValueError):
        stores.for_device_key(bad)
    with pytest.raises(ValueError):
        stores.for_profile(bad)


def test_local_profiles(tmp_path: Path) -> None:
    stores = ProfileStores(tmp_path)
    assert stores.for_profile() is stores.for_profile("default")
    sam = stores.for_profile("sam")
    assert sam is not stores.for_profile()
    assert not (tmp_path / "profiles").exists()
    sam.save_settings(sam.settings().model_copy(update={"daily_goal": 2}))
    assert (tmp_path / "profiles" / "sam" / "micropause.json").exists()


def test_a_store_no_session_holds_is_dropped_and_reopens_with_its_log(tmp_path: Path) -> None:
    import gc

    stores = ProfileStores(tmp_path)
    key = new_device_key()
    store = stores.for_device_key(key)
    store.save_settings(store.settings().model_copy(update={"daily_goal": 3}))
    del store
    gc.collect()
    assert len(stores._stores) == 0  # no session holds it: not kept in memory
    assert stores.for_device_key(key).settings().daily_goal == 3


def test_visitors_who_only_read_leave_no_file(tmp_path: Path) -> None:
    stores = ProfileStores(tmp_path)
    for _ in range(3):
        store = stores.for_device_key(new_device_key())
        store.settings(), store.completions(), store.nudge_counts()
    stores.for_profile("sam").completions()
    assert list(tmp_path.rglob("*")) == []
