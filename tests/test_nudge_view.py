"""The nudge banner driven by a fake clock: appears on time, answers update the schedule."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from data.clock import FakeClock
from data.completion import Completion
from data.settings import Settings
from data.store import MemoryStore
from tests.fakes import all_text, make_context
from views.nudge_banner import ALERT_TITLE, NudgeController

MONDAY_10_STOCKHOLM = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def controller(playing: bool = False) -> tuple[NudgeController, FakeClock, MemoryStore]:
    clock = FakeClock(MONDAY_10_STOCKHOLM)
    store = MemoryStore()
    store.save_settings(
        Settings(nudge_interval_minutes=20, work_start=time(8, 0), work_end=time(18, 0))
    )
    ctx, _ = make_context(clock=clock, store=store)
    return NudgeController(ctx, is_playing=lambda: playing), clock, store


def test_no_nudge_before_the_interval_then_one_banner() -> None:
    nudger, clock, _ = controller()
    page = nudger.ctx.page
    nudger.check()
    assert nudger.banner is None
    assert nudger.next_hint() == "Next pause nudge around 10:20"
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
        pytest.param("snoozed", 10, id="snooze comes back in 10 minutes"),
        pytest.param("skipped", 20, id="skip waits a whole interval"),
        pytest.param("started", 20, id="start waits a whole interval"),
    ],
)
def test_answers(answer: str, next_in_minutes: int) -> None:
    nudger, clock, store = controller()
    page = nudger.ctx.page
    clock.advance(20 * 60 + 1)
    nudger.check()
    nudger.answer(answer)
    assert nudger.banner is None
    assert page.title == "Micro Pause"
    decision = nudger.next_decision()
    assert decision.at == clock.now() + timedelta(minutes=next_in_minutes)
    page.run_pending("run_blocking")  # type: ignore[attr-defined]
    [counts] = store.nudge_counts().values()
    assert counts == {"shown": 1, answer: 1}
    if answer == "started":
        assert page.navigated and "/lessons/" in page.navigated[0]  # type: ignore[attr-defined]


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
    assert nudger.next_decision().at == clock.now() + timedelta(minutes=20)
