"""One session of the app: this visitor's store, their time zone, and the URL-to-screen routing.

``main.py`` builds the shared services; this module turns them into one person's app. In the
browser, the log is found by a random device key kept in the browser's own storage, so each
browser has its own log and no URL or page ever carries the key.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import flet as ft

from data.figures.studio import FigureStudio
from data.practice_log.memory_store import MemoryStore
from data.practice_log.store import LogStore, StoreVersionError
from data.runtime.browser import is_browser_runtime, mount_persistent_dir, worker_timezone
from data.runtime.folders import is_valid_device_key, new_device_key
from data.runtime.page_bridge import FROM_NOTIFICATION, opened_from_notification, route_report
from data.runtime.threads import run_blocking
from data.runtime.timezones import person_timezone, system_timezone_name
from data.usecases.nudging import NudgePlanner
from data.usecases.practice import Practice
from data.usecases.routes import Route, Screen, parse_route
from data.usecases.services import Services
from views.context import AppContext
from views.home import build_home_view
from views.not_found import build_not_found_view
from views.nudge_banner import NudgeController
from views.program import build_program_view
from views.reach import Reach
from views.text_size import scale_text
from views.theme import WIDE_BREAKPOINT, apply_theme

if TYPE_CHECKING:  # the lesson, progress and settings screens are imported when first shown
    from views.lesson_screen import LessonScreen

log = logging.getLogger("micropause.session")

DEVICE_KEY_PREF = "mp_device"
TIMEZONE_PREF = "mp_timezone"
"""Written by ``assets/index.html`` from ``Intl.DateTimeFormat()`` before the app starts."""
REDUCED_MOTION_PREF = "mp_reduced_motion"
"""Written by ``assets/index.html`` from ``prefers-reduced-motion`` before the app starts."""


async def start_session(page: ft.Page, services: Services, *, web: bool, profile: str) -> None:
    page.title = "Micro Pause"
    notices: list[str] = [f"Skipped a content file: {p}" for p in services.catalogue.skipped]
    store = await _open_store(page, services, web=web, profile=profile, notices=notices)
    if web:  # both written by index.html before the app starts; asked for together
        timezone, still = await asyncio.gather(_browser_timezone(), _reduced_motion())
    else:
        timezone, still = system_timezone_name(), False
    practice = Practice(services.catalogue, store, services.clock, timezone)
    session = Session(
        page, practice, services.time_scale, web=web, notices=notices, figures=services.figures
    )
    session.ctx.reduced_motion = still
    session.apply_look()
    await session.ctx.reach.load(on_notice_click=session.open_from_notification)
    page.on_route_change = session.on_route_change
    page.on_view_pop = session.on_view_pop
    page.on_keyboard_event = session.on_keyboard
    page.on_resize = session.on_resize
    page.on_app_lifecycle_state_change = session.ctx.reach.lifecycle
    page.on_disconnect = lambda e: session.nudges.close()
    page.on_connect = lambda e: session.nudges.reopen()
    page.on_close = lambda e: session.close()
    session.show(page.route)
    page.run_task(session.nudges.run)


async def _open_store(
    page: ft.Page, services: Services, *, web: bool, profile: str, notices: list[str]
) -> LogStore:
    browser_dir = await mount_persistent_dir() if is_browser_runtime() else None
    registry = services.stores(browser_dir)
    try:
        if browser_dir is not None:  # the static PWA: one person, the log lives on the device
            store = registry.for_profile(profile)
        elif web:
            prefs = ft.SharedPreferences()
            key = await prefs.get(DEVICE_KEY_PREF)
            if not is_valid_device_key(key):
                key = new_device_key()
                await prefs.set(DEVICE_KEY_PREF, key)
            store = await run_blocking(registry.for_device_key, str(key))
        else:
            store = await run_blocking(registry.for_profile, profile)
    except StoreVersionError as exc:
        notices.append(f"{exc} Practice now is not saved until the app is updated.")
        return MemoryStore()
    if store.notice:
        notices.append(store.notice)
    return store


async def _browser_timezone() -> str:
    """The browser's IANA zone (set by our index.html), or the server's if it is unknown."""
    reported: object = worker_timezone()  # the static PWA: in the browser, no round trip
    if reported is None:
        try:
            reported = await ft.SharedPreferences().get(TIMEZONE_PREF)
        except Exception:  # the client may not answer; the server's zone is a fair fallback
            reported = None
    return person_timezone(reported)


async def _reduced_motion() -> bool:
    """Whether the browser asks for reduced motion (set by our index.html); no answer: no."""
    try:
        return await ft.SharedPreferences().get(REDUCED_MOTION_PREF) is True
    except Exception:  # an older page or no storage: keep the usual motion
        return False


class Session:
    """Routes URLs to screens for one visitor and owns the lesson that may be playing."""

    def __init__(
        self,
        page: ft.Page,
        practice: Practice,
        time_scale: float,
        *,
        web: bool,
        notices: list[str],
        figures: FigureStudio | None = None,
    ) -> None:
        self.page = page
        self.ctx = AppContext(
            page=page,
            practice=practice,
            time_scale=time_scale,
            navigate=self.navigate,
            notices=notices,
            web=web,
            figures=figures or FigureStudio(practice.catalogue.poses),
            reach=Reach(page, web=web, clock=practice.clock),
        )
        self.lesson_screen: LessonScreen | None = None
        self._wide = self.ctx.wide
        planner = NudgePlanner(practice, time_scale)
        self.nudges = NudgeController(self.ctx, planner, is_playing=self._playing)
        self.ctx.next_nudge_at = self.nudges.next_at
        self.ctx.completion_listeners.append(self.nudges.completed)

    def _playing(self) -> bool:
        return self.lesson_screen is not None and self.lesson_screen.is_active

    def close(self) -> None:
        """The session ended: stop the lesson loop and the nudge task."""
        if self.lesson_screen is not None:
            self.lesson_screen.close()
            self.lesson_screen = None
        self.nudges.close()
        self.ctx.reach.close()

    def open_from_notification(self, route: str) -> None:
        """A desktop notification was clicked (the library may call from its own thread):
        bring the window forward on its lesson, on the page's loop."""
        self.page.run_task(self._open_from_notification, route)

    async def _open_from_notification(self, route: str) -> None:
        try:
            await self.page.window.to_front()  # type: ignore[no-untyped-call]
        except Exception as exc:
            log.debug("could not bring the window forward: %s", exc)
        self.navigate(f"{route}?from={FROM_NOTIFICATION}")

    def navigate(self, route: str) -> None:
        if route == self.page.route:
            self.show(route)
        else:
            self.page.navigate(route)

    def on_route_change(self, e: object = None) -> None:
        """Follow the URL, except away from a lesson under way: that asks first."""
        route = self.page.route
        report = route_report(route)
        if report is not None:  # the page script telling, not the person going somewhere
            self.ctx.reach.reported(report)
            return
        if opened_from_notification(route):
            self.nudges.opened_from_notification()
        screen = self.lesson_screen
        if screen is not None and screen.is_active:
            if route != screen.view.route:
                screen.ask_to_leave(then=route)
            return
        self.show(route)

    def show(self, route: str) -> None:
        """Rebuild the view stack for ``route``, so a reload or a shared link lands right."""
        if self.lesson_screen is not None:
            self.lesson_screen.close()
            self.lesson_screen = None
        self.page.views.clear()
        views = self.views_for(parse_route(route), route)
        scale = self.ctx.text_scale
        if scale != 1.0:  # freshly built screens are already at the standard size
            views = [scale_text(view, scale) for view in views]
        self.page.views.extend(views)
        self.page.update()
        self.nudges.poke()

    def views_for(self, parsed: Route, route: str) -> list[ft.View]:
        ctx = self.ctx
        if parsed.screen is Screen.HOME:
            return [build_home_view(ctx)]
        if parsed.screen is Screen.PROGRESS:
            from views.progress import build_progress_view

            return [build_progress_view(ctx)]
        if parsed.screen is Screen.POSES:  # reached from Settings, and back to it
            from views.gallery import build_gallery_view
            from views.settings import build_settings_view

            return [build_settings_view(ctx, on_look=self._look_changed), build_gallery_view(ctx)]
        if parsed.screen is Screen.SETTINGS:
            from views.settings import build_settings_view

            return [build_settings_view(ctx, on_look=self._look_changed)]
        program = ctx.practice.catalogue.program(parsed.program_id or "")
        if program is None:
            return [build_not_found_view(ctx, route)]
        stack = [build_home_view(ctx), build_program_view(ctx, program)]
        if parsed.screen is Screen.PROGRAM:
            return stack
        lesson = program.lesson(parsed.lesson_number or 0)
        if lesson is None:
            return [build_not_found_view(ctx, route)]
        from views.lesson_screen import LessonScreen

        self.lesson_screen = LessonScreen(ctx, program, lesson)
        return [*stack, self.lesson_screen.view]

    async def on_view_pop(self, e: object) -> None:
        if self.lesson_screen is not None and self.lesson_screen.is_active:
            self.lesson_screen.ask_to_leave()
            return
        if len(self.page.views) > 1:
            self.page.views.pop()
            await self.page.push_route(self.page.views[-1].route)

    def on_keyboard(self, e: ft.KeyboardEvent) -> None:
        if self.lesson_screen is not None:
            self.lesson_screen.on_key(e.key)

    def on_resize(self, e: object = None) -> None:
        """Swap bottom bar and rail when the width crosses the breakpoint; never mid-lesson."""
        wide = self.ctx.wide
        if wide != self._wide and not (self.lesson_screen and self.lesson_screen.is_active):
            self._wide = wide
            self.show(self.page.route)

    def apply_look(self) -> None:
        """The person's theme, text size and motion preference, on the page's themes."""
        ctx = self.ctx
        apply_theme(
            self.page,
            ctx.practice.settings.theme,
            ctx.text_scale,
            reduced_motion=ctx.reduced_motion,
        )

    def _look_changed(self) -> None:
        """Theme or text size changed in Settings: restyle the screens where they stand."""
        self.apply_look()
        for view in self.page.views:
            scale_text(view, self.ctx.text_scale)
        self.page.update()


__all__ = ["WIDE_BREAKPOINT", "Session", "start_session"]
