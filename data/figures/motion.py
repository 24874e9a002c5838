"""A step's figure over one cycle: a move there and back, or a hold's slow breath.

The picture is sampled, not keyed by joint: each sample is a whole grounded figure, so the
body stays on its support at every moment of a move (a knee on the floor stays there while the
trunk rocks), and the player in the browser only blends neighbouring samples. A cycle is one
repetition of a move at the step's pace (eight circles of four seconds: a four-second cycle);
a hold breathes once every ``BREATH_SECONDS`` with a sway too small to change the pose.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from data.content.poses import Arm, BodyPoint, Leg, Pose, PoseLibrary, View
from data.content.vocabulary import Position
from data.figures.skeleton import Figure, grounded

BREATH_SECONDS = 5.0
BREATH_SWAY = 1.5
"""Degrees the trunk leans forward and back over one breath in a hold (the head follows)."""
MOVE_SAMPLES = 24
BREATH_SAMPLES = 10
LYING = frozenset({Position.LYING_BACK, Position.LYING_FRONT, Position.LYING_SIDE})


@dataclass(frozen=True)
class Motion:
    """Grounded figures at equal steps over one cycle; the last sample equals the first."""

    frames: tuple[Figure, ...]
    cycle_seconds: float
    moving: bool
    """True for a move; False for a still pose (breathing or not)."""

    def mirrored(self) -> Motion:
        return Motion(tuple(f.mirrored() for f in self.frames), self.cycle_seconds, self.moving)


def _mix(a: float, b: float, u: float) -> float:
    return a + (b - a) * u


def _arm(a: Arm, b: Arm, u: float) -> Arm:
    return Arm(
        shoulder=_mix(a.shoulder, b.shoulder, u),
        elbow=_mix(a.elbow, b.elbow, u),
        forward=_mix(a.forward, b.forward, u),
    )


def _leg(a: Leg, b: Leg, u: float) -> Leg:
    return Leg(
        hip=_mix(a.hip, b.hip, u),
        knee=_mix(a.knee, b.knee, u),
        ankle=_mix(a.ankle, b.ankle, u),
        forward=_mix(a.forward, b.forward, u),
    )


def between(a: Pose, b: Pose, u: float) -> Pose:
    """The pose ``u`` of the way from ``a`` to ``b`` (0 is ``a``); it rests as ``a`` rests."""
    return a.model_copy(
        update={
            "torso": _mix(a.torso, b.torso, u),
            "neck": _mix(a.neck, b.neck, u),
            "left_arm": _arm(a.left_arm, b.left_arm, u),
            "right_arm": _arm(a.right_arm, b.right_arm, u),
            "left_leg": _leg(a.left_leg, b.left_leg, u),
            "right_leg": _leg(a.right_leg, b.right_leg, u),
        }
    )


def _there_and_back(step: int, samples: int) -> float:
    """0 → 1 → 0 over the cycle, easing in and out like an unhurried movement."""
    return (1 - math.cos(2 * math.pi * step / samples)) / 2


def _anchor(pose: Pose) -> BodyPoint:
    """The point that stays put while the body moves: the first foot, knee or hand it rests
    on, else the pelvis (sitting, lying)."""
    for contact in pose.rests_on:
        if contact.point not in (BodyPoint.PELVIS, BodyPoint.BACK, BodyPoint.FRONT, BodyPoint.SIDE):
            return contact.point
    return BodyPoint.PELVIS


def _held(frames: list[Figure], anchor: BodyPoint) -> tuple[Figure, ...]:
    """The frames slid sideways so that ``anchor`` keeps the place it has in the first one:
    a foot on the floor does not slide while the hips sway over it."""
    home = frames[0].points[anchor][0]
    return tuple(f.shifted(home - f.points[anchor][0]) for f in frames)


def move_motion(start: Pose, end: Pose, cycle_seconds: float) -> Motion:
    """There and back once per ``cycle_seconds``, the resting point held in place."""
    frames = [
        grounded(between(start, end, _there_and_back(i, MOVE_SAMPLES)))
        for i in range(MOVE_SAMPLES + 1)
    ]
    return Motion(_held(frames, _anchor(start)), cycle_seconds, moving=True)


def still_motion(pose: Pose) -> Motion:
    """A held pose breathing: the trunk sways by a degree or two; lying down, it lies still."""
    if pose.position in LYING:
        return Motion((grounded(pose),), BREATH_SECONDS, moving=False)
    frames = []
    for i in range(BREATH_SAMPLES + 1):
        sway = BREATH_SWAY * math.sin(2 * math.pi * i / BREATH_SAMPLES)
        right = -1.0 if pose.view is not View.SIDE else 1.0  # front: the right hip mirrors
        legs = {  # the hips open by as much, so only the trunk sways and the legs stay
            "left_leg": pose.left_leg.model_copy(update={"hip": pose.left_leg.hip + sway}),
            "right_leg": pose.right_leg.model_copy(
                update={"hip": pose.right_leg.hip + right * sway}
            ),
        }
        frames.append(grounded(pose.model_copy(update={"torso": pose.torso + sway, **legs})))
    return Motion(_held(frames, _anchor(pose)), BREATH_SECONDS, moving=False)


def figure_motion(
    library: PoseLibrary, figure_id: str, pace_seconds: float | None = None
) -> Motion | None:
    """The motion of a pose or a move of the library; None for an unknown id.

    A move's cycle is ``pace_seconds`` (the step's count × pace) or the move's own length.
    """
    move = library.moves.get(figure_id)
    if move is not None:
        cycle = pace_seconds or move.cycle_seconds
        return move_motion(library.poses[move.start], library.poses[move.end], cycle)
    pose = library.poses.get(figure_id)
    return still_motion(pose) if pose is not None else None
