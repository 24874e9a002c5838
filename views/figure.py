"""A figure on screen: the step's pose or move, played by the browser, named for screen readers.

The Lottie document holds the whole animation, so the server sends one document when the step
changes and a single flag to pause or go on; nothing per frame. Showing the same figure again
(back, or the next repetition) sends it with a new name, so the player starts it from the top,
in phase with the countdown.
"""

from __future__ import annotations

import flet as ft
import flet_lottie as fl  # type: ignore[import-untyped]  # ships no py.typed

from data.figures.lottie import Palette
from data.figures.studio import FigureSpec, FigureStudio
from views.theme import RADIUS

_NAME = b'"nm":"figure"'


class FigureView:
    """One animated figure; ``control`` goes in the layout."""

    def __init__(
        self,
        studio: FigureStudio,
        palette: Palette,
        *,
        width: float,
        height: float,
        time_scale: float = 1.0,
        key: str = "figure",
        still: bool = False,
    ) -> None:
        self.studio = studio
        self.palette = palette
        self.time_scale = time_scale
        self.still = still
        """Reduced motion: a move is drawn as its two ends side by side, and nothing plays."""
        self.spec: FigureSpec | None = None
        self._shown = 0
        self.lottie = fl.Lottie(
            src=b"",
            repeat=True,
            animate=not still,
            fit=ft.BoxFit.CONTAIN,
            width=width,
            height=height,
            key=f"{key}-lottie",
        )
        self.turn = fl.Lottie(  # the far end of a move, shown only when motion is reduced
            src=b"",
            repeat=False,
            animate=False,
            fit=ft.BoxFit.CONTAIN,
            width=width / 2,
            height=height,
            visible=False,
            key=f"{key}-turn",
        )
        self.arrow = ft.Icon(  # from one end to the other
            ft.Icons.ARROW_FORWARD_ROUNDED, size=20, color=ft.Colors.OUTLINE, visible=False
        )
        self.width = width
        self.control = ft.Semantics(
            key=key,
            content=ft.Container(
                ft.Row(
                    [self.lottie, self.arrow, self.turn],
                    spacing=0,
                    alignment=ft.MainAxisAlignment.CENTER,
                ),
                width=width,
                height=height,
                border_radius=RADIUS,
                alignment=ft.Alignment.CENTER,
            ),
            label="",
            image=True,
            container=True,
        )

    def show(self, spec: FigureSpec | None, *, running: bool = True) -> None:
        """Draw ``spec`` from its start (nothing for None); ``running`` False shows it still."""
        self.spec = spec
        if self.still:
            self._show_still(spec)
            return
        document = None if spec is None else self.studio.render(spec, self.palette, self.time_scale)
        self.control.visible = document is not None
        if spec is None or document is None:
            return
        self._shown += 1
        self.lottie.src = document.replace(_NAME, b'"nm":"figure-%d"' % self._shown, 1)
        self.lottie.animate = running
        self.control.label = spec.label

    def _show_still(self, spec: FigureSpec | None) -> None:
        ends = [] if spec is None else self.studio.end_specs(spec)
        documents = [self.studio.render_still(end, self.palette) for end in ends]
        shown = [d for d in documents if d is not None]
        self.control.visible = bool(shown) and spec is not None
        if spec is None or not shown:
            return
        self.lottie.src = shown[0]
        two = len(shown) > 1
        self.lottie.width = self.turn.width = (self.width - 24) / 2 if two else self.width
        self.turn.visible = self.arrow.visible = two
        if two:
            self.turn.src = shown[1]
        self.control.label = spec.label

    def set_running(self, running: bool) -> None:
        """Pause the figure with the player, or let it go on from where it stood."""
        if not self.still:
            self.lottie.animate = running


def still_figure(
    studio: FigureStudio,
    palette: Palette,
    spec: FigureSpec | None,
    *,
    width: float,
    key: str,
    decorative: bool = False,
) -> ft.Control | None:
    """A small still picture of ``spec`` (beside a step or a lesson), or None.

    ``decorative``: inside a control that already names what it shows (a lesson's card), the
    picture is left out of the accessibility tree, so the card reads as one button."""
    if spec is None:
        return None
    document = studio.render_still(spec, palette)
    if document is None:
        return None
    return ft.Semantics(
        key=key,
        label=None if decorative else spec.label,
        image=not decorative,
        container=not decorative,
        exclude_semantics=decorative,
        content=fl.Lottie(
            src=document,
            animate=False,
            repeat=False,
            fit=ft.BoxFit.CONTAIN,
            width=width,
            height=width * 0.75,
        ),
    )
