"""A contact sheet of every pose and move, as SVG in one HTML page and as a PNG.

For authors and reviewers of the pose library (``python -m tests.figure_sheet OUT_DIR``) and
for the figure tests, which save it with the other test artifacts. It draws the same grounded
figures as the app's Lottie documents, without the browser's player.
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from data.content.catalogue import load_catalogue
from data.content.poses import PoseLibrary
from data.figures.lottie import FLOOR_Y, HEIGHT, SCALE, WIDTH
from data.figures.motion import Motion, figure_motion
from data.figures.skeleton import HEAD_RADIUS, Depth, Figure

BODY, FAR, PROP = "#2F6F5E", "#9BC4B6", "#8A948F"


def _svg(figure: Figure, centre: float) -> str:
    def pt(p: tuple[float, float]) -> tuple[float, float]:
        return WIDTH / 2 + (p[0] - centre) * SCALE, FLOOR_Y - p[1] * SCALE

    def line(a: tuple[float, float], b: tuple[float, float], colour: str, width: float) -> str:
        (x1, y1), (x2, y2) = pt(a), pt(b)
        return (
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
            f'stroke-width="{width:.1f}" stroke-linecap="round"/>'
        )

    parts = [f'<line x1="0" y1="{FLOOR_Y}" x2="{WIDTH}" y2="{FLOOR_Y}" stroke="{PROP}"/>']
    for shape in figure.props:
        for polyline in shape.lines:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in map(pt, polyline))
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{PROP}" stroke-width="3" '
                'stroke-linecap="round" stroke-linejoin="round"/>'
            )
        for x0, y0, x1, y1 in shape.blocks:
            (left, top), (right, bottom) = pt((x0, y1)), pt((x1, y0))
            parts.append(
                f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" '
                f'height="{bottom - top:.1f}" rx="4" fill="{PROP}"/>'
            )
    for depth in (Depth.FAR, Depth.BODY, Depth.NEAR):
        colour = FAR if depth is Depth.FAR else BODY
        parts += [
            line(b.start, b.end, colour, b.width * SCALE) for b in figure.bones if b.depth is depth
        ]
        if depth is Depth.BODY:
            hx, hy = pt(figure.head)
            parts.append(
                f'<circle cx="{hx:.1f}" cy="{hy:.1f}" r="{HEAD_RADIUS * SCALE:.1f}" fill="{BODY}"/>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">' + "".join(parts) + "</svg>"
    )


def _centre(motion: Motion) -> float:
    bounds = [f.bounds() for f in motion.frames]
    return (min(b[0] for b in bounds) + max(b[2] for b in bounds)) / 2


def sheet(library: PoseLibrary) -> str:
    """The HTML page: each pose, and each move at its start, middle and end."""
    cells = []
    for figure_id in [*library.poses, *library.moves]:
        motion = figure_motion(library, figure_id)
        assert motion is not None
        centre = _centre(motion)
        frames = motion.frames
        shown = [frames[0], frames[len(frames) // 2]] if motion.moving else [frames[0]]
        shown = [replace(f, props=frames[0].props) for f in shown]  # as the app draws them
        label = html.escape(f"{figure_id}: {library.label(figure_id)}")
        svgs = "".join(_svg(f, centre) for f in shown)
        cells.append(f"<figure><div>{svgs}</div><figcaption>{label}</figcaption></figure>")
    style = (
        "body{font:13px sans-serif;margin:8px;display:flex;flex-wrap:wrap;gap:8px}"
        "figure{margin:0;border:1px solid #ddd;padding:4px}svg{width:200px;height:150px}"
    )
    return f"<!doctype html><style>{style}</style>" + "".join(cells)


def write(out_dir: Path, library: PoseLibrary | None = None) -> Path:
    """Write ``poses.html`` and, with Chromium, ``poses.png`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "poses.html"
    library = library or load_catalogue().poses
    page.write_text(sheet(library), encoding="utf-8")
    height = 200 * (len(library.poses) + 2 * len(library.moves)) // 6 + 400
    png = out_dir / "poses.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
             f"--user-data-dir={profile}", f"--window-size=1300,{height}",
             f"--screenshot={png}", page.as_uri()],
            capture_output=True, check=False, timeout=60,
        )  # fmt: skip
    return png


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "test-artifacts")))
