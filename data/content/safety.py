"""The safety library: the cautions lessons refer to by id, and the signs to stop for.

A caution's words are written once (``safety.json``) and shown the same on every lesson that
carries it, so "kneeling" or "a stable chair" never reads three slightly different ways.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from data.content.models import FrozenModel, Slug


class Caution(FrozenModel):
    """One caution a lesson can carry: a short title and what to do about it."""

    title: Annotated[str, Field(min_length=3, max_length=50)]
    text: Annotated[str, Field(min_length=20, max_length=300)]


class SafetyLibrary(FrozenModel):
    """Every caution by id, and the red flags: reasons to stop any lesson at once."""

    red_flags: Annotated[str, Field(min_length=40, max_length=400)]
    cautions: dict[Slug, Caution] = Field(default_factory=dict)
