"""The file store's promises: durable, never silently lossy, honest about versions."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from data.practice_log.completion import CHECKIN_FIELDS, Completion
from data.practice_log.settings import Settings
from data.practice_log.store import NudgeEvent, StoreVersionError
from data.practice_log.tinydb_store import JOURNAL_LIMIT, SCHEMA_VERSION, TinyDBStore, open_store

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def make(finished: str) -> Completion:
    end = datetime.fromisoformat(finished).astimezone(UTC)
    return Completion.record(
        program_id="neck-shoulders",
        lesson_id="neck-shoulders-2",
        lesson_title="Shoulder rolls",
        started_at=end - timedelta(minutes=4),
        finished_at=end,
        timezone="Europe/Berlin",
        seconds=240,
        completed=True,
    )


def open_at(folder: Path, journal_limit: int = JOURNAL_LIMIT) -> TinyDBStore:
    return TinyDBStore(folder / "micropause.json", now=lambda: NOW, journal_limit=journal_limit)


def test_everything_survives_a_reopen(tmp_path: Path) -> None:
    first = open_at(tmp_path, journal_limit=0)  # no journal: straight to the year files
    records = [make("2025-12-31T23:30Z"), make("2026-03-01T10:00Z"), make("2024-02-29T12:00Z")]
    for record in records:
        first.add(record)
    first.save_settings(Settings(daily_goal=2))
    first.record_nudge(date(2026, 3, 1), NudgeEvent.SHOWN)
    again = open_at(tmp_path)
    assert again.completions() == sorted(records, key=lambda c: c.finished_at)
    assert again.settings().daily_goal == 2
    assert again.nudge_counts() == {date(2026, 3, 1): {"shown": 1}}
    names = sorted(p.name for p in tmp_path.glob("micropause*.json"))
    assert names == [
        "micropause-log-2024.json",
        "micropause-log-2026.json",  # 23:30 UTC on New Year's Eve is 2026 in Berlin
        "micropause.json",
    ]


def test_leftover_temporary_files_are_removed_on_open(tmp_path: Path) -> None:
    open_at(tmp_path).add(make("2026-03-01T10:00Z"))
    leftover = tmp_path / "micropause-log-2026.json.tmp-deadbeef"
    leftover.write_text('{"half": ')
    assert len(open_at(tmp_path).completions()) == 1
    assert not leftover.exists()


def test_a_second_instance_sees_the_other_ones_writes(tmp_path: Path) -> None:
    app, cli = open_at(tmp_path), open_at(tmp_path)
    cli.add(make("2026-03-01T10:00Z"))
    app.add(make("2026-03-02T10:00Z"))
    assert (
        len(app.completions())
        == len(cli.completions())
        == len(open_at(tmp_path).completions())
        == 2
    )


def test_concurrent_writers_in_threads_lose_nothing(tmp_path: Path) -> None:
    store = open_at(tmp_path)
    records = [make("2026-03-01T10:00Z") for _ in range(120)]

    def write(part: list[Completion]) -> None:
        for record in part:
            store.add(record)

    threads = [threading.Thread(target=write, args=(records[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {c.id for c in open_at(tmp_path).completions()} == {r.id for r in records}


CORRUPTIONS = [
    pytest.param(b'{"meta": {"1": {"schema": 2}}, "completions": {"1": {"id": "ab', id="truncated"),
    pytest.param(b'{"meta": {}}} trailing garbage', id="trailing garbage"),
    pytest.param(b"\x00\x00\x00\x00", id="nul bytes"),
    pytest.param(b'[{"id": 1}]', id="a json list"),
    pytest.param(
        b'{"meta": {"1": {"schema": 2}}, "completions": {"1": {"id": "x"}}}', id="a bad record"
    ),
]


@pytest.mark.parametrize("content", CORRUPTIONS)
@pytest.mark.parametrize(
    ("limit", "stem"), [(0, "micropause-log-2026"), (9, "micropause-log-journal")]
)
def test_an_unreadable_log_is_set_aside_and_reported(
    tmp_path: Path, content: bytes, limit: int, stem: str
) -> None:
    open_at(tmp_path, journal_limit=limit).add(make("2026-03-01T10:00Z"))
    (tmp_path / f"{stem}.json").write_bytes(content)
    store = open_at(tmp_path)
    kept = tmp_path / f"{stem}.corrupt-20260302T093000Z.json"
    assert kept.read_bytes() == content
    assert store.completions() == []
    assert store.notice is not None and str(kept) in store.notice
    store.add(make("2026-03-02T10:00Z"))
    assert len(open_at(tmp_path).completions()) == 1


def test_an_unreadable_main_file_is_set_aside_too(tmp_path: Path) -> None:
    (tmp_path / "micropause.json").write_bytes(b"{not json")
    store = open_at(tmp_path)
    kept = tmp_path / "micropause.corrupt-20260302T093000Z.json"
    assert kept.read_bytes() == b"{not json"
    assert store.notice is not None and str(kept) in store.notice
    assert store.completions() == []
    assert store.settings() == Settings()


@pytest.mark.parametrize(
    "file_name", ["micropause.json", "micropause-log-2026.json", "micropause-log-journal.json"]
)
def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path, file_name: str) -> None:
    open_at(tmp_path, journal_limit=0).add(make("2026-03-01T10:00Z"))
    open_at(tmp_path).add(make("2026-03-01T11:00Z"))
    newer = {"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "completions": {"1": {"future": 1}}}
    path = tmp_path / file_name
    path.write_text(json.dumps(newer))
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    with pytest.raises(StoreVersionError, match=r"newer version of Micro Pause.*left untouched"):
        open_store(tmp_path)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert after == before


def test_schema_1_is_migrated_with_a_backup(tmp_path: Path) -> None:
    records = [make("2025-06-01T10:00Z"), make("2026-03-01T10:00Z")]
    v1 = {  # the first prototype: one plain TinyDB file, no version record
        "completions": {str(i): r.model_dump(mode="json") for i, r in enumerate(records, 1)},
        "settings": {"1": {"daily_goal": 2}},
    }
    (tmp_path / "micropause.json").write_text(json.dumps(v1))
    store = open_at(tmp_path)
    backup = tmp_path / "micropause.v1-backup-20260302T093000Z.json"
    assert json.loads(backup.read_text()) == v1
    assert store.notice is not None and "upgraded" in store.notice and str(backup) in store.notice
    assert store.completions() == records
    assert store.settings().daily_goal == 2
    main = json.loads((tmp_path / "micropause.json").read_text())
    assert main["meta"]["1"]["schema"] == SCHEMA_VERSION and "completions" not in main
    again = open_at(tmp_path)
    assert again.notice is None and again.completions() == records


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("micropause*.json")}


def test_logging_rewrites_only_the_journal(tmp_path: Path) -> None:
    open_at(tmp_path, journal_limit=0).merge([make(f"2026-01-0{d}T10:00Z") for d in range(1, 8)])
    store = open_at(tmp_path)
    before = snapshot(tmp_path)
    store.add(make("2026-03-01T10:00Z"))
    after = snapshot(tmp_path)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {"micropause-log-journal.json"}
    assert len(json.loads(after["micropause-log-journal.json"])["completions"]) == 1


def test_a_full_journal_moves_into_the_year_files(tmp_path: Path) -> None:
    store = open_at(tmp_path, journal_limit=3)
    records = [make(f"{year}-06-01T10:00Z") for year in (2024, 2025, 2025, 2026, 2026)]
    for record in records[:3]:
        store.add(record)
    assert not (tmp_path / "micropause-log-2025.json").exists()
    store.add(records[3])  # one more than the journal holds: everything moves
    files = {n: json.loads(b) for n, b in snapshot(tmp_path).items()}
    assert files["micropause-log-journal.json"]["completions"] == {}
    assert [len(files[f"micropause-log-{y}.json"]["completions"]) for y in (2024, 2025, 2026)] == [
        1,
        2,
        1,
    ]
    store.add(records[4])
    assert open_at(tmp_path).completions() == records
    assert store.completions() == records


def test_a_large_merge_goes_straight_to_the_year_files(tmp_path: Path) -> None:
    store = open_at(tmp_path, journal_limit=4)
    store.add(make("2026-01-01T10:00Z"))
    assert store.merge([make(f"2026-02-0{d}T10:00Z") for d in range(1, 8)]) == 7
    files = {n: json.loads(b) for n, b in snapshot(tmp_path).items()}
    assert files["micropause-log-journal.json"]["completions"] == {}
    assert len(files["micropause-log-2026.json"]["completions"]) == 8


def test_a_move_cut_short_keeps_each_record_once(tmp_path: Path) -> None:
    """A crash after the year files were written but before the journal was emptied."""
    store = open_at(tmp_path, journal_limit=2)
    records = [make("2026-01-01T10:00Z"), make("2026-01-02T10:00Z")]
    store.merge(records)
    full_journal = (tmp_path / "micropause-log-journal.json").read_bytes()
    store.add(make("2026-01-03T10:00Z"))  # moves all three into the year file
    (tmp_path / "micropause-log-journal.json").write_bytes(full_journal)  # the crash
    again = open_at(tmp_path, journal_limit=2)
    assert again.notice is None
    assert [c.id for c in again.completions()] == [c.id for c in store.completions()]
    again.add(make("2026-01-04T10:00Z"))  # the next journal write drops the duplicates
    journal = json.loads((tmp_path / "micropause-log-journal.json").read_bytes())
    assert len(journal["completions"]) == 1
    assert len(open_at(tmp_path).completions()) == 4


def test_opening_moves_a_full_journal(tmp_path: Path) -> None:
    open_at(tmp_path).merge([make(f"2026-01-0{d}T10:00Z") for d in range(1, 6)])
    store = open_at(tmp_path, journal_limit=5)
    files = {n: json.loads(b) for n, b in snapshot(tmp_path).items()}
    assert files["micropause-log-journal.json"]["completions"] == {}
    assert len(files["micropause-log-2026.json"]["completions"]) == 5
    assert len(store.completions()) == 5


def test_schema_2_is_upgraded_in_place(tmp_path: Path) -> None:
    records = [make("2025-06-01T10:00Z"), make("2026-03-01T10:00Z")]
    meta = {"1": {"schema": 2, "app": "micropause"}}
    (tmp_path / "micropause.json").write_text(
        json.dumps({"meta": meta, "settings": {"1": {"daily_goal": 3}}})
    )
    for record in records:
        year = record.local_date.year
        table = {"1": record.model_dump(mode="json")}
        (tmp_path / f"micropause-log-{year}.json").write_text(
            json.dumps({"meta": meta, "completions": table})
        )
    store = open_at(tmp_path)
    assert store.notice is None
    assert store.completions() == records and store.settings().daily_goal == 3
    for path in tmp_path.glob("micropause*.json"):
        meta_doc = json.loads(path.read_text())["meta"]["1"]
        assert meta_doc["schema"] == SCHEMA_VERSION == 4
        assert path.name == "micropause.json" or "sha256" in meta_doc
    assert open_at(tmp_path).completions() == records


def test_records_loaded_without_revalidation_equal_validated_ones(tmp_path: Path) -> None:
    records = [make("2026-03-01T10:00Z"), make("2026-03-01T23:30Z")]
    open_at(tmp_path, journal_limit=0).merge(records)
    loaded = open_at(tmp_path).completions()
    for fast, record in zip(loaded, records, strict=True):
        validated = Completion.model_validate(record.model_dump(mode="json"))
        assert fast == validated == record and hash(fast) == hash(record)
        assert fast.model_dump() == validated.model_dump()
        assert fast.model_fields_set == validated.model_fields_set
        assert fast.finished_at.tzinfo is validated.finished_at.tzinfo
        assert type(fast.local_date) is date and fast.__pydantic_extra__ is None
        with pytest.raises(ValidationError):
            fast.seconds = 1  # type: ignore[misc]  # still frozen


@pytest.mark.parametrize(
    ("edit", "readable"),
    [
        pytest.param(("Shoulder rolls", "Rolling shoulders"), True, id="a valid hand edit"),
        pytest.param(('"seconds": 240', '"seconds": -240'), False, id="an invalid hand edit"),
        pytest.param(('"completed": true', '"completed": 1.5'), False, id="a wrong type"),
    ],
)
def test_a_changed_log_is_validated_again(
    tmp_path: Path, edit: tuple[str, str], readable: bool
) -> None:
    open_at(tmp_path, journal_limit=0).add(make("2026-03-01T10:00Z"))
    path = tmp_path / "micropause-log-2026.json"
    path.write_text(path.read_text().replace(*edit))
    store = open_at(tmp_path)
    if readable:
        assert store.notice is None
        assert [c.lesson_title for c in store.completions()] == ["Rolling shoulders"]
        assert json.loads(path.read_text())["meta"]["1"]["sha256"]  # rewritten, trusted again
    else:
        assert store.completions() == []
        assert store.notice is not None and "corrupt" in store.notice


def schema_3_folder(folder: Path, journal: list[Completion], years: list[Completion]) -> None:
    """A log folder as Micro Pause wrote it before check-ins: schema 3, digests, no new fields."""
    from data.practice_log.log_file import render

    def table(records: list[Completion]) -> bytes:
        docs = [
            {k: v for k, v in r.model_dump(mode="json").items() if k not in CHECKIN_FIELDS}
            for r in records
        ]
        return ", ".join(f'"{i}": {json.dumps(d)}' for i, d in enumerate(docs, 1)).encode()

    meta = {"1": {"schema": 3, "app": "micropause"}}
    (folder / "micropause.json").write_text(
        json.dumps({"meta": meta, "settings": {"1": {"daily_goal": 2}}})
    )
    (folder / "micropause-log-journal.json").write_bytes(render(table(journal), 3))
    for year in {r.local_date.year for r in years}:
        in_year = [r for r in years if r.local_date.year == year]
        (folder / f"micropause-log-{year}.json").write_bytes(render(table(in_year), 3))


def test_schema_3_is_upgraded_with_empty_check_ins(tmp_path: Path) -> None:
    old, recent = (
        [make("2025-06-01T10:00Z"), make("2026-01-01T10:00Z")],
        [make("2026-03-01T10:00Z")],
    )
    schema_3_folder(tmp_path, recent, old)
    store = open_at(tmp_path)
    assert store.notice is None and store.settings().daily_goal == 2
    assert store.completions() == [*old, *recent]
    assert all(
        (c.checkin_before, c.checkin_after, c.note) == (None, None, None)
        for c in store.completions()
    )
    for path in tmp_path.glob("micropause*.json"):  # every file now says 4, and holds the fields
        document = json.loads(path.read_text())
        assert document["meta"]["1"]["schema"] == SCHEMA_VERSION == 4, path.name
        for record in document.get("completions", {}).values():
            assert set(CHECKIN_FIELDS) <= set(record)
    store.amend(recent[0].id, {"checkin_after": 2})
    assert open_at(tmp_path).completions()[-1].checkin_after == 2


def test_an_amendment_rewrites_only_the_journal(tmp_path: Path) -> None:
    open_at(tmp_path, journal_limit=0).merge([make(f"2026-01-0{d}T10:00Z") for d in range(1, 8)])
    store = open_at(tmp_path)
    record = make("2026-03-01T10:00Z").amended({"checkin_before": 7})
    store.add(record)
    before = snapshot(tmp_path)
    store.amend(record.id, {"checkin_after": 4, "note": "Lighter"})
    after = snapshot(tmp_path)
    assert {name for name in after if before.get(name) != after[name]} == {
        "micropause-log-journal.json"
    }
    again = open_at(tmp_path)
    assert again.notice is None
    assert (again.completions()[-1].checkin_after, again.completions()[-1].note) == (4, "Lighter")


def test_an_amendment_reaches_a_pause_that_moved_into_its_year_file(tmp_path: Path) -> None:
    store = open_at(tmp_path, journal_limit=2)
    records = [make(f"2026-01-0{d}T10:00Z") for d in range(1, 4)]
    store.merge(records[:2])
    store.add(records[2])  # the journal overflows: all three move into the 2026 file
    assert json.loads((tmp_path / "micropause-log-journal.json").read_text())["completions"] == {}
    year_file = tmp_path / "micropause-log-2026.json"
    before = year_file.read_bytes()
    store.amend(records[1].id, {"checkin_after": 1})
    after = year_file.read_bytes()
    assert len(after) == len(before) + len(b"1") - len(b"null")  # one value swapped in place
    document = json.loads(after)
    assert [r["checkin_after"] for r in document["completions"].values()] == [None, 1, None]
    again = open_at(tmp_path, journal_limit=2)  # the digest still matches: loaded fast
    assert again.notice is None and [c.checkin_after for c in again.completions()] == [
        None,
        1,
        None,
    ]
    assert json.loads(year_file.read_text())["meta"]["1"]["sha256"]


def test_an_amendment_from_another_instance_is_seen(tmp_path: Path) -> None:
    app, cli = open_at(tmp_path), open_at(tmp_path)
    record = make("2026-03-01T10:00Z")
    app.add(record)
    cli.amend(record.id, {"note": "From the command line"})
    assert app.completions()[0].note == "From the command line"
    app.amend(record.id, {"checkin_after": 5})
    assert (open_at(tmp_path).completions()[0].note, cli.completions()[0].checkin_after) == (
        "From the command line",
        5,
    )


def test_an_amendment_rewrites_the_year_file_when_its_bytes_are_not_as_expected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from data.practice_log.log_file import LogFile

    store = open_at(tmp_path, journal_limit=0)  # straight to the year files
    records = [make("2026-01-01T10:00Z"), make("2026-01-02T10:00Z")]
    store.merge(records)
    monkeypatch.setattr(LogFile, "amend", lambda self, old, new: False)
    store.amend(records[0].id, {"note": "Rewritten the slow way"})
    again = open_at(tmp_path)
    assert again.notice is None
    assert [c.note for c in again.completions()] == ["Rewritten the slow way", None]
    assert [c.id for c in again.completions()] == [r.id for r in records]


def test_a_failed_amendment_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import data.practice_log.log_file as log_file

    store = open_at(tmp_path)
    record = make("2026-03-01T10:00Z").amended({"checkin_before": 5})
    store.add(record)

    def full_disk(path: Path, payload: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(log_file, "atomic_write_bytes", full_disk)
    with pytest.raises(OSError, match="No space"):
        store.amend(record.id, {"checkin_after": 2})
    assert store.completions() == [record]
    monkeypatch.undo()
    assert open_at(tmp_path).completions() == [record]
    assert store.amend(record.id, {"checkin_after": 2}).checkin_after == 2
