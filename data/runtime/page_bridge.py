"""The words Python and the page script (``assets/index.html``) say to each other.

Flet 1.0.5 has no call for the browser's speech or notifications, so the app speaks to its own
page script through the one channel that reaches it at once (measured: within about a
millisecond of Flutter's write): ``SharedPreferences.set(BRIDGE_KEY, message)`` makes Flutter write
``localStorage["flutter.mp_bridge"]``, which the script sees synchronously. Each message is a
JSON object with a sequence number, so the same words twice are still two messages.

The page answers two ways. Before Flutter starts it writes what it knows (voices, permission,
screen reader) to ``localStorage["flutter.mp_page"]``, which Python reads once per session:
Flutter's SharedPreferences caches what it read first, so later writes are not seen. Events
after that (a permission answered, a notification clicked) come as a change of route with a
query the app reads and otherwise ignores, e.g. ``/settings?mp-report=notify-denied``.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

BRIDGE_KEY = "mp_bridge"
PAGE_KEY = "mp_page"
REPORT_QUERY = "mp-report"
FROM_QUERY = "from"
FROM_NOTIFICATION = "notification"
"""``?from=notification``: the route a clicked nudge notification opens."""


class Permission(StrEnum):
    """What the platform lets the app do with system notifications (the browser's words)."""

    GRANTED = "granted"
    DENIED = "denied"
    DEFAULT = "default"
    """Not asked yet, or the question was dismissed."""
    UNSUPPORTED = "unsupported"
    """No notifications here (an old browser, or iOS Safari outside the Home Screen)."""


class PageVoice(BaseModel):
    """One voice of the device's speech synthesis, as ``speechSynthesis.getVoices()`` has it."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: Annotated[str, Field(min_length=1, max_length=200)]
    lang: Annotated[str, Field(max_length=35)] = ""
    default: bool = False
    local: bool = True


class PageReport(BaseModel):
    """What the page knew when the app started; anything missing or broken reads as "none"."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    speech: bool = False
    """The browser has ``speechSynthesis`` at all."""
    voices: Annotated[list[PageVoice], Field(max_length=500)] = []
    notify: Permission = Permission.UNSUPPORTED
    reader: bool = False
    """A screen reader turned on the page's accessibility (a real activation, not a script's)."""
    lang: Annotated[str, Field(max_length=35)] = ""

    @classmethod
    def parse(cls, raw: object) -> PageReport:
        """The report from the stored JSON text; an empty one when it is absent or unreadable."""
        if not isinstance(raw, str):
            return cls()
        try:
            return cls.model_validate_json(raw)
        except ValidationError:
            return cls()


def voices_for(voices: list[PageVoice], lang: str = "en") -> list[PageVoice]:
    """The voices worth offering, those in ``lang`` first (the device's default of them
    leading, then the ones that work offline), each name once."""
    unique: dict[str, PageVoice] = {}
    for voice in voices:
        unique.setdefault(voice.name, voice)

    def rank(voice: PageVoice) -> tuple[int, int, int, str]:
        same = voice.lang.lower().replace("_", "-").split("-")[0] == lang.lower()
        return (not same, not voice.default, not voice.local, voice.name.lower())

    return sorted(unique.values(), key=rank)


def message(seq: int, op: str, **fields: Any) -> str:
    """One message to the page script: ``{"seq": 7, "op": "say", ...}`` as compact JSON."""
    return json.dumps({"seq": seq, "op": op, **fields}, separators=(",", ":"))


def route_query(route: str) -> dict[str, str]:
    """The query of a route as the page gave it (first value of each name)."""
    query = urlsplit(route).query
    return {name: values[0] for name, values in parse_qs(query).items() if values}


def route_report(route: str) -> str | None:
    """The event a page script reported through the route (``?mp-report=...``), or None."""
    return route_query(route).get(REPORT_QUERY)


def opened_from_notification(route: str) -> bool:
    """Whether this route is the lesson a clicked nudge notification opened."""
    return route_query(route).get(FROM_QUERY) == FROM_NOTIFICATION
