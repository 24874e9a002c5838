"""Which figure a moment of a lesson shows, and its Lottie document, built once and kept.

The player asks for the figure of a segment: the pose or move of its step, mirrored for the
right side, with the label a screen reader says ("Half-kneeling hip flexor stretch, left knee
down"). Documents are cached per figure, pace, side, palette and time scale, so a lesson's
figures are built once, not per tick and not per visitor.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.content.models import Lesson, Step
from data.content.poses import PoseLibrary
from data.content.vocabulary import StepKind
from data.figures.lottie import Palette, document, encode
from data.figures.motion import Motion, figure_motion, still_motion
from data.player.timeline import Segment, SegmentKind, Side


@dataclass(frozen=True)
class FigureSpec:
    """What to draw: a figure of the library, moving or still, on which side."""

    figure_id: str
    moving: bool
    pace_seconds: float | None
    mirrored: bool
    label: str


def _pace(step: Step) -> float | None:
    return step.pace_seconds if step.count is not None else None


def spec_for_step(
    library: PoseLibrary, step: Step, side: Side | None, *, moving: bool
) -> FigureSpec | None:
    """The figure of ``step`` on ``side``; None when the step names no known figure."""
    if step.pose is None or library.ends(step.pose) is None:
        return None
    label = library.label(step.pose) or step.pose
    if side is not None and step.side_label:
        label = f"{label}, {step.side_text(side.value)}"
    is_move = step.pose in library.moves
    return FigureSpec(
        figure_id=step.pose,
        moving=moving and is_move,
        pace_seconds=_pace(step),
        mirrored=side is Side.RIGHT,
        label=label,
    )


def spec_for_segment(library: PoseLibrary, segment: Segment) -> FigureSpec | None:
    """Get-ready shows the first pose, still; a step its own figure, moving when it is a move;
    a rest between repetitions or a change of side, still, the side about to come."""
    moving = segment.kind not in (SegmentKind.READY, SegmentKind.REST_BETWEEN, SegmentKind.SWITCH)
    return spec_for_step(library, segment.step, segment.side, moving=moving)


def key_pose(library: PoseLibrary, lesson: Lesson) -> FigureSpec | None:
    """The figure that stands for a lesson: its longest step that is not a setup or a rest."""
    steps = [s for s in lesson.steps if s.kind not in (StepKind.SETUP, StepKind.REST)]
    for step in sorted(steps or lesson.steps, key=lambda s: -s.total_seconds):
        spec = spec_for_step(library, step, None, moving=False)
        if spec is not None:
            return spec
    return None


class FigureStudio:
    """Builds and keeps the Lottie documents of one pose library."""

    def __init__(self, library: PoseLibrary) -> None:
        self.library = library
        self._documents: dict[tuple[object, ...], bytes] = {}

    def motion(self, spec: FigureSpec) -> Motion | None:
        if not spec.moving:
            ends = self.library.ends(spec.figure_id)
            motion = None if ends is None else still_motion(ends[0])
        else:
            motion = figure_motion(self.library, spec.figure_id, spec.pace_seconds)
        if motion is None:
            return None
        return motion.mirrored() if spec.mirrored else motion

    def render(self, spec: FigureSpec, palette: Palette, time_scale: float = 1.0) -> bytes | None:
        """The Lottie document of ``spec`` as bytes (cached); None for an unknown figure."""
        key = (spec.figure_id, spec.moving, spec.pace_seconds, spec.mirrored, palette, time_scale)
        found = self._documents.get(key)
        if found is None:
            motion = self.motion(spec)
            if motion is None:
                return None
            found = self._documents[key] = encode(document(motion, palette, time_scale=time_scale))
        return found

    def end_specs(self, spec: FigureSpec) -> list[FigureSpec]:
        """A moving figure as its two end poses, a still one as itself (for reduced motion)."""
        move = self.library.moves.get(spec.figure_id)
        if move is None or not spec.moving:
            return [spec]
        return [
            FigureSpec(pose_id, False, None, spec.mirrored, self.library.label(pose_id) or pose_id)
            for pose_id in (move.start, move.end)
        ]

    def render_still(self, spec: FigureSpec, palette: Palette) -> bytes | None:
        """A single still frame of ``spec`` (for small pictures beside a list)."""
        still = FigureSpec(spec.figure_id, False, None, spec.mirrored, spec.label)
        key = ("still", still.figure_id, still.mirrored, palette)
        found = self._documents.get(key)
        if found is None:
            motion = self.motion(still)
            if motion is None:
                return None
            first = Motion(motion.frames[:1], motion.cycle_seconds, moving=False)
            found = self._documents[key] = encode(document(first, palette))
        return found
