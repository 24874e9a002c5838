"""Restore uploads are bounded: a file that is too large is refused before it is read."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import flet as ft
import pytest

from data.practice_log.backup import MAX_UPLOAD_BYTES, BackupError, check_upload_size, export_json
from data.practice_log.memory_store import MemoryStore
from tests.fakes import by_key, make_context
from tests.test_faults import record
from views.settings import build_settings_view


def test_the_bound_is_checked_by_size_alone() -> None:
    check_upload_size(MAX_UPLOAD_BYTES)
    with pytest.raises(BackupError, match="up to 8 MB"):
        check_upload_size(MAX_UPLOAD_BYTES + 1)


def _restore(monkeypatch: pytest.MonkeyPatch, picked: ft.FilePickerFile) -> tuple[str, int]:
    async def pick_files(self: Any, **kwargs: Any) -> list[ft.FilePickerFile]:
        return [picked]

    monkeypatch.setattr(ft.FilePicker, "pick_files", pick_files)
    store = MemoryStore()
    ctx, _ = make_context(store=store)
    view = build_settings_view(ctx, on_look=lambda: None)
    asyncio.run(by_key(view, "import").on_click(None))
    return by_key(view, "backup-result").value, len(store.completions())


def test_a_file_over_the_bound_is_refused_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    never_read = ft.FilePickerFile(id=1, name="huge.json", size=MAX_UPLOAD_BYTES + 1, path=None)
    message, stored = _restore(monkeypatch, never_read)
    assert message.startswith("Nothing was changed: this file is 8.0 MB")
    assert "python main.py import" in message and stored == 0


def test_a_file_within_the_bound_is_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    data = export_json([record(datetime(2026, 3, 1, 9, tzinfo=UTC))]).encode()
    picked = ft.FilePickerFile(id=1, name="log.json", size=len(data), path=None, bytes=data)
    message, stored = _restore(monkeypatch, picked)
    assert message.startswith("Restored 1 Micro Pause") and stored == 1
