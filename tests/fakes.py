"""Test doubles for the views: a fake Flet page and a walker over a control tree."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from typing import Any, cast

import flet as ft

from data.content.catalogue import Catalogue, load_catalogue
from data.figures.studio import FigureStudio
from data.practice_log.memory_store import MemoryStore
from data.practice_log.store import LogStore
from data.runtime.page_bridge import Permission
from data.schedule.alerts import Alert
from data.usecases.practice import Practice
from tests.clocks import FakeClock
from views.context import AppContext
from views.reach import Reach

_CATALOGUE: Catalogue | None = None


_STUDIO: FigureStudio | None = None


def _studio() -> FigureStudio:
    """The bundled figures, built once for the test run (documents are cached inside)."""
    global _STUDIO
    if _STUDIO is None:
        _STUDIO = FigureStudio(catalogue().poses)
    return _STUDIO


def catalogue() -> Catalogue:
    """The bundled catalogue, loaded once for the whole test run (it is read-only)."""
    global _CATALOGUE
    if _CATALOGUE is None:
        _CATALOGUE = load_catalogue()
    return _CATALOGUE


class FakePage:
    """Records what a view asks of the page instead of talking to a browser.

    It has exactly the members the app uses; anything else is an AttributeError, so a view
    that starts calling something new fails its tests until the fake models it.
    """

    def __init__(self, width: int = 390, route: str = "/") -> None:
        self.width = width
        self.height = 844
        self.route = route
        self.title: str | None = None
        self.theme: ft.Theme | None = None
        self.dark_theme: ft.Theme | None = None
        self.theme_mode: ft.ThemeMode | None = None
        self.views: list[ft.View] = []
        self.navigated: list[str] = []
        self.pushed: list[str] = []
        self.tasks: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []
        self.dialogs: list[Any] = []
        self.updates = 0

    def navigate(self, route: str) -> None:
        self.navigated.append(route)

    async def push_route(self, route: str) -> None:
        self.pushed.append(route)
        self.route = route

    def run_task(self, fn: Callable[..., Any], *args: Any) -> None:
        self.tasks.append((fn, args))

    def run_pending(self, match: str = "") -> None:
        """Run the recorded coroutine tasks whose name contains ``match`` (not the loop)."""
        pending, self.tasks = self.tasks, []
        for fn, args in pending:
            name = getattr(fn, "__name__", "")
            if match and match not in name:
                self.tasks.append((fn, args))
                continue
            result = fn(*args)
            if asyncio.iscoroutine(result):
                asyncio.run(result)

    def show_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog)

    def pop_dialog(self) -> None:
        if self.dialogs:
            self.dialogs.pop()

    def update(self, *controls: Any) -> None:
        self.updates += 1

    def as_page(self) -> ft.Page:
        """This fake where the app's code expects Flet's page."""
        return cast(ft.Page, self)


class FakeReach(Reach):
    """A session's reach that records what it was asked to say, announce and notify."""

    def __init__(self, *, background: bool = False, permission: Permission = Permission.GRANTED):
        super().__init__(None, web=True)
        self.background = background
        self._permission = permission
        self.sent: list[tuple[str, object]] = []

    def say(self, text: str, *, voice: str | None, rate: float, offset: float, at: float) -> None:
        self.sent.append(("say", text))

    def speech(self, op: str) -> None:
        self.sent.append((op, None))

    def announce(self, text: str) -> None:
        self.sent.append(("announce", text))

    def notify(self, alert: Alert) -> None:
        self.sent.append(("notify", alert))

    def close_notice(self) -> None:
        self.sent.append(("close-notice", None))

    def ask_permission(self) -> None:
        self.sent.append(("ask-notify", None))

    def ops(self, *names: str) -> list[tuple[str, object]]:
        """What was sent, of the ops ``names`` (all when none is given)."""
        return [sent for sent in self.sent if not names or sent[0] in names]


def make_context(
    *,
    width: int = 390,
    store: LogStore | None = None,
    clock: FakeClock | None = None,
    timezone: str = "Europe/Stockholm",
    time_scale: float = 1.0,
    reach: Reach | None = None,
) -> tuple[AppContext, FakePage]:
    page = FakePage(width=width)
    practice = Practice(
        catalogue(),
        store or MemoryStore(),
        clock or FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)),
        timezone,
    )
    ctx = AppContext(
        page=page.as_page(),
        practice=practice,
        time_scale=time_scale,
        navigate=page.navigate,
        figures=_studio(),
        reach=reach or FakeReach(),
    )
    return ctx, page


def walk(control: Any) -> Iterator[Any]:
    """Every control under ``control`` (itself included), depth first."""
    seen: set[int] = set()
    stack = [control]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if not is_dataclass(node):
            continue
        for f in fields(node):
            if f.name.startswith("_") or f.name in ("parent", "page"):
                continue
            value = getattr(node, f.name, None)
            items = value if isinstance(value, list) else [value]
            stack.extend(v for v in items if isinstance(v, ft.BaseControl))


def by_key(control: Any, key: str) -> Any:
    for node in walk(control):
        node_key = getattr(node, "key", None)
        if node_key is not None and str(getattr(node_key, "value", node_key)) == key:
            return node
    raise LookupError(f"no control with key {key!r}")


def texts(control: Any) -> list[str]:
    """Every string a Text shows under ``control``, and every button label."""
    found: list[str] = []
    for node in walk(control):
        if isinstance(node, ft.Text) and node.value:
            found.append(node.value)
        content = getattr(node, "content", None)
        if isinstance(content, str):
            found.append(content)
    return found


def all_text(control: Any) -> str:
    return "\n".join(texts(control))
