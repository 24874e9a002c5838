"""The practice log store against plain TinyDB, side by side, in one run.

Prints the latency of one logged completion (median, p95, max and mean over JOURNAL_LIMIT + 20
adds, so the run includes at least one move of the journal into the year files: the max is that
move, the mean is the amortised cost) with 0, 10,000 and 100,000 records already stored, the
time to open the store, and the time to compute every streak figure at 100,000 records (also
with weekends as rest days); the last line is one JSON object. Files are built directly (not by
100,000 inserts) in a temporary folder, in the format the store writes (digests included).

Worst cases on purpose: at 10,000 all records sit in the current year's file (one person
logging 27 Micro Pauses a day). At 100,000 the records are ten a day over 27 years (one file
per year, as the store keeps them), and a second figure puts all 100,000 in one year's file:
the JSON line reports that single-year worst case next to the spread one. "first open" is the
one-off open of a 100,000-record year file without digests (a schema-2 upgrade, or a hand
edit): every record validated, the file rewritten.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import TinyDB

from data.practice_log.completion import Completion
from data.practice_log.log_file import render
from data.practice_log.tinydb_files import AtomicJSONStorage
from data.practice_log.tinydb_store import JOURNAL_LIMIT, LOG_TABLE, SCHEMA_VERSION, TinyDBStore
from data.progress.streaks import compute_stats

NOW = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
INSERTS = JOURNAL_LIMIT + 20


def doc(end: datetime) -> dict[str, Any]:
    """One stored record, ~300 bytes of JSON like the real ones."""
    return {
        "id": uuid.uuid4().hex,
        "program_id": "lower-back",
        "lesson_id": "lower-back-3",
        "lesson_title": "Cat and cow, seated",
        "started_at": (end - timedelta(minutes=5)).isoformat().replace("+00:00", "Z"),
        "finished_at": end.isoformat().replace("+00:00", "Z"),
        "local_date": end.date().isoformat(),
        "timezone": "UTC",
        "seconds": 300,
        "completed": True,
        "checkin_before": None,
        "checkin_after": None,
        "note": None,
    }


def build(folder: Path, count: int, per_day: int, digests: bool = True) -> None:
    """Write a store of ``count`` records ending today, ``per_day`` a day.

    With ``digests`` the year files are exactly what the store writes (schema 3); without,
    they are schema-2 files, which the store validates and rewrites on its first open.
    """
    folder.mkdir(parents=True)
    years: dict[int, dict[str, Any]] = {}
    for i in range(count):
        end = NOW - timedelta(days=i // per_day, minutes=10 * (i % per_day) + 1)
        table = years.setdefault(end.year, {})
        table[str(len(table) + 1)] = doc(end)
    schema = SCHEMA_VERSION if digests else 2
    meta = {"1": {"schema": schema, "app": "micropause"}}
    _write(folder / "micropause.json", {"meta": meta})
    for year, table in years.items():
        path = folder / f"micropause-log-{year}.json"
        if digests:
            body = ", ".join(
                f'"{doc_id}": {json.dumps(d, ensure_ascii=False)}' for doc_id, d in table.items()
            )
            path.write_bytes(render(body.encode(), SCHEMA_VERSION))
        else:
            _write(path, {"meta": meta, LOG_TABLE: table})


def _write(path: Path, tables: dict[str, Any]) -> None:
    path.write_text(AtomicJSONStorage(path).encode(tables), encoding="utf-8")


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def summary(values: list[float]) -> tuple[float, float, float, float]:
    """Median, p95, max and mean."""
    return statistics.median(values), p95(values), max(values), statistics.mean(values)


def new_completion() -> Completion:
    return Completion.record(
        program_id="lower-back",
        lesson_id="lower-back-3",
        lesson_title="Cat and cow, seated",
        started_at=NOW - timedelta(minutes=5),
        finished_at=NOW,
        timezone="UTC",
        seconds=300,
        completed=True,
    )


def ours(folder: Path) -> tuple[float, list[float], TinyDBStore]:
    start = time.perf_counter()
    store = TinyDBStore(folder / "micropause.json")
    open_ms = (time.perf_counter() - start) * 1000
    return open_ms, timed(lambda: store.add(new_completion()), INSERTS), store


def plain(path: Path, count: int, inserts: int) -> tuple[float, list[float]]:
    """Plain TinyDB, default JSONStorage, one file: open + all(), then one insert at a time."""
    table = {str(i + 1): doc(NOW - timedelta(minutes=i)) for i in range(count)}
    path.write_text(json.dumps({LOG_TABLE: table}), encoding="utf-8")
    start = time.perf_counter()
    db = TinyDB(path)
    db.table(LOG_TABLE).all()
    open_ms = (time.perf_counter() - start) * 1000
    log = timed(
        lambda: db.table(LOG_TABLE).insert(new_completion().model_dump(mode="json")), inserts
    )
    db.close()
    return open_ms, log


def main() -> None:
    rows: list[tuple[str, float, float, float, float, float]] = []
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent) as tmp:
        base = Path(tmp)
        results = {}
        for label, count, per_day in [
            ("0", 0, 10),
            ("10k (10 a day, 3 files)", 10_000, 10),
            ("10k (one year file)", 10_000, 28),
            ("100k (27 yearly files)", 100_000, 10),
            ("100k (one year file)", 100_000, 274),
        ]:
            build(base / label.replace(" ", "_"), count, per_day)
            open_ms, log, store = ours(base / label.replace(" ", "_"))
            results[label] = (open_ms, log, store)
            rows.append((f"ours   {label}", *summary(log), open_ms))
        build(base / "upgrade", 100_000, 274, digests=False)
        first_open = timed(lambda: TinyDBStore(base / "upgrade" / "micropause.json"), 1)[0]
        rows.append(("ours   100k one year, first open", 0, 0, 0, 0, first_open))
        plain_open_10k, plain_10k = plain(base / "plain10k.json", 10_000, 3)
        rows.append(("tinydb 10k (default storage)", *summary(plain_10k), plain_open_10k))
        plain_open_100k, plain_100k = plain(base / "plain100k.json", 100_000, 1)
        rows.append(("tinydb 100k (default storage)", *summary(plain_100k), plain_open_100k))

        store = results["100k (27 yearly files)"][2]
        records = store.completions()
        today = NOW.date()
        streak = timed(lambda: compute_stats(records, today), 5)
        with_copy = timed(lambda: compute_stats(store.completions(), today), 5)
        day_start_first = timed(lambda: compute_stats(records, today, 1, 3), 1)[0]
        day_start = timed(lambda: compute_stats(records, today, 1, 3), 5)
        rest_days = timed(lambda: compute_stats(records, today, 1, 0, (5, 6)), 5)
        stats = compute_stats(records, today)

    heads = ("median ms", "p95 ms", "max ms", "mean ms", "open ms")
    print(f"{'one logged completion':34}" + "".join(f"{h:>10}" for h in heads))
    for name, *figures in rows:
        print(f"{name:34}" + "".join(f"{f:10.1f}" for f in figures))
    print(
        f"streak figures at 100k: {statistics.median(streak):.1f} ms "
        f"({statistics.median(with_copy):.1f} ms including completions()); "
        f"day-start hour 3: first {day_start_first:.1f} ms, "
        f"then {statistics.median(day_start):.1f} ms; "
        f"weekends as rest days: {statistics.median(rest_days):.1f} ms"
    )
    print(f"check: {stats.completions} completions, longest streak {stats.longest_streak} days")
    log10k, log100k = results["10k (one year file)"][1], results["100k (27 yearly files)"][1]
    open_one, log_one = results["100k (one year file)"][:2]
    print(
        json.dumps(
            {
                "log_ms_median_10k": round(statistics.median(log10k), 2),
                "log_ms_p95_10k": round(p95(log10k), 2),
                "log_ms_max_10k": round(max(log10k), 2),
                "log_ms_median_100k": round(statistics.median(log100k), 2),
                "log_ms_median_100k_one_year": round(statistics.median(log_one), 2),
                "log_ms_p95_100k_one_year": round(p95(log_one), 2),
                "log_ms_max_100k_one_year": round(max(log_one), 2),
                "log_ms_mean_100k_one_year": round(statistics.mean(log_one), 2),
                "open_ms_100k": round(results["100k (27 yearly files)"][0], 1),
                "open_ms_100k_one_year": round(open_one, 1),
                "first_open_ms_100k_one_year": round(first_open, 1),
                "streak_ms_100k": round(statistics.median(streak), 2),
                "streak_ms_100k_rest_days": round(statistics.median(rest_days), 2),
                "tinydb_log_ms_median_10k": round(statistics.median(plain_10k), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
