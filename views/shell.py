"""The frame around every top-level screen: a bottom bar on phones, a rail on wide screens.

Screens only supply their body; the shell decides the navigation chrome from the page width,
so the same view works at 390 px and at 1280 px.
"""

from __future__ import annotations

from collections.abc import Sequence

import flet as ft

from views.context import AppContext
from views.theme import CONTENT_MAX_WIDTH, SPACE_L, SPACE_M

WIDE_MAX_WIDTH = 1140
"""Screens laid out in two columns use the width of a desktop window up to this."""

DESTINATIONS: tuple[tuple[str, str, ft.IconData, ft.IconData], ...] = (
    ("Programs", "/", ft.Icons.SPA_OUTLINED, ft.Icons.SPA),
    ("Progress", "/progress", ft.Icons.INSIGHTS_OUTLINED, ft.Icons.INSIGHTS),
    ("Settings", "/settings", ft.Icons.SETTINGS_OUTLINED, ft.Icons.SETTINGS),
)


def _on_destination(ctx: AppContext, index: int) -> None:
    route = DESTINATIONS[index][1]
    if ctx.page.route != route:
        ctx.navigate(route)


def screen(
    ctx: AppContext,
    *,
    route: str,
    body: Sequence[ft.Control],
    nav_index: int,
    title: str | None = None,
    key: str | None = None,
    max_width: float = CONTENT_MAX_WIDTH,
) -> ft.View:
    """A scrollable, width-limited screen with the app's navigation around it."""
    column = ft.Column(
        list(body),
        spacing=SPACE_M,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
    content = ft.Container(
        content=ft.Container(content=column, width=_content_width(ctx, max_width)),
        alignment=ft.Alignment.TOP_CENTER,
        expand=True,
        padding=ft.Padding.only(
            left=SPACE_M, right=SPACE_M, top=SPACE_M if title else SPACE_L, bottom=0
        ),
    )
    appbar = (
        ft.AppBar(title=ft.Text(title, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS))
        if title
        else None
    )
    if ctx.wide:
        rail = ft.NavigationRail(
            selected_index=nav_index,
            label_type=ft.NavigationRailLabelType.ALL,
            min_width=88,
            group_alignment=-0.9,
            leading=ft.Container(
                ft.Icon(ft.Icons.SPA, color=ft.Colors.PRIMARY, size=32),
                padding=ft.Padding.only(top=SPACE_M, bottom=SPACE_M),
                tooltip="Micro Pause",
            ),
            destinations=[
                ft.NavigationRailDestination(icon=icon, selected_icon=selected, label=label)
                for label, _, icon, selected in DESTINATIONS
            ],
            on_change=lambda e: _on_destination(ctx, e.control.selected_index),
        )
        return ft.View(
            route=route,
            key=key,
            appbar=appbar,
            padding=0,
            controls=[ft.Row([rail, ft.VerticalDivider(width=1), content], expand=True)],
        )
    return ft.View(
        route=route,
        key=key,
        appbar=appbar,
        padding=0,
        controls=[content],
        navigation_bar=ft.NavigationBar(
            selected_index=nav_index,
            destinations=[
                ft.NavigationBarDestination(icon=icon, selected_icon=selected, label=label)
                for label, _, icon, selected in DESTINATIONS
            ],
            on_change=lambda e: _on_destination(ctx, e.control.selected_index),
        ),
    )


def _content_width(ctx: AppContext, max_width: float) -> float | None:
    """Readable line lengths on wide screens; the full width on phones."""
    width = getattr(ctx.page, "width", None)
    if not isinstance(width, int | float):
        return max_width
    available = width - (89 if ctx.wide else 0) - 2 * SPACE_M
    return max(200.0, min(max_width, available))


def two_columns(
    ctx: AppContext, left: Sequence[ft.Control], right: Sequence[ft.Control], *, split: int = 5
) -> list[ft.Control]:
    """On a wide screen, ``left`` and ``right`` side by side (``split`` of 12 columns for the
    left); on a phone, one after the other."""
    if not ctx.wide:
        return [*left, *right]

    def column(controls: Sequence[ft.Control], span: int) -> ft.Column:
        return ft.Column(
            list(controls),
            col=span,
            spacing=SPACE_M,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )

    return [
        ft.ResponsiveRow(
            [column(left, split), column(right, 12 - split)],
            spacing=SPACE_L,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
    ]
