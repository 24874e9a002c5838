"""Kill a writer with SIGKILL at arbitrary moments: the log must open with every acknowledged
record. The child prints a record's id only after add() returned (the durability promise);
the parent kills it after a random number of acknowledgements, i.e. somewhere mid-write."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from data.store import open_store

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from data.completion import Completion
from data.store import open_store

store = open_store(Path(sys.argv[1]))
print("ready", flush=True)
start = datetime(2025, 12, 30, tzinfo=UTC)
for i in range(100_000):
    end = start + timedelta(hours=7 * i + int(sys.argv[2]))
    record = Completion.record(
        program_id="lower-back", lesson_id="lower-back-1", lesson_title="Lesson",
        started_at=end - timedelta(minutes=5), finished_at=end, timezone="Europe/Berlin",
        seconds=300, completed=True,
    )
    store.add(record)
    print(record.id, flush=True)
    if i % 3 == 0:
        store.record_nudge(date(2026, 1, 1 + i % 28), "shown")  # rewrites: the risky kind
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.timeout(120)
def test_killed_writers_never_lose_an_acknowledged_record(tmp_path: Path) -> None:
    rng = random.Random(20260302)
    acknowledged: set[str] = set()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for run in range(30):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(tmp_path), str(run)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(0, 25)):
            acknowledged.add(child.stdout.readline().strip())
        child.send_signal(signal.SIGKILL)
        child.wait()
        acknowledged.update(line.strip() for line in child.stdout if line.strip())
        store = open_store(tmp_path)  # must open: no corrupt file, no lost acknowledged id
        assert store.notice is None
        missing = acknowledged - {c.id for c in store.completions()}
        assert not missing, f"run {run}: {len(missing)} acknowledged records lost"
    assert len(acknowledged) > 100
