"""The scene: every frame of a pose, its body placed on the floor, and the props they share.

What a picture shows, before it is drawn: the still draws the frames, the animation the
in-between bodies (`motion`), and both draw the props from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from fai_site.catalogue.pose import Pose, View
from fai_site.pictures.body import FrameFigure, place
from fai_site.pictures.props import Shape, frame_props, shared_props


@dataclass(frozen=True)
class Scene:
    """Everything to draw for a pose: each frame's body, and the props they share."""

    pose: Pose
    frames: list[FrameFigure]
    props: list[Shape]
    frame_props: list[list[Shape]]  # props that differ by frame (band, water)

    @property
    def view(self) -> View:
        return self.pose.shown_view


# ---- Public API -----------------------------------------------------------------------------


def build_scene(pose: Pose) -> Scene:
    """Every frame of the pose, placed on the floor, with its props (cached by the pose's content)."""
    return _scene(pose.model_dump_json())


@lru_cache(maxsize=512)
def _scene(pose_json: str) -> Scene:
    pose = Pose.model_validate_json(pose_json)
    frames = [place(pose, posture) for posture in pose.postures()]
    return Scene(
        pose=pose,
        frames=frames,
        props=shared_props(pose, frames),
        frame_props=[frame_props(pose, frames, f) for f in frames],
    )
