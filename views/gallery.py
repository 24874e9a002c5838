"""Every figure of the pose library on one screen, for authors and reviewers.

Poses are shown still and moves moving, each with its id and the label a screen reader says,
so a reviewer can check at a glance that each one could be copied by someone who has never
seen the lesson. Reached from the about line of Settings (``/poses``).
"""

from __future__ import annotations

import flet as ft

from data.figures.studio import FigureSpec
from data.wording import count
from views.context import AppContext
from views.figure import FigureView
from views.shell import screen
from views.theme import RADIUS, SPACE_M, SPACE_S, figure_palette

CARD_FIGURE = (200, 150)


def build_gallery_view(ctx: AppContext) -> ft.View:
    library = ctx.figures.library
    palette = figure_palette(ctx.page)
    cards: list[ft.Control] = []
    for figure_id in [*library.poses, *library.moves]:
        moving = figure_id in library.moves
        label = library.label(figure_id) or figure_id
        figure = FigureView(
            ctx.figures,
            palette,
            width=CARD_FIGURE[0],
            height=CARD_FIGURE[1],
            key=f"gallery-{figure_id}",
        )
        figure.show(FigureSpec(figure_id, moving, None, False, label), running=moving)
        cards.append(
            ft.Container(
                ft.Column(
                    [
                        figure.control,
                        ft.Text(label, size=14, weight=ft.FontWeight.W_500),
                        ft.Text(
                            f"{figure_id} · {'move' if moving else 'pose'}",
                            size=12,
                            color=ft.Colors.ON_SURFACE_VARIANT,
                        ),
                    ],
                    spacing=4,
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                ),
                col={"xs": 6, "md": 4, "lg": 3},
                padding=SPACE_S,
                border_radius=RADIUS - 6,
                bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
            )
        )
    total = f"{count(len(library.poses), 'pose')} and {count(len(library.moves), 'move')}"
    body: list[ft.Control] = [
        ft.Text(f"Every figure the lessons use: {total}.", size=15),
        ft.ResponsiveRow(cards, spacing=SPACE_S, run_spacing=SPACE_S, key="gallery"),
        ft.Container(height=SPACE_M),
    ]
    return screen(ctx, route="/poses", body=body, nav_index=2, title="Figures", key="poses")
