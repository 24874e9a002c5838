"""The voice and the reach beyond the screen, without a browser: the page's report and the
bridge's words, the desktop engines behind fakes, the lesson screen's voice, and Settings.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any, cast

import flet as ft
import pytest

from data.practice_log.memory_store import MemoryStore
from data.practice_log.settings import Settings
from data.runtime.os_notify import OsNotifier
from data.runtime.os_voice import OsVoice
from data.runtime.page_bridge import (
    PageReport,
    PageVoice,
    Permission,
    message,
    opened_from_notification,
    route_report,
    voices_for,
)
from tests.clocks import FakeClock
from tests.fakes import FakePage, FakeReach, by_key, catalogue, make_context
from views.lesson_screen import LessonScreen
from views.nudge_settings import NOTICE_WORDS
from views.reach import Reach
from views.settings import build_settings_view
from views.voice_settings import NO_BROWSER_VOICE

# ------------------------------------------------------------------- the page's words


def test_the_page_report_reads_what_the_script_wrote_and_survives_garbage() -> None:
    raw = json.dumps(
        {
            "speech": True,
            "voices": [{"name": "Anna", "lang": "de-DE", "default": True, "local": True}],
            "notify": "denied",
            "lang": "de-DE",
            "later": "ignored",
        }
    )
    report = PageReport.parse(raw)
    assert report.speech and report.notify is Permission.DENIED
    assert report.voices == [PageVoice(name="Anna", lang="de-DE", default=True)]
    for broken in (None, 42, "", "{", '{"notify": "maybe"}'):
        assert PageReport.parse(broken) == PageReport()


def test_voices_in_the_apps_language_come_first() -> None:
    voices = [
        PageVoice(name="Anna", lang="de-DE", default=True),
        PageVoice(name="Zira", lang="en-US", local=False),
        PageVoice(name="Daniel", lang="en_GB"),
        PageVoice(name="Daniel", lang="en_GB"),
        PageVoice(name="Samantha", lang="en-US", default=True),
    ]
    assert [v.name for v in voices_for(voices, "en")] == ["Samantha", "Daniel", "Zira", "Anna"]


def test_messages_and_route_reports() -> None:
    assert json.loads(message(3, "say", text="Rest.")) == {"seq": 3, "op": "say", "text": "Rest."}
    assert message(1, "cancel") != message(2, "cancel")  # the same words twice, two messages
    assert route_report("/settings?mp-report=notify-denied") == "notify-denied"
    assert route_report("/settings") is None
    assert opened_from_notification("/programs/quick-pauses/lessons/2?from=notification")
    assert not opened_from_notification("/programs/quick-pauses/lessons/2")


def test_a_reported_answer_reaches_settings() -> None:
    reach = Reach.detached()
    seen: list[Permission] = []
    reach.on_permission = seen.append
    reach.reported("notify-denied")
    reach.reported("notify-nonsense")
    reach.reported("other-thing")
    assert reach.permission is Permission.DENIED and seen == [Permission.DENIED]


@pytest.mark.parametrize(
    ("state", "background"),
    [
        (ft.AppLifecycleState.RESUME, False),
        (ft.AppLifecycleState.INACTIVE, True),
        (ft.AppLifecycleState.HIDE, True),
        (ft.AppLifecycleState.SHOW, True),
    ],
)
def test_only_a_focused_visible_app_is_in_the_foreground(
    state: ft.AppLifecycleState, background: bool
) -> None:
    reach = Reach.detached()

    class Event:
        pass

    event = Event()
    event.state = state  # type: ignore[attr-defined]
    reach.lifecycle(cast(ft.AppLifecycleStateChangeEvent, event))
    assert reach.background is background


# -------------------------------------------------------------- the desktop's engines


class FakeEngine:
    """pyttsx3's engine, as far as OsVoice uses it; records what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []
        self.said = threading.Event()

    def getProperty(self, name: str) -> object:  # noqa: N802 (pyttsx3's name)
        voice = type("Voice", (), {"id": "v1", "name": "Anna", "languages": [b"en_GB"]})
        return [voice()]

    def setProperty(self, name: str, value: object) -> None:  # noqa: N802
        self.calls.append((name, value))

    def startLoop(self, use_driver_loop: bool) -> None:  # noqa: N802
        self.calls.append(("startLoop", use_driver_loop))

    def endLoop(self) -> None:  # noqa: N802
        self.calls.append(("endLoop", None))

    def iterate(self) -> None:
        pass

    def stop(self) -> None:
        self.calls.append(("stop", None))

    def say(self, text: str) -> None:
        self.calls.append(("say", text))
        self.said.set()


def test_the_desktop_voice_speaks_on_its_own_thread() -> None:
    engine = FakeEngine()
    voice = OsVoice(load=lambda: type("pyttsx3", (), {"init": staticmethod(lambda: engine)}))
    assert voice.start()
    assert [(v.id, v.lang) for v in voice.voices] == [("v1", "en_GB")]
    voice.say("Rest.", rate=1.5, voice_id="v1")
    assert engine.said.wait(5)
    voice.close()
    assert ("say", "Rest.") in engine.calls
    assert ("rate", 262) in engine.calls and ("voice", "v1") in engine.calls
    assert engine.calls.index(("stop", None)) < engine.calls.index(("say", "Rest."))


def test_no_engine_means_no_voice_and_no_growing_queue() -> None:
    def missing() -> Any:
        raise ModuleNotFoundError("No module named 'pyttsx3'")

    voice = OsVoice(load=missing)
    assert not voice.start()
    voice.say("Rest.")
    assert voice._commands.empty()


def test_desktop_notifications_send_and_fail_quietly() -> None:
    sent: list[dict[str, object]] = []

    class Notifier:
        def __init__(self, app_name: str) -> None:
            self.app_name = app_name

        async def send(self, **fields: object) -> None:
            sent.append(fields)

    module = type("desktop_notifier", (), {"DesktopNotifier": Notifier})
    notifier = OsNotifier(load=lambda: module)
    assert asyncio.run(notifier.send("Time for a Micro Pause", "Try: Neck release.", print))
    assert sent[0]["title"] == "Time for a Micro Pause" and sent[0]["on_clicked"] is print

    def missing() -> Any:
        raise ModuleNotFoundError("No module named 'desktop_notifier'")

    assert not OsNotifier(load=missing).available
    assert not asyncio.run(OsNotifier(load=missing).send("a", "b", print))


# ------------------------------------------------------------------ the lesson's voice


def lesson_screen(settings: Settings | None = None) -> tuple[LessonScreen, FakeClock, FakeReach]:
    clock = FakeClock()
    store = MemoryStore()
    if settings is not None:
        store.save_settings(settings)
    reach = FakeReach()
    ctx, _ = make_context(clock=clock, store=store, reach=reach)
    found = catalogue().find_lesson("quick-pauses-5")
    assert found is not None
    return LessonScreen(ctx, *found), clock, reach


def test_the_lesson_says_each_step_and_the_controls_reach_speech() -> None:
    screen, clock, reach = lesson_screen()
    screen.start()
    assert reach.ops("say")[-1][1] == "Get ready: Standing twist with the breath."
    clock.advance(3.1)
    screen.tick()
    assert screen.state is not None
    assert reach.ops("say")[-1][1] == screen.lesson.steps[0].say
    screen.toggle()  # pause
    assert reach.sent[-1] == ("pause", None)
    screen.toggle()  # resume
    assert reach.sent[-1] == ("resume", None)
    screen.on_key("Arrow Right")  # skip: a new line (which cancels what was said)
    last: tuple[str, object] = reach.sent[-1]
    assert last[0] == "say"
    screen.close()  # leaving the screen stops the voice
    assert ("cancel", None) in reach.sent[-3:]
    announced = [text for op, text in reach.sent if op == "announce"]
    assert announced == [text for op, text in reach.sent if op == "say"]  # readers hear each


def test_a_reader_hears_the_finish_as_lesson_complete() -> None:
    screen, clock, reach = lesson_screen()
    screen.start()
    assert screen.state is not None
    clock.advance(screen.state.timeline.total_seconds + 1)
    screen.tick()
    assert reach.ops("say")[-1][1] == "Well done: two minutes for your whole body."
    assert reach.ops("announce")[-1][1] == "Lesson complete: two minutes for your whole body."


def test_voice_off_in_settings_says_nothing_but_still_announces() -> None:
    screen, clock, reach = lesson_screen(Settings(voice_on=False))
    screen.start()
    clock.advance(3.1)
    screen.tick()
    assert reach.ops("say") == []
    assert len(reach.ops("announce")) == 2  # the screen reader still hears each step


# ----------------------------------------------------------------------- Settings


def test_settings_say_when_the_browser_has_no_voice_and_list_those_it_has() -> None:
    ctx, _ = make_context()
    view = build_settings_view(ctx, on_look=lambda: None)
    assert by_key(view, "voice-note").value == NO_BROWSER_VOICE
    assert by_key(view, "voice_name").disabled
    ctx.reach.report = PageReport(
        speech=True,
        voices=[PageVoice(name="Anna", lang="de-DE"), PageVoice(name="Daniel", lang="en-GB")],
    )
    view = build_settings_view(ctx, on_look=lambda: None)
    voices = by_key(view, "voice_name")
    assert [o.key for o in voices.options] == ["auto", "Daniel", "Anna"]
    assert by_key(view, "voice-note").value == ""


def test_settings_save_the_voice_and_rate() -> None:
    ctx, _ = make_context()
    ctx.reach.report = PageReport(speech=True, voices=[PageVoice(name="Daniel", lang="en-GB")])
    view = build_settings_view(ctx, on_look=lambda: None)
    for key, value in (("voice_name", "Daniel"), ("voice_rate", "1.25")):
        control = by_key(view, key)
        control.value = value
        asyncio.run(control.on_change(type("Event", (), {"control": control})()))
    settings = ctx.practice.store.settings()
    assert settings.voice_name == "Daniel" and settings.voice_rate == 1.25


def test_turning_nudges_on_asks_for_permission_and_off_does_not() -> None:
    ctx, _ = make_context()
    reach = cast(FakeReach, ctx.reach)
    reach._permission = Permission.DEFAULT
    view = build_settings_view(ctx, on_look=lambda: None)
    assert by_key(view, "notification-status").value == NOTICE_WORDS[Permission.DEFAULT]
    switch = by_key(view, "nudges_on")
    for on in (False, True):
        switch.value = on
        asyncio.run(switch.on_change(type("Event", (), {"control": switch})()))
    assert reach.ops("ask-notify") == [("ask-notify", None)]
    reach.reported("notify-denied")
    assert by_key(view, "notification-status").value == NOTICE_WORDS[Permission.DENIED]
    assert "set Notifications to Allow" in NOTICE_WORDS[Permission.DENIED]


def test_the_page_is_only_reached_through_tasks() -> None:
    page = FakePage()
    reach = Reach(cast(ft.Page, page), web=True)
    reach.say("Rest.", voice=None, rate=1.0, offset=0.0, at=0.0)
    reach.ask_permission()
    assert [fn.__name__ for fn, _ in page.tasks] == ["_guarded", "_guarded"]
