"""Kill a writer with SIGKILL at arbitrary moments: the log must open with every acknowledged
record. The child prints a record's id only after add() returned (the durability promise);
the parent kills it after a random number of acknowledgements, i.e. somewhere mid-write.
A second child kills itself at chosen writes, so the journal's move into the year files is
cut short at every step: before a file is written, half-way through one, and after it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from data.practice_log.tinydb_store import open_store

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from data.practice_log.completion import Completion
from data.practice_log.store import NudgeEvent
from data.practice_log.tinydb_store import TinyDBStore, open_store

store = open_store(Path(sys.argv[1])) if len(sys.argv) < 4 else TinyDBStore(
    Path(sys.argv[1]) / "micropause.json", journal_limit=int(sys.argv[3])
)
print("ready", flush=True)
start = datetime(2025, 12, 30, tzinfo=UTC)
for i in range(100_000):
    # Three years in turn when the journal is small, so a move writes several year files.
    years = 365 * (i % 3) if len(sys.argv) > 3 else 0
    end = start + timedelta(days=years, hours=7 * i + int(sys.argv[2]))
    record = Completion.record(
        program_id="lower-back", lesson_id="lower-back-1", lesson_title="Lesson",
        started_at=end - timedelta(minutes=5), finished_at=end, timezone="Europe/Berlin",
        seconds=300, completed=True,
    )
    store.add(record)
    print(record.id, flush=True)
    if i % 3 == 0:
        store.record_nudge(date(2026, 1, 1 + i % 28), NudgeEvent.SHOWN)  # rewrites: the risky kind
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


# Replaces the log files' atomic write: on write number KILL_AT the child dies, before the write,
# after it, or half-way (a partial temporary file left behind, the real file untouched).
SELF_KILL = (
    """
import os, signal, sys
import data.practice_log.log_file as log_file

real_write, writes = log_file.atomic_write_bytes, 0
KILL_AT, HOW = int(sys.argv[4]), sys.argv[5]

def write(path, payload):
    global writes
    writes += 1
    if writes == KILL_AT:
        if HOW == "torn":
            path.with_name(path.name + ".tmp-00dead00").write_bytes(payload[: len(payload) // 2])
        elif HOW == "after":
            real_write(path, payload)
        print("killed", path.name, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    real_write(path, payload)

log_file.atomic_write_bytes = write
"""
    + CHILD
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.timeout(180)
def test_a_move_into_the_year_files_cut_short_anywhere_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(20260303)
    acknowledged: set[str] = set()
    killed_in: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for run in range(45):
        how = ("before", "torn", "after")[run % 3]
        argv = [str(tmp_path), str(run), "3", str(rng.randint(1, 12)), how]
        child = subprocess.run(
            [sys.executable, "-c", SELF_KILL, *argv],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
            timeout=60,
        )
        assert child.returncode == -signal.SIGKILL, child.stderr
        lines = [line.strip() for line in child.stdout.splitlines()]
        assert lines[0] == "ready" and lines[-1].startswith("killed ")
        killed_in.append(lines[-1].split()[1])
        acknowledged.update(line for line in lines[1:-1] if len(line) == 32)
        store = open_store(tmp_path)
        assert store.notice is None
        ids = [c.id for c in store.completions()]
        assert len(ids) == len(set(ids)), f"run {run}: a record came back twice"
        missing = acknowledged - set(ids)
        assert not missing, f"run {run}: {len(missing)} acknowledged records lost"
        assert not list(tmp_path.glob("*.tmp-*"))
    hit = {name.split("-")[-1].removesuffix(".json") for name in killed_in}
    assert {"journal", "2025", "2026", "2027"} <= hit, hit  # journal and year-file writes
