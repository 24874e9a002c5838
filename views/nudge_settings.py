"""The settings section for pause nudges and the daily reminder."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import time
from typing import Any

import flet as ft

from data.content.vocabulary import EQUIPMENT_WORDS, Equipment
from views.context import AppContext
from views.theme import SPACE_S, card, switch_row

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
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


def nudge_section(ctx: AppContext, save: Callable[..., Awaitable[None]]) -> ft.Container:
    settings = ctx.practice.settings

    async def on_switch(e: Any) -> None:
        await save(nudges_on=bool(e.control.value))

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
        label: str, key: str, value: time | None, choices: list[time], allow_off: bool = False
    ) -> ft.Dropdown:
        async def changed(e: Any) -> None:
            await save(**{key: _parse_time(e.control.value)})

        options = [ft.DropdownOption(key="off", text="Off")] if allow_off else []
        options += [ft.DropdownOption(key=_time_key(t), text=_time_key(t)) for t in choices]
        return ft.Dropdown(
            label=label,
            key=key,
            value=_time_key(value),
            options=options,
            on_select=changed,
            width=180,
        )

    return card(
        title="Nudges and reminder",
        content=[
            switch_row(
                "Nudge me to take a pause while the app is open",
                settings.nudges_on,
                "nudges_on",
                on_switch,
            ),
            ft.Dropdown(
                label="Every",
                key="nudge_interval_minutes",
                value=str(settings.nudge_interval_minutes),
                options=[
                    ft.DropdownOption(key=str(m), text=f"{m} minutes of work") for m in INTERVALS
                ],
                on_select=on_interval,
                width=300,
            ),
            ft.Text("Working days", size=14, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Row(
                [
                    ft.Chip(
                        label=name,
                        key=f"work-day-{i}",
                        selected=i in settings.work_days,
                        show_checkmark=False,
                        on_select=on_day(i),
                    )
                    for i, name in enumerate(DAY_NAMES)
                ],
                wrap=True,
                spacing=6,
                run_spacing=6,
            ),
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
