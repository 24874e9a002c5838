"""How one session reaches the person beyond its screen: a voice, their screen reader, and
system notifications, in the browser or on the desktop.

In the browser (the served app and the static PWA alike) everything goes to the page script
in ``assets/index.html`` through ``data.runtime.page_bridge``'s messages; on the desktop the
voice is ``data.runtime.os_voice`` (pyttsx3) and notifications ``data.runtime.os_notify``
(desktop-notifier), both loaded only there. Whether the app is in the background comes from
Flet's app lifecycle events (the browser's visibility and focus, the window's on the desktop).

Every call returns at once and never raises: the work is a task on the page's loop, and a
failure is logged, never shown to a person in the middle of a lesson.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import flet as ft

from data.runtime.clock import Clock, SystemClock
from data.runtime.os_notify import OsNotifier
from data.runtime.os_voice import OsVoice, OsVoiceInfo
from data.runtime.page_bridge import (
    BRIDGE_KEY,
    PAGE_KEY,
    PageReport,
    PageVoice,
    Permission,
    message,
    voices_for,
)
from data.runtime.threads import run_blocking
from data.schedule.alerts import Alert

log = logging.getLogger("micropause.reach")

APP_LANGUAGE = "en"


class Reach:
    """One session's voice, announcements and notifications; see the module docstring."""

    def __init__(self, page: ft.Page | None, *, web: bool, clock: Clock | None = None) -> None:
        self.page = page
        self.web = web
        self.clock = clock or SystemClock()
        self.report = PageReport()
        self.background = False
        self.on_permission: Callable[[Permission], None] | None = None
        """Called when the page reports an answer to the permission question (Settings)."""
        self._seq = 0
        self._last_rtt: list[float] | None = None
        self._prefs: ft.SharedPreferences | None = None
        self._semantics: ft.SemanticsService | None = None
        self._os_voice: OsVoice | None = None
        self._os_notifier: OsNotifier | None = None
        self._permission = Permission.UNSUPPORTED
        self._on_notice_click: Callable[[str], None] | None = None
        self.reader = False
        """A desktop screen reader is on (the OS says so): its reader speaks, ours does not.
        In the browser the page script knows this and keeps its voice quiet itself."""

    @classmethod
    def detached(cls) -> Reach:
        """A reach that reaches nobody (tests and screens built without a session)."""
        return cls(None, web=True)

    # ------------------------------------------------------------------ start

    async def load(self, on_notice_click: Callable[[str], None]) -> None:
        """Learn what the page knew at start (web), or what this computer has (desktop).

        ``on_notice_click(route)`` opens the lesson of a clicked desktop notification.
        """
        self._on_notice_click = on_notice_click
        if self.web:
            try:
                raw = await self._preferences().get(PAGE_KEY)
            except Exception as exc:  # an old page without the script: no voice, no notices
                log.info("the page did not report itself: %s", exc)
                raw = None
            self.report = PageReport.parse(raw)
            self._permission = self.report.notify
        else:
            notifier = self._os_notifier = OsNotifier()
            available = await run_blocking(lambda: notifier.available)  # imports the library
            self._permission = Permission.GRANTED if available else Permission.UNSUPPORTED

    # ------------------------------------------------------------ what we know

    @property
    def permission(self) -> Permission:
        return self._permission

    def lifecycle(self, e: ft.AppLifecycleStateChangeEvent) -> None:
        """The tab or window went to the background or came back (Flet's lifecycle event).

        Only RESUME (visible and focused) is the foreground: INACTIVE (another window has the
        focus), HIDE (another tab), PAUSE, and SHOW (visible again, before the focus) all mean
        the person is looking elsewhere, where only a system notification reaches them.
        """
        self.background = e.state is not ft.AppLifecycleState.RESUME

    def reported(self, event: str) -> None:
        """An event the page script reported through the route (``notify-denied``, ...)."""
        name, _, value = event.partition("-")
        if name == "notify":
            try:
                self._permission = Permission(value)
            except ValueError:
                return
            if self.on_permission is not None:
                self.on_permission(self._permission)

    def page_voices(self) -> list[PageVoice]:
        """The browser's voices, those in the app's language first."""
        return voices_for(self.report.voices, APP_LANGUAGE)

    async def desktop_voices(self) -> list[OsVoiceInfo] | None:
        """The computer's voices, or None when it has no engine (starts it, off the loop)."""
        engine = self._engine()
        available = await run_blocking(engine.start)
        return engine.voices if available else None

    # ------------------------------------------------------------------ voice

    def say(self, text: str, *, voice: str | None, rate: float, offset: float, at: float) -> None:
        """Say ``text`` now, in place of whatever is still being said; ``at`` is the monotonic
        instant its step began and ``offset`` the step's lesson offset (for measuring)."""
        if self.web:
            self._send(
                "say",
                text=text,
                voice=voice,
                rate=rate,
                lang=APP_LANGUAGE,
                offset=offset,
                at=_ms(at),
            )
        elif self.page is not None and not self.reader:
            self._engine().say(text, rate=rate, voice_id=voice)

    def speech(self, op: str) -> None:
        """``cancel``, ``pause`` or ``resume`` what is being said."""
        if self.web:
            self._send(op)
        elif self._os_voice is not None and op in ("cancel", "pause"):
            self._os_voice.cancel()  # pyttsx3 cannot hold a line: pause stops it

    def announce(self, text: str) -> None:
        """Hand ``text`` to the person's screen reader (a polite live announcement)."""
        self._schedule(self._announce, text)

    def warm_up(self) -> None:
        """Start the desktop engine now, so a lesson's first line is not late by its start."""
        if not self.web and self.page is not None:
            self._schedule(self._start_engine)

    # ---------------------------------------------------------- notifications

    def ask_permission(self) -> None:
        """Ask the browser for notifications; call it inside the tap that turns nudges on."""
        if self.web:
            self._send("ask-notify")

    def notify(self, alert: Alert) -> None:
        """Show ``alert`` as a system notification (the page checks it is still in the
        background; a click opens ``alert.route``)."""
        if self.web:
            self._send(
                "notify", title=alert.title, body=alert.body, route=alert.route, tag=alert.tag
            )
        elif self._os_notifier is not None:
            self._schedule(self._os_notify, alert)

    def close_notice(self) -> None:
        """The nudge was answered in the app: its notification has nothing left to say."""
        if self.web:
            self._send("close-notice", tag="micropause-nudge")

    def close(self) -> None:
        if self._os_voice is not None:
            self._os_voice.close()
            self._os_voice = None

    # -------------------------------------------------------------- internals

    def _engine(self) -> OsVoice:
        if self._os_voice is None:
            self._os_voice = OsVoice()
        return self._os_voice

    async def _start_engine(self) -> None:
        await run_blocking(self._engine().start)
        if self._semantics is None:
            self._semantics = ft.SemanticsService()
        features = await self._semantics.get_accessibility_features()
        self.reader = bool(features.accessible_navigation)

    def _preferences(self) -> ft.SharedPreferences:
        """Flet's service, made inside a task on the page (services need that) and kept."""
        if self._prefs is None:
            self._prefs = ft.SharedPreferences()
        return self._prefs

    def _send(self, op: str, **fields: Any) -> None:
        self._seq += 1
        self._schedule(self._write, self._seq, op, fields)

    async def _write(self, seq: int, op: str, fields: dict[str, Any]) -> None:
        """Send one message, stamped with this clock's time and the previous message's round
        trip: from those a page can place a step's start on its own clock, within a round trip
        (``tests/e2e/spies.py``), without trusting the two clocks to agree."""
        # In the order sent without a lock: tasks start in the order they were made, and Flet
        # sends a call before it awaits the answer (a lock held over the answer measured a
        # busy page's whole round trip, 100-370 ms, on the next line).
        sent = self.clock.monotonic()
        text = message(seq, op, **fields, sent=_ms(sent), rtt=self._last_rtt)
        await self._preferences().set(BRIDGE_KEY, text)
        self._last_rtt = [seq, _ms(self.clock.monotonic() - sent)]

    async def _announce(self, text: str) -> None:
        if self._semantics is None:
            self._semantics = ft.SemanticsService()
        await self._semantics.announce_message(text)

    async def _os_notify(self, alert: Alert) -> None:
        assert self._os_notifier is not None
        route = alert.route

        def clicked() -> None:
            if route is not None and self._on_notice_click is not None:
                self._on_notice_click(route)

        await self._os_notifier.send(alert.title, alert.body, clicked)

    def _schedule(self, fn: Callable[..., Any], *args: Any) -> None:
        if self.page is None:
            return
        try:
            self.page.run_task(self._guarded, fn, *args)
        except Exception as exc:
            log.debug("could not reach the page: %s", exc)

    async def _guarded(self, fn: Callable[..., Any], *args: Any) -> None:
        try:
            await fn(*args)
        except Exception as exc:  # a voice or a notice is a nicety: never break the session
            log.warning("%s failed (ignored): %s", getattr(fn, "__name__", fn), exc)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)
