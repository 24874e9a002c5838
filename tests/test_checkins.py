"""What helps me: averages from the person's own check-ins, and the "before" feeling per week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from data.practice_log.completion import Completion
from data.progress.checkins import MIN_PAIRS, Relief, before_by_week, what_helps
from data.wording import felt_change

BERLIN = "Europe/Berlin"


def pause(
    local: str,
    lesson: str = "lower-back-1",
    before: int | None = None,
    after: int | None = None,
    tz: str = BERLIN,
) -> Completion:
    finished = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)
    record = Completion.record(
        program_id=lesson.rsplit("-", 1)[0],
        lesson_id=lesson,
        lesson_title="Lesson",
        started_at=finished - timedelta(minutes=5),
        finished_at=finished,
        timezone=tz,
        seconds=300,
        completed=True,
        checkin_before=before,
    )
    return record.amended({"checkin_after": after}) if after is not None else record


def test_an_empty_log_helps_nothing_yet() -> None:
    found = what_helps([])
    assert (found.programs, found.lessons, found.paired) == ((), (), 0)


CASES = [
    pytest.param([(6, 4), (7, 5), (5, 2)], Relief("lower-back", 3, 7 / 3), id="three pairs"),
    pytest.param([(6, 4), (7, 5)], Relief("lower-back", 2, None), id="two pairs: no average"),
    pytest.param([(6, 4), (7, 5), (5, None), (None, 2)], Relief("lower-back", 2, None),
                 id="a pause with one check-in is no pair"),
    pytest.param([(2, 4), (3, 4), (1, 4)], Relief("lower-back", 3, -2.0), id="less at ease"),
    pytest.param([(0, 0), (10, 10), (4, 4)], Relief("lower-back", 3, 0.0), id="the same"),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES)
def test_the_average_change_needs_three_pairs(
    answers: list[tuple[int | None, int | None]], expected: Relief
) -> None:
    log = [pause(f"2026-03-0{i + 1}T09:00", before=b, after=a) for i, (b, a) in enumerate(answers)]
    found = what_helps(log)
    assert found.programs == (expected,)
    assert found.lessons == (Relief("lower-back-1", expected.pauses, expected.change),)


def test_best_first_then_those_short_of_an_average() -> None:
    def pairs(lesson: str, changes: list[int], day: int) -> list[Completion]:
        return [
            pause(f"2026-03-{day:02d}T{9 + i:02d}:00", lesson, before=5 + c, after=5)
            for i, c in enumerate(changes)
        ]

    log = [
        *pairs("lower-back-2", [1, 1, 1], 2),  # 1.0 easier
        *pairs("neck-shoulders-1", [3, 2, 1, 2], 3),  # 2.0 easier, 4 pauses
        *pairs("psoas-release-3", [4], 4),  # one pair only
        *pairs("quick-pauses-5", [2, 2, 2], 5),  # 2.0 easier, 3 pauses
        *pairs("lower-back-4", [0, 1], 6),  # two pairs
    ]
    found = what_helps(log)
    assert [(r.key, r.pauses) for r in found.lessons] == [
        ("neck-shoulders-1", 4),  # ties on 2.0: more pauses first
        ("quick-pauses-5", 3),
        ("lower-back-2", 3),
        ("lower-back-4", 2),  # then the ones without an average, closest to one first
        ("psoas-release-3", 1),
    ]
    assert [(r.key, r.pauses, r.change) for r in found.programs] == [
        ("neck-shoulders", 4, 2.0),
        ("quick-pauses", 3, 2.0),
        ("lower-back", 5, 0.8),
        ("psoas-release", 1, None),
    ]
    assert found.paired == 13


def test_before_by_week_averages_the_recent_weeks_on_the_practice_day() -> None:
    today = date(2026, 3, 11)  # a Wednesday
    log = [
        pause("2026-01-05T09:00", before=9),  # long before the chart: not read
        pause("2026-01-19T09:00", before=8),  # the first Monday of the eight weeks
        pause("2026-03-02T09:00", before=6),
        pause("2026-03-02T18:00", before=4),
        pause("2026-03-03T10:00"),  # no "before": not counted
        pause("2026-03-09T01:30", before=2),  # Monday 01:30: Sunday with a day start of 03:00
        pause("2026-03-10T09:00", before=3),
    ]
    weeks = before_by_week(log, today, day_start_hour=3)
    assert len(weeks) == 8 and weeks[0].week_start == date(2026, 1, 19)
    assert weeks[-1].week_start == date(2026, 3, 9)
    assert [(w.check_ins, w.average) for w in weeks] == [
        (1, 8.0),
        *[(0, None)] * 5,
        (3, 4.0),  # 6, 4 and the Sunday (practice day) 2
        (1, 3.0),
    ]
    plain = before_by_week(log, today)  # midnight day start: the 01:30 pause is Monday's
    assert [(w.check_ins, w.average) for w in plain[-2:]] == [(2, 5.0), (2, 2.5)]


@pytest.mark.parametrize(
    ("change", "pauses", "words"),
    [
        pytest.param(1.75, 7, "1.8 easier on average, 7 pauses", id="easier"),
        pytest.param(-0.5, 4, "0.5 less at ease on average, 4 pauses", id="less at ease"),
        pytest.param(0.04, 3, "about the same on average, 3 pauses", id="about the same"),
        pytest.param(None, 1, "1 pause with both check-ins so far (an average needs 3)", id="few"),
    ],
)
def test_the_words_say_how_the_person_felt(change: float | None, pauses: int, words: str) -> None:
    assert felt_change(change, pauses, MIN_PAIRS) == words
