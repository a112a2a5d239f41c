"""A base position drawn still: the picture a clinic's own exercise may show, in the builder and in "My program".

A clinician who adds an exercise of their own cannot draw it; they can choose the position it
starts from, among the base positions every exercise picture is drawn from, and the site draws
that position with the same code. Nothing moves in it and nothing is in the accent colour: it
shows where to start, not what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from fai_site.catalogue.pose import Base, Pose
from fai_site.pictures.drawing import render_still
from fai_site.pictures.pose_guide import BASE_PROPS
from fai_site.pictures.pose_text import starting_position

FOLDER = "illustrations/bases"


@dataclass(frozen=True)
class BasePicture:
    """A base position's picture: where it is in the site, its words, and the SVG."""

    base: Base
    path: str
    words: str
    svg: str


def base_picture(base: Base) -> BasePicture:
    pose = Pose.model_validate(
        {
            "base": base.value,
            "props": [prop.value for prop in BASE_PROPS.get(base, [])],
            "moving": ["pelvis"],
            "motion": "squeeze",
            "frames": [{}, {}],
        }
    )
    words = starting_position(pose, pose.postures()[0])
    svg = render_still(pose, title=words, description=f"Start position: {words.lower()}.", uid=f"base-{base.value}")
    return BasePicture(base, f"{FOLDER}/{base.value}.svg", words, svg)


def base_pictures() -> list[BasePicture]:
    return [base_picture(base) for base in Base]
