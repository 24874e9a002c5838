"""The settings section for the voice: on or off, which of the device's voices, how fast.

The browser's voices are those its page reported when the app started (the page script reads
``speechSynthesis.getVoices()``), the app's language first; the desktop's are its speech
engine's. Where there is none, the section says so: the player then keeps to its sounds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from views.context import AppContext, refresh
from views.theme import card, choice_field, choice_option, switch_row

AUTOMATIC_WORDS = "Automatic (an English voice)"
AUTOMATIC = "auto"
RATES = {0.75: "Slower", 1.0: "Normal", 1.25: "A little faster", 1.5: "Faster"}
NO_BROWSER_VOICE = (
    "This browser has no voice to speak with, so the player keeps to its sounds. Most "
    "browsers on phones and computers have one; some need a voice installed in the system's "
    "speech settings."
)
NO_DESKTOP_VOICE = (
    "This computer has no speech engine Micro Pause can use, so the player keeps to its sounds."
)
READER_NOTE = (
    "With a screen reader on, your reader announces each step and this voice stays quiet, "
    "so nothing is said twice."
)


def voice_section(ctx: AppContext, save: Callable[..., Awaitable[None]]) -> ft.Container:
    settings = ctx.practice.settings
    note = ft.Text("", size=13, color=ft.Colors.ON_SURFACE_VARIANT, key="voice-note")
    voices = choice_field("Voice", "voice_name", AUTOMATIC, [(AUTOMATIC, AUTOMATIC_WORDS)])

    def offer(choices: list[tuple[str, str]]) -> None:
        voices.options = [choice_option(AUTOMATIC, AUTOMATIC_WORDS)] + [
            choice_option(key, text) for key, text in choices
        ]
        known = {key for key, _ in choices}
        voices.value = settings.voice_name if settings.voice_name in known else AUTOMATIC
        voices.disabled = not choices
        note.value = "" if choices else (NO_BROWSER_VOICE if ctx.web else NO_DESKTOP_VOICE)

    if ctx.web:
        offer(
            [
                (v.name, f"{v.name} ({v.lang})" if v.lang else v.name)
                for v in ctx.reach.page_voices()
            ]
        )
    else:
        offer([])
        note.value = "Looking for this computer's voices ..."

        async def find_voices() -> None:
            found = await ctx.reach.desktop_voices()
            offer([(v.id, v.name) for v in found or []])
            refresh(voices)
            refresh(note)

        ctx.page.run_task(find_voices)

    async def on_switch(e: Any) -> None:
        await save(voice_on=bool(e.control.value))

    async def on_voice(e: Any) -> None:
        value = e.control.value
        await save(voice_name=None if value == AUTOMATIC else value)

    async def on_rate(e: Any) -> None:
        await save(voice_rate=float(e.control.value))

    voices.on_change = on_voice
    rate = choice_field(
        "Speaking rate",
        "voice_rate",
        str(settings.voice_rate if settings.voice_rate in RATES else 1.0),
        [(str(r), text) for r, text in RATES.items()],
        on_rate,
    )
    return card(
        title="Voice",
        content=[
            switch_row("Speak each step during a lesson", settings.voice_on, "voice_on", on_switch),
            voices,
            rate,
            note,
            ft.Text(READER_NOTE, size=13, color=ft.Colors.ON_SURFACE_VARIANT),
        ],
    )
