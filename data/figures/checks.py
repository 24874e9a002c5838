"""The authoring rules of the pose library, checked by code, and the steps' references to it.

A figure that looks wrong is a bug, so what can be measured is: every joint within what a
body can do; every point the pose says it rests on actually on its surface (both feet on the
floor, the knee on the cushion, the seat under the sitter), at every moment of a move; nothing
below the floor; a prop drawn under what rests on it; the pose's position the step's position;
and every step of the catalogue naming a pose or a move the library has.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from data.content.catalogue import Catalogue, ContentProblem
from data.content.models import Step
from data.content.poses import BodyPoint, Pose, PoseLibrary, PropKind, Surface, View
from data.content.vocabulary import Position
from data.figures.motion import MOVE_SAMPLES, between, figure_motion
from data.figures.skeleton import SURFACE_HEIGHT, contact_height, grounded

TOUCH_CM = 4.0
"""A resting point may float this much above its surface and still count as resting on it."""
FLOOR_SLACK_CM = 1.0

SIDE_RANGES = {
    "torso": (-100.0, 110.0),
    "neck": (-60.0, 75.0),
    "shoulder": (-70.0, 185.0),
    "elbow": (0.0, 150.0),
    "hip": (-45.0, 140.0),
    "knee": (0.0, 155.0),
    "ankle": (-90.0, 35.0),
}
"""Degrees, as ``data.content.poses`` reads them, for a figure seen from the side."""
FRONT_RANGES = {
    "torso": (-95.0, 95.0),
    "neck": (-50.0, 50.0),
    "shoulder": (-20.0, 185.0),
    "elbow": (-150.0, 150.0),
    "hip": (-25.0, 100.0),
    "knee": (0.0, 150.0),
    "ankle": (-45.0, 45.0),
}
PROP_FOR = {
    Surface.CUSHION: PropKind.CUSHION,
    Surface.BLOCK: PropKind.BLOCK,
    Surface.SEAT: PropKind.CHAIR,
    Surface.CHAIR_BACK: PropKind.CHAIR,
    Surface.BED: PropKind.BED,
    Surface.COUNTER: PropKind.COUNTER,
    Surface.WALL: PropKind.WALL,
}
KNEES = {BodyPoint.LEFT_KNEE, BodyPoint.RIGHT_KNEE}
FEET = {BodyPoint.LEFT_FOOT, BodyPoint.RIGHT_FOOT}
HANDS = {BodyPoint.LEFT_HAND, BodyPoint.RIGHT_HAND}


def _angles(pose: Pose) -> Iterator[tuple[str, str, float]]:
    yield "torso", "torso", pose.torso
    yield "neck", "neck", pose.neck
    for side in ("left", "right"):
        arm = getattr(pose, f"{side}_arm")
        leg = getattr(pose, f"{side}_leg")
        yield f"{side}_arm.shoulder", "shoulder", arm.shoulder
        yield f"{side}_arm.elbow", "elbow", arm.elbow
        yield f"{side}_leg.hip", "hip", leg.hip
        yield f"{side}_leg.knee", "knee", leg.knee
        yield f"{side}_leg.ankle", "ankle", leg.ankle


def range_problems(pose: Pose) -> list[str]:
    """Joints bent further than a body bends (in this view)."""
    ranges = SIDE_RANGES if pose.view is View.SIDE else FRONT_RANGES
    found = []
    for field, joint, value in _angles(pose):
        low, high = ranges[joint]
        if not low <= value <= high:
            found.append(f"{field} is {value:g}°, outside {low:g}° to {high:g}°")
    return found


def contact_problems(pose: Pose) -> list[str]:
    """Resting points that do not rest, parts below the floor, surfaces with no prop."""
    figure = grounded(pose)
    found = []
    for contact in pose.rests_on:
        height = contact_height(figure, contact)
        if height is None:
            continue
        gap = height - SURFACE_HEIGHT[contact.on]
        if gap > TOUCH_CM:
            found.append(
                f"{contact.point.value} should rest on the {contact.on.value} "
                f"but is {gap:.0f} cm above it"
            )
    if figure.lowest() < -FLOOR_SLACK_CM:
        found.append(f"part of the body is {-figure.lowest():.0f} cm below the floor")
    props = {prop.kind for prop in pose.props}
    for contact in pose.rests_on:
        needed = PROP_FOR.get(contact.on)
        if needed is not None and needed not in props:
            found.append(f"{contact.point.value} rests on a {contact.on.value}: draw a {needed}")
    return found


def position_problems(pose: Pose) -> list[str]:
    """A pose whose resting points do not match the position it claims."""
    points = {c.point for c in pose.rests_on}
    on = {c.point: c.on for c in pose.rests_on}
    position = pose.position
    wants: list[tuple[bool, str]] = []
    if position is Position.SITTING:
        wants.append((on.get(BodyPoint.PELVIS) is Surface.SEAT, "the pelvis on a seat"))
    elif position is Position.SITTING_FLOOR:
        sits = on.get(BodyPoint.PELVIS) in (Surface.FLOOR, Surface.MAT, Surface.CUSHION)
        wants.append((sits, "the pelvis on the floor, a mat or a cushion"))
    elif position in (Position.KNEELING, Position.HALF_KNEELING):
        knees = len(points & KNEES)
        wants.append((knees == (2 if position is Position.KNEELING else 1), "its knees down"))
    elif position is Position.ALL_FOURS:
        wants.append((points >= KNEES | HANDS, "both knees and both hands down"))
    elif position is Position.LYING_BACK:
        wants.append((BodyPoint.BACK in points, "the back down"))
    elif position is Position.LYING_FRONT:
        wants.append((BodyPoint.FRONT in points, "the front down"))
    elif position is Position.LYING_SIDE:
        wants.append((BodyPoint.SIDE in points, "the side down"))
    elif position is Position.STANDING_ONE_LEG:
        wants.append((len(points & FEET) == 1 and not points & KNEES, "one foot down"))
    elif position is Position.STANDING_SUPPORTED:  # a hand on a support: one foot may lift
        wants.append((bool(points & FEET) and not points & KNEES, "a foot down"))
    else:  # standing, supported or in a lunge: on the feet
        wants.append((points & FEET == FEET and not points & KNEES, "both feet down"))
    return [f"a {position.value} pose rests on {what}" for ok, what in wants if not ok]


def library_problems(library: PoseLibrary, files: Mapping[str, str]) -> list[ContentProblem]:
    """Every rule above for every pose, and the contacts of every move at every sample."""

    def problem(kind: str, figure_id: str, message: str) -> ContentProblem:
        where = files.get(figure_id, "pose-library")
        return ContentProblem(file=where, message=f"{kind} '{figure_id}': {message}")

    found = []
    for pose_id, pose in library.poses.items():
        for message in [*range_problems(pose), *position_problems(pose), *contact_problems(pose)]:
            found.append(problem("pose", pose_id, message))
    for move_id, move in library.moves.items():
        if library.poses[move.start].position is not library.poses[move.end].position:
            found.append(problem("move", move_id, "its two poses are in different positions"))
        motion = figure_motion(library, move_id)
        assert motion is not None
        if any(figure.lowest() < -FLOOR_SLACK_CM for figure in motion.frames):
            found.append(
                problem("move", move_id, "on the way, part of the body goes below the floor")
            )
    return found


def _contacts_held(library: PoseLibrary, move_id: str) -> list[str]:
    """What both ends of a move rest on must stay rested on at every moment between."""
    move = library.moves[move_id]
    start, end = library.poses[move.start], library.poses[move.end]
    shared = [c for c in start.rests_on if c in end.rests_on]
    for step in range(1, MOVE_SAMPLES):
        figure = grounded(between(start, end, step / MOVE_SAMPLES))
        for contact in shared:
            height = contact_height(figure, contact)
            if height is not None and height - SURFACE_HEIGHT[contact.on] > TOUCH_CM:
                return [
                    f"on the way, {contact.point.value} leaves the {contact.on.value} "
                    f"({height - SURFACE_HEIGHT[contact.on]:.0f} cm above it)"
                ]
    return []


def step_problems(catalogue: Catalogue) -> list[ContentProblem]:
    """Steps without a figure, with an unknown one, or in another position than it shows."""
    return [
        ContentProblem(
            file=catalogue.files.get(program.id, program.id),
            program=program.id,
            lesson=f"{lesson.number} ({lesson.id})",
            step=number,
            field="pose",
            message=message,
        )
        for program in catalogue.programs
        for lesson in program.lessons
        for number, step in enumerate(lesson.steps, start=1)
        if (message := _step_problem(catalogue.poses, step)) is not None
    ]


def _step_problem(library: PoseLibrary, step: Step) -> str | None:
    if step.pose is None:
        return "every step names the figure drawn for it"
    ends = library.ends(step.pose)
    if ends is None:
        return f"'{step.pose}' is not a pose or a move of the library"
    if ends[0].position is not step.position:
        return (
            f"'{step.pose}' shows {ends[0].position.value}, but the step is {step.position.value}"
        )
    return None


def figure_problems(catalogue: Catalogue) -> list[ContentProblem]:
    """What ``check-content`` adds for the figures: the library's rules and the steps'."""
    return [*library_problems(catalogue.poses, catalogue.pose_files), *step_problems(catalogue)]
