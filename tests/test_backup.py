"""Export and import: a round trip loses nothing; a bad file is refused, naming the problem."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from data.cli.commands import import_command
from data.content.catalogue import load_catalogue
from data.practice_log.backup import COLUMNS, BackupError, export_csv, export_json, parse_export
from data.practice_log.completion import Completion
from data.practice_log.memory_store import MemoryStore
from data.practice_log.tinydb_store import TinyDBStore
from data.runtime.clock import SystemClock
from data.usecases.practice import Practice


def make(day: int, tz: str = "Europe/Berlin", completed: bool = True) -> Completion:
    end = datetime(2026, 3, day, 21, 30, tzinfo=UTC)
    return Completion.record(
        program_id="psoas-release",
        lesson_id=f"psoas-release-{day}",
        lesson_title='Psoas, "gently", é',
        started_at=end - timedelta(minutes=6),
        finished_at=end,
        timezone=tz,
        seconds=360,
        completed=completed,
    )


LOG = [make(1), make(2, "America/Los_Angeles", completed=False), make(3, "Asia/Kolkata")]


def test_json_round_trip_is_exact() -> None:
    text = export_json(LOG)
    document = json.loads(text)
    assert (document["format"], document["version"]) == ("micropause-log", 1)
    assert set(document["completions"][0]) == set(COLUMNS)
    assert document["completions"][0]["finished_at"] == "2026-03-01T21:30:00Z"
    assert document["completions"][2]["local_date"] == "2026-03-04"  # 03:00 in Kolkata
    assert parse_export(text) == LOG


def test_csv_has_the_same_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(LOG))))
    assert tuple(rows[0]) == COLUMNS
    assert [r["completed"] for r in rows] == ["true", "false", "true"]
    assert rows[0]["lesson_title"] == LOG[0].lesson_title


def test_importing_an_export_twice_changes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    source.write_text(export_json(LOG), encoding="utf-8")
    store = TinyDBStore(tmp_path / "data" / "micropause.json")
    out, err = io.StringIO(), io.StringIO()
    person = Practice(load_catalogue(), store, SystemClock(), "UTC")
    assert import_command(person, source, out, err) == 0
    assert import_command(person, source, out, err) == 0
    assert store.completions() == LOG
    assert out.getvalue().splitlines()[1].startswith("Imported 0 ")


def _with_record_3(**changes: object) -> str:
    records = [c.model_dump(mode="json") for c in LOG]
    records[2].update(changes)
    return json.dumps({"format": "micropause-log", "version": 1, "completions": records})


BAD = [
    pytest.param("{not json", "not JSON", id="not json"),
    pytest.param("", "not JSON", id="empty file"),
    pytest.param('{"format": "other-app"}', "'other-app'", id="wrong format tag"),
    pytest.param('[{"id": 1}]', "no format tag", id="a json list"),
    pytest.param('{"format": "micropause-log", "version": 9, "completions": []}', "newer",
                 id="newer export version"),
    pytest.param(_with_record_3(timezone="Mars/Olympus"), "Record 3, field 'timezone'",
                 id="bad field in record 3"),
    pytest.param(_with_record_3(finished_at="2026-03-03T21:30:00"), "Record 3, field 'finished_at'",
                 id="naive instant in record 3"),
    pytest.param(_with_record_3(extra=1), "Record 3, field 'extra': is not a known field",
                 id="unknown field in record 3"),
    pytest.param(_with_record_3(seconds=-5), "Record 3, field 'seconds'", id="negative seconds"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_malformed_file_is_refused_and_the_log_left_alone(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(BackupError) as caught:
        parse_export(text)
    assert message in str(caught.value)
    source = tmp_path / "import.json"
    source.write_text(text, encoding="utf-8")
    store = MemoryStore([make(9)])
    before = store.completions()
    out, err = io.StringIO(), io.StringIO()
    person = Practice(load_catalogue(), store, SystemClock(), "UTC")
    assert import_command(person, source, out, err) == 1
    assert message in err.getvalue() and "not changed" in err.getvalue()
    assert store.completions() == before
