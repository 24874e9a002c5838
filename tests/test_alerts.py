"""When a nudge also becomes a system notification, on a fake clock: only in the background,
only in working hours (the daily reminder aside), only once a snooze is over, only with
permission; and the banner's controller sends it, closes it and takes its click as Start.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import cast

import pytest

from data.practice_log.memory_store import MemoryStore
from data.practice_log.settings import Settings
from data.practice_log.store import NudgeEvent
from data.runtime.page_bridge import Permission
from data.schedule.alerts import Alert, alert_for, should_notify
from data.schedule.nudge_state import NudgeDecision, NudgeReason
from data.usecases.nudging import NudgePlanner
from tests.clocks import FakeClock
from tests.fakes import FakePage, FakeReach, make_context
from views.nudge_banner import NudgeController

MONDAY_10_STOCKHOLM = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SETTINGS = Settings(nudge_interval_minutes=20, work_start=time(8, 0), work_end=time(18, 0))


def planner(settings: Settings = SETTINGS) -> tuple[NudgePlanner, FakeClock]:
    clock = FakeClock(MONDAY_10_STOCKHOLM)
    store = MemoryStore()
    store.save_settings(settings)
    ctx, _ = make_context(clock=clock, store=store)
    return NudgePlanner(ctx.practice), clock


def alert_now(
    plan: NudgePlanner, *, background: bool = True, permission: Permission = Permission.GRANTED
) -> Alert | None:
    """What a session would do now: show the due nudge, and maybe send it to the system."""
    decision = plan.due(playing=False)
    if decision is None:
        return None
    plan.show(decision)
    return plan.alert(decision, background=background, permission=permission)


@pytest.mark.parametrize(
    ("background", "permission", "notified"),
    [
        pytest.param(True, Permission.GRANTED, True, id="background and allowed"),
        pytest.param(False, Permission.GRANTED, False, id="foreground: the banner alone"),
        pytest.param(True, Permission.DENIED, False, id="denied"),
        pytest.param(True, Permission.DEFAULT, False, id="never answered"),
        pytest.param(True, Permission.UNSUPPORTED, False, id="no notifications here"),
    ],
)
def test_a_due_nudge_reaches_the_system_only_in_the_background_with_permission(
    background: bool, permission: Permission, notified: bool
) -> None:
    plan, clock = planner()
    clock.advance(20 * 60 + 1)
    alert = alert_now(plan, background=background, permission=permission)
    assert (alert is not None) is notified


def test_nothing_before_the_interval_and_nothing_outside_working_hours() -> None:
    plan, clock = planner()
    clock.advance(19 * 60)
    assert alert_now(plan) is None
    evening, clock = planner()
    clock.advance(9 * 3600)  # 19:00 in Stockholm: the working day is over
    assert alert_now(evening) is None


def test_a_snooze_comes_back_as_a_notification_only_when_it_is_over() -> None:
    plan, clock = planner()
    clock.advance(20 * 60 + 1)
    assert alert_now(plan) is not None
    plan.answer(NudgeEvent.SNOOZED)
    clock.advance(9 * 60)
    assert alert_now(plan) is None
    clock.advance(60)
    again = alert_now(plan)
    assert again is not None and again.title == "Time for a Micro Pause"


def test_the_daily_reminder_reaches_the_system_after_working_hours() -> None:
    plan, clock = planner(SETTINGS.model_copy(update={"reminder_time": time(20, 0)}))
    clock.advance(10 * 3600 + 1)  # 20:00 in Stockholm
    alert = alert_now(plan)
    assert alert is not None
    assert alert.title == "Your daily Micro Pause is still to do"
    assert "reminder" in alert.body


def test_the_notification_names_the_lesson_it_opens() -> None:
    plan, clock = planner()
    clock.advance(20 * 60 + 1)
    alert = alert_now(plan)
    assert alert is not None and plan.suggestion is not None
    lesson = plan.suggestion.lesson
    assert alert.body.endswith(f"Try: {lesson.title}.")
    assert alert.route == f"/programs/{plan.suggestion.program.id}/lessons/{lesson.number}"


def test_should_notify_needs_a_nudge_that_falls() -> None:
    none = NudgeDecision(at=None, reason=None, why="Nudges are off")
    assert not should_notify(none, background=True, permission=Permission.GRANTED)
    assert not should_notify(None, background=True, permission=Permission.GRANTED)
    due = NudgeDecision(at=MONDAY_10_STOCKHOLM, reason=NudgeReason.INTERVAL, why="50 minutes")
    assert should_notify(due, background=True, permission=Permission.GRANTED)
    assert alert_for(due, None, None).body == "50 minutes."


# ------------------------------------------------------------------ the banner's controller


def controller(background: bool) -> tuple[NudgeController, FakeClock, FakeReach]:
    clock = FakeClock(MONDAY_10_STOCKHOLM)
    store = MemoryStore()
    store.save_settings(SETTINGS)
    reach = FakeReach(background=background)
    ctx, _ = make_context(clock=clock, store=store, reach=reach)
    return NudgeController(ctx, NudgePlanner(ctx.practice), is_playing=lambda: False), clock, reach


def test_the_banner_sends_its_notification_once_when_in_the_background() -> None:
    nudger, clock, reach = controller(background=True)
    clock.advance(20 * 60 + 1)
    nudger.check()
    nudger.check()
    [(_, alert)] = reach.ops("notify")
    assert isinstance(alert, Alert) and alert.route is not None
    assert nudger.banner is not None  # the banner waits in the app for the person's return


def test_in_the_foreground_only_the_banner() -> None:
    nudger, clock, reach = controller(background=False)
    clock.advance(20 * 60 + 1)
    nudger.check()
    assert nudger.banner is not None
    assert reach.ops("notify") == []


def test_answering_the_banner_closes_the_notification() -> None:
    nudger, clock, reach = controller(background=True)
    clock.advance(20 * 60 + 1)
    nudger.check()
    nudger.answer(NudgeEvent.SKIPPED)
    assert reach.ops("close-notice")


def test_a_click_on_the_notification_is_a_start_that_has_already_opened_the_lesson() -> None:
    nudger, clock, _ = controller(background=True)
    page = cast(FakePage, nudger.ctx.page)
    clock.advance(20 * 60 + 1)
    nudger.check()
    nudger.opened_from_notification()
    assert nudger.banner is None
    assert page.navigated == []  # the route is already the lesson's
    assert nudger.planner.next_decision().at == clock.now() + timedelta(minutes=20)
    nudger.opened_from_notification()  # a second click, nothing showing: nothing happens
