"""Draw Micro Pause's icons with Pillow: a pale leaf on a soft sage field.

Run ``python assets/make_icons.py`` from the repository root (or anywhere: paths are
relative to this file). The PNGs it writes are committed, so the app never needs Pillow
at run time; this script exists so the mark can be changed and redrawn reproducibly.

Why drawn this way:

* Everything is drawn at ``SUPERSAMPLE`` times the target size and scaled down with a
  Lanczos filter, because Pillow's primitives are not anti-aliased.
* The leaf is the intersection of two discs (a vesica), tilted 45 degrees, with a vein
  cut out of it. It stays legible at 32 px, where finer detail turns to mush.
* "any" icons are a rounded square on a transparent canvas; maskable icons and the
  Apple touch icon fill the whole canvas (platforms crop them to their own shape, and
  iOS paints transparency black), with the leaf well inside the central 80 % circle.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent

SEED = "#4E8C7A"
"""The app's seed colour, a soft sage/sea green (also the manifest's theme colour)."""

TOP = "#5E9E8B"
"""A touch lighter than the seed: the field brightens towards the top, like daylight."""

LEAF = "#F3F0E6"
"""A warm off-white, softer than pure white on the green."""

SUPERSAMPLE = 4


def _hex(colour: str) -> tuple[int, int, int]:
    """Turn ``#RRGGBB`` into an RGB tuple (Pillow's gradient maths wants numbers)."""
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _field(size: int) -> Image.Image:
    """A vertical gradient from ``TOP`` to ``SEED``: flat colour looks dull at 512 px."""
    top, bottom = _hex(TOP), _hex(SEED)
    column = Image.new("RGB", (1, size))
    for y in range(size):
        t = y / max(1, size - 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize((size, size), Image.Resampling.NEAREST)


def _leaf_mask(size: int, length: float) -> Image.Image:
    """A leaf of the given length (in px), centred in a ``size`` square, as an L mask.

    The outline is a sine profile skewed towards the base (leaves are widest below the
    middle), which gives a pointed tip; circle arcs gave a blunt lens that read as an eye.
    The leaf points up and to the right; its tapered vein is cut out so the field shows
    through; the finished mark (stem included) is centred by its bounding box.
    """
    cx = cy = size / 2
    half = length / 2
    width = length * 0.5  # how fat the leaf is across its widest point
    steps = 240
    right: list[tuple[float, float]] = []
    for i in range(steps + 1):
        t = i / steps  # 0 at the base, 1 at the tip
        w = (width / 2) * math.sin(math.pi * t**0.8) ** 1.1
        right.append((cx + w, cy + half - t * length))
    left = [(2 * cx - x, y) for x, y in reversed(right)]
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    draw.polygon(right + left, fill=255)
    # The vein: a thin wedge from near the base, fading to a point towards the tip.
    vein = max(1.0, length * 0.04)
    base, tip = cy + half * 0.8, cy - half * 0.62
    draw.polygon([(cx - vein / 2, base), (cx + vein / 2, base), (cx, tip)], fill=0)
    # A short stem below the base, so it reads as a leaf and not a lens or an eye.
    stem_end = cy + half * 1.18
    draw.line((cx, cy + half * 0.9, cx, stem_end), fill=255, width=round(vein * 1.3))
    r = vein * 0.65
    draw.ellipse((cx - r, stem_end - r, cx + r, stem_end + r), fill=255)
    mask = mask.rotate(-40, resample=Image.Resampling.BICUBIC, center=(cx, cy))
    box = mask.getbbox()
    if box is None:
        return mask
    dx = round(cx - (box[0] + box[2]) / 2)
    dy = round(cy - (box[1] + box[3]) / 2)
    return ImageChops.offset(mask, dx, dy)


def _shadow(mask: Image.Image, size: int) -> Image.Image:
    """A faint, blurred drop shadow under the leaf, to lift it off the field a little."""
    shadow = mask.filter(ImageFilter.GaussianBlur(size * 0.018))
    shadow = ImageChops.offset(shadow, 0, round(size * 0.012))
    return shadow.point(lambda v: v * 0.22)


def draw_icon(size: int, *, full_bleed: bool, leaf_fraction: float) -> Image.Image:
    """Draw the mark at ``size`` px.

    Args:
        size: Output edge length in pixels.
        full_bleed: Fill the canvas (maskable / Apple) instead of a rounded square.
        leaf_fraction: Leaf length (tip to tip, before tilting) as a fraction of ``size``.
    """
    big = size * SUPERSAMPLE
    canvas = _field(big).convert("RGBA")
    if not full_bleed:
        shape = Image.new("L", (big, big), 0)
        ImageDraw.Draw(shape).rounded_rectangle(
            (0, 0, big - 1, big - 1), radius=round(big * 0.23), fill=255
        )
        canvas.putalpha(shape)
    leaf = _leaf_mask(big, big * leaf_fraction)
    dark = Image.new("RGBA", (big, big), (20, 50, 42, 255))
    canvas = Image.composite(dark, canvas, _shadow(leaf, big)) if size >= 64 else canvas
    if not full_bleed:
        canvas.putalpha(shape)
    light = Image.new("RGBA", (big, big), (*_hex(LEAF), 255))
    canvas = Image.composite(light, canvas, leaf)
    return canvas.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    """Write every icon the manifest, index.html and the favicon link refer to."""
    icons = HERE / "icons"
    icons.mkdir(exist_ok=True)
    outputs: dict[Path, Image.Image] = {
        icons / "icon-192.png": draw_icon(192, full_bleed=False, leaf_fraction=0.62),
        icons / "icon-512.png": draw_icon(512, full_bleed=False, leaf_fraction=0.62),
        # Maskable: the safe zone is a circle of radius 0.4*size; at 0.58 the leaf's
        # farthest pixel is about 0.32*size from the centre (tests/test_assets.py checks).
        icons / "icon-maskable-192.png": draw_icon(192, full_bleed=True, leaf_fraction=0.58),
        icons / "icon-maskable-512.png": draw_icon(512, full_bleed=True, leaf_fraction=0.58),
        # iOS crops to its own rounded square and shows transparency as black.
        icons / "apple-touch-icon.png": draw_icon(180, full_bleed=True, leaf_fraction=0.58),
        # Flet's index.html links this exact name; ours replaces the Flet logo there.
        icons / "apple-touch-icon-192.png": draw_icon(192, full_bleed=True, leaf_fraction=0.58),
        # Shown (at 200 px) on Flet's loading screen before the first frame.
        icons / "loading-animation.png": draw_icon(512, full_bleed=False, leaf_fraction=0.62),
        # A fatter leaf at favicon size: the tab strip shows it at 16-32 px.
        HERE / "favicon.png": draw_icon(64, full_bleed=False, leaf_fraction=0.7),
    }
    for path, image in outputs.items():
        image.save(path, optimize=True)
        print(f"{path.relative_to(HERE.parent)}: {image.size[0]}x{image.size[1]}")


if __name__ == "__main__":
    main()
