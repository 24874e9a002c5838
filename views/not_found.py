"""A friendly dead end: say what happened in one sentence and offer the way home."""

from __future__ import annotations

import flet as ft

from views.context import AppContext
from views.shell import screen
from views.theme import SPACE_M


def build_not_found_view(ctx: AppContext, route: str) -> ft.View:
    body: list[ft.Control] = [
        ft.Container(height=SPACE_M * 2),
        ft.Icon(ft.Icons.EXPLORE_OUTLINED, size=56, color=ft.Colors.PRIMARY),
        ft.Text(
            "This page took a pause of its own",
            text_align=ft.TextAlign.CENTER,
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
        ),
        ft.Text(
            "There is nothing at this address. Your programs are one tap away.",
            text_align=ft.TextAlign.CENTER,
            size=16,
        ),
        ft.Row(
            [
                ft.FilledButton(
                    "Go to programs",
                    icon=ft.Icons.SPA,
                    key="go-home",
                    on_click=lambda e: ctx.navigate("/"),
                )
            ],
            alignment=ft.MainAxisAlignment.CENTER,
        ),
    ]
    return screen(ctx, route=route, body=body, nav_index=0, key="not-found")
