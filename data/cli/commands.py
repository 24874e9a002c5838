"""The command-line actions (log, stats, export, import), as functions main.py dispatches to
(``settings`` has a module of its own: ``settings_command``).

Each takes one person's ``Practice`` and output streams and returns an exit code, so tests run
them with a MemoryStore, a fake clock and StringIO instead of a terminal.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from data.practice_log.backup import BackupError, export_csv, export_json
from data.practice_log.completion import Completion
from data.progress.checkins import MIN_PAIRS, CheckinSummary, Relief
from data.runtime.files import write_problem
from data.runtime.timezones import zone
from data.usecases.practice import NotSavedError, Practice
from data.wording import WEEKDAY_NAMES, count, felt_change, plural

STATS_KEYS = ("current_streak", "longest_streak", "days_practised", "completions", "minutes")


def log_command(
    practice: Practice, lesson_id: str, at: str | None, out: TextIO, err: TextIO
) -> int:
    """Record a Micro Pause done away from the app, finished now or ``at`` (with an offset)."""
    found = practice.catalogue.find_lesson(lesson_id)
    if found is None:
        err.write(f"No lesson with id '{lesson_id}'. Lesson ids look like 'lower-back-3'.\n")
        return 1
    program, lesson = found
    finished = practice.clock.now()
    timezone = practice.timezone
    local_date = None
    if at is not None:
        try:
            finished = datetime.fromisoformat(at)
        except ValueError:
            err.write(f"'{at}' is not a date and time like 2026-03-02T18:30+01:00.\n")
            return 1
        if finished.tzinfo is None or finished.utcoffset() is None:
            err.write(f"'{at}' has no UTC offset; add one, e.g. {at}+01:00 or {at}Z.\n")
            return 1
        # The date as the person wrote it is the day it counts for, even when the offset says
        # they were somewhere other than this machine's time zone.
        local_date = finished.date()
        if finished.astimezone(zone(timezone)).utcoffset() != finished.utcoffset():
            timezone = _zone_for_offset(finished, timezone)
    completion = Completion.record(
        program_id=program.id,
        lesson_id=lesson.id,
        lesson_title=lesson.title,
        started_at=finished - timedelta(seconds=lesson.total_seconds),
        finished_at=finished,
        timezone=timezone,
        seconds=lesson.total_seconds,
        completed=True,
        local_date=local_date,
    )
    practice.keep(completion)
    out.write(f"Logged '{lesson.title}' ({lesson.id}) for {completion.local_date.isoformat()}.\n")
    return 0


def _zone_for_offset(instant: datetime, fallback: str) -> str:
    """An IANA fixed-offset zone (Etc/GMT-9 is UTC+9) for whole-hour offsets, else fallback."""
    offset = instant.utcoffset()
    assert offset is not None
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest or not -12 <= hours <= 14:
        return fallback
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"


def stats_command(practice: Practice, as_json: bool, out: TextIO) -> int:
    """Streaks and totals, rest days and what helps, as one JSON object or as plain lines."""
    overview = practice.overview()
    stats, goal = overview.stats, overview.settings.daily_goal
    rest_days = [WEEKDAY_NAMES[day] for day in overview.settings.rest_days]
    if as_json:
        figures: dict[str, object] = {key: getattr(stats, key) for key in STATS_KEYS}
        figures["today_done"] = stats.today_done
        figures["today_rest"] = stats.today_rest
        figures["rest_days"] = rest_days
        figures["checkins"] = checkin_figures(practice, overview.checkins)
        out.write(json.dumps(figures) + "\n")
        return 0
    if stats.today_done:
        status = "done"
    elif stats.today_rest:
        status = "a rest day"
    else:
        status = "not yet, streak at risk" if stats.at_risk else "not yet"
    out.write(
        f"Current streak: {stats.current_streak} {plural(stats.current_streak, 'day')}\n"
        f"Longest streak: {stats.longest_streak}\n"
        f"Days practised: {stats.days_practised}\n"
        f"Micro Pauses: {stats.completions} ({count(stats.minutes, 'minute')})\n"
        f"Today: {status} ({stats.today_count} of {goal})\n"
        f"Rest days: {', '.join(rest_days) or 'none'}\n"
    )
    for relief in overview.checkins.programs:
        found = practice.catalogue.program(relief.key)
        area = found.body_area.label if found else relief.key
        out.write(f"What helps: {area}: {felt_change(relief.change, relief.pauses, MIN_PAIRS)}\n")
    return 0


def checkin_figures(practice: Practice, summary: CheckinSummary) -> dict[str, object]:
    """The check-in summary as ``stats --json`` gives it: numbers only, rounded to 0.01."""

    def rows(reliefs: tuple[Relief, ...], id_key: str) -> list[dict[str, object]]:
        found: list[dict[str, object]] = []
        for relief in reliefs:
            row: dict[str, object] = {id_key: relief.key, "pauses": relief.pauses}
            if id_key == "program_id":
                program = practice.catalogue.program(relief.key)
                row["body_area"] = program.body_area.name if program else None
            row["average_easier"] = None if relief.change is None else round(relief.change, 2)
            found.append(row)
        return found

    return {
        "pauses_with_both": summary.paired,
        "average_needs": MIN_PAIRS,
        "programs": rows(summary.programs, "program_id"),
        "lessons": rows(summary.lessons, "lesson_id"),
        "before_by_week": [
            {
                "week": week.week_start.isoformat(),
                "check_ins": week.check_ins,
                "average_before": None if week.average is None else round(week.average, 2),
            }
            for week in summary.weeks
        ],
    }


def export_command(practice: Practice, fmt: str, out: TextIO, err: TextIO | None = None) -> int:
    """The whole log to ``out`` as JSON or CSV."""
    if fmt not in ("json", "csv"):
        if err is not None:
            err.write(f"Unknown export format '{fmt}': use json or csv.\n")
        return 2
    completions = practice.store.completions()
    out.write(export_json(completions) if fmt == "json" else export_csv(completions))
    return 0


def import_command(practice: Practice, path: Path, out: TextIO, err: TextIO) -> int:
    """Merge a JSON export; all or nothing, and importing the same file twice changes nothing."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err.write(f"Cannot read {path}: {exc}\n")
        return 1
    try:
        added, known = practice.restore(text)
    except BackupError as exc:
        err.write(f"Import refused: {exc} Your log was not changed.\n")
        return 1
    out.write(f"Imported {count(added, 'Micro Pause')} ({known} already in your log).\n")
    return 0


def storage_failure(exc: NotSavedError | OSError, folder: Path) -> str:
    """One line for a command the disk refused: what failed, where, what to do.

    A command's write is atomic (``data.runtime.files``), so the log on disk is as it was.
    """
    problem, advice = (
        (exc.problem, exc.advice) if isinstance(exc, NotSavedError) else write_problem(exc)
    )
    return (
        f"micropause: could not write the practice log in {folder}: {problem}. "
        f"{advice[0].upper()}{advice[1:]}, then run the command again (your log is unchanged)."
    )
