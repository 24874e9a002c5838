"""Every figure of the pose library on one screen, for authors and reviewers.

Poses are shown still, and moves by their two ends, each with its id and the label a screen
reader says,
so a reviewer can check at a glance that each one could be copied by someone who has never
seen the lesson. Reached from the about line of Settings (``/poses``).
"""

from __future__ import annotations

import flet as ft

from data.figures.studio import FigureSpec
from data.wording import count
from views.context import AppContext
from views.figure import still_figure
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
        # Still pictures only: three hundred animations at once would swamp a phone. A move
        # shows where it starts and where it turns back.
        ends = (
            [library.moves[figure_id].start, library.moves[figure_id].end]
            if moving
            else [figure_id]
        )
        pictures = [
            picture
            for n, pose_id in enumerate(ends)
            if (
                picture := still_figure(
                    ctx.figures,
                    palette,
                    FigureSpec(pose_id, False, None, False, library.label(pose_id) or pose_id),
                    width=CARD_FIGURE[0] / len(ends),
                    key=f"gallery-{figure_id}-{n}",
                )
            )
            is not None
        ]
        cards.append(
            ft.Container(
                ft.Column(
                    [
                        ft.Row(pictures, alignment=ft.MainAxisAlignment.CENTER, spacing=4),
                        ft.Text(label, size=14, weight=ft.FontWeight.W_500),
                        ft.Text(
                            f"{figure_id} · {'move, there and back' if moving else 'pose'}",
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
