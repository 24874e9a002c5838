"""The content model: programs of numbered lessons made of timed steps.

Content is data, so every rule a content author can break is checked here, with a message
that names the rule in plain words. The models are frozen: once the catalogue is loaded, no
screen can change a lesson under the player's feet.
"""

from __future__ import annotations

import re
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from data.content.vocabulary import POSTURE_OF, Equipment, Position, Posture, Sides, StepKind
from data.wording import format_duration

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)

MIN_STEP_SECONDS = 1
MAX_STEP_SECONDS = 30 * 60
MIN_LESSON_SECONDS = 60
MAX_LESSON_SECONDS = 15 * 60

Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        min_length=2,
        max_length=64,
        description="lowercase letters, digits and single hyphens, e.g. 'lower-back-3'",
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=600)]


class FrozenModel(BaseModel):
    """Base for content: immutable, and unknown fields are an error rather than ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


MIN_SETUP_SECONDS = 2
MAX_SETUP_SECONDS = 30
SIDE_PLACEHOLDER = "{side}"

Say = Annotated[str, Field(min_length=2, max_length=120)]
"""A line written to be heard: short, imperative, at most about fifteen words."""


class SideSwitch(FrozenModel):
    """Getting from one side to the other when that takes a turn or a new stance.

    The timeline puts it between the last repetition of one side and the first of the other,
    in place of the rest there, so the other side's first hold starts in position.
    """

    seconds: int = Field(ge=MIN_SETUP_SECONDS, le=MAX_SETUP_SECONDS)
    instruction: Annotated[str, Field(min_length=1, max_length=300)]
    say: Say | None = None


class Step(FrozenModel):
    """One instruction of a lesson, timed either by seconds or by a count at a pace.

    A step of 30 seconds is ``{"seconds": 30}``; six slow circles of four seconds each is
    ``{"count": 6, "pace_seconds": 4}``. Repetitions, sides and the rest between them multiply
    that into the step's segments; the sequencer expands them, this model only checks them.

    A sided step says what "left" means for it in ``side_label`` ("{side} knee down", "the
    {side} leg moves"), so the player never says a bare "left side" that could mean the side
    that moves, the side stretched or the knee on the floor.
    """

    instruction: Text
    say: Say | None = None
    kind: StepKind
    position: Position
    pose: Slug | None = None
    """The figure drawn for the step: a pose or a move of the pose library (the left side's;
    the right side is its mirror image)."""
    seconds: int | None = Field(default=None, ge=MIN_STEP_SECONDS, le=MAX_STEP_SECONDS)
    count: int | None = Field(default=None, ge=1, le=100)
    pace_seconds: float | None = Field(default=None, ge=0.5, le=60)
    repetitions: int = Field(default=1, ge=1, le=20)
    sides: Sides = Sides.NONE
    side_label: Annotated[str, Field(min_length=8, max_length=60)] | None = None
    switch: SideSwitch | None = None
    rest_between_seconds: int = Field(default=0, ge=0, le=120)
    cue: str | None = Field(default=None, min_length=1, max_length=200)
    caution: str | None = Field(default=None, min_length=10, max_length=200)

    @model_validator(mode="after")
    def _timed_one_way(self) -> Self:
        by_count = self.count is not None or self.pace_seconds is not None
        if self.seconds is not None and by_count:
            raise ValueError("give either 'seconds' or 'count' with 'pace_seconds', not both")
        if self.seconds is None and not by_count:
            raise ValueError("a step needs a length: 'seconds', or 'count' with 'pace_seconds'")
        if by_count and (self.count is None or self.pace_seconds is None):
            raise ValueError("'count' and 'pace_seconds' go together: give both")
        segment = self.segment_seconds
        if not MIN_STEP_SECONDS <= segment <= MAX_STEP_SECONDS:
            raise ValueError(
                f"one repetition lasts {segment:g} s; it must be between "
                f"{MIN_STEP_SECONDS} s and {MAX_STEP_SECONDS // 60} min"
            )
        if self.kind is StepKind.REST and self.sides is not Sides.NONE:
            raise ValueError("a rest step has no sides")
        if self.kind is StepKind.SETUP:
            self._check_setup()
        self._check_sides()
        return self

    def _check_setup(self) -> None:
        if self.seconds is None or not MIN_SETUP_SECONDS <= self.seconds <= MAX_SETUP_SECONDS:
            raise ValueError(
                f"a setup step lasts 'seconds' from {MIN_SETUP_SECONDS} to {MAX_SETUP_SECONDS}"
            )
        if self.sides is not Sides.NONE or self.repetitions != 1:
            raise ValueError("a setup step is done once, without sides")

    def _check_sides(self) -> None:
        if self.sides is Sides.NONE:
            if self.side_label is not None or self.switch is not None:
                raise ValueError("'side_label' and 'switch' belong to steps with sides")
            return
        label = self.side_label
        if label is None:
            raise ValueError(
                "a step with sides needs a 'side_label' saying what left means for it, "
                "e.g. '{side} knee down'"
            )
        if label.count(SIDE_PLACEHOLDER) != 1 or label.replace(SIDE_PLACEHOLDER, "").count("{"):
            raise ValueError("'side_label' holds '{side}' exactly once, e.g. '{side} knee down'")

    def side_text(self, side: str) -> str:
        """'left knee down' for side 'left': what the side means for this step."""
        label = self.side_label or "{side} side"
        return label.replace(SIDE_PLACEHOLDER, side)

    @property
    def segment_seconds(self) -> float:
        """Length of one repetition on one side."""
        if self.seconds is not None:
            return float(self.seconds)
        assert self.count is not None and self.pace_seconds is not None
        return self.count * self.pace_seconds

    @property
    def segment_count(self) -> int:
        """How many timed segments the step expands into (repetitions × sides)."""
        return self.repetitions * (1 if self.sides is Sides.NONE else 2)

    @property
    def switch_count(self) -> int:
        """How many changes of side the step has (each one a switch, when it has one)."""
        if self.sides is Sides.LEFT_THEN_RIGHT:
            return 1
        if self.sides is Sides.ALTERNATE:
            return self.segment_count - 1
        return 0

    @property
    def total_seconds(self) -> float:
        """The whole step: every segment, the rests between them (none after the last), and
        its switches of side, each in place of the rest at that change."""
        gaps = self.segment_count - 1
        switches = self.switch_count if self.switch is not None else 0
        switch_seconds = self.switch.seconds if self.switch is not None else 0
        return (
            self.segment_count * self.segment_seconds
            + (gaps - switches) * self.rest_between_seconds
            + switches * switch_seconds
        )


class Lesson(FrozenModel):
    """A numbered Micro Pause: a title, the idea behind it ("why") and its steps."""

    id: Slug
    number: int = Field(ge=1, le=99)
    title: Annotated[str, Field(min_length=1, max_length=90)]
    why: Annotated[str, Field(min_length=20, max_length=900)]
    equipment: Annotated[list[Equipment], Field(max_length=8)] = []
    cautions: Annotated[list[Slug], Field(max_length=8)] = []
    """Ids in the catalogue's safety library, shown on the lesson screen before Start."""
    steps: Annotated[list[Step], Field(min_length=1, max_length=60)]

    @property
    def posture(self) -> Posture:
        """Where the lesson happens, from its steps (setups excepted): one posture or mixed."""
        postures = {POSTURE_OF[s.position] for s in self.steps if s.kind is not StepKind.SETUP}
        return postures.pop() if len(postures) == 1 else Posture.MIXED

    @property
    def on_the_floor(self) -> bool:
        """Whether any step kneels, sits or lies down: not a lesson for a desk at work."""
        return any(step.position.on_the_floor for step in self.steps)

    @property
    def needs_chair(self) -> bool:
        return Equipment.CHAIR in self.equipment

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_seconds(self) -> int:
        """The lesson's length, derived from its steps so it can never disagree with them."""
        return round(sum(step.total_seconds for step in self.steps))

    @property
    def minutes(self) -> int:
        """Length rounded to whole minutes for display (never 0)."""
        return max(1, round(self.total_seconds / 60))

    @model_validator(mode="after")
    def _reasonable_length(self) -> Self:
        for name, values in (("equipment", self.equipment), ("cautions", self.cautions)):
            if len(set(values)) != len(values):
                raise ValueError(f"'{name}' lists something twice")
        total = self.total_seconds
        if not MIN_LESSON_SECONDS <= total <= MAX_LESSON_SECONDS:
            raise ValueError(
                f"the lesson lasts {format_duration(total)}; a Micro Pause must last "
                f"between 1 and 15 minutes"
            )
        return self


class BodyArea(FrozenModel):
    """The part of the body a program is for, as the check-ins name it.

    ``name`` is said inside a sentence ("How does your lower back feel?"), so it is lowercase;
    ``plural`` makes the verb agree ("How do your hips feel?"): a name alone cannot tell,
    since "hips" is plural and "pelvis" is not.
    """

    name: Annotated[str, Field(min_length=3, max_length=40, pattern=r"^[a-z][a-z ,'-]*[a-z]$")]
    plural: bool = False

    @property
    def question(self) -> str:
        """'How does your lower back feel?': the check-in's question."""
        return f"How {'do' if self.plural else 'does'} your {self.name} feel?"

    @property
    def label(self) -> str:
        """'Lower back': the area as a heading."""
        return self.name[0].upper() + self.name[1:]


WHOLE_BODY = BodyArea(name="whole body")


class Program(FrozenModel):
    """An ordered series of lessons, numbered 1..n, with the safety note every program shows."""

    id: Slug
    title: Annotated[str, Field(min_length=1, max_length=90)]
    summary: Annotated[str, Field(min_length=1, max_length=160)]
    description: Annotated[str, Field(min_length=1, max_length=1200)]
    safety_note: Annotated[str, Field(min_length=20, max_length=400)]
    body_area: BodyArea = WHOLE_BODY
    """What the before and after check-ins ask about, and the voice's finish names ("five
    minutes for your lower back"); a program of mixed pauses leaves it out: the whole body."""
    standalone: bool = False
    """Lessons that each stand alone, in any order: pause nudges pick from such a program."""
    lessons: Annotated[list[Lesson], Field(min_length=1, max_length=99)]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_seconds(self) -> int:
        return sum(lesson.total_seconds for lesson in self.lessons)

    @model_validator(mode="after")
    def _numbered_and_unique(self) -> Self:
        numbers = [lesson.number for lesson in self.lessons]
        expected = list(range(1, len(self.lessons) + 1))
        if numbers != expected:
            raise ValueError(
                f"lesson numbers must run 1..{len(self.lessons)} in order without gaps; "
                f"found {numbers}"
            )
        seen: set[str] = set()
        for lesson in self.lessons:
            if lesson.id in seen:
                raise ValueError(f"lesson id '{lesson.id}' is used twice")
            seen.add(lesson.id)
        return self

    def lesson(self, number: int) -> Lesson | None:
        """The lesson with this number, or None."""
        if 1 <= number <= len(self.lessons):
            return self.lessons[number - 1]
        return None

    def next_lesson(self, lesson: Lesson) -> Lesson | None:
        """The lesson after ``lesson`` in this program, or None after the last."""
        return self.lesson(lesson.number + 1)


def is_slug(value: str) -> bool:
    """True when ``value`` is a valid id (used where ids arrive from URLs or the CLI)."""
    return 2 <= len(value) <= 64 and _SLUG_RE.match(value) is not None
