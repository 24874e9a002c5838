"""The settings section for pause nudges and the daily reminder."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import time
from typing import Any

import flet as ft

from data.content.vocabulary import EQUIPMENT_WORDS, Equipment
from data.runtime.page_bridge import Permission
from views.context import AppContext, refresh
from views.theme import SPACE_S, card, choice_field, day_chips, switch_row

INTERVALS = (20, 30, 40, 50, 60, 75, 90, 120)
WORK_TIMES = [time(h, m) for h in range(5, 24) for m in (0, 30)]
REMINDER_TIMES = [time(h, 0) for h in range(8, 23)]


def _time_key(value: time | None) -> str:
    return "off" if value is None else value.strftime("%H:%M")


def _parse_time(key: str) -> time | None:
    if key == "off":
        return None
    hours, minutes = key.split(":")
    return time(int(hours), int(minutes))


NOTICE_WORDS = {
    Permission.GRANTED: "While Micro Pause is in the background, nudges also come as system "
    "notifications; a click opens the lesson.",
    Permission.DEFAULT: "Turning nudges on asks this browser to let them come as system "
    "notifications while Micro Pause is in the background.",
    Permission.DENIED: "This browser blocks notifications from Micro Pause, so nudges only show "
    "while the app is in front. To allow them, open the site's settings (the icon left of the "
    "address, or the browser's menu › Site settings) and set Notifications to Allow.",
    Permission.UNSUPPORTED: "Here nudges can only show inside the app: this browser has no "
    "system notifications for it. On an iPhone or iPad, add Micro Pause to the Home Screen "
    "(iOS 16.4 or later).",
}
DESKTOP_NOTICE_WORDS = {
    Permission.GRANTED: "While the window is in the background, nudges also come as system "
    "notifications.",
    Permission.UNSUPPORTED: "Nudges show inside the window only: system notifications need the "
    "desktop extra (desktop-notifier) installed.",
}


def notice_words(permission: Permission, *, web: bool) -> str:
    """What Settings says about system notifications for this permission."""
    words = NOTICE_WORDS if web else DESKTOP_NOTICE_WORDS
    return words.get(permission, NOTICE_WORDS[permission])


def nudge_section(ctx: AppContext, save: Callable[..., Awaitable[None]]) -> ft.Container:
    settings = ctx.practice.settings
    reach = ctx.reach
    notices = ft.Text(
        notice_words(reach.permission, web=ctx.web),
        size=13,
        color=ft.Colors.ON_SURFACE_VARIANT,
        key="notification-status",
    )

    def permission_changed(permission: Permission) -> None:
        notices.value = notice_words(permission, web=ctx.web)
        refresh(notices)

    reach.on_permission = permission_changed  # the latest Settings screen shows the answer

    async def on_switch(e: Any) -> None:
        on = bool(e.control.value)
        if on:  # inside the tap, so the browser may ask (never on page load)
            reach.ask_permission()
        await save(nudges_on=on)

    async def on_interval(e: Any) -> None:
        await save(nudge_interval_minutes=int(e.control.value))

    def on_day(day: int) -> Callable[[Any], Awaitable[None]]:
        async def toggled(e: Any) -> None:
            days = set(ctx.practice.settings.work_days)
            days.symmetric_difference_update({day})
            await save(work_days=sorted(days))

        return toggled

    def on_equipment(item: Equipment) -> Callable[[Any], Awaitable[None]]:
        async def toggled(e: Any) -> None:
            have = set(ctx.practice.settings.work_equipment) ^ {item}
            await save(work_equipment=[i for i in Equipment if i in have])

        return toggled

    def time_dropdown(
        label: str, key: str, value: time | None, times: list[time], allow_off: bool = False
    ) -> ft.Control:
        async def changed(e: Any) -> None:
            await save(**{key: _parse_time(e.control.value)})

        choices = [("off", "Off")] if allow_off else []
        choices += [(_time_key(t), _time_key(t)) for t in times]
        return choice_field(label, key, _time_key(value), choices, changed, width=180)

    return card(
        title="Nudges and reminder",
        content=[
            switch_row(
                "Nudge me to take a pause while the app is open",
                settings.nudges_on,
                "nudges_on",
                on_switch,
            ),
            notices,
            choice_field(
                "Every",
                "nudge_interval_minutes",
                str(settings.nudge_interval_minutes),
                [(str(m), f"{m} minutes of work") for m in INTERVALS],
                on_interval,
            ),
            ft.Text("Working days", size=14, color=ft.Colors.ON_SURFACE_VARIANT),
            day_chips("work-day", settings.work_days, "working day", on_day),
            ft.Row(
                [
                    time_dropdown("Work starts", "work_start", settings.work_start, WORK_TIMES),
                    time_dropdown("Work ends", "work_end", settings.work_end, WORK_TIMES),
                ],
                wrap=True,
                spacing=SPACE_S,
                run_spacing=SPACE_S,
            ),
            ft.Text("At work I have", size=14, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Row(
                [
                    ft.Chip(
                        label=EQUIPMENT_WORDS[item],
                        key=f"work-equipment-{item.value}",
                        selected=item in settings.work_equipment,
                        show_checkmark=False,
                        on_select=on_equipment(item),
                    )
                    for item in Equipment
                ],
                wrap=True,
                spacing=6,
                run_spacing=6,
            ),
            ft.Text(
                "Nudges offer only pauses that need nothing more than this.",
                size=13,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
            time_dropdown(
                "Daily reminder",
                "reminder_time",
                settings.reminder_time,
                REMINDER_TIMES,
                allow_off=True,
            ),
            ft.Text(
                "The reminder appears only if the day's goal is not met yet.",
                size=13,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
        ],
    )
