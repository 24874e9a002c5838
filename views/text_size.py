"""Larger text, chosen in Settings, for people who read better with it.

Flutter locks the browser's zoom, and Flet passes no text scale of its own, so the app
scales its text itself, in two places: the theme's text styles (every text without a size of
its own, buttons, chips, app bars, menus, dialogs) and each text a screen sized by hand
(found by walking the controls of a freshly built screen). Layout stays at the window's
width, as with a phone's own text setting: lines wrap instead of running off the screen.
"""

from __future__ import annotations

import dataclasses
import weakref
from typing import Any, TypeVar

import flet as ft

# Material 3's type scale (Flutter's Typography.englishLike2021), in logical pixels.
_M3_SIZES = {
    "display_large": 57,
    "display_medium": 45,
    "display_small": 36,
    "headline_large": 32,
    "headline_medium": 28,
    "headline_small": 24,
    "title_large": 22,
    "title_medium": 16,
    "title_small": 14,
    "body_large": 16,
    "body_medium": 14,
    "body_small": 12,
    "label_large": 14,
    "label_medium": 12,
    "label_small": 11,
}

# The size each hand-sized text was built with, so a screen scaled twice (or rescaled after
# the setting changes) never grows twice. Weak: a text that leaves the page is forgotten.
C = TypeVar("C", bound=ft.BaseControl)

_built_size: weakref.WeakKeyDictionary[ft.Text, float] = weakref.WeakKeyDictionary()


def text_theme(scale: float) -> ft.TextTheme | None:
    """The theme's type scale times ``scale`` (none at 1.0: Flutter's own is exact)."""
    if scale == 1.0:
        return None
    return ft.TextTheme(
        **{name: ft.TextStyle(size=round(size * scale, 1)) for name, size in _M3_SIZES.items()}
    )


def scale_text(control: C, scale: float) -> C:
    """Scale every hand-sized text under ``control`` (the control itself included)."""
    seen: set[int] = set()
    _walk(control, scale, seen)
    return control


def _walk(value: Any, scale: float, seen: set[int]) -> None:
    if isinstance(value, list | tuple):
        for item in value:
            _walk(item, scale, seen)
        return
    if not isinstance(value, ft.BaseControl) or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, ft.Text) and value.size is not None:
        built = _built_size.setdefault(value, float(value.size))
        value.size = round(built * scale, 1)
    for name in _public_fields(type(value)):
        child = getattr(value, name, None)
        if isinstance(child, ft.BaseControl | list | tuple):
            _walk(child, scale, seen)


_fields_of: dict[type, tuple[str, ...]] = {}


def _public_fields(kind: type) -> tuple[str, ...]:
    """The fields of a control class that may hold other controls (read once per class)."""
    found = _fields_of.get(kind)
    if found is None:
        found = tuple(f.name for f in dataclasses.fields(kind) if not f.name.startswith("_"))
        _fields_of[kind] = found
    return found
