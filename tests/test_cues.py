"""CuePlayer against a fake page: the right effects, nothing when muted, never an exception.

The page is a ``MagicMock(spec=ft.Page)`` whose ``run_task`` collects the scheduled
coroutines; each test then drains them on one event loop. The Flet services are replaced
with small fakes that record calls, except in the test that proves real, unattached
services (no session behind them) fail quietly.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, cast
from unittest.mock import MagicMock

import flet as ft
import pytest

from views import cues
from views.cues import CuePlayer


class FakeAudio:
    """Records plays; reports ``on_loaded`` at once unless told the client never loads."""

    instances: list[FakeAudio]
    reports_loaded = True
    fail = False

    def __init__(self, *, src: str, on_loaded: Callable[[Any], None], **_: Any) -> None:
        self.src = src
        self.plays = 0
        self.released = False
        FakeAudio.instances.append(self)
        if FakeAudio.reports_loaded:
            on_loaded(None)

    async def play(self) -> None:
        if FakeAudio.fail:
            raise RuntimeError("browser refused to play")
        self.plays += 1

    async def release(self) -> None:
        self.released = True


class FakeService:
    """Records every awaited method call as ``(class name, method)`` in ``calls``."""

    calls: list[tuple[str, str]]

    def __getattr__(self, name: str) -> Callable[[], Awaitable[None]]:
        async def method() -> None:
            FakeService.calls.append((type(self).__name__, name))

        return method


class FakeHaptics(FakeService):
    pass


class FakeWakelock(FakeService):
    pass


class Harness:
    """A fake page plus the coroutines CuePlayer has scheduled on it."""

    def __init__(self) -> None:
        self.pending: list[Coroutine[Any, Any, None]] = []
        self.page = MagicMock(spec=ft.Page)
        self.page.run_task.side_effect = self._run_task

    def _run_task(self, fn: Callable[..., Coroutine[Any, Any, None]], *args: Any) -> None:
        self.pending.append(fn(*args))

    async def drain(self) -> None:
        """Run scheduled work (and whatever it schedules) until nothing is left."""
        while self.pending:
            await self.pending.pop(0)


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeAudio.instances = []
    FakeAudio.reports_loaded = True
    FakeAudio.fail = False
    FakeService.calls = []
    monkeypatch.setattr("flet_audio.Audio", FakeAudio)
    monkeypatch.setattr("flet.HapticFeedback", FakeHaptics)
    monkeypatch.setattr("flet.Wakelock", FakeWakelock)


def _audio(src_end: str) -> FakeAudio:
    return next(a for a in FakeAudio.instances if a.src.endswith(src_end))


@pytest.mark.usefixtures("fakes")
def test_each_cue_plays_its_sound_and_taps() -> None:
    async def scenario() -> None:
        h = Harness()
        player = CuePlayer(h.page, sound_on=True)
        await h.drain()
        assert sorted(a.src for a in FakeAudio.instances) == [
            "sounds/done.wav",
            "sounds/step.wav",
            "sounds/tick.wav",
        ]
        player.step()
        player.tick()
        player.tick()
        player.done()
        await h.drain()
        assert (_audio("step.wav").plays, _audio("tick.wav").plays) == (1, 2)
        assert _audio("done.wav").plays == 1
        assert FakeService.calls == [
            ("FakeHaptics", "light_impact"),
            ("FakeHaptics", "selection_click"),
            ("FakeHaptics", "selection_click"),
            ("FakeHaptics", "medium_impact"),
        ]

    asyncio.run(scenario())


@pytest.mark.usefixtures("fakes")
def test_muted_plays_nothing_and_loads_nothing() -> None:
    async def scenario() -> None:
        h = Harness()
        player = CuePlayer(h.page, sound_on=False, haptics_on=False)
        player.step()
        player.tick()
        player.done()
        await h.drain()
        assert FakeAudio.instances == []
        assert FakeService.calls == []
        assert not player.sound_on

    asyncio.run(scenario())


@pytest.mark.usefixtures("fakes")
def test_set_sound_mutes_and_unmutes() -> None:
    async def scenario() -> None:
        h = Harness()
        player = CuePlayer(h.page, sound_on=False, haptics_on=False)
        player.set_sound(True)
        player.step()
        await h.drain()
        assert _audio("step.wav").plays == 1
        player.set_sound(False)
        player.step()
        await h.drain()
        assert _audio("step.wav").plays == 1

    asyncio.run(scenario())


@pytest.mark.usefixtures("fakes")
def test_first_play_waits_only_briefly_for_a_load_that_never_comes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cues, "LOAD_WAIT_S", 0.01)
    FakeAudio.reports_loaded = False

    async def scenario() -> None:
        h = Harness()
        player = CuePlayer(h.page, sound_on=True, haptics_on=False)
        player.step()
        player.step()
        await h.drain()
        assert _audio("step.wav").plays == 2

    asyncio.run(scenario())


@pytest.mark.usefixtures("fakes")
def test_keep_screen_on_toggles_the_wakelock_once_per_change() -> None:
    async def scenario() -> None:
        h = Harness()
        player = CuePlayer(h.page, sound_on=False, haptics_on=False)
        player.keep_screen_on(False)  # already off: no service needed
        player.keep_screen_on(True)
        player.keep_screen_on(True)
        player.keep_screen_on(False)
        await h.drain()
        assert FakeService.calls == [("FakeWakelock", "enable"), ("FakeWakelock", "disable")]

    asyncio.run(scenario())


@pytest.mark.usefixtures("fakes")
def test_close_releases_everything_and_silences_later_calls() -> None:
    async def scenario() -> None:
        h = Harness()
        player = CuePlayer(h.page, sound_on=True)
        player.keep_screen_on(True)
        await h.drain()
        player.close()
        player.close()
        player.step()
        player.keep_screen_on(True)
        await h.drain()
        assert all(a.released and a.plays == 0 for a in FakeAudio.instances)
        assert FakeService.calls == [("FakeWakelock", "enable"), ("FakeWakelock", "disable")]

    asyncio.run(scenario())


@pytest.mark.usefixtures("fakes")
def test_failures_are_swallowed_and_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    FakeAudio.fail = True

    async def scenario() -> None:
        h = Harness()
        player = CuePlayer(h.page, sound_on=True, haptics_on=False)
        for _ in range(3):
            player.step()
        await h.drain()

    with caplog.at_level(logging.DEBUG, logger="views.cues"):
        asyncio.run(scenario())
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "browser refused to play" in warnings[0].getMessage()


def test_a_page_without_a_session_never_raises(caplog: pytest.LogCaptureFixture) -> None:
    """``run_task`` itself failing (session gone) must not reach the player either."""
    attempts: list[str] = []

    class ClosedPage:
        def run_task(self, fn: Callable[..., Any], *args: Any) -> None:
            attempts.append(getattr(args[0], "__name__", "?") if args else "?")
            raise RuntimeError("session closed")

    caplog.set_level(logging.DEBUG, logger="views.cues")
    player = CuePlayer(cast(ft.Page, ClosedPage()), sound_on=True)
    player.step()
    player.tick()
    player.done()
    player.set_sound(False)
    player.keep_screen_on(True)
    player.close()
    # Every cue still tried to reach the page, and each kind of failure was reported once.
    assert attempts[:1] == ["_prepare"] and attempts.count("_play") == 3
    assert "_set_wakelock" in attempts and attempts[-1] == "_shutdown"
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == len(set(attempts)) and all("session closed" in w for w in warned)


def test_real_services_on_an_unattached_page_fail_quietly(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the real flet/flet-audio services but no live page, every call is a no-op."""
    monkeypatch.setattr(cues, "LOAD_WAIT_S", 0.01)  # an unattached Audio never loads
    h = Harness()
    caplog.set_level(logging.WARNING, logger="views.cues")

    async def scenario() -> None:
        player = CuePlayer(h.page, sound_on=True)
        player.keep_screen_on(True)
        player.step()
        player.done()
        player.close()
        await h.drain()

    asyncio.run(scenario())
    assert any("added to the page" in r.getMessage() for r in caplog.records)


def test_cues_from_inside_a_running_loop() -> None:
    """An async handler calls the same sync methods; scheduling must not block or raise."""
    loop_tasks: list[asyncio.Task[None]] = []
    scheduled: list[str] = []

    class LoopPage:
        def run_task(self, fn: Callable[..., Coroutine[Any, Any, None]], *args: Any) -> None:
            scheduled.append(args[0].__name__)
            loop_tasks.append(asyncio.get_running_loop().create_task(fn(*args)))

    async def handler() -> None:
        player = CuePlayer(cast(ft.Page, LoopPage()), sound_on=False)
        player.step()
        player.close()
        await asyncio.gather(*loop_tasks)

    asyncio.run(handler())
    assert scheduled == ["_prepare", "_buzz", "_shutdown"]  # silent: no sound, still a tap
    assert all(task.done() and task.exception() is None for task in loop_tasks)
