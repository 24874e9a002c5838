"""``python main.py settings [KEY [VALUE]]``: every setting as text, and one changed from text.

The words for each kind of value come from the ``Settings`` model itself (a range from its
bounds, the choices of an enum, weekdays for a list of day numbers), so a setting added there
is printed and settable here without a change. The value is checked twice, as on the Settings
screen: first that the text means something of the right kind, then every rule of the model
through ``Practice.change_settings``. Anything refused changes nothing and names the key and
what it takes.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from enum import Enum
from typing import Any, TextIO

from pydantic.fields import FieldInfo

from data.practice_log.settings import Settings
from data.usecases.practice import Practice, SettingsError
from data.wording import WEEKDAY_FULL_NAMES, WEEKDAY_NAMES

NOTHING = "none"
OFF = "off"
_TRUE = {"on", "true", "yes", "1"}
_FALSE = {"off", "false", "no", "0"}
WEEKDAY_FIELDS = frozenset({"work_days", "rest_days"})
"""Lists of day numbers (0 = Monday), written as weekday names."""


@dataclass(frozen=True)
class Codec:
    """How one setting is written as text, read back, and described."""

    show: Callable[[Any], str]
    parse: Callable[[str], Any]
    allowed: str


def _bounds(info: FieldInfo) -> tuple[int | None, int | None]:
    low = high = None
    for rule in info.metadata:
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    return low, high


def _boolean(text: str) -> bool:
    word = text.lower()
    if word in _TRUE | _FALSE:
        return word in _TRUE
    raise ValueError(text)


def _whole(text: str) -> int:
    return int(text.strip())


def _clock(text: str) -> time:
    hours, minutes = text.strip().split(":")
    if len(minutes) != 2:
        raise ValueError(text)
    return time(int(hours), int(minutes))


def _items(text: str) -> list[str]:
    words = [word.strip().lower() for word in text.split(",")]
    if words == [NOTHING]:
        return []
    if any(not word for word in words):
        raise ValueError(text)
    return words


_DAYS = {
    **{name: day for day, name in enumerate(WEEKDAY_NAMES)},
    **{name.lower(): day for day, name in enumerate(WEEKDAY_FULL_NAMES)},
}


def _weekdays(text: str) -> list[int]:
    return [_DAYS[word] for word in _items(text)]


def _listed(values: list[Any], name: Callable[[Any], str]) -> str:
    return ",".join(name(value) for value in values) if values else NOTHING


def codec(name: str, info: FieldInfo) -> Codec:
    """The text form of the setting ``name`` (any field of ``Settings``)."""
    kind = info.annotation
    args = typing.get_args(kind)
    optional = typing.get_origin(kind) in (typing.Union, types.UnionType) and type(None) in args
    inner = next((arg for arg in args if arg is not type(None)), kind) if optional else kind
    if name in WEEKDAY_FIELDS:
        days = ", ".join(WEEKDAY_NAMES)
        return Codec(
            lambda v: _listed(v, lambda d: WEEKDAY_NAMES[d]),
            _weekdays,
            f"weekday names ({days}) separated by commas, or {NOTHING}",
        )
    if inner is bool:
        return Codec(lambda v: "on" if v else OFF, _boolean, f"on or {OFF}")
    if inner is int:
        low, high = _bounds(info)
        span = f" from {low} to {high}" if low is not None and high is not None else ""
        return Codec(str, _whole, f"a whole number{span}")
    if inner is time and optional:
        return Codec(
            lambda v: OFF if v is None else v.strftime("%H:%M"),
            lambda t: None if t.strip().lower() == OFF else _clock(t),
            f"a time like 18:00, or {OFF}",
        )
    if inner is time:
        return Codec(lambda v: v.strftime("%H:%M"), _clock, "a time like 09:00")
    if isinstance(inner, type) and issubclass(inner, Enum):
        values = [choice.value for choice in inner]
        return Codec(lambda v: v.value, lambda t: inner(t.strip().lower()), " or ".join(values))
    member = typing.get_args(inner)[0] if typing.get_origin(inner) is list else None
    if isinstance(member, type) and issubclass(member, Enum):
        items = ", ".join(m.value for m in member)
        return Codec(
            lambda v: _listed(v, lambda m: m.value),
            lambda t: [member(word) for word in _items(t)],
            f"any of {items} separated by commas, or {NOTHING}",
        )
    return Codec(json.dumps, json.loads, "a JSON value")


def codecs() -> dict[str, Codec]:
    """Every setting's codec, in the model's order."""
    return {name: codec(name, info) for name, info in Settings.model_fields.items()}


def settings_command(
    practice: Practice, key: str | None, value: str | None, out: TextIO, err: TextIO
) -> int:
    """Print every setting (or ``key``'s); with ``value``, set ``key`` first. Exit code 2, and
    nothing changed, for an unknown key or a value the setting does not take."""
    known = codecs()
    if key is not None and key not in known:
        err.write(f"Unknown setting '{key}'. The settings are: {', '.join(known)}.\n")
        return 2
    if key is not None and value is not None:
        text = known[key]
        try:
            parsed = text.parse(value)
        except (ValueError, TypeError, KeyError):
            err.write(f"Not changed: {key} takes {text.allowed}; '{value}' is not one.\n")
            return 2
        try:
            practice.change_settings({key: parsed})
        except SettingsError as exc:
            err.write(f"Not changed: {exc} ({key} takes {text.allowed}).\n")
            return 2
    current = practice.settings
    names = [key] if key is not None else list(known)
    width = max(len(name) for name in names)
    for name in names:
        out.write(f"{name:<{width}}  {known[name].show(getattr(current, name))}\n")
    return 0
