"""One session's routing with a fake page: URLs to view stacks, and leaving a lesson."""

from __future__ import annotations

import pytest

from data.practice_log.memory_store import MemoryStore
from data.usecases.practice import Practice
from data.usecases.routes import Screen, parse_route
from tests.clocks import FakeClock
from tests.fakes import FakePage, all_text, catalogue
from views.app import Session


def session() -> tuple[Session, FakePage, FakeClock, MemoryStore]:
    page = FakePage()
    clock = FakeClock()
    store = MemoryStore()
    practice = Practice(catalogue(), store, clock, "UTC")
    return (
        Session(page.as_page(), practice, 1.0, web=True, notices=[]),
        page,
        clock,
        store,
    )


@pytest.mark.parametrize(
    ("route", "stack"),
    [
        pytest.param("/", ["/"], id="home"),
        pytest.param("/progress", ["/progress"], id="progress"),
        pytest.param("/settings", ["/settings"], id="settings"),
        pytest.param("/poses", ["/settings", "/poses"], id="figures, over settings"),
        pytest.param("/programs/lower-back", ["/", "/programs/lower-back"], id="program"),
        pytest.param(
            "/programs/lower-back/lessons/2",
            ["/", "/programs/lower-back", "/programs/lower-back/lessons/2"],
            id="lesson deep link",
        ),
        pytest.param("/programs/nope", ["/programs/nope"], id="unknown program"),
        pytest.param(
            "/programs/lower-back/lessons/9",
            ["/programs/lower-back/lessons/9"],
            id="unknown lesson",
        ),
    ],
)
def test_routes_build_a_view_stack(route: str, stack: list[str]) -> None:
    s, page, _, _ = session()
    s.show(route)
    assert [v.route for v in page.views] == stack


def test_unknown_routes_show_not_found() -> None:
    s, page, _, _ = session()
    s.show("/programs/lower-back/lessons/9")
    assert "nothing at this address" in all_text(page.views[-1])


def test_browser_back_during_a_lesson_asks_first_then_logs_unfinished() -> None:
    s, page, clock, store = session()
    lesson_url = "/programs/quick-pauses/lessons/1"
    page.route = lesson_url
    s.show(lesson_url)
    screen = s.lesson_screen
    assert screen is not None
    screen.start()
    clock.advance(30)
    page.route = "/programs/quick-pauses"  # the browser's back button
    s.on_route_change()
    assert s.lesson_screen is screen and screen.is_active
    [dialog] = page.dialogs
    next(a for a in dialog.actions if a.key == "end-lesson").on_click(None)
    page.run_pending("_save")
    [record] = store.completions()
    assert not record.completed
    assert [v.route for v in page.views] == ["/", "/programs/quick-pauses"]


def test_keep_going_returns_to_the_lesson_url() -> None:
    s, page, _, store = session()
    lesson_url = "/programs/quick-pauses/lessons/1"
    page.route = lesson_url
    s.show(lesson_url)
    assert s.lesson_screen is not None
    s.lesson_screen.start()
    page.route = "/"
    s.on_route_change()
    [dialog] = page.dialogs
    next(a for a in dialog.actions if a.key == "keep-going").on_click(None)
    assert page.navigated[-1] == lesson_url
    page.route = lesson_url
    s.on_route_change()
    assert s.lesson_screen is not None and s.lesson_screen.is_active
    assert store.completions() == []


SCREEN_ROUTES = {
    Screen.HOME: ("/", "home"),
    Screen.PROGRAM: ("/programs/neck-shoulders", "program-view-neck-shoulders"),
    Screen.LESSON: ("/programs/neck-shoulders/lessons/2", "lesson-view-neck-shoulders-2"),
    Screen.PROGRESS: ("/progress", "progress"),
    Screen.SETTINGS: ("/settings", "settings"),
    Screen.POSES: ("/poses", "poses"),
    Screen.NOT_FOUND: ("/nowhere", "not-found"),
}


def test_every_screen_has_a_route_and_a_view_of_its_own() -> None:
    assert set(SCREEN_ROUTES) == set(Screen)  # a new screen must be added here, and routed
    for screen, (route, key) in SCREEN_ROUTES.items():
        s, page, _, _ = session()
        s.show(route)
        assert parse_route(route).screen is screen
        assert page.views[-1].key == key, screen
