"""Settings: practice, sound and look, and a backup of this browser's own log.

Each change is validated by the ``Settings`` model and saved off the event loop at once;
there is no Save button to forget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flet as ft

from data.practice_log.backup import BackupError
from data.practice_log.settings import TextSize, ThemeChoice
from data.runtime.threads import run_blocking
from data.usecases.practice import NotSavedError, SettingsError
from data.wording import count
from views.context import AppContext, refresh
from views.nudge_settings import nudge_section
from views.shell import screen
from views.theme import SPACE_M, SPACE_S, card, choice_field, day_chips, switch_row
from views.voice_settings import voice_section

log = logging.getLogger("micropause.settings")

TEXT_SIZE_WORDS = {
    TextSize.STANDARD: "Standard",
    TextSize.LARGE: "Large",
    TextSize.LARGER: "Larger",
    TextSize.LARGEST: "Largest",
}

HOUR_LABELS = {0: "Midnight", **{h: f"{h:02d}:00" for h in range(1, 7)}}


def build_settings_view(ctx: AppContext, *, on_look: Callable[[], None]) -> ft.View:
    settings = ctx.practice.settings
    status = ft.Text("", size=13, color=ft.Colors.ON_SURFACE_VARIANT, key="settings-status")

    async def save(**changes: Any) -> None:
        try:
            await run_blocking(ctx.practice.change_settings, changes)
        except SettingsError as exc:
            status.value = f"Not saved: {exc}"
            refresh(status)
            return
        except NotSavedError as exc:
            status.value = str(exc)
            refresh(status)
            return
        status.value = "Saved."
        if changes.keys() & {"theme", "text_size"}:
            on_look()
        refresh(status)

    def dropdown(label: str, key: str, value: int, options: dict[int, str]) -> ft.Control:
        async def changed(e: Any) -> None:
            await save(**{key: int(e.control.value)})

        choices = [(str(k), text) for k, text in options.items()]
        return choice_field(label, key, str(value), choices, changed)

    async def sound_changed(e: Any) -> None:
        await save(sound_on=bool(e.control.value))

    async def checkins_changed(e: Any) -> None:
        await save(checkins_on=bool(e.control.value))

    def rest_day_toggled(day: int) -> Callable[[Any], Any]:
        async def toggled(e: Any) -> None:
            await save(rest_days=sorted(set(ctx.practice.settings.rest_days) ^ {day}))

        return toggled

    async def text_size_changed(e: Any) -> None:
        await save(text_size=e.control.value)

    async def theme_changed(e: Any) -> None:
        await save(theme=e.control.selected[0])

    practice = card(
        title="Practice",
        content=[
            dropdown(
                "Daily goal",
                "daily_goal",
                settings.daily_goal,
                {n: f"{count(n, 'Micro Pause')} a day" for n in range(1, 11)},
            ),
            dropdown("A new day starts at", "day_start_hour", settings.day_start_hour, HOUR_LABELS),
            ft.Text(
                "A pause before this hour counts for the day before.",
                size=13,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
            dropdown(
                "Get-ready countdown",
                "get_ready_seconds",
                settings.get_ready_seconds,
                {n: count(n, "second") if n else "None" for n in (0, 3, 5, 10, 15)},
            ),
            ft.Text("Rest days", size=14, color=ft.Colors.ON_SURFACE_VARIANT),
            day_chips("rest-day", settings.rest_days, "rest day", rest_day_toggled),
            ft.Text(
                "A rest day never breaks your streak. A pause on one still counts.",
                size=13,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
            switch_row(
                "Ask how my body feels before and after a pause",
                settings.checkins_on,
                "checkins_on",
                checkins_changed,
            ),
        ],
    )
    look = card(
        title="Sound and look",
        content=[
            switch_row("Sound cues", settings.sound_on, "sound_on", sound_changed),
            choice_field(
                "Text size",
                "text_size",
                settings.text_size.value,
                [(size.value, TEXT_SIZE_WORDS[size]) for size in TextSize],
                text_size_changed,
            ),
            ft.SegmentedButton(
                key="theme",
                selected=[settings.theme.value],
                segments=[
                    ft.Segment(
                        value=ThemeChoice.SYSTEM.value,
                        label="System",
                        icon=ft.Icons.BRIGHTNESS_AUTO,
                    ),
                    ft.Segment(
                        value=ThemeChoice.LIGHT.value,
                        label="Light",
                        icon=ft.Icons.LIGHT_MODE_OUTLINED,
                    ),
                    ft.Segment(
                        value=ThemeChoice.DARK.value, label="Dark", icon=ft.Icons.DARK_MODE_OUTLINED
                    ),
                ],
                on_change=theme_changed,
            ),
        ],
    )
    body: list[ft.Control] = [
        ft.Text(
            "Settings", theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM, weight=ft.FontWeight.W_600
        ),
        practice,
        nudge_section(ctx, save),
        voice_section(ctx, save),
        look,
        _backup_card(ctx),
        status,
        _about(ctx),
        ft.Container(height=SPACE_M),
    ]
    return screen(ctx, route="/settings", body=body, nav_index=2, key="settings")


def _backup_card(ctx: AppContext) -> ft.Container:
    result = ft.Text("", size=14, key="backup-result")
    picker = ft.FilePicker()

    async def download(e: Any) -> None:
        text, exported = await run_blocking(ctx.practice.export)
        try:
            await picker.save_file(file_name="micropause-log.json", src_bytes=text.encode())
            result.value = f"Exported {count(exported, 'Micro Pause')}."
        except Exception as exc:  # the platform may have no save dialog
            log.info("export failed: %s", exc)
            result.value = "This device could not save the file."
        refresh(result)

    async def restore(e: Any) -> None:
        files = await picker.pick_files(
            allowed_extensions=["json"], with_data=True, dialog_title="Restore a Micro Pause log"
        )
        if not files:
            return
        picked = files[0]
        try:
            ctx.practice.check_upload(picked.size)
            raw = picked.bytes
            if raw is None and picked.path:
                raw = await run_blocking(_read_bytes, picked.path)
            if raw is None:
                raise BackupError("the file could not be read")
            added, known = await run_blocking(
                ctx.practice.restore, raw.decode("utf-8", errors="replace")
            )
            result.value = f"Restored {count(added, 'Micro Pause')} ({known} already in your log)."
        except BackupError as exc:
            result.value = f"Nothing was changed: {exc}"
        except NotSavedError as exc:
            result.value = str(exc)
        refresh(result)

    where = (
        "This log lives in this browser only. Export it now and then to keep a copy."
        if ctx.web
        else "Export your log now and then to keep a copy."
    )
    return card(
        title="Backup",
        content=[
            ft.Text(where, size=14),
            ft.Row(
                [
                    ft.FilledTonalButton(
                        "Download export",
                        icon=ft.Icons.DOWNLOAD,
                        key="export",
                        on_click=download,
                        height=48,
                    ),
                    ft.OutlinedButton(
                        "Restore from a file",
                        icon=ft.Icons.UPLOAD_FILE,
                        key="import",
                        on_click=restore,
                        height=48,
                    ),
                ],
                wrap=True,
                spacing=SPACE_S,
                run_spacing=SPACE_S,
            ),
            result,
        ],
    )


def _read_bytes(path: str) -> bytes:
    return Path(path).read_bytes()


def _about(ctx: AppContext) -> ft.Control:
    return ft.Column(
        [
            ft.Text(
                "Micro Pause offers gentle movement, not medical advice. Stop if anything hurts, "
                "and ask a professional about pain that stays.",
                size=13,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
            ft.TextButton(
                "See every figure the lessons use",
                icon=ft.Icons.ACCESSIBILITY_NEW,
                key="gallery-link",
                on_click=lambda e: ctx.navigate("/poses"),
            ),
        ],
        spacing=4,
    )
