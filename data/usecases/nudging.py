"""One session's pause nudges: the schedule's state, the next nudge, and the lesson it offers.

``data.schedule`` decides when (pure functions of time); this keeps a session's ``NudgeState``,
feeds the schedule what the log says, and picks the lesson from the content: the next lesson
of the program in progress when it fits a break, else a pause from the catalogue's program of
stand-alone pauses. The view only sleeps, shows the banner and forwards the person's answer.

With a time scale (demos and end-to-end tests), the schedule runs on a faster clock; the
log's real finish times are then not comparable with it, so only the completions this session
saw count as "your last pause".
"""

from __future__ import annotations

from datetime import datetime

from data.practice_log.completion import Completion
from data.practice_log.store import NudgeEvent
from data.runtime.clock import Clock, ScaledClock
from data.runtime.page_bridge import Permission
from data.runtime.timezones import local_time
from data.schedule import nudges
from data.schedule.alerts import Alert, alert_for, should_notify
from data.schedule.suggest import Suggestion, suggest_lesson
from data.usecases.overview import Overview
from data.usecases.practice import Practice
from data.usecases.routes import lesson_route

_ANSWERS = {
    NudgeEvent.STARTED: nudges.on_start,
    NudgeEvent.SNOOZED: nudges.on_snooze,
    NudgeEvent.SKIPPED: nudges.on_skip,
}


class NudgePlanner:
    """The nudge schedule of one open session."""

    def __init__(self, practice: Practice, time_scale: float = 1.0) -> None:
        self.practice = practice
        self._scaled = time_scale != 1
        self.clock: Clock = (
            ScaledClock(practice.clock, time_scale) if self._scaled else practice.clock
        )
        self.state = nudges.NudgeState.opened(self.clock.now())
        self.suggestion: Suggestion | None = None

    def next_decision(self, overview: Overview | None = None) -> nudges.NudgeDecision:
        """When the next nudge falls and why (``at`` in the past: due now)."""
        seen = overview or self.practice.overview()
        last = self.state.last_completion_at
        if not self._scaled and seen.last_completed_at is not None:
            last = max(seen.last_completed_at, last) if last else seen.last_completed_at
        return nudges.next_nudge(
            seen.settings,
            self.state,
            now=self.clock.now(),
            zone=self.practice.timezone,
            last_completion=last,
            goal_met=seen.goal_met,
        )

    def due(self, *, playing: bool) -> nudges.NudgeDecision | None:
        """The nudge to show now, or None; never while a lesson is playing."""
        if playing:
            return None
        decision = self.next_decision()
        if decision.at is None or decision.at > self.clock.now():
            return None
        return decision

    def next_at(self, overview: Overview) -> datetime | None:
        """The next nudge on the person's clocks (for "Next pause nudge around 10:40")."""
        decision = self.next_decision(overview)
        return None if decision.at is None else local_time(decision.at, self.practice.timezone)

    def real_seconds_until(self, decision: nudges.NudgeDecision) -> float | None:
        """Real seconds until ``decision`` falls (negative when overdue), for a timer."""
        if decision.at is None:
            return None
        ahead = (decision.at - self.clock.now()).total_seconds()
        return self.clock.real_seconds(ahead) if isinstance(self.clock, ScaledClock) else ahead

    def show(self, decision: nudges.NudgeDecision) -> Suggestion | None:
        """The nudge goes on screen: the schedule moves on, and the lesson to offer is chosen."""
        now = self.clock.now()
        self.state = nudges.on_shown(self.state, decision, now)
        overview = self.practice.overview()
        catalogue = self.practice.catalogue
        recent = [c.lesson_id for c in overview.history if c.completed]
        self.suggestion = suggest_lesson(
            overview.continue_with,
            catalogue.standalone,
            recent_lesson_ids=recent,
            turn=self.state.shown_count + now.date().toordinal(),
            at_work=overview.settings.work_equipment,
        )
        return self.suggestion

    def alert(
        self, decision: nudges.NudgeDecision, *, background: bool, permission: Permission
    ) -> Alert | None:
        """The system notification for the nudge just shown (after ``show``), or None when the
        banner alone reaches the person (the app in the foreground, or no permission)."""
        if not should_notify(decision, background=background, permission=permission):
            return None
        offered = self.suggestion
        if offered is None:
            return alert_for(decision, None, None)
        route = lesson_route(offered.program.id, offered.lesson.number)
        return alert_for(decision, offered.lesson.title, route)

    def answer(self, event: NudgeEvent) -> Suggestion | None:
        """Start, Snooze or Skip; returns the lesson to open when the answer is Start."""
        self.state = _ANSWERS[event](self.state, self.clock.now())
        return self.suggestion if event is NudgeEvent.STARTED else None

    def completed(self, completion: Completion) -> None:
        """Any completed Micro Pause restarts the interval, nudged or not."""
        if completion.completed:
            self.state = nudges.on_completion(self.state, self.clock.now())
