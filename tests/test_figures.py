"""The figures' math and rules: joints to points, grounding, mirroring, ranges, support
contact, the motion of a cycle and its Lottie document."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from data.content.models import Lesson, Step
from data.content.poses import Pose, PoseLibrary
from data.figures.checks import contact_problems, position_problems, range_problems
from data.figures.lottie import FRAME_RATE, Palette, document, encode
from data.figures.motion import BREATH_SECONDS, figure_motion, move_motion, still_motion
from data.figures.skeleton import (
    FOOT,
    FOREARM,
    HEAD_RADIUS,
    SHIN,
    SURFACE_HEIGHT,
    THIGH,
    UPPER_ARM,
    build,
    grounded,
)
from data.figures.studio import FigureStudio, key_pose, spec_for_segment
from data.player.timeline import SegmentKind, build_timeline

PALETTE = Palette(body="#2F6F5E", far="#9CC3B5", prop="#8C9691", floor="#B9C2BD", halo="#FFFFFF")
FEET = [{"point": "left-foot"}, {"point": "right-foot"}]


def pose(**fields: Any) -> Pose:
    return Pose.model_validate({"label": "Test pose", "position": "standing", "rests_on": FEET,
                                **fields})  # fmt: skip


def bone(figure: Any, name: str) -> Any:
    return next(b for b in figure.bones if b.name == name)


def test_a_standing_figure_stands_on_the_floor_at_a_natural_height() -> None:
    figure = grounded(pose())
    assert figure.lowest() == pytest.approx(0, abs=0.01)
    head_top = figure.head[1] + HEAD_RADIUS
    assert 165 < head_top < 185
    for side in ("left", "right"):
        upper, lower = bone(figure, f"{side}-arm-upper-arm"), bone(figure, f"{side}-arm-forearm")
        assert (upper.length, lower.length) == pytest.approx((UPPER_ARM, FOREARM))
        assert bone(figure, f"{side}-leg-thigh").length == pytest.approx(THIGH)
        assert bone(figure, f"{side}-leg-shin").length == pytest.approx(SHIN)
        assert bone(figure, f"{side}-leg-foot").length == pytest.approx(FOOT)


@pytest.mark.parametrize(
    ("fields", "check"),
    [
        pytest.param({"torso": 90}, lambda f: f.head[0] > 60, id="bent forward: head in front"),
        pytest.param(
            {"left_leg": {"hip": 90, "knee": 90}},
            lambda f: bone(f, "left-leg-thigh").end[0] > 40,
            id="hip flexed: knee forward",
        ),
        pytest.param(
            {"left_arm": {"shoulder": 180}},
            lambda f: bone(f, "left-arm-forearm").end[1] > f.head[1],
            id="arm overhead: hand above the head",
        ),
        pytest.param(
            {"left_leg": {"hip": -20, "knee": 90}},
            lambda f: bone(f, "left-leg-shin").end[0] < -30,
            id="knee bent behind: foot behind",
        ),
    ],
)
def test_joint_angles_read_as_the_model_says(fields: dict[str, Any], check: Any) -> None:
    assert check(build(pose(**fields)))


def test_the_other_side_is_the_mirror_image() -> None:
    figure = grounded(pose(left_leg={"hip": 60, "knee": 40}, rests_on=[{"point": "right-foot"}]))
    mirror = figure.mirrored()
    for original, flipped in zip(figure.bones, mirror.bones, strict=True):
        assert flipped.start == (-original.start[0], original.start[1])
        assert flipped.end == (-original.end[0], original.end[1])
    assert mirror.mirrored() == figure


def test_grounding_puts_a_kneeling_knee_on_its_cushion() -> None:
    kneeling = pose(
        position="half-kneeling",
        left_leg={"hip": -8, "knee": 82, "ankle": -80},
        right_leg={"hip": 75, "knee": 80},
        rests_on=[{"point": "left-knee", "on": "cushion"}, {"point": "right-foot"}],
        props=[{"kind": "cushion", "at": "left-knee"}],
    )
    assert contact_problems(kneeling) == []
    assert position_problems(kneeling) == []
    figure = grounded(kneeling)
    knee = figure.points[next(p for p in figure.points if p.value == "left-knee")]
    assert knee[1] - 6 == pytest.approx(SURFACE_HEIGHT["cushion"], abs=0.5)  # type: ignore[index]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param(
            {"left_leg": {"knee": 170}}, "left_leg.knee is 170°", id="a knee bent past its range"
        ),
        pytest.param(
            {"left_arm": {"elbow": -20}}, "left_arm.elbow is -20°", id="an elbow backward"
        ),
        pytest.param({"torso": 130}, "torso is 130°", id="a trunk folded past the legs"),
    ],
)
def test_joints_out_of_human_range_are_named(fields: dict[str, Any], message: str) -> None:
    found = range_problems(pose(**fields))
    assert any(message in line for line in found), found


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param(
            {"left_leg": {"hip": 60, "knee": 60}},
            "left-foot should rest on the floor but is",
            id="a foot that floats",
        ),
        pytest.param(
            {"position": "kneeling", "rests_on": [{"point": "left-knee", "on": "cushion"}]},
            "draw a cushion",
            id="a cushion rested on but not drawn",
        ),
        pytest.param(
            {
                "position": "lying-back",
                "torso": -90,
                "left_leg": {"hip": -40},
                "rests_on": [{"point": "back"}],
            },
            "below the floor",
            id="a leg through the floor",
        ),
    ],
)
def test_a_body_that_does_not_rest_on_its_support_is_named(
    fields: dict[str, Any], message: str
) -> None:
    found = contact_problems(pose(**fields))
    assert any(message in line for line in found), found


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param({"position": "kneeling"}, "rests on its knees down", id="kneeling on feet"),
        pytest.param({"position": "sitting"}, "the pelvis on a seat", id="sitting on nothing"),
        pytest.param({"position": "standing-one-leg"}, "one foot down", id="one leg on two feet"),
    ],
)
def test_a_pose_must_rest_as_its_position_does(fields: dict[str, Any], message: str) -> None:
    found = position_problems(pose(**fields))
    assert any(message in line for line in found), found


def test_a_move_goes_there_and_back_once_per_cycle() -> None:
    start, end = pose(), pose(left_arm={"shoulder": 170}, right_arm={"shoulder": 170})
    motion = move_motion(start, end, 4.0)
    hands = [bone(f, "left-arm-forearm").end[1] for f in motion.frames]
    assert hands[0] == pytest.approx(hands[-1])  # the loop closes
    middle = len(hands) // 2
    assert hands[middle] == max(hands)  # the far end half-way round
    assert motion.moving and motion.cycle_seconds == 4.0


def test_a_hold_breathes_but_lying_down_lies_still() -> None:
    standing = still_motion(pose())
    assert not standing.moving and standing.cycle_seconds == BREATH_SECONDS
    heads = {round(f.head[0], 3) for f in standing.frames}
    assert len(heads) > 1 and max(heads) - min(heads) < 5  # a sway, not a movement
    lying = pose(position="lying-back", torso=-90, rests_on=[{"point": "back"}])
    assert len(still_motion(lying).frames) == 1


def test_the_lottie_document_plays_one_cycle_at_the_time_scale() -> None:
    motion = move_motion(pose(), pose(torso=40, left_leg={"hip": 40}, right_leg={"hip": 40}), 4.0)
    doc = document(motion, PALETTE, time_scale=2.0)
    assert doc["op"] == pytest.approx(4.0 / 2.0 * FRAME_RATE)
    assert (doc["w"], doc["h"]) == (400, 300)
    names = [group["nm"] for layer in doc["layers"] for group in layer["shapes"]]
    assert "head" in names and "left-leg-thigh" in names and "floor" in names
    body = next(layer for layer in doc["layers"] if layer["nm"] == "body")
    torso = next(g for g in body["shapes"] if g["nm"] == "torso")
    rotation = next(item for item in torso["it"] if item["ty"] == "tr")["r"]
    assert rotation["a"] == 1 and len(rotation["k"]) == len(motion.frames)
    assert json.loads(encode(doc)) == doc


def test_a_still_pose_has_no_keyframes_and_the_mirror_differs() -> None:
    lying = pose(position="lying-back", torso=-90, rests_on=[{"point": "back"}])
    doc = document(still_motion(lying), PALETTE)
    animated = [
        item for layer in doc["layers"] for group in layer["shapes"] for item in group["it"]
        if item["ty"] == "tr" and (item["p"]["a"] or item["r"]["a"])
    ]  # fmt: skip
    assert animated == []
    assert encode(doc) != encode(document(still_motion(lying).mirrored(), PALETTE))


def _library() -> PoseLibrary:
    return PoseLibrary.model_validate(
        {
            "poses": {
                "stand": {"label": "Standing", "position": "standing", "rests_on": FEET},
                "arms-up": {
                    "label": "Arms up",
                    "position": "standing",
                    "rests_on": FEET,
                    "left_arm": {"shoulder": 170},
                    "right_arm": {"shoulder": 170},
                },
            },
            "moves": {"reach": {"label": "Reaching up", "start": "stand", "end": "arms-up"}},
        }
    )


def _lesson() -> Lesson:
    steps = [
        Step(instruction="Stand.", kind="setup", position="standing", seconds=5, pose="stand"),
        Step(instruction="Reach up and down.", kind="move", position="standing", count=6,
             pace_seconds=5, pose="reach", sides="left-then-right",
             side_label="{side} arm leads"),
        Step(instruction="Rest.", kind="rest", position="standing", seconds=20, pose="stand"),
    ]  # fmt: skip
    return Lesson(id="demo-1", number=1, title="Demo", why="A lesson for the figure tests.",
                  steps=steps)  # fmt: skip


def test_each_moment_of_a_lesson_shows_its_figure() -> None:
    library = _library()
    timeline = build_timeline(_lesson(), get_ready_seconds=3)
    specs = [spec_for_segment(library, segment) for segment in timeline.segments]
    kinds = [segment.kind for segment in timeline.segments]
    assert kinds[0] is SegmentKind.READY
    ready, _setup, left, right, rest = specs
    assert ready is not None and not ready.moving  # get-ready: the first pose, still
    assert left is not None and left.moving and left.pace_seconds == 5 and not left.mirrored
    assert right is not None and right.mirrored
    assert left.label == "Reaching up, left arm leads"
    assert right.label == "Reaching up, right arm leads"
    assert rest is not None and rest.figure_id == "stand" and not rest.moving


def test_a_figure_is_built_once_and_kept() -> None:
    library = _library()
    studio = FigureStudio(library)
    spec = spec_for_segment(library, build_timeline(_lesson()).segments[2])
    assert spec is not None
    first = studio.render(spec, PALETTE)
    assert first is not None and studio.render(spec, PALETTE) is first
    doc = json.loads(first)
    assert doc["op"] == pytest.approx(5 * FRAME_RATE)  # one cycle at the step's pace
    key = key_pose(library, _lesson())
    assert key is not None and key.figure_id == "reach"  # the longest step that is not a rest


def test_an_unknown_figure_draws_nothing() -> None:
    assert figure_motion(_library(), "no-such-pose") is None
    assert math.isclose(BREATH_SECONDS, 5.0)


@pytest.mark.parametrize("view", ["side", "front"])
def test_a_breath_sways_the_trunk_and_leaves_the_feet_where_they_are(view: str) -> None:
    frames = still_motion(pose(view=view)).frames
    feet = {(round(bone(f, "left-leg-foot").end[0], 1), round(bone(f, "right-leg-foot").end[0], 1))
            for f in frames}  # fmt: skip
    assert len(feet) == 1
    assert len({round(f.head[0], 3) for f in frames}) > 1


def test_a_sway_of_the_hips_keeps_the_foot_it_stands_on() -> None:
    one_leg = [{"point": "left-foot"}]
    start = pose(position="standing-one-leg", rests_on=one_leg, right_leg={"hip": 60, "knee": 60})
    end = pose(position="standing-one-leg", rests_on=one_leg, torso=15,
               right_leg={"hip": 80, "knee": 60})  # fmt: skip
    frames = move_motion(start, end, 4.0).frames
    ankles = {round(bone(f, "left-leg-shin").end[0], 3) for f in frames}
    assert len(ankles) == 1
