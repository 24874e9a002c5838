"""The pose library: every figure the app draws, as joint angles, with what it rests on.

A pose is data, like a lesson: a 2D figure seen from the side, the front or the back, given by
the angles of its joints, the points of the body that rest on a surface (both feet on the
floor, a knee on a cushion, the seat of a chair) and the props drawn with it (a chair, a wall,
a counter, a bed edge, a cushion, a block). A move is two poses, done there and back once per
repetition. Steps name a pose or a move by id; the other side of a sided step is the mirror
image of the same pose, never a second drawing.

How the angles read (degrees), so a pose can be written by looking at a photo:

- Side view: the figure faces right and its left side is nearest. ``torso`` leans the trunk
  from upright (+ forward, - back; 90 is bent flat forward, -90 lying on the back). ``neck``
  tilts the head from the trunk's line (+ chin down). ``shoulder`` and ``hip`` swing the upper
  arm and the thigh from hanging along the trunk (+ forward: 90 is an arm held straight out in
  front, a thigh of someone sitting; - behind). ``elbow`` and ``knee`` bend the forearm and
  shin from straight (the elbow folds forward, the knee back). ``ankle`` tilts the foot from a
  right angle with the shin (+ toes up, - pointed).
- Front and back views: ``torso`` and ``neck`` bend sideways (+ to the figure's left; -90 or
  90 is lying on one side, seen from the front); ``shoulder`` and ``hip`` lift the limb out to
  its own side (abduction); ``elbow`` and ``knee`` fold the far part back toward the middle of
  the body; ``forward`` brings the upper arm or the thigh toward the viewer, which shortens it
  on the page (a sitter's thighs: 90).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, model_validator

from data.content.models import FrozenModel, Slug
from data.content.vocabulary import Position

Angle = Annotated[float, Field(ge=-180, le=180)]


class View(StrEnum):
    """Which way the figure is seen."""

    SIDE = "side"
    FRONT = "front"
    BACK = "back"


class BodyPoint(StrEnum):
    """The points of the figure that can rest on a surface or anchor a prop."""

    LEFT_FOOT = "left-foot"
    RIGHT_FOOT = "right-foot"
    LEFT_KNEE = "left-knee"
    RIGHT_KNEE = "right-knee"
    LEFT_HAND = "left-hand"
    RIGHT_HAND = "right-hand"
    PELVIS = "pelvis"
    """The sitting bones, when sitting; the middle of the hips as an anchor."""
    BACK = "back"
    """The whole back of the trunk, lying on it."""
    FRONT = "front"
    """The whole front of the trunk, lying face down."""
    SIDE = "side"
    """The flank, lying on one side."""
    HEAD = "head"


class Surface(StrEnum):
    """What a resting point rests on; each has its height (see ``data.figures``)."""

    FLOOR = "floor"
    MAT = "mat"
    CUSHION = "cushion"
    BLOCK = "block"
    SEAT = "seat"
    BED = "bed"
    COUNTER = "counter"
    CHAIR_BACK = "chair-back"
    WALL = "wall"


class PropKind(StrEnum):
    """The simple things drawn with a figure."""

    CHAIR = "chair"
    WALL = "wall"
    COUNTER = "counter"
    BED = "bed"
    CUSHION = "cushion"
    BLOCK = "block"
    MAT = "mat"


class PropFit(StrEnum):
    """How a prop meets the body point it is placed at."""

    UNDER = "under"
    """Beneath the point: a cushion under a knee, a block under a hand, a bed under the hips."""
    SEAT = "seat"
    """A chair whose seat is under the point (sitting), or a hand on its seat."""
    BACKREST = "backrest"
    """A chair whose backrest top is at the point (hands resting on it)."""
    BEHIND = "behind"
    """Behind the body at the point: a wall or a counter the back or hips lean on."""
    IN_FRONT = "in-front"
    """In front of the body at the point: a wall or a counter the hands touch."""


class Arm(FrozenModel):
    shoulder: Angle = 0
    elbow: Angle = 0
    lift: Annotated[float, Field(ge=0, le=8)] = 0
    """Centimetres the shoulder itself rises (a shrug, a shoulder blade drawn up)."""
    forward: Annotated[float, Field(ge=0, le=90)] = 0
    """Front and back views: how far the upper arm reaches toward the viewer (it looks shorter)."""


class Leg(FrozenModel):
    hip: Angle = 0
    knee: Angle = 0
    ankle: Angle = 0
    forward: Annotated[float, Field(ge=0, le=90)] = 0
    """Front and back views: how far the thigh comes toward the viewer (90 for a sitter)."""


class Contact(FrozenModel):
    """One point of the body resting on one surface."""

    point: BodyPoint
    on: Surface = Surface.FLOOR


class Prop(FrozenModel):
    kind: PropKind
    at: BodyPoint
    fit: PropFit = PropFit.UNDER


class Pose(FrozenModel):
    """One still figure: its joints, what it rests on, and the props drawn with it."""

    label: Annotated[str, Field(min_length=3, max_length=80)]
    """How the pose is named to a screen reader ("Half-kneeling hip flexor stretch")."""
    view: View = View.SIDE
    position: Position
    torso: Angle = 0
    neck: Angle = 0
    lean: Annotated[float, Field(ge=-60, le=60)] = 0
    """Front and back views: the trunk leaning toward the viewer (+) or away, which shortens
    it on the page; the side view shows a lean as ``torso``."""
    left_arm: Arm = Arm()
    right_arm: Arm = Arm()
    left_leg: Leg = Leg()
    right_leg: Leg = Leg()
    rests_on: Annotated[list[Contact], Field(min_length=1, max_length=6)]
    props: Annotated[list[Prop], Field(max_length=4)] = Field(default_factory=list)


class Move(FrozenModel):
    """Two poses done there and back: one cycle per repetition, at the step's pace."""

    label: Annotated[str, Field(min_length=3, max_length=80)]
    start: Slug
    end: Slug
    cycle_seconds: float = Field(default=4.0, ge=1.0, le=30.0)
    """One there-and-back when the step is timed in seconds rather than counted."""


class PoseFile(FrozenModel):
    """One file of the library: its poses and moves (a move may use a pose of another file)."""

    poses: dict[Slug, Pose] = Field(default_factory=dict)
    moves: dict[Slug, Move] = Field(default_factory=dict)


class PoseLibrary(FrozenModel):
    poses: dict[Slug, Pose]
    moves: dict[Slug, Move] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _moves_use_known_poses(self) -> Self:
        for move_id, move in self.moves.items():
            for end in (move.start, move.end):
                if end not in self.poses:
                    raise ValueError(f"move '{move_id}' uses '{end}', which is not a pose")
            if self.poses[move.start].view is not self.poses[move.end].view:
                raise ValueError(f"move '{move_id}' goes between two views")
        overlap = set(self.poses) & set(self.moves)
        if overlap:
            raise ValueError(f"'{sorted(overlap)[0]}' is both a pose and a move")
        return self

    def ends(self, figure_id: str) -> tuple[Pose, Pose] | None:
        """(start, end) of a move, or (pose, pose) of a still pose; None if unknown."""
        if figure_id in self.moves:
            move = self.moves[figure_id]
            return self.poses[move.start], self.poses[move.end]
        if figure_id in self.poses:
            pose = self.poses[figure_id]
            return pose, pose
        return None

    def label(self, figure_id: str) -> str | None:
        if figure_id in self.moves:
            return self.moves[figure_id].label
        pose = self.poses.get(figure_id)
        return pose.label if pose else None
