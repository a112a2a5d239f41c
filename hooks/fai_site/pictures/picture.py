"""An exercise's picture as the pages and the handouts show it: where it is, what it shows in words, and how it moves.

A drawn pose becomes `illustrations/<id>.svg` (the still) and, for the builder's preview,
`illustrations/moving/<id>.svg`; an image file is used as the editor named it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from fai_site.catalogue.model import Category, Exercise, ImageIllustration, PoseIllustration
from fai_site.catalogue.pose import Motion
from fai_site.pictures.animation import render_animation
from fai_site.pictures.drawing import illustration_text
from fai_site.pictures.motion import pace
from fai_site.pictures.svg.layout import frames_across


@dataclass(frozen=True)
class Picture:
    """Where an exercise's picture is (relative to the site root) and what it shows."""

    path: str
    illustration: PoseIllustration | ImageIllustration

    @cached_property
    def alt(self) -> str:
        """Written from the pose only when a page shows the picture: describing a pose is the costly part."""
        if isinstance(self.illustration, PoseIllustration):
            return illustration_text(self.illustration.pose)
        return self.illustration.alt

    @cached_property
    def frames_across(self) -> int:
        """Positions side by side, which set the printed width; an image file counts as one."""
        if isinstance(self.illustration, PoseIllustration):
            return frames_across(self.illustration.pose)
        return 1


def drawing_path(exercise: Exercise) -> str:
    return f"illustrations/{exercise.id}.svg"


def moving_drawing_path(exercise: Exercise) -> str:
    """The picture playing, as a file of its own: the builder's preview shows it over the still on screen."""
    return f"illustrations/moving/{exercise.id}.svg"


def picture(exercise: Exercise) -> Picture | None:
    """The exercise's picture: its drawing or its image file, and its text alternative."""
    illustration = exercise.illustration
    if isinstance(illustration, PoseIllustration):
        return Picture(drawing_path(exercise), illustration)
    if isinstance(illustration, ImageIllustration):
        return Picture(illustration.image, illustration)
    return None


def animation(exercise: Exercise) -> Markup | None:
    """The exercise's picture playing in a loop, at the exercise's pace, for the page (never for paper)."""
    illustration = exercise.illustration
    if not isinstance(illustration, PoseIllustration):
        return None
    pose, dosage = illustration.pose, exercise.dosage
    timing = pace(
        stretch=exercise.category is Category.STRETCH,
        hold=dosage.hold_seconds is not None,
        steady=dosage.duration_minutes is not None,
        squeeze=pose.motion is Motion.SQUEEZE,
    )
    return Markup(render_animation(pose, title=exercise.name, uid=f"motion-{exercise.id}", timing=timing))
