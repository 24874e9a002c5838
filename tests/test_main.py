"""The composition root's small decisions, without starting a server."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import main


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param({}, False, id="headless"),
        pytest.param({"DISPLAY": ":0"}, True, id="x11"),
        pytest.param({"WAYLAND_DISPLAY": "wayland-0"}, True, id="wayland"),
    ],
)
def test_desktop_needs_a_display_on_linux(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: bool
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main._has_display() is expected


def test_parser_defaults_and_subcommands() -> None:
    parser = main.build_parser()
    args = parser.parse_args([])
    assert (args.host, args.port, args.desktop, args.command) == ("127.0.0.1", 8550, False, None)
    args = parser.parse_args(["--profile", "work", "log", "lower-back-1", "--at", "x"])
    assert (args.profile, args.command, args.lesson_id, args.at) == (
        "work",
        "log",
        "lower-back-1",
        "x",
    )
    assert parser.parse_args(["build-pwa", "--out", "d"]).out == Path("d")


def test_outside_the_browser_the_page_address_sets_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MICROPAUSE_TIME_SCALE", raising=False)
    assert main.page_url() is None
    assert main.apply_url_env() == {}


def test_in_the_browser_the_page_address_sets_the_time_scale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MICROPAUSE_TIME_SCALE", "1")  # restored after the test, whatever it sets
    monkeypatch.setattr(main, "page_url", lambda: "https://x.example/?MICROPAUSE_TIME_SCALE=30")
    assert main.apply_url_env() == {"MICROPAUSE_TIME_SCALE": "30"}
    import os

    assert os.environ["MICROPAUSE_TIME_SCALE"] == "30"
