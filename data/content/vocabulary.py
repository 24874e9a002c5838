"""The words content is written in: kinds of step, sides, body positions and equipment.

Each is an enum so a typo in a content file is an error with the allowed values named, and so
screens, the suggestion and the content checks can reason about them instead of about text.
"""

from __future__ import annotations

from enum import StrEnum


class StepKind(StrEnum):
    """What the body is doing during a step; the player shows it as an icon and a word.

    ``setup`` is getting into position (walking to the chair, kneeling down, turning round):
    its own short time, so no timed hold or breath ever includes getting there. ``breathe``
    means breathing, and nothing else.
    """

    SETUP = "setup"
    MOVE = "move"
    HOLD = "hold"
    REST = "rest"
    BREATHE = "breathe"


class Sides(StrEnum):
    """How a step is shared between the two sides of the body.

    ``left-then-right`` does every repetition on the left, then every one on the right (one
    switch); ``alternate`` goes left, right, left, right, one repetition at a time.
    """

    NONE = "none"
    LEFT_THEN_RIGHT = "left-then-right"
    ALTERNATE = "alternate"


class Position(StrEnum):
    """Where the body is during a step: what it stands, sits, kneels or lies on.

    A change from one to another takes time and care, so the content checks ask for a setup
    step wherever one step ends in a position and the next begins in another.
    """

    STANDING = "standing"
    STANDING_SUPPORTED = "standing-supported"
    """Standing with the hands on a chair back, a counter or a wall, often leaning or folding."""
    STANDING_LUNGE = "standing-lunge"
    """Feet a long stride apart, one in front of the other."""
    STANDING_ONE_LEG = "standing-one-leg"
    SITTING = "sitting"
    """On a chair."""
    SITTING_FLOOR = "sitting-floor"
    KNEELING = "kneeling"
    HALF_KNEELING = "half-kneeling"
    """One knee down, the other foot in front."""
    ALL_FOURS = "all-fours"
    LYING_BACK = "lying-back"
    LYING_SIDE = "lying-side"
    LYING_FRONT = "lying-front"

    @property
    def on_the_floor(self) -> bool:
        """Kneeling, sitting on or lying on the floor (or a bed): not for a desk at work."""
        return self in _FLOOR

    @property
    def one_sided(self) -> bool:
        """A position whose left and right versions differ: the other side means a turn."""
        return self in _ONE_SIDED


_FLOOR = frozenset(
    {
        Position.SITTING_FLOOR,
        Position.KNEELING,
        Position.HALF_KNEELING,
        Position.ALL_FOURS,
        Position.LYING_BACK,
        Position.LYING_SIDE,
        Position.LYING_FRONT,
    }
)
_ONE_SIDED = frozenset(
    {
        Position.STANDING_LUNGE,
        Position.STANDING_ONE_LEG,
        Position.HALF_KNEELING,
        Position.LYING_SIDE,
    }
)


class Posture(StrEnum):
    """Where a lesson happens as a whole, derived from its steps' positions."""

    SITTING = "sitting"
    STANDING = "standing"
    LYING = "lying"
    KNEELING = "kneeling"
    MIXED = "mixed"


POSTURE_OF = {
    Position.STANDING: Posture.STANDING,
    Position.STANDING_SUPPORTED: Posture.STANDING,
    Position.STANDING_LUNGE: Posture.STANDING,
    Position.STANDING_ONE_LEG: Posture.STANDING,
    Position.SITTING: Posture.SITTING,
    Position.SITTING_FLOOR: Posture.SITTING,
    Position.KNEELING: Posture.KNEELING,
    Position.HALF_KNEELING: Posture.KNEELING,
    Position.ALL_FOURS: Posture.KNEELING,
    Position.LYING_BACK: Posture.LYING,
    Position.LYING_SIDE: Posture.LYING,
    Position.LYING_FRONT: Posture.LYING,
}


class Equipment(StrEnum):
    """What a lesson needs besides a little space; shown before Start, and used by nudges to
    offer only what a person has at work."""

    CHAIR = "chair"
    WALL = "wall"
    MAT = "mat"
    """A mat or a soft floor."""
    CUSHION = "cushion"
    BED = "bed"
    """A bed or a sofa, for its edge."""
    COUNTER = "counter"
    """A kitchen counter or a sturdy table."""
    BLOCK = "block"
    """A yoga block or a thick book."""


EQUIPMENT_WORDS = {
    Equipment.CHAIR: "Chair",
    Equipment.WALL: "Wall",
    Equipment.MAT: "Mat or soft floor",
    Equipment.CUSHION: "Cushion",
    Equipment.BED: "Bed or sofa edge",
    Equipment.COUNTER: "Counter or table",
    Equipment.BLOCK: "Block or thick book",
}
