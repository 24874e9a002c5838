"""Whether a nudge also reaches the person outside the app, as a system notification.

``data.schedule.nudges`` decides *when* a nudge is due (working hours, snooze, the daily
reminder); this decides *where* it shows. A nudge always goes on the banner, the one copy a
person sees in the app; a system notification is added only when the app is in the background
(the tab hidden, or the window without focus: the person is working elsewhere) and the
platform may show one. In the foreground the banner alone is enough: a second copy of the same
nudge over the page would only be noise.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.runtime.page_bridge import Permission
from data.schedule.nudge_state import NudgeDecision, NudgeReason


@dataclass(frozen=True)
class Alert:
    """A system notification for one nudge: what it says and the lesson a click opens."""

    title: str
    body: str
    route: str | None
    tag: str = "micropause-nudge"
    """One tag for every nudge: a newer one replaces an older one still on screen."""


def should_notify(
    decision: NudgeDecision | None, *, background: bool, permission: Permission
) -> bool:
    """A nudge that is due now reaches the system only while the app is in the background and
    notifications are allowed (a desktop window reports GRANTED: it needs no asking)."""
    if decision is None or decision.at is None:
        return False
    return background and permission is Permission.GRANTED


def alert_for(decision: NudgeDecision, lesson_title: str | None, route: str | None) -> Alert:
    """The notification's words: the nudge's headline, why, and the lesson it offers."""
    reminder = decision.reason is NudgeReason.REMINDER
    title = "Your daily Micro Pause is still to do" if reminder else "Time for a Micro Pause"
    offer = f" Try: {lesson_title}." if lesson_title else ""
    return Alert(title=title, body=f"{decision.why}.{offer}", route=route)
