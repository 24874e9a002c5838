"""The nudge banner driven by a fake clock: appears on time, answers update the schedule."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import cast

import pytest

from data.practice_log.completion import Completion
from data.practice_log.memory_store import MemoryStore
from data.practice_log.settings import Settings
from data.practice_log.store import NudgeEvent
from data.usecases.nudging import NudgePlanner
from tests.clocks import FakeClock
from tests.fakes import FakePage, all_text, make_context
from views.nudge_banner import ALERT_TITLE, NudgeController

MONDAY_10_STOCKHOLM = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def controller(playing: bool = False) -> tuple[NudgeController, FakeClock, MemoryStore]:
    clock = FakeClock(MONDAY_10_STOCKHOLM)
    store = MemoryStore()
    store.save_settings(
        Settings(nudge_interval_minutes=20, work_start=time(8, 0), work_end=time(18, 0))
    )
    ctx, _ = make_context(clock=clock, store=store)
    planner = NudgePlanner(ctx.practice)
    return NudgeController(ctx, planner, is_playing=lambda: playing), clock, store


def test_no_nudge_before_the_interval_then_one_banner() -> None:
    nudger, clock, _ = controller()
    page = cast(FakePage, nudger.ctx.page)
    nudger.check()
    assert nudger.banner is None
    at = nudger.next_at(nudger.ctx.practice.overview())
    assert at is not None and f"{at:%H:%M}" == "10:20"
    clock.advance(20 * 60 + 1)
    nudger.check()
    assert nudger.banner is not None
    assert page.dialogs == [nudger.banner]
    assert page.title == ALERT_TITLE
    assert "Time for a Micro Pause" in all_text(nudger.banner)
    nudger.check()
    assert page.dialogs == [nudger.banner]  # not shown twice


@pytest.mark.parametrize(
    ("answer", "next_in_minutes"),
    [
        pytest.param(NudgeEvent.SNOOZED, 10, id="snooze comes back in 10 minutes"),
        pytest.param(NudgeEvent.SKIPPED, 20, id="skip waits a whole interval"),
        pytest.param(NudgeEvent.STARTED, 20, id="start waits a whole interval"),
    ],
)
def test_answers(answer: NudgeEvent, next_in_minutes: int) -> None:
    nudger, clock, store = controller()
    page = cast(FakePage, nudger.ctx.page)
    clock.advance(20 * 60 + 1)
    nudger.check()
    nudger.answer(answer)
    assert nudger.banner is None
    assert page.title == "Micro Pause"
    decision = nudger.planner.next_decision()
    assert decision.at == clock.now() + timedelta(minutes=next_in_minutes)
    page.run_pending("run_blocking")
    [counts] = store.nudge_counts().values()
    assert counts == {"shown": 1, answer: 1}
    if answer is NudgeEvent.STARTED:
        assert page.navigated and "/lessons/" in page.navigated[0]


def test_no_nudge_while_a_lesson_plays() -> None:
    nudger, clock, _ = controller(playing=True)
    clock.advance(30 * 60)
    nudger.check()
    assert nudger.banner is None


def test_a_completed_pause_restarts_the_interval() -> None:
    nudger, clock, _ = controller()
    clock.advance(15 * 60)
    done = Completion.record(
        program_id="quick-pauses",
        lesson_id="quick-pauses-1",
        lesson_title="x",
        started_at=clock.now() - timedelta(minutes=2),
        finished_at=clock.now(),
        timezone="Europe/Stockholm",
        seconds=120,
        completed=True,
    )
    nudger.completed(done)
    assert nudger.planner.next_decision().at == clock.now() + timedelta(minutes=20)
