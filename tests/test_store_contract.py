"""One contract, two stores: the in-memory twin must behave exactly like the file store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from data.practice_log.completion import Completion
from data.practice_log.memory_store import MemoryStore
from data.practice_log.settings import Settings
from data.practice_log.store import LogStore, NudgeEvent
from data.practice_log.tinydb_store import TinyDBStore


def make(finished: str, lesson: str = "lower-back-1", tz: str = "Europe/Berlin") -> Completion:
    end = datetime.fromisoformat(finished).astimezone(UTC)
    return Completion.record(
        program_id=lesson.rsplit("-", 1)[0],
        lesson_id=lesson,
        lesson_title=f"Title of {lesson}",
        started_at=end - timedelta(minutes=5),
        finished_at=end,
        timezone=tz,
        seconds=300,
        completed=True,
    )


Factory = Callable[[Path], LogStore]
FACTORIES = [
    pytest.param(lambda _path: MemoryStore(), id="memory"),
    pytest.param(lambda path: TinyDBStore(path / "micropause.json"), id="tinydb"),
]


@pytest.fixture(params=FACTORIES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> LogStore:
    factory: Factory = request.param
    return factory(tmp_path)


def test_a_new_store_is_empty(store: LogStore) -> None:
    assert store.completions() == []
    assert store.settings() == Settings()
    assert store.nudge_counts() == {}
    assert store.notice is None


def test_completions_come_back_oldest_first(store: LogStore) -> None:
    late, early, middle = (
        make("2026-03-03T10:00Z"),
        make("2025-12-31T23:30Z"),
        make("2026-01-05T08:00Z"),
    )
    for completion in (late, early, middle):
        store.add(completion)
    assert store.completions() == [early, middle, late]


def test_adding_the_same_record_twice_keeps_one(store: LogStore) -> None:
    record = make("2026-03-03T10:00Z")
    store.add(record)
    store.add(record)
    assert store.completions() == [record]


@pytest.mark.parametrize(
    ("batches", "added", "total"),
    [
        pytest.param([[0, 1, 2]], [3], 3, id="all new"),
        pytest.param([[0, 1], [1, 2]], [2, 1], 3, id="overlap skipped"),
        pytest.param([[0, 1, 2], [0, 1, 2]], [3, 0], 3, id="merging twice changes nothing"),
        pytest.param([[0, 0, 1]], [2], 2, id="duplicate inside one batch"),
        pytest.param([[]], [0], 0, id="empty batch"),
    ],
)
def test_merge_adds_only_new_ids(
    store: LogStore, batches: list[list[int]], added: list[int], total: int
) -> None:
    pool = [make(f"202{5 + i % 2}-03-0{i + 1}T10:00Z") for i in range(3)]
    counts = [store.merge([pool[i] for i in batch]) for batch in batches]
    assert counts == added
    assert len(store.completions()) == total
    assert store.completions() == sorted(store.completions(), key=lambda c: c.finished_at)


def test_the_returned_list_is_a_copy(store: LogStore) -> None:
    store.add(make("2026-03-03T10:00Z"))
    store.completions().clear()
    assert len(store.completions()) == 1


def test_settings_round_trip(store: LogStore) -> None:
    settings = Settings(daily_goal=3, day_start_hour=4, sound_on=False)
    store.save_settings(settings)
    assert store.settings() == settings


def test_nudges_are_counted_per_day_and_event(store: LogStore) -> None:
    shown, started = NudgeEvent.SHOWN, NudgeEvent.STARTED
    events = [
        (1, shown),
        (1, shown),
        (1, started),
        (2, NudgeEvent.SNOOZED),
        (2, NudgeEvent.SKIPPED),
    ]
    for day, event in events:
        store.record_nudge(date(2026, 3, day), event)
    assert store.nudge_counts() == {
        date(2026, 3, 1): {"shown": 2, "started": 1},
        date(2026, 3, 2): {"snoozed": 1, "skipped": 1},
    }


def test_an_unknown_nudge_event_is_refused(store: LogStore) -> None:
    with pytest.raises(ValueError, match="unknown nudge event"):
        store.record_nudge(date(2026, 3, 1), "clicked")  # type: ignore[arg-type]
    assert store.nudge_counts() == {}


def test_later_answers_are_kept_with_the_pause(store: LogStore) -> None:
    first, record = make("2026-03-03T09:00Z"), make("2026-03-03T10:00Z")
    store.merge([first, record.amended({"checkin_before": 6})])
    after = store.amend(record.id, {"checkin_after": 3})
    noted = store.amend(record.id, {"note": "Easier to turn my head"})
    assert (after.checkin_before, after.checkin_after, after.note) == (6, 3, None)
    assert (noted.checkin_before, noted.checkin_after, noted.note) == (
        6,
        3,
        "Easier to turn my head",
    )
    assert store.completions() == [first, noted]  # same place, the other record untouched
    assert store.amend(record.id, {"note": None}).note is None  # a note can be taken back


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        pytest.param({"checkin_after": 11}, ValueError, id="off the scale"),
        pytest.param({"checkin_after": "3"}, ValueError, id="text, not a number"),
        pytest.param({"note": "two\nlines"}, ValueError, id="a note of two lines"),
        pytest.param({"seconds": 1}, ValueError, id="not a check-in field"),
        pytest.param({"lesson_title": "Other"}, ValueError, id="the lesson cannot change"),
    ],
)
def test_a_bad_amendment_changes_nothing(
    store: LogStore, changes: dict[str, object], error: type[Exception]
) -> None:
    record = make("2026-03-03T10:00Z")
    store.add(record)
    with pytest.raises(error):
        store.amend(record.id, changes)
    assert store.completions() == [record]


def test_amending_an_unknown_pause_is_a_key_error(store: LogStore) -> None:
    store.add(make("2026-03-03T10:00Z"))
    with pytest.raises(KeyError):
        store.amend("0" * 32, {"checkin_after": 2})
