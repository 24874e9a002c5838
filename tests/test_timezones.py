"""Time zone names from browsers, files and the machine: refused or replaced the same way."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from data.runtime.timezones import known_zone_name, local_time, person_timezone, zone_or_utc

ZONE = "Europe/Stockholm"
NAMES = [
    pytest.param(ZONE, ZoneInfo(ZONE), id="known"),
    pytest.param("Mars/Olympus", UTC, id="unknown"),
    pytest.param(None, UTC, id="missing"),
    pytest.param("", UTC, id="empty"),
    pytest.param("../etc", UTC, id="path-like"),
    pytest.param("Europe", UTC, id="a folder"),
    pytest.param("x" * 300, UTC, id="too long"),
    pytest.param(" Europe/Stockholm", UTC, id="padded"),
]


@pytest.mark.parametrize(("name", "expect"), NAMES)
def test_zone_or_utc(name: str | None, expect: object) -> None:
    assert zone_or_utc(name) == expect
    assert (known_zone_name(name) is not None) == (expect != UTC)


@pytest.mark.parametrize("value", [7, ["Europe/Berlin"], b"Europe/Berlin", None])
def test_only_strings_are_zone_names(value: object) -> None:
    assert known_zone_name(value) is None


def test_local_time_reads_the_named_zone() -> None:
    noon_utc = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert local_time(noon_utc, ZONE).hour == 14
    assert local_time(noon_utc, "Mars/Olympus").hour == 12


def test_person_timezone_takes_the_first_known_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert person_timezone("Mars/Olympus", "Europe/Berlin") == "Europe/Berlin"
    assert person_timezone(None, 42) == "Asia/Tokyo"  # nothing usable: the machine's zone
