"""The PWA's pre-validated catalogue: same catalogue as validation, used only when it matches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from data import catalogue_cache
from data.catalogue import BUNDLED_CONTENT_DIR, Catalogue, load_catalogue
from data.catalogue_cache import load_catalogue_fast, write_cache


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue_cache.json"
    assert write_cache(BUNDLED_CONTENT_DIR, path)
    return path


def test_cached_catalogue_is_the_validated_one(cache: Path) -> None:
    fast = load_catalogue_fast(BUNDLED_CONTENT_DIR, cache)
    slow = load_catalogue(BUNDLED_CONTENT_DIR)
    assert catalogue_cache._same(fast, slow)
    assert fast.summary() == slow.summary()
    assert repr(fast.programs) == repr(slow.programs)
    assert fast.skipped == ()


def test_cache_is_used_only_when_its_hash_matches(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []
    real = load_catalogue

    def counting(folder: Path) -> Catalogue:
        calls.append(folder)
        return real(folder)

    monkeypatch.setattr(catalogue_cache, "load_catalogue", counting)
    load_catalogue_fast(BUNDLED_CONTENT_DIR, cache)
    assert calls == []
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["programs"][0]["title"] = "Changed behind the loader's back"
    data["hash"] = "0" * 64
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert load_catalogue_fast(BUNDLED_CONTENT_DIR, cache) == real(BUNDLED_CONTENT_DIR)
    assert calls == [BUNDLED_CONTENT_DIR]


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"hash": 1}'])
def test_broken_cache_falls_back_to_validation(tmp_path: Path, text: str) -> None:
    path = tmp_path / "catalogue_cache.json"
    path.write_text(text, encoding="utf-8")
    assert load_catalogue_fast(BUNDLED_CONTENT_DIR, path) == load_catalogue(BUNDLED_CONTENT_DIR)


def test_other_folders_are_always_validated(tmp_path: Path, cache: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(BUNDLED_CONTENT_DIR, folder)
    (folder / "bad.json").write_text("{", encoding="utf-8")
    assert load_catalogue_fast(folder, cache) == load_catalogue(folder)
    assert load_catalogue_fast(folder, cache).skipped


def test_content_change_changes_the_hash(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(BUNDLED_CONTENT_DIR, folder)
    before = catalogue_cache.content_hash(folder)
    first = sorted(folder.glob("*.json"))[0]
    first.write_text(first.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert catalogue_cache.content_hash(folder) != before


def test_no_cache_for_a_folder_with_problems(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "bad.json").write_text("{", encoding="utf-8")
    target = tmp_path / "cache.json"
    assert not write_cache(folder, target)
    assert not target.exists()
