"""Turn the player's sequencer events into sound, vibration and a screen kept awake.

The player screen calls :meth:`CuePlayer.step`, :meth:`CuePlayer.tick` and
:meth:`CuePlayer.done` as segments change; this module owns *how* those cues are
rendered so the player never has to know about Flet services.

Why it is built this way (Flet 1.0.5):

* Audio lives in the extension package ``flet-audio``; ``flet_audio.Audio`` is a
  *service* (``ft.Service``), as are ``ft.HapticFeedback`` and ``ft.Wakelock``. A
  service registers itself with ``ft.context.page`` when it is constructed, and its
  methods (``play``, ``light_impact``, ``enable``...) are coroutines that fail unless it
  is registered. So every service here is created *inside* a coroutine scheduled with
  ``page.run_task``, which binds the context to our page, whoever constructs the
  ``CuePlayer`` and from whatever thread.
* Flet drops a page's services that nothing in Python references any more (checked after
  every event), so the instances are kept on ``self`` until :meth:`close`.
* The three audio services are created as soon as sound is on, one per sound, with
  ``ReleaseMode.STOP``: the browser fetches each WAV once, ahead of time, and replays
  it from its buffer, so a cue is not late by a download. A ``play`` sent before the
  client has loaded the sound gets stuck in the browser until the next message, so the
  first play of each sound waits (briefly, see ``LOAD_WAIT_S``) for ``on_loaded``.
* A cue is a nicety: any failure (no session, a platform without haptics or wake lock,
  a browser refusing to play) is logged once and otherwise ignored, never raised into
  the player. Every public method is synchronous, returns at once and is safe to call
  from sync or async handlers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Literal

import flet as ft
import flet_audio as fta  # type: ignore[import-untyped]  # ships no py.typed

log = logging.getLogger(__name__)

Cue = Literal["step", "tick", "done"]

SOUNDS: dict[Cue, str] = {
    "step": "sounds/step.wav",
    "tick": "sounds/tick.wav",
    "done": "sounds/done.wav",
}
"""Asset paths (relative to the app's assets dir, which Flet serves at the site root)."""

LOAD_WAIT_S = 1.0
"""How long a first play waits for its sound to load before playing regardless.

Measured in Chromium: a ``play`` sent before the client reports ``on_loaded`` is not
played until some later message arrives (seconds late), while loading takes ~0.3-0.4 s
after the service is registered. Waiting is bounded because not every platform is
guaranteed to report ``on_loaded``.
"""


async def _call(method: Callable[[], Awaitable[object]]) -> None:
    """Await a Flet service method; they are unannotated, and this keeps mypy strict here."""
    await method()


class CuePlayer:
    """Plays the player's cues on one page; see the module docstring for the design.

    Args:
        page: The page whose session the sounds and vibrations go to.
        sound_on: Whether cues make sound (the user's ``Settings.sound_on``).
        haptics_on: Whether cues vibrate where the device can. Independent of sound, so a
            muted phone still gives a silent nudge at each step.
    """

    def __init__(self, page: ft.Page, sound_on: bool, *, haptics_on: bool = True) -> None:
        self._page = page
        self._sound_on = sound_on
        self._haptics_on = haptics_on
        self._audio: dict[Cue, fta.Audio] = {}
        self._loaded: dict[Cue, asyncio.Event] = {}
        self._haptics: ft.HapticFeedback | None = None
        self._wakelock: ft.Wakelock | None = None
        self._screen_on = False
        self._closed = False
        self._reported: set[str] = set()
        self._schedule(self._prepare)

    # ----------------------------------------------------------------- public API

    @property
    def sound_on(self) -> bool:
        """Whether cues currently make sound."""
        return self._sound_on

    def step(self) -> None:
        """A new step began: a soft two-tone chime and a light tap."""
        self._cue("step")

    def tick(self) -> None:
        """One of the last three seconds of a step: a quiet tick and the lightest tap."""
        self._cue("tick")

    def done(self) -> None:
        """The lesson is complete: the closing chime and a firmer tap."""
        self._cue("done")

    def set_sound(self, on: bool) -> None:
        """Mute or unmute; unmuting loads the sounds if they were never loaded."""
        self._sound_on = on
        if on:
            self._schedule(self._prepare)

    def keep_screen_on(self, on: bool) -> None:
        """Keep the display awake during a lesson (and let it sleep again after).

        Where the platform has no wake lock (or the browser refuses one), nothing happens.
        """
        if on == self._screen_on:
            return
        self._screen_on = on
        self._schedule(self._set_wakelock, on)

    def close(self) -> None:
        """Release the wake lock and the audio; later calls do nothing.

        The services are handed to a last task and then forgotten, so Flet unregisters
        them after the next event.
        """
        if self._closed:
            return
        audio, wakelock, screen_on = list(self._audio.values()), self._wakelock, self._screen_on
        self._schedule(self._shutdown, audio, wakelock, screen_on)
        self._closed = True
        self._audio = {}
        self._haptics = None
        self._wakelock = None
        self._screen_on = False

    # ------------------------------------------------------------------ internals

    def _cue(self, cue: Cue) -> None:
        """Schedule the sound (unless muted) and the vibration for ``cue``."""
        if self._closed:
            return
        if self._sound_on:
            self._schedule(self._play, cue)
        if self._haptics_on:
            self._schedule(self._buzz, cue)

    def _schedule(self, fn: Callable[..., Awaitable[None]], *args: object) -> None:
        """Run ``fn(*args)`` as a task on the page's event loop, never raising.

        ``page.run_task`` works from the loop thread and from worker threads alike, and it
        makes ``page`` the current context page inside the task (services need that).
        """
        if self._closed:
            return
        try:
            self._page.run_task(self._guarded, fn, *args)
        except Exception as exc:
            self._report(f"schedule:{getattr(fn, '__name__', fn)}", exc)

    async def _guarded(self, fn: Callable[..., Awaitable[None]], *args: object) -> None:
        """Await ``fn`` and swallow (log) whatever it raises: cues must never break a lesson."""
        try:
            await fn(*args)
        except Exception as exc:
            self._report(getattr(fn, "__name__", repr(fn)), exc)

    def _report(self, what: str, exc: BaseException) -> None:
        """Log a failure in one line the first time, then quietly (it will recur).

        The traceback goes to debug: a cue's failure is the device's answer (a browser's
        ``AbortError`` when a sound is restarted while it starts, no vibration motor), and a
        traceback in the console reads like a crash of the app, which it never is.
        """
        if what in self._reported:
            log.debug("cue %s failed again: %s", what, exc)
            return
        self._reported.add(what)
        log.warning("cue %s failed (ignored): %s", what, exc)
        log.debug("cue %s failure", what, exc_info=exc)

    async def _prepare(self) -> None:
        """Create (and so register) the services this player needs, once each."""
        if self._closed:
            return
        if self._haptics_on and self._haptics is None:
            self._haptics = ft.HapticFeedback()
        if self._sound_on:
            for cue, src in SOUNDS.items():
                if cue not in self._audio:
                    loaded = self._loaded[cue] = asyncio.Event()
                    self._audio[cue] = fta.Audio(
                        src=src,
                        release_mode=fta.ReleaseMode.STOP,
                        volume=1.0,
                        on_loaded=lambda _e, loaded=loaded: loaded.set(),
                    )

    async def _play(self, cue: Cue) -> None:
        """Play one sound from its start (restarting it if it is still ringing)."""
        if self._closed or not self._sound_on:
            return
        await self._prepare()
        audio = self._audio.get(cue)
        if audio is None:
            return
        loaded = self._loaded.get(cue)
        if loaded is not None and not loaded.is_set():
            try:
                await asyncio.wait_for(loaded.wait(), LOAD_WAIT_S)
            except TimeoutError:
                log.debug(
                    "sound %s not reported loaded after %.1f s; playing anyway", cue, LOAD_WAIT_S
                )
                loaded.set()  # never wait for this one again
        try:
            await audio.play()
        except RuntimeError as exc:
            if "AbortError" not in str(exc):
                raise
            # The browser's word for a sound restarted before it began (the same cue again
            # within a few tens of ms, as at 30x): the newer play wins, nothing is wrong.
            log.debug("sound %s restarted before it began", cue)

    async def _buzz(self, cue: Cue) -> None:
        """A light vibration; heavier for ``done``, the lightest for ``tick``."""
        if self._closed:
            return
        await self._prepare()
        haptics = self._haptics
        if haptics is None:
            return
        if cue == "tick":
            await _call(haptics.selection_click)
        elif cue == "done":
            await _call(haptics.medium_impact)
        else:
            await _call(haptics.light_impact)

    async def _set_wakelock(self, on: bool) -> None:
        """Enable or disable the wake lock, creating the service on first use."""
        if self._wakelock is None:
            if not on:
                return
            self._wakelock = ft.Wakelock()
        await _call(self._wakelock.enable if on else self._wakelock.disable)

    async def _shutdown(
        self, audio: list[fta.Audio], wakelock: ft.Wakelock | None, screen_on: bool
    ) -> None:
        """Let the screen sleep and free the audio players; each step on its own."""
        if wakelock is not None and screen_on:
            try:
                await _call(wakelock.disable)
            except Exception as exc:
                self._report("wakelock.disable", exc)
        for player in audio:
            try:
                await player.release()
            except Exception as exc:
                self._report("audio.release", exc)
