"""One pose as drawn bones: forward kinematics, grounding on its support, and its props.

Coordinates are centimetres with y up and the floor at y = 0. The figure is built from the
pelvis outward along its joints (``pose`` angles, read as ``data.content.poses`` explains),
then lifted or lowered as one piece until the points it rests on sit on their surfaces, so a
pose never has to say where the body is, only how it is folded. Props are placed from the
grounded body: a chair's seat under the pelvis, its backrest top at the hands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum

from data.content.poses import BodyPoint, Contact, Pose, Prop, PropFit, PropKind, Surface, View

Point = tuple[float, float]

# Body proportions (cm): a calm adult of about 175 cm.
HEAD_RADIUS = 11.0
NECK = 20.0  # shoulder line to the middle of the head
TORSO = 52.0  # pelvis to shoulder line
UPPER_ARM = 29.0
FOREARM = 32.0  # with the hand
THIGH = 44.0
SHIN = 43.0
FOOT = 16.0
HEEL = 3.0  # how far the foot starts behind the ankle
NECK_WIDTH = 9.0
SIT_DEPTH = 8.0  # a sitter's hip joints above the seat
SHOULDER_HALF = 17.0  # front view: spine to shoulder
HIP_HALF = 9.0  # front view: spine to hip joint

TORSO_WIDTH = {View.SIDE: 22.0, View.FRONT: 28.0, View.BACK: 28.0}
LIMB_WIDTH = {"upper-arm": 9.0, "forearm": 8.0, "thigh": 12.0, "shin": 9.0, "foot": 9.0}

SURFACE_HEIGHT = {
    Surface.FLOOR: 0.0,
    Surface.MAT: 1.5,
    Surface.CUSHION: 10.0,
    Surface.BLOCK: 14.0,
    Surface.SEAT: 46.0,
    Surface.BED: 52.0,
    Surface.CHAIR_BACK: 88.0,
    Surface.COUNTER: 91.0,
}
"""Top of each surface above the floor; a wall is vertical and has none."""


class Depth(StrEnum):
    """Drawing order: far limbs behind the trunk, near ones in front of it."""

    FAR = "far"
    BODY = "body"
    NEAR = "near"


@dataclass(frozen=True)
class Bone:
    """A capsule from ``start`` to ``end``; ``width`` is its thickness."""

    name: str
    start: Point
    end: Point
    width: float
    depth: Depth

    @property
    def length(self) -> float:
        return math.dist(self.start, self.end)


Polyline = tuple[Point, ...]
Rect = tuple[float, float, float, float]
"""(x0, y0, x1, y1)."""


@dataclass(frozen=True)
class Shape:
    """A prop as simple lines (``lines``, open polylines) and filled blocks (``blocks``)."""

    kind: PropKind
    lines: tuple[Polyline, ...] = ()
    blocks: tuple[Rect, ...] = ()

    def points(self) -> list[Point]:
        corners = [(x, y) for x0, y0, x1, y1 in self.blocks for x, y in ((x0, y0), (x1, y1))]
        return [p for line in self.lines for p in line] + corners

    def flipped(self) -> Shape:
        return Shape(
            self.kind,
            tuple(tuple((-x, y) for x, y in line) for line in self.lines),
            tuple((-x1, y0, -x0, y1) for x0, y0, x1, y1 in self.blocks),
        )


@dataclass(frozen=True)
class Figure:
    """A grounded pose: bones, the head, named points, and its props."""

    bones: tuple[Bone, ...]
    head: Point
    points: dict[BodyPoint, Point]
    props: tuple[Shape, ...] = ()

    def lowest(self) -> float:
        """The lowest edge of any part of the body."""
        ends = [y - bone.width / 2 for bone in self.bones for _, y in (bone.start, bone.end)]
        return min([*ends, self.head[1] - HEAD_RADIUS])

    def bounds(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) around the body and its props."""
        xs, ys = [], []
        for bone in self.bones:
            for x, y in (bone.start, bone.end):
                xs += [x - bone.width / 2, x + bone.width / 2]
                ys += [y - bone.width / 2, y + bone.width / 2]
        xs += [self.head[0] - HEAD_RADIUS, self.head[0] + HEAD_RADIUS]
        ys += [self.head[1] - HEAD_RADIUS, self.head[1] + HEAD_RADIUS]
        for shape in self.props:
            xs += [x for x, _ in shape.points()]
            ys += [y for _, y in shape.points()]
        return min(xs), min(ys), max(xs), max(ys)

    def shifted(self, dx: float) -> Figure:
        """The same figure ``dx`` to the side, props and all."""
        if dx == 0:
            return self
        moved = _moved(self, dx, 0.0)
        props = tuple(
            Shape(
                s.kind,
                tuple(tuple((x + dx, y) for x, y in line) for line in s.lines),
                tuple((x0 + dx, y0, x1 + dx, y1) for x0, y0, x1, y1 in s.blocks),
            )
            for s in self.props
        )
        return replace(moved, props=props)

    def mirrored(self) -> Figure:
        """The mirror image (the other side of a sided step), flipped about x = 0."""

        def flip(p: Point) -> Point:
            return (-p[0], p[1])

        return Figure(
            bones=tuple(replace(b, start=flip(b.start), end=flip(b.end)) for b in self.bones),
            head=flip(self.head),
            points={name: flip(p) for name, p in self.points.items()},
            props=tuple(shape.flipped() for shape in self.props),
        )


def _from_down(angle: float) -> Point:
    """A unit vector ``angle`` degrees from straight down, + toward the figure's front."""
    rad = math.radians(angle)
    return math.sin(rad), -math.cos(rad)


def _from_up(angle: float) -> Point:
    rad = math.radians(angle)
    return math.sin(rad), math.cos(rad)


def _at(origin: Point, length: float, direction: Point) -> Point:
    return origin[0] + length * direction[0], origin[1] + length * direction[1]


def _limb(
    name: str, root: Point, angles: tuple[float, float], lengths: tuple[float, float], depth: Depth
) -> tuple[list[Bone], Point, Point]:
    """Two bones from ``root``: absolute angles from down; returns bones, middle and tip."""
    first, second = angles
    middle = _at(root, lengths[0], _from_down(first))
    tip = _at(middle, lengths[1], _from_down(second))
    upper, lower = ("upper-arm", "forearm") if name.endswith("arm") else ("thigh", "shin")
    bones = [
        Bone(f"{name}-{upper}", root, middle, LIMB_WIDTH[upper], depth),
        Bone(f"{name}-{lower}", middle, tip, LIMB_WIDTH[lower], depth),
    ]
    return bones, middle, tip


def _foot(name: str, ankle: Point, angle: float, depth: Depth) -> Bone:
    direction = _from_down(angle)
    heel = _at(ankle, -HEEL, direction)
    toe = _at(ankle, FOOT - HEEL, direction)
    return Bone(f"{name}-foot", heel, toe, LIMB_WIDTH["foot"], depth)


def build(pose: Pose) -> Figure:
    """The pose's bones with the pelvis at the origin (not yet grounded)."""
    if pose.view is View.SIDE:
        figure = _side(pose)
    else:
        figure = _front(pose)
        if pose.view is View.BACK:  # from behind, the figure's left is on the viewer's left
            figure = figure.mirrored()
    return figure


def _side(pose: Pose) -> Figure:
    pelvis: Point = (0.0, 0.0)
    shoulder = _at(pelvis, TORSO, _from_up(pose.torso))
    head = _at(shoulder, NECK, _from_up(pose.torso + pose.neck))
    bones = [
        Bone("torso", pelvis, shoulder, TORSO_WIDTH[View.SIDE], Depth.BODY),
        Bone("neck", shoulder, head, NECK_WIDTH, Depth.BODY),
    ]
    points: dict[BodyPoint, Point] = {BodyPoint.PELVIS: pelvis, BodyPoint.HEAD: head}
    for side, depth in (("left", Depth.NEAR), ("right", Depth.FAR)):
        arm = pose.left_arm if side == "left" else pose.right_arm
        upper = arm.shoulder - pose.torso
        root = _at(shoulder, arm.lift, _from_up(pose.torso))
        arm_bones, _, hand = _limb(
            f"{side}-arm", root, (upper, upper + arm.elbow), (UPPER_ARM, FOREARM), depth
        )
        leg = pose.left_leg if side == "left" else pose.right_leg
        thigh = leg.hip - pose.torso
        shin = thigh - leg.knee
        leg_bones, knee, ankle = _limb(f"{side}-leg", pelvis, (thigh, shin), (THIGH, SHIN), depth)
        foot = _foot(f"{side}-leg", ankle, shin + 90 + leg.ankle, depth)
        bones += [*arm_bones, *leg_bones, foot]
        points[BodyPoint(f"{side}-hand")] = hand
        points[BodyPoint(f"{side}-knee")] = knee
        points[BodyPoint(f"{side}-foot")] = ankle
    return Figure(tuple(bones), head, points)


def _front(pose: Pose) -> Figure:
    pelvis: Point = (0.0, 0.0)
    up = _from_up(pose.torso)
    across = (up[1], -up[0])  # toward the figure's left (+x), square to the trunk
    shoulder = _at(pelvis, TORSO * _shortened(pose.lean), up)
    head = _at(shoulder, NECK, _from_up(pose.torso + pose.neck))
    bones = [
        Bone("torso", pelvis, shoulder, TORSO_WIDTH[View.FRONT], Depth.BODY),
        Bone("neck", shoulder, head, NECK_WIDTH, Depth.BODY),
        Bone(
            "shoulders",
            _at(shoulder, -SHOULDER_HALF, across),
            _at(shoulder, SHOULDER_HALF, across),
            LIMB_WIDTH["upper-arm"],
            Depth.BODY,
        ),
    ]
    points: dict[BodyPoint, Point] = {BodyPoint.PELVIS: pelvis, BodyPoint.HEAD: head}
    for side, sign in (("left", 1.0), ("right", -1.0)):
        arm = pose.left_arm if side == "left" else pose.right_arm
        upper = sign * arm.shoulder - pose.torso
        arm_root = _at(_at(shoulder, sign * SHOULDER_HALF, across), arm.lift, up)
        arm_bones, _, hand = _limb(
            f"{side}-arm",
            arm_root,
            (upper, upper - sign * arm.elbow),
            (UPPER_ARM * _shortened(arm.forward), FOREARM),
            Depth.NEAR,
        )
        leg = pose.left_leg if side == "left" else pose.right_leg
        thigh = sign * leg.hip - pose.torso
        shin = thigh - sign * leg.knee
        hip_root = _at(pelvis, sign * HIP_HALF, across)
        leg_bones, knee, ankle = _limb(
            f"{side}-leg",
            hip_root,
            (thigh, shin),
            (THIGH * _shortened(leg.forward), SHIN),
            Depth.BODY,
        )
        toes = shin + sign * (90 + leg.ankle)  # seen from the front: a short foot, turned out
        foot = Bone(f"{side}-leg-foot", ankle, _at(ankle, 7.0, _from_down(toes)), 9.0, Depth.BODY)
        bones += [*arm_bones, *leg_bones, foot]
        points[BodyPoint(f"{side}-hand")] = hand
        points[BodyPoint(f"{side}-knee")] = knee
        points[BodyPoint(f"{side}-foot")] = ankle
    return Figure(tuple(bones), head, points)


def _shortened(toward_viewer: float) -> float:
    """How long a limb part looks on the page when it points ``toward_viewer`` degrees out of
    it (never quite zero, so the joint stays drawn)."""
    return max(0.12, math.cos(math.radians(toward_viewer)))


def contact_height(figure: Figure, contact: Contact) -> float | None:
    """How high the resting point is, at its lowest edge; None for a wall (not vertical)."""
    if contact.on is Surface.WALL:
        return None
    point = contact.point
    if point in (BodyPoint.LEFT_FOOT, BodyPoint.RIGHT_FOOT):
        name = "left-leg-foot" if point is BodyPoint.LEFT_FOOT else "right-leg-foot"
        foot = next(b for b in figure.bones if b.name == name)
        return min(foot.start[1], foot.end[1]) - foot.width / 2
    if point in (BodyPoint.BACK, BodyPoint.FRONT, BodyPoint.SIDE):
        torso = next(b for b in figure.bones if b.name == "torso")
        return min(torso.start[1], torso.end[1]) - torso.width / 2
    if point is BodyPoint.HEAD:
        return figure.head[1] - HEAD_RADIUS
    if point is BodyPoint.PELVIS:
        return figure.points[point][1] - SIT_DEPTH
    width = LIMB_WIDTH["thigh"] if point.value.endswith("knee") else LIMB_WIDTH["forearm"]
    return figure.points[point][1] - width / 2


def grounded(pose: Pose) -> Figure:
    """The pose lifted (or lowered) so that none of its resting points sinks into its surface
    and at least one touches, with its props placed from the grounded body."""
    figure = build(pose)
    lifts = [
        SURFACE_HEIGHT[c.on] - height
        for c in pose.rests_on
        if (height := contact_height(figure, c)) is not None
    ]
    lift = max(lifts) if lifts else -figure.lowest()
    figure = _moved(figure, 0.0, lift)
    return replace(figure, props=tuple(_prop(figure, prop, pose.view) for prop in pose.props))


def _moved(figure: Figure, dx: float, dy: float) -> Figure:
    def move(p: Point) -> Point:
        return (p[0] + dx, p[1] + dy)

    return Figure(
        bones=tuple(replace(b, start=move(b.start), end=move(b.end)) for b in figure.bones),
        head=move(figure.head),
        points={name: move(p) for name, p in figure.points.items()},
        props=figure.props,
    )


def _prop(figure: Figure, prop: Prop, view: View) -> Shape:
    """The prop's lines, placed at its body point as its fit says."""
    x, y = figure.points.get(prop.at, figure.points[BodyPoint.PELVIS])
    if prop.at in (BodyPoint.BACK, BodyPoint.FRONT, BodyPoint.SIDE):
        x = figure.points[BodyPoint.PELVIS][0]
    x0, _, x1, _ = figure.bounds()
    kind, fit = prop.kind, prop.fit
    if kind is PropKind.CUSHION:
        return Shape(kind, blocks=((x - 17, 0, x + 17, SURFACE_HEIGHT[Surface.CUSHION]),))
    if kind is PropKind.BLOCK:
        return Shape(kind, blocks=((x - 11, 0, x + 11, SURFACE_HEIGHT[Surface.BLOCK]),))
    if kind is PropKind.MAT:
        return Shape(kind, blocks=((x0 - 12, 0, x1 + 12, SURFACE_HEIGHT[Surface.MAT]),))
    if kind is PropKind.WALL:
        wall = x + 6 if fit is PropFit.IN_FRONT else _rearmost(figure) - 1
        return Shape(kind, lines=(((wall, 0), (wall, 205)),))
    if kind is PropKind.COUNTER:
        top = SURFACE_HEIGHT[Surface.COUNTER]
        near, far = (x - 4, x + 58) if fit is PropFit.IN_FRONT else (_rearmost(figure, top), None)
        if far is None:
            near, far = near - 58, near
        return Shape(kind, lines=(((near, 0), (near, top), (far, top), (far, 0)),))
    if kind is PropKind.BED:
        return _bed(figure, x)
    return _chair(x, y, fit, view)


def _rearmost(figure: Figure, below: float = math.inf) -> float:
    """The x of the back-most edge of the trunk and legs lower than ``below`` (what leans on a
    wall, or on a counter's front under its top)."""
    edges = [
        x - b.width / 2
        for b in figure.bones
        if b.name == "torso" or "leg" in b.name
        for x, y in (b.start, b.end)
        if y <= below
    ]
    return min(edges) if edges else figure.points[BodyPoint.PELVIS][0]


def _bed(figure: Figure, edge_near: float) -> Shape:
    """A bed under the body, its end just past ``edge_near`` (a hip, a foot) on that side."""
    top = SURFACE_HEIGHT[Surface.BED]
    head_x = figure.head[0]
    x0, _, x1, _ = figure.bounds()
    if head_x <= edge_near:
        left, right = min(x0, head_x - HEAD_RADIUS) - 18, edge_near + 12
    else:
        left, right = edge_near - 12, max(x1, head_x + HEAD_RADIUS) + 18
    frame = ((left, 8), (left, top), (right, top), (right, 8))
    legs = (((left + 6, 0), (left + 6, 8)), ((right - 6, 0), (right - 6, 8)))
    return Shape(PropKind.BED, lines=(frame, *legs))


def _chair(x: float, y: float, fit: PropFit, view: View) -> Shape:
    """A plain chair: backrest post, seat and front leg (side view), or seat and legs (front)."""
    seat, back = SURFACE_HEIGHT[Surface.SEAT], SURFACE_HEIGHT[Surface.CHAIR_BACK]
    if view is not View.SIDE:  # seen from the front: a solid seat the sitter is on
        legs = (((x - 20, 0), (x - 20, seat)), ((x + 20, 0), (x + 20, seat)))
        rest = ((x - 20, seat), (x - 20, back), (x + 20, back), (x + 20, seat))
        return Shape(
            PropKind.CHAIR, lines=(*legs, rest), blocks=((x - 25, seat - 4, x + 25, seat),)
        )
    if fit is PropFit.BACKREST:  # hands on top of the backrest, the seat beyond it
        post, direction = x, 1.0
    elif fit is PropFit.SEAT and y > seat + 4:  # sitting: back behind the sitter
        post, direction = x - 20, 1.0
    else:  # hands on the seat, the chair facing the person
        post, direction = x + 21, -1.0
    front = post + direction * 40
    return Shape(
        PropKind.CHAIR,
        lines=(
            ((post, 0), (post, back)),
            ((post, seat), (post + direction * 42, seat)),
            ((front, 0), (front, seat)),
        ),
    )
