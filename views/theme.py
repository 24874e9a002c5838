"""The look of Micro Pause: one calm seed colour, light and dark, generous spacing.

Every screen takes its sizes and colours from here, so the app stays consistent and a
change of mood is one edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import flet as ft
from flet.controls.material.dropdownm2 import Option as ChoiceOption

from data.figures.lottie import Palette
from data.practice_log.settings import ThemeChoice
from data.wording import WEEKDAY_FULL_NAMES
from views.text_size import text_theme

SEED_COLOR = "#4E8C7A"
"""A soft sea green: calm, warm enough, readable in both schemes."""

WIDE_BREAKPOINT = 840
"""From this page width on, a navigation rail replaces the bottom bar."""

CONTENT_MAX_WIDTH = 760
SPACE_S = 8
SPACE_M = 16
SPACE_L = 24
RADIUS = 20
MIN_TOUCH = 48


FIGURE_LIGHT = Palette(
    body="#2F6F5E", far="#94BDAF", prop="#78827D", floor="#B9C2BD", halo="#F4FBF7"
)
FIGURE_DARK = Palette(
    body="#9FD6C3", far="#4E7A6C", prop="#8A9590", floor="#56605B", halo="#0F1513"
)
"""The figures' colours: the seed's green for the body (far limbs paler), props in grey;
each at least 3:1 against its scheme's background, as graphics need."""


def is_dark(page: ft.Page) -> bool:
    """Whether the page shows the dark scheme (its own choice, else the device's)."""
    mode = getattr(page, "theme_mode", None)
    if mode is ft.ThemeMode.DARK:
        return True
    if mode is ft.ThemeMode.LIGHT:
        return False
    return getattr(page, "platform_brightness", None) is ft.Brightness.DARK


def figure_palette(page: ft.Page) -> Palette:
    return FIGURE_DARK if is_dark(page) else FIGURE_LIGHT


def build_theme(text_scale: float = 1.0, *, reduced_motion: bool = False) -> ft.Theme:
    """The seed colour's scheme, the person's text size, and no slide between screens when
    their system asks for reduced motion."""
    theme = ft.Theme(color_scheme_seed=SEED_COLOR, text_theme=text_theme(text_scale))
    if reduced_motion:
        cut = ft.PageTransitionTheme.NONE
        theme.page_transitions = ft.PageTransitionsTheme(
            android=cut, ios=cut, linux=cut, macos=cut, windows=cut
        )
    return theme


def theme_mode(choice: ThemeChoice) -> ft.ThemeMode:
    return {
        ThemeChoice.SYSTEM: ft.ThemeMode.SYSTEM,
        ThemeChoice.LIGHT: ft.ThemeMode.LIGHT,
        ThemeChoice.DARK: ft.ThemeMode.DARK,
    }[choice]


def apply_theme(
    page: ft.Page, choice: ThemeChoice, text_scale: float = 1.0, *, reduced_motion: bool = False
) -> None:
    page.theme = build_theme(text_scale, reduced_motion=reduced_motion)
    page.dark_theme = build_theme(text_scale, reduced_motion=reduced_motion)
    page.theme_mode = theme_mode(choice)


def pill(text: str, icon: ft.IconData | None = None, *, tone: str = "neutral") -> ft.Container:
    """A small, non-interactive tag ("8 lessons", "5 min"): information, not a button."""
    bg = {
        "neutral": ft.Colors.SURFACE_CONTAINER_HIGHEST,
        "accent": ft.Colors.SECONDARY_CONTAINER,
        "done": ft.Colors.PRIMARY_CONTAINER,
    }[tone]
    parts: list[ft.Control] = []
    if icon is not None:
        parts.append(ft.Icon(icon, size=16, color=ft.Colors.ON_SURFACE_VARIANT))
    parts.append(ft.Text(text, size=13, color=ft.Colors.ON_SURFACE_VARIANT))
    return ft.Container(
        content=ft.Row(parts, spacing=4, tight=True),
        bgcolor=bg,
        border_radius=999,
        padding=ft.Padding.symmetric(horizontal=10, vertical=4),
    )


def section_title(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)


def card(
    content: ft.Control | Sequence[ft.Control],
    *,
    title: str | None = None,
    key: str | None = None,
    padding: int = SPACE_M + 4,
) -> ft.Container:
    """The quiet card that groups a screen's section (settings, a lesson's steps): rounded, on
    the surface's low container colour, with an optional section title."""
    controls = [content] if isinstance(content, ft.Control) else list(content)
    if title is not None:
        controls = [section_title(title), *controls]
    return ft.Container(
        ft.Column(controls, spacing=SPACE_M),
        key=key,
        padding=padding,
        border_radius=RADIUS,
        bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
    )


def highlight_card(content: ft.Control, *, key: str | None = None) -> ft.Container:
    """The one card per screen that carries the streak: tinted with the seed colour."""
    return ft.Container(
        key=key,
        content=content,
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        border_radius=RADIUS,
        padding=SPACE_M + 4,
    )


def safety_card(note: str, red_flags: str | None = None) -> ft.Container:
    """The short, visible safety note every health lesson carries, with the signs to stop for."""
    texts: list[ft.Control] = [ft.Text(note, size=14, color=ft.Colors.ON_SURFACE)]
    if red_flags:
        texts.append(
            ft.Text(red_flags, size=14, color=ft.Colors.ON_SURFACE, weight=ft.FontWeight.W_500)
        )
    return ft.Container(
        key="safety-note",
        content=ft.Row(
            [
                ft.Icon(ft.Icons.HEALTH_AND_SAFETY_OUTLINED, color=ft.Colors.PRIMARY),
                ft.Column(texts, spacing=SPACE_S, expand=True),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
            spacing=SPACE_S + 4,
        ),
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
        border_radius=RADIUS - 4,
        padding=SPACE_M,
    )


def switch_row(label: str, value: bool, key: str, on_change: Any) -> ft.Row:
    """A label that wraps beside its switch, so long labels never run off a phone screen."""
    return ft.Row(
        [
            ft.Text(label, size=15, expand=True),
            ft.Switch(value=value, key=key, on_change=on_change, tooltip=label),
        ],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )


def choice_option(key: str, text: str) -> ChoiceOption:
    """One entry of a ``choice_field``. Its words go in as a text: given only ``text``, the
    field shows the key."""
    return ChoiceOption(key=key, text=text, content=ft.Text(text, size=15))


def choice_field(
    label: str,
    key: str,
    value: str | None,
    options: Sequence[tuple[str, str]],
    on_change: Any = None,
    *,
    width: float = 300,
) -> ft.DropdownM2:
    """A labelled choice from a short list: the one dropdown every settings card uses.

    Flet's newer ``Dropdown`` (Flutter's DropdownMenu) is, in the browser's accessibility
    tree, a bare button: its label is drawn but never spoken. This one (Flutter's
    DropdownButton in an outlined field) is read as its label and value, says whether its
    menu is open, and opens with Enter or Space.
    """
    return ft.DropdownM2(
        label=label,
        key=key,
        value=value,
        options=[choice_option(k, text) for k, text in options],
        on_change=on_change,
        width=width,
    )


def named_icon(icon: ft.IconData, name: str) -> ft.Icon:
    """An icon for an icon button, carrying the name a screen reader says for the button.

    On the web a button's ``tooltip`` is not its accessible name, and an icon has none, so an
    icon-only button would be read as a bare "button".
    """
    return ft.Icon(icon, semantics_label=name)


SHORT_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_chips(key_prefix: str, selected: Sequence[int], what: str, on_toggle: Any) -> ft.Row:
    """A week of chips, Monday first, each one day that can be picked (rest days, work days).

    The chip shows "Mon"; a screen reader hears "Monday, rest day" and whether it is checked,
    so two weeks on one screen are never confused.
    """
    return ft.Row(
        [
            ft.Chip(
                label=ft.Text(short, semantics_label=f"{WEEKDAY_FULL_NAMES[i]}, {what}"),
                key=f"{key_prefix}-{i}",
                selected=i in selected,
                show_checkmark=False,
                on_select=on_toggle(i),
            )
            for i, short in enumerate(SHORT_DAY_NAMES)
        ],
        wrap=True,
        spacing=6,
        run_spacing=6,
    )
