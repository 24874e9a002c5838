"""A figure's motion written as a Lottie document, which the browser plays by itself.

Why Lottie: flet-lottie's player is already compiled into flet-web's client, and a Lottie
document carries its whole animation, so while a move plays the server sends nothing; pausing
is one message (stop), and a new step is one document. Each bone is a round-capped line whose
position and angle are keyed at the motion's samples; the head is a disc; props are plain
lines and blocks behind the body. The same scale for every figure keeps proportions and line
weight the same on every step.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from data.figures.motion import Motion
from data.figures.skeleton import HEAD_RADIUS, Bone, Depth, Figure, Point, Shape

WIDTH = 400
HEIGHT = 300
SCALE = 1.3
"""Pixels of the composition per centimetre of body: every figure at the same size."""
FLOOR_Y = HEIGHT - 16
FRAME_RATE = 30
PROP_LINE = 3.0
HALO_WIDTH = 4.0
"""Pixels of background colour round a near limb, where it crosses the trunk."""
FLOOR_LINE = 2.0


@dataclass(frozen=True)
class Palette:
    """The figure's colours as '#rrggbb' (body, far limbs, props, floor), and ``halo``, the
    colour behind the figure, drawn round the near limbs so they stand out from the trunk."""

    body: str
    far: str
    prop: str
    floor: str
    halo: str


def _rgba(hex_colour: str) -> list[float]:
    value = hex_colour.lstrip("#")
    return [round(int(value[i : i + 2], 16) / 255, 4) for i in (0, 2, 4)] + [1.0]


def _static(value: Any) -> dict[str, Any]:
    return {"a": 0, "k": value}


def _keyed(values: Sequence[list[float]], times: Sequence[float]) -> dict[str, Any]:
    """An animated property through ``values`` at frame ``times``, linear between samples."""
    if all(v == values[0] for v in values):
        return _static(values[0])
    dims = len(values[0])
    ease_in = {"x": [1.0] * dims, "y": [1.0] * dims}
    ease_out = {"x": [0.0] * dims, "y": [0.0] * dims}
    keys: list[dict[str, Any]] = [
        {"t": t, "s": v, "i": ease_in, "o": ease_out} for t, v in zip(times, values, strict=True)
    ]
    keys[-1] = {"t": times[-1], "s": values[-1]}
    return {"a": 1, "k": keys}


def _path(points: Sequence[list[float]]) -> Any:
    """An open path through ``points`` (straight segments)."""
    corners = [[0, 0]] * len(points)
    return {"ty": "sh", "ks": _static({"c": False, "v": list(points), "i": corners, "o": corners})}


def _stroke(colour: str, width: float) -> Any:
    """A round-capped, round-joined line of ``width`` px."""
    return {
        "ty": "st",
        "c": _static(_rgba(colour)),
        "o": _static(100),
        "w": _static(round(width, 2)),
        "lc": 2,
        "lj": 2,
    }


def _group(name: str, *items: Any) -> Any:
    return {"ty": "gr", "nm": name, "it": list(items)}


class _Frame:
    """Figure (cm, y up) to composition (px, y down), centred on the whole motion."""

    def __init__(self, figures: Sequence[Figure]) -> None:
        bounds = [f.bounds() for f in figures]
        x0 = min(b[0] for b in bounds)
        x1 = max(b[2] for b in bounds)
        self.centre = (x0 + x1) / 2

    def point(self, p: Point) -> list[float]:
        return [
            round(WIDTH / 2 + (p[0] - self.centre) * SCALE, 2),
            round(FLOOR_Y - p[1] * SCALE, 2),
        ]


def _unwrapped(angles: list[float]) -> list[float]:
    out = [angles[0]]
    for angle in angles[1:]:
        previous = out[-1]
        out.append(angle + 360 * round((previous - angle) / 360))
    return out


def _bone_group(
    name: str,
    bones: list[Bone],
    frame: _Frame,
    times: list[float],
    colour: str,
    halo: str | None = None,
) -> Any:
    """One bone over the samples: a line of fixed length, moved and turned at each sample."""
    first = bones[0]
    positions = [frame.point(b.start) for b in bones]
    angles = _unwrapped(
        [math.degrees(math.atan2(-(b.end[1] - b.start[1]), b.end[0] - b.start[0])) for b in bones]
    )
    strokes = [_stroke(colour, first.width * SCALE)]
    if halo is not None:  # listed after, so drawn beneath the bone's own stroke
        strokes.append(_stroke(halo, first.width * SCALE + HALO_WIDTH))
    return _group(
        name,
        _path([[0, 0], [round(first.length * SCALE, 2), 0]]),
        *strokes,
        _transform(_keyed(positions, times), _keyed([[round(a, 2)] for a in angles], times)),
    )


def _transform(position: dict[str, Any], rotation: dict[str, Any] | None = None) -> Any:
    return {
        "ty": "tr",
        "p": position,
        "a": _static([0, 0]),
        "s": _static([100, 100]),
        "r": rotation or _static(0),
        "o": _static(100),
    }


def _head(figures: Sequence[Figure], frame: _Frame, times: list[float], colour: str) -> Any:
    size = round(2 * HEAD_RADIUS * SCALE, 2)
    return _group(
        "head",
        {"ty": "el", "p": _static([0, 0]), "s": _static([size, size])},
        {"ty": "fl", "c": _static(_rgba(colour)), "o": _static(100)},
        _transform(_keyed([frame.point(f.head) for f in figures], times)),
    )


def _prop_groups(shape: Shape, frame: _Frame, colour: str) -> list[Any]:
    """A prop's lines and blocks, static behind the body."""
    groups = [
        _group(
            shape.kind.value,
            _path([frame.point(p) for p in line]),
            _stroke(colour, PROP_LINE),
            _transform(_static([0, 0])),
        )
        for line in shape.lines
    ]
    for x0, y0, x1, y1 in shape.blocks:
        (left, top), (right, bottom) = frame.point((x0, y1)), frame.point((x1, y0))
        groups.append(
            _group(
                shape.kind.value,
                {
                    "ty": "rc",
                    "p": _static([(left + right) / 2, (top + bottom) / 2]),
                    "s": _static([right - left, bottom - top]),
                    "r": _static(min(5.0, (bottom - top) / 2)),
                },
                {"ty": "fl", "c": _static(_rgba(colour)), "o": _static(100)},
                _transform(_static([0, 0])),
            )
        )
    return groups


def _floor(colour: str) -> Any:
    """A line across the whole composition at floor level."""
    return _group(
        "floor",
        _path([[0, FLOOR_Y], [WIDTH, FLOOR_Y]]),
        _stroke(colour, FLOOR_LINE),
        _transform(_static([0, 0])),
    )


def _layer(name: str, index: int, shapes: list[Any], out_frame: float) -> dict[str, Any]:
    return {
        "ddd": 0,
        "ind": index,
        "ty": 4,
        "nm": name,
        "sr": 1,
        "ks": {
            "o": _static(100),
            "r": _static(0),
            "p": _static([0, 0, 0]),
            "a": _static([0, 0, 0]),
            "s": _static([100, 100, 100]),
        },
        "ao": 0,
        "shapes": shapes,
        "ip": 0,
        "op": out_frame,
        "st": 0,
        "bm": 0,
    }


def document(motion: Motion, palette: Palette, *, time_scale: float = 1.0, tag: str = "") -> Any:
    """The Lottie document (a dict) of ``motion``; one cycle, meant to loop.

    ``time_scale`` speeds the cycle up as the player's time scale does; ``tag`` names the
    document, so two plays of the same figure can be told apart by the client.
    """
    figures = motion.frames
    frame = _Frame(figures)
    cycle_frames = max(2.0, round(motion.cycle_seconds / time_scale * FRAME_RATE, 2))
    steps = max(1, len(figures) - 1)
    times = [round(cycle_frames * i / steps, 3) for i in range(len(figures))]
    layers_by_depth: dict[Depth, list[Any]] = {Depth.FAR: [], Depth.BODY: [], Depth.NEAR: []}
    for position, bone in enumerate(figures[0].bones):
        samples = [f.bones[position] for f in figures]
        colour = palette.far if bone.depth is Depth.FAR else palette.body
        halo = palette.halo if bone.depth is Depth.NEAR else None
        layers_by_depth[bone.depth].append(
            _bone_group(bone.name, samples, frame, times, colour, halo)
        )
    layers_by_depth[Depth.BODY].append(_head(figures, frame, times, palette.body))
    props = [g for shape in figures[0].props for g in _prop_groups(shape, frame, palette.prop)]
    props.append(_floor(palette.floor))
    layers = [
        _layer("near", 1, layers_by_depth[Depth.NEAR], cycle_frames),
        _layer("body", 2, layers_by_depth[Depth.BODY], cycle_frames),
        _layer("far", 3, layers_by_depth[Depth.FAR], cycle_frames),
        _layer("props", 4, props, cycle_frames),
    ]
    return {
        "v": "5.7.4",
        "fr": FRAME_RATE,
        "ip": 0,
        "op": cycle_frames,
        "w": WIDTH,
        "h": HEIGHT,
        "nm": tag or "figure",
        "ddd": 0,
        "assets": [],
        "layers": layers,
    }


def encode(doc: Any) -> bytes:
    """Compact JSON bytes, as the Lottie control takes them."""
    return json.dumps(doc, separators=(",", ":")).encode()
