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
from data.practice_log.completion import CHECKIN_FIELDS, Completion
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


LOG = [
    make(1).amended({"checkin_before": 7, "checkin_after": 4, "note": 'Easier, "much", é'}),
    make(2, "America/Los_Angeles", completed=False).amended({"checkin_before": 0}),
    make(3, "Asia/Kolkata"),
]
V1_FIELDS = [name for name in COLUMNS if name not in CHECKIN_FIELDS]


def v1_export(records: list[Completion]) -> str:
    """An export as the first Micro Pause wrote it: version 1, no check-in fields."""
    rows = [{k: v for k, v in c.model_dump(mode="json").items() if k in V1_FIELDS} for c in records]
    return json.dumps({"format": "micropause-log", "version": 1, "completions": rows})


def test_json_round_trip_is_exact() -> None:
    text = export_json(LOG)
    document = json.loads(text)
    assert (document["format"], document["version"]) == ("micropause-log", 2)
    for record in document["completions"]:  # the three keys on every completion, null or not
        assert set(record) == set(COLUMNS) and set(CHECKIN_FIELDS) <= set(record)
    assert [r["checkin_before"] for r in document["completions"]] == [7, 0, None]
    assert document["completions"][2]["note"] is None
    assert document["completions"][0]["finished_at"] == "2026-03-01T21:30:00Z"
    assert document["completions"][2]["local_date"] == "2026-03-04"  # 03:00 in Kolkata
    assert parse_export(text) == LOG


def test_csv_has_the_same_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(LOG))))
    assert tuple(rows[0]) == COLUMNS
    assert COLUMNS[-3:] == CHECKIN_FIELDS
    assert [r["completed"] for r in rows] == ["true", "false", "true"]
    assert rows[0]["lesson_title"] == LOG[0].lesson_title
    assert [(r["checkin_before"], r["checkin_after"]) for r in rows] == [
        ("7", "4"),
        ("0", ""),
        ("", ""),
    ]
    assert rows[0]["note"] == 'Easier, "much", é' and rows[2]["note"] == ""


def test_a_version_1_export_imports_as_before() -> None:
    plain = [make(4), make(5, completed=False)]
    assert parse_export(v1_export(plain)) == plain
    assert all((c.checkin_before, c.checkin_after, c.note) == (None, None, None) for c in plain)


def test_a_version_1_export_with_a_check_in_field_is_refused_as_before() -> None:
    document = json.loads(v1_export([make(4)]))
    document["completions"][0]["note"] = "from the future"
    with pytest.raises(BackupError, match="Record 1, field 'note': is not a known field"):
        parse_export(json.dumps(document))


def test_importing_version_2_keeps_the_check_ins_and_skips_known_records(
    tmp_path: Path,
) -> None:
    store = TinyDBStore(tmp_path / "micropause.json")
    known = LOG[2].amended({"checkin_before": 3})  # the same id, already in the log
    store.add(LOG[2])
    person = Practice(load_catalogue(), store, SystemClock(), "UTC")
    assert person.restore(export_json([*LOG[:2], known])) == (2, 1)
    again = TinyDBStore(tmp_path / "micropause.json").completions()
    assert again == LOG  # the record already present stayed as it was
    assert (again[0].checkin_before, again[0].checkin_after, again[0].note) == (
        7,
        4,
        'Easier, "much", é',
    )


def test_export_round_trip_through_the_file_store(tmp_path: Path) -> None:
    first = TinyDBStore(tmp_path / "a" / "micropause.json")
    first.add(make(6))
    first.amend(first.completions()[0].id, {"checkin_before": 6, "checkin_after": 2})
    first.amend(first.completions()[0].id, {"note": "Slept badly, but this helped"})
    text = Practice(load_catalogue(), first, SystemClock(), "UTC").export()[0]
    second = TinyDBStore(tmp_path / "b" / "micropause.json")
    assert second.merge(parse_export(text)) == 1
    (record,) = TinyDBStore(tmp_path / "b" / "micropause.json").completions()
    assert (record.checkin_before, record.checkin_after, record.note) == (
        6,
        2,
        "Slept badly, but this helped",
    )


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
    return json.dumps({"format": "micropause-log", "version": 2, "completions": records})


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
    pytest.param(_with_record_3(checkin_before=11), "Record 3, field 'checkin_before'",
                 id="a check-in off the scale"),
    pytest.param(_with_record_3(checkin_after="4"), "Record 3, field 'checkin_after'",
                 id="a check-in as text"),
    pytest.param(_with_record_3(note="two\nlines"), "Record 3, field 'note'",
                 id="a note of two lines"),
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
