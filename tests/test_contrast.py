"""The theme's colours hold WCAG AA in light and dark: 4.5:1 for body text, 3:1 for large text,
icons and the figures.

Flutter builds the scheme from one seed colour with Material's "tonal spot" algorithm (the 2021
spec); materialyoucolor computes the same scheme in Python (checked against screenshots: the
home card is #A2F2D9 and the light background #F5FBF6 in both), so the pairs the screens use can
be measured here without a browser.
"""

from __future__ import annotations

import pytest

from views.theme import FIGURE_DARK, FIGURE_LIGHT, SEED_COLOR

materialyoucolor = pytest.importorskip("materialyoucolor")

from materialyoucolor.dynamiccolor.material_dynamic_colors import (  # noqa: E402
    MaterialDynamicColors,
)
from materialyoucolor.hct import Hct  # noqa: E402
from materialyoucolor.scheme.scheme_tonal_spot import SchemeTonalSpot  # noqa: E402

BODY, LARGE = 4.5, 3.0
PAIRS = [  # (foreground, background, the minimum, where the screens use it)
    ("onSurface", "surface", BODY, "text on every screen"),
    ("onSurfaceVariant", "surface", BODY, "secondary text"),
    ("onSurfaceVariant", "surfaceContainerLow", BODY, "text in cards"),
    ("onSurfaceVariant", "surfaceContainerHighest", BODY, "pills"),
    ("onSurface", "surfaceContainerHigh", BODY, "the safety note"),
    ("onPrimaryContainer", "primaryContainer", BODY, "the streak card"),
    ("primary", "primaryContainer", LARGE, "the leaf icon on the streak card"),
    ("onPrimary", "primary", BODY, "filled buttons"),
    ("primary", "surface", BODY, "small coloured text (a lesson's program line)"),
    ("onSecondaryContainer", "secondaryContainer", BODY, "notices and the nudge banner"),
    ("secondary", "surface", LARGE, "the kind of a soft step in the player"),
    ("tertiary", "surface", LARGE, "caution icons"),
    ("outline", "surface", LARGE, "outlines and unfinished marks"),
]


def _argb(hex_colour: str) -> int:
    return 0xFF000000 | int(hex_colour.lstrip("#"), 16)


def _luminance(argb: int) -> float:
    channels = [((argb >> shift) & 0xFF) / 255 for shift in (16, 8, 0)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: int, b: int) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _scheme(dark: bool) -> SchemeTonalSpot:
    return SchemeTonalSpot(Hct.from_int(_argb(SEED_COLOR)), dark, 0.0, spec_version="2021")


def _colour(scheme: SchemeTonalSpot, role: str) -> int:
    value: int = getattr(MaterialDynamicColors, role).get_hct(scheme).to_int()
    return value


def test_the_scheme_is_the_one_flutter_draws() -> None:
    light = _scheme(False)
    assert _colour(light, "primaryContainer") & 0xFFFFFF == 0xA2F2D9
    assert _colour(light, "surface") & 0xFFFFFF == 0xF5FBF6


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize(("fore", "back", "minimum", "where"), PAIRS, ids=[p[3] for p in PAIRS])
def test_text_and_icons_hold_aa(
    dark: bool, fore: str, back: str, minimum: float, where: str
) -> None:
    scheme = _scheme(dark)
    ratio = contrast(_colour(scheme, fore), _colour(scheme, back))
    assert ratio >= minimum, (
        f"{where}: {fore} on {back} is {ratio:.2f}:1 in the {'dark' if dark else 'light'} scheme"
    )


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_figures_stand_out_from_the_background(dark: bool) -> None:
    scheme = _scheme(dark)
    palette = FIGURE_DARK if dark else FIGURE_LIGHT
    for background in ("surface", "surfaceContainerLow"):
        ground = _colour(scheme, background)
        assert contrast(_argb(palette.body), ground) >= LARGE, background
        assert contrast(_argb(palette.far), ground) >= 1.8, background  # a paler, far limb
        assert contrast(_argb(palette.prop), ground) >= LARGE, background
