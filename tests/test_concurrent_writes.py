"""Many writers at once on one person's log: every record survives, on disk.

In web mode two tabs of one browser share one device key, hence one store; their saves run in
worker threads (``run_blocking``) and may overlap. The CLI may write from another process.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from data.practice_log.completion import Completion
from data.practice_log.profiles import ProfileStores
from data.practice_log.store import LogStore
from data.runtime.folders import new_device_key

THREADS = 8
ADDS_PER_THREAD = 25
START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def completion(thread: int, i: int) -> Completion:
    finished = START + timedelta(minutes=thread * ADDS_PER_THREAD + i)
    return Completion.record(
        program_id="quick-pauses",
        lesson_id="quick-pauses-3",
        lesson_title="Wake up, then release the hip flexors",
        started_at=finished - timedelta(seconds=87),
        finished_at=finished,
        timezone="Europe/Berlin",
        seconds=87,
        completed=True,
    )


def add_all_at_once(stores: list[LogStore]) -> set[str]:
    """THREADS threads (round-robin over ``stores``) each add ADDS_PER_THREAD records."""
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    ids: list[set[str]] = [set() for _ in range(THREADS)]

    def writer(n: int) -> None:
        store = stores[n % len(stores)]
        records = [completion(n, i) for i in range(ADDS_PER_THREAD)]
        ids[n] = {r.id for r in records}
        try:
            barrier.wait(timeout=10)
            for record in records:
                store.add(record)
        except BaseException as exc:  # reported below: a thread's exception is otherwise lost
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    assert not errors, errors
    return set().union(*ids)


def test_threads_adding_to_one_shared_store_lose_nothing(tmp_path: Path) -> None:
    key = new_device_key()
    store = ProfileStores(tmp_path).for_device_key(key)
    written = add_all_at_once([store])
    assert len(written) == THREADS * ADDS_PER_THREAD

    assert {c.id for c in store.completions()} == written
    reopened = ProfileStores(tmp_path).for_device_key(key).completions()
    assert len(reopened) == THREADS * ADDS_PER_THREAD
    assert {c.id for c in reopened} == written


def test_two_registries_on_one_folder_lose_nothing(tmp_path: Path) -> None:
    """Two store instances on the same files (as the server and the CLI have): the file lock
    orders their writes and each re-reads what the other wrote before writing."""
    key = new_device_key()
    first = ProfileStores(tmp_path).for_device_key(key)
    second = ProfileStores(tmp_path).for_device_key(key)
    assert first is not second
    written = add_all_at_once([first, second])

    for store in (first, second, ProfileStores(tmp_path).for_device_key(key)):
        assert {c.id for c in store.completions()} == written


def test_adding_the_same_records_from_many_threads_keeps_one_of_each(tmp_path: Path) -> None:
    """A retried save (the same completion twice, at once) is stored once."""
    key = new_device_key()
    store = ProfileStores(tmp_path).for_device_key(key)
    records = [completion(0, i) for i in range(ADDS_PER_THREAD)]
    barrier = threading.Barrier(THREADS)

    def writer() -> None:
        barrier.wait(timeout=10)
        for record in records:
            store.add(record)

    threads = [threading.Thread(target=writer) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    reopened = ProfileStores(tmp_path).for_device_key(key).completions()
    assert sorted(c.id for c in reopened) == sorted(r.id for r in records)
