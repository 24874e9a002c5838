"""The shipped look-and-sound assets: manifest, icons and cue sounds.

These files are served as-is by Flet's web server (the app's assets dir overrides the
client's defaults), so a broken one shows up only on a user's home screen or speaker.
The checks here are the ones a browser or an app store would make, plus our own rules
(soft, short, no clipping).
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import struct
import wave
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image

ASSETS = Path(__file__).resolve().parents[1] / "assets"
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ASSETS / "manifest.json").read_text(encoding="utf-8"))
    return data


def _samples(path: Path) -> tuple[wave._wave_params, list[float]]:
    """A WAV's parameters and its samples scaled to -1..1 (16-bit mono only)."""
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        frames = w.readframes(w.getnframes())
    count = len(frames) // 2
    return params, [s / 32768 for s in struct.unpack(f"<{count}h", frames)]


def _rgba(path: Path) -> tuple[int, bytes]:
    """An icon's edge length and its RGBA bytes (row-major, 4 bytes a pixel)."""
    with Image.open(path) as im:
        rgba = im.convert("RGBA")
    return rgba.size[0], rgba.tobytes()


def _load_script(name: str) -> ModuleType:
    """Import an ``assets/*.py`` generator without making ``assets`` a package."""
    spec = importlib.util.spec_from_file_location(name, ASSETS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------- manifest


def test_manifest_fields() -> None:
    m = _manifest()
    assert m["name"] == "Micro Pause"
    assert m["short_name"] == "Micro Pause"
    assert len(m["short_name"]) <= 12  # launchers truncate longer short names
    assert m["description"].strip()
    assert m["display"] == "standalone"
    assert m["start_url"] == "."
    assert m["scope"] == "."
    assert HEX.match(m["theme_color"])
    assert HEX.match(m["background_color"])
    assert m["categories"] == ["health", "lifestyle"]


def test_manifest_icons_exist_with_their_stated_sizes() -> None:
    icons = _manifest()["icons"]
    seen: set[tuple[str, str]] = set()
    for icon in icons:
        path = ASSETS / icon["src"]
        assert path.is_file(), icon["src"]
        assert icon["type"] == "image/png"
        width, height = (int(v) for v in icon["sizes"].split("x"))
        with Image.open(path) as im:
            assert im.format == "PNG"
            assert im.size == (width, height), icon["src"]
        seen.add((icon["sizes"], icon.get("purpose", "any")))
    for size in ("192x192", "512x512"):
        assert (size, "any") in seen
        assert (size, "maskable") in seen


@pytest.mark.parametrize("name", ["icon-maskable-192.png", "icon-maskable-512.png"])
def test_maskable_icons_are_full_bleed_with_the_mark_in_the_safe_zone(name: str) -> None:
    """Platforms crop maskable icons to any shape inside a circle of radius 40 %."""
    size, px = _rgba(ASSETS / "icons" / name)
    assert min(px[3::4]) == 255, "maskable icons must be opaque edge to edge"
    # The leaf is much lighter than the green field; all of it must be in the safe zone.
    farthest = max(
        math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2)
        for y in range(size)
        for x in range(size)
        if sum(px[4 * (y * size + x) : 4 * (y * size + x) + 3]) > 600
    )
    assert farthest < 0.4 * size


def test_any_purpose_icons_have_rounded_transparent_corners() -> None:
    size, px = _rgba(ASSETS / "icons" / "icon-512.png")
    assert px[3] == 0  # the top-left corner is outside the rounded square
    centre = 4 * (size // 2 * size + size // 2)
    assert px[centre + 3] == 255


def test_favicon_and_apple_touch_icon() -> None:
    with Image.open(ASSETS / "favicon.png") as im:
        assert im.format == "PNG"
        assert im.size in {(32, 32), (64, 64)}
    size, px = _rgba(ASSETS / "icons" / "apple-touch-icon.png")
    assert size == 180
    assert min(px[3::4]) == 255  # iOS renders transparency as black: must be opaque


# ------------------------------------------------------------------------ sounds

SOUNDS = {  # name: (min seconds, max seconds)
    "step.wav": (0.4, 0.8),
    "tick.wav": (0.04, 0.12),
    "done.wav": (0.9, 1.5),
}


@pytest.mark.parametrize("name", sorted(SOUNDS))
def test_sound_is_a_small_soft_valid_wav(name: str) -> None:
    path = ASSETS / "sounds" / name
    assert path.stat().st_size < 60_000
    params, samples = _samples(path)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 22050)
    low, high = SOUNDS[name]
    assert low <= params.nframes / params.framerate <= high
    peak = max(abs(s) for s in samples)
    assert 0.05 < peak < 0.5, "audible, but soft and far from clipping"
    assert sum(1 for s in samples if abs(s) >= 0.999) == 0
    # No click at either end: starts and ends at (near) silence.
    assert abs(samples[0]) < 0.01
    assert max(abs(s) for s in samples[-20:]) < 0.01


def test_sounds_match_their_generator() -> None:
    """The committed WAVs are exactly what ``make_sounds.py`` produces (so it stays the source)."""
    gen = _load_script("make_sounds")
    for name, make in (("step.wav", gen.step), ("tick.wav", gen.tick), ("done.wav", gen.done)):
        _, samples = _samples(ASSETS / "sounds" / name)
        expected = [round(max(-1.0, min(1.0, s)) * 32767) / 32768 for s in make()]
        assert len(samples) == len(expected)
        assert max(abs(a - b) for a, b in zip(samples, expected, strict=True)) <= 1 / 32768
