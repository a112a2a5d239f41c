"""The pose vocabulary: how an editor describes an exercise picture in `exercises.yaml`.

An illustration is drawn from data, never by hand. Under `illustration: {pose: …}` an
editor names a base position, the props, the body parts that move and two or more
frames (start → end). The first frame gives only what differs from the base position's
natural posture (`BASE_POSTURES`); every later frame gives only what changes from the
frame before. Angles are anatomical joint angles in whole degrees, checked against the
human ranges in `JOINT_RANGES`, so a typo cannot draw a broken body.

"Near" and "far" name the two sides of the body as the picture shows them: in a side
view the near side faces the reader; lying on your side, the near side is the top side;
seen from the front, the near side is on the right of the picture; seen from above, at
the bottom.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

# ---- Closed sets ------------------------------------------------------------------------


class Base(str, Enum):
    """The starting body position; it fixes which way is up and what touches the floor."""

    LYING_ON_BACK = "lying-on-back"
    LYING_ON_SIDE = "lying-on-side"
    LYING_FACE_DOWN = "lying-face-down"
    HANDS_AND_KNEES = "hands-and-knees"
    KNEELING = "kneeling"
    HALF_KNEELING = "half-kneeling"
    SITTING = "sitting"
    SITTING_ON_FLOOR = "sitting-on-floor"
    STANDING = "standing"
    STANDING_ON_ONE_LEG = "standing-on-one-leg"


class View(str, Enum):
    """Where the reader stands: beside the body, in front of it, in front and a little above, or straight above."""

    SIDE = "side"
    FRONT = "front"
    FRONT_ABOVE = "front-above"
    ABOVE = "above"


class Prop(str, Enum):
    """Things drawn with the body; each has a fixed place, listed in `PROP_PLACES`."""

    MAT = "mat"
    BAND = "band"
    STEP = "step"
    CHAIR = "chair"
    BENCH = "bench"
    WALL = "wall"
    POST = "post"
    BALL = "ball"
    BIKE = "bike"
    PILLOW = "pillow"
    DOOR = "door"
    CUSHIONS = "cushions"


class BodyPart(str, Enum):
    """A part of the body that can be drawn in the accent colour as the part that moves."""

    HEAD = "head"
    TRUNK = "trunk"
    PELVIS = "pelvis"
    NEAR_ARM = "near-arm"
    FAR_ARM = "far-arm"
    NEAR_LEG = "near-leg"
    FAR_LEG = "far-leg"


class Motion(str, Enum):
    """How the frames relate: one movement, a swing to and fro, or a squeeze with no movement."""

    MOVE = "move"
    BACK_AND_FORTH = "back-and-forth"
    SQUEEZE = "squeeze"


class Layout(str, Enum):
    """How the frames are drawn: one figure with a ghost of the start, or figures in a row."""

    AUTO = "auto"
    OVERLAY = "overlay"
    SEQUENCE = "sequence"


class Joint(str, Enum):
    """Every angle a frame may set; the keys of `JOINT_RANGES`."""

    TRUNK = "trunk"
    TRUNK_SIDE = "trunk_side"
    HEAD = "head"
    PELVIS_TILT = "pelvis_tilt"
    HIP = "hip"
    HIP_ABDUCTION = "hip_abduction"
    HIP_ROTATION = "hip_rotation"
    KNEE = "knee"
    ANKLE = "ankle"
    SHOULDER = "shoulder"
    SHOULDER_ABDUCTION = "shoulder_abduction"
    ELBOW = "elbow"


# ---- Data -------------------------------------------------------------------------------

# The human range of each angle in degrees (low, high), from standard range-of-motion
# tables with a little room for stretches; validation and the tests both use it.
JOINT_RANGES: dict[Joint, tuple[int, int]] = {
    Joint.TRUNK: (-30, 100),
    Joint.TRUNK_SIDE: (-35, 35),
    Joint.HEAD: (-45, 60),
    Joint.PELVIS_TILT: (-15, 15),
    Joint.HIP: (-30, 125),
    Joint.HIP_ABDUCTION: (-30, 50),
    Joint.HIP_ROTATION: (-40, 60),
    Joint.KNEE: (0, 150),
    Joint.ANKLE: (-50, 30),
    Joint.SHOULDER: (-60, 180),
    Joint.SHOULDER_ABDUCTION: (-10, 180),
    Joint.ELBOW: (0, 150),
}

SIDES = ("near", "far")
LEG_JOINTS = (Joint.HIP, Joint.HIP_ABDUCTION, Joint.HIP_ROTATION, Joint.KNEE, Joint.ANKLE)
ARM_JOINTS = (Joint.SHOULDER, Joint.SHOULDER_ABDUCTION, Joint.ELBOW)
BODY_JOINTS = (Joint.TRUNK, Joint.TRUNK_SIDE, Joint.HEAD, Joint.PELVIS_TILT)
# Every angle of a resolved frame, as flat keys: "trunk", "near_leg.knee", "far_arm.elbow", …
ANGLE_KEYS: tuple[str, ...] = (
    tuple(joint.value for joint in BODY_JOINTS)
    + tuple(f"{side}_leg.{joint.value}" for side in SIDES for joint in LEG_JOINTS)
    + tuple(f"{side}_arm.{joint.value}" for side in SIDES for joint in ARM_JOINTS)
)


def joint_of(key: str) -> Joint:
    """The joint a flat angle key measures: "near_leg.knee" → Joint.KNEE."""
    return Joint(key.rpartition(".")[2])


def _both(limb: str, **angles: int) -> dict[str, int]:
    return {f"{side}_{limb}.{name}": value for side in SIDES for name, value in angles.items()}


def _one(side_limb: str, **angles: int) -> dict[str, int]:
    return {f"{side_limb}.{name}": value for name, value in angles.items()}


# The natural posture of each base position; angles not listed are 0. Frames change it.
BASE_POSTURES: dict[Base, dict[str, int]] = {
    Base.LYING_ON_BACK: {},
    Base.LYING_ON_SIDE: _one("far_arm", shoulder_abduction=180),
    Base.LYING_FACE_DOWN: {"head": -10} | _both("leg", ankle=-40),
    Base.HANDS_AND_KNEES: _both("leg", hip=90, knee=116, ankle=-40) | _both("arm", shoulder=90),
    Base.KNEELING: _both("leg", knee=100, ankle=-3) | _both("arm", elbow=10),
    Base.HALF_KNEELING: _one("near_leg", hip=-5, knee=100, ankle=-3)
    | _one("far_leg", hip=96, knee=84, ankle=-12)
    | _both("arm", elbow=10),
    Base.SITTING: _both("leg", hip=90, knee=90) | _both("arm", shoulder=25, elbow=60),
    Base.SITTING_ON_FLOOR: _both("leg", hip=90) | _both("arm", shoulder=-10),
    Base.STANDING: _both("arm", shoulder=8, elbow=20) | _both("leg", knee=3),
    Base.STANDING_ON_ONE_LEG: _both("arm", shoulder=8, elbow=20)
    | _one("near_leg", hip=35, knee=80)
    | _one("far_leg", knee=3),
}


@dataclass(frozen=True)
class Posture:
    """One frame fully resolved: every angle, plus the frame's placement settings."""

    angles: dict[str, int]
    step_foot: BodyPart | None
    off_floor: int
    slide: int
    water_depth: int


# Bases where the body rests on the floor and settles by its own weight; the others are
# held upright by the feet, knees or seat and keep the trunk angle they are given.
RESTING_BASES = frozenset({Base.LYING_ON_BACK, Base.LYING_ON_SIDE, Base.LYING_FACE_DOWN, Base.HANDS_AND_KNEES})
UPRIGHT_BASES = frozenset(set(Base) - RESTING_BASES)
SEATS = frozenset({Prop.CHAIR, Prop.BENCH, Prop.BIKE, Prop.BALL})
DEFAULT_VIEWS = {base: View.SIDE for base in Base} | {Base.LYING_ON_SIDE: View.FRONT_ABOVE}
# Lying on your back or face down, the body can also be seen from straight above.
SEEN_FROM_ABOVE = frozenset({Base.LYING_ON_BACK, Base.LYING_FACE_DOWN})

# What each view shows, for the editor's guide.
VIEW_MEANINGS: dict[View, str] = {
    View.SIDE: "from beside the body, level: for bending and straightening (the usual view)",
    View.FRONT: (
        "from in front, level: for moves out to the side. Lying on your side, the reader stands a little toward "
        "the head, so a forearm on the floor or a shin bent back is drawn at a slant"
    ),
    View.FRONT_ABOVE: (
        "from in front and a little above, so knees bent toward the reader show (the usual view lying on your "
        "side). Upright, the reader also stands a little to the near side, so a small squat shows as bent knees"
    ),
    View.ABOVE: (
        "from straight above, lying on your back or face down: for a knee that falls out to the side or a leg "
        "that crosses the other; the near side is at the bottom of the picture"
    ),
}

# Where each prop is drawn; the editor's guide prints this table.
PROP_PLACES: dict[Prop, str] = {
    Prop.MAT: "under the body, on the floor",
    Prop.BAND: "from the near ankle to the post when there is a post, otherwise around both legs just above the knees",
    Prop.STEP: "under the foot named by the frame's step_foot",
    Prop.CHAIR: (
        "under the seat when sitting; otherwise beside the body and facing the way it faces, its backrest under "
        "the far hand (bend that arm so the hand reaches the height of a chair back)"
    ),
    Prop.BENCH: "under the seat when sitting; lying on your side, under the top knee",
    Prop.WALL: (
        "behind the back when sitting on the floor; standing, where the near hand touches it when that arm "
        "reaches forward, otherwise behind the body in every frame, under the far hand (reach that arm out a "
        "little, so the hand shows on the wall)"
    ),
    Prop.POST: "a fixed object just beyond the feet, the band's anchor",
    Prop.BALL: "under the seat when sitting; otherwise between the knees, in front of them",
    Prop.BIKE: "an exercise bike: saddle under the seat, pedals under the feet, bars at the hands",
    Prop.PILLOW: "under the hips when lying face down, under the head otherwise",
    Prop.DOOR: (
        "upright, seen from the front or the front and above: a closed door beside the near side, the band tied"
        " to its edge at the height of the hands in the first frame (add band: it runs from the door to the hands)"
    ),
    Prop.CUSHIONS: (
        "lying on your back only: one under each knee, where the knee rests in the last frame (for knees that"
        " fall out to the side)"
    ),
}


def _angle(joint: Joint, meaning: str) -> Any:
    low, high = JOINT_RANGES[joint]
    return Field(default=None, ge=low, le=high, description=f"{meaning} Degrees, {low} to {high}.")


# ---- Models -----------------------------------------------------------------------------


class _PoseModel(BaseModel):
    """Base for the pose models: unknown fields are mistakes, and values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Leg(_PoseModel):
    """The angles of one leg; a missing angle keeps the base position's value."""

    hip: int | None = _angle(
        Joint.HIP,
        "Hip bend: 0 in line with the trunk, 90 thigh at a square corner to the trunk, negative behind the body.",
    )
    hip_abduction: int | None = _angle(
        Joint.HIP_ABDUCTION, "Leg out to the side: positive away from the other leg, negative across it."
    )
    hip_rotation: int | None = _angle(
        Joint.HIP_ROTATION, "Thigh turned about its length: positive knee and toes turned out, negative turned in."
    )
    knee: int | None = _angle(Joint.KNEE, "Knee bend: 0 straight, 90 a square corner.")
    ankle: int | None = _angle(
        Joint.ANKLE,
        "Ankle: 0 foot at a square corner to the shin, positive toes pulled up, negative toes pointed. For a foot "
        "flat on the floor in an upright position: ankle = trunk − hip + knee.",
    )


class Arm(_PoseModel):
    """The angles of one arm; a missing angle keeps the base position's value."""

    shoulder: int | None = _angle(
        Joint.SHOULDER, "Arm forward: 0 hanging by the side, 90 straight forward, 180 overhead, negative behind."
    )
    shoulder_abduction: int | None = _angle(
        Joint.SHOULDER_ABDUCTION, "Arm out to the side: 0 by the side, 90 level with the shoulder, 180 overhead."
    )
    elbow: int | None = _angle(Joint.ELBOW, "Elbow bend: 0 straight, 90 a square corner.")


class Frame(_PoseModel):
    """One moment of the exercise: only what changes from the frame before (or, first, from the base position)."""

    trunk: int | None = _angle(
        Joint.TRUNK, "Upright positions only: lean of the trunk and pelvis, 0 upright, positive forward."
    )
    trunk_side: int | None = _angle(
        Joint.TRUNK_SIDE,
        "Side bend at the waist: positive toward the near side (lying on your side: shoulders up off the floor).",
    )
    head: int | None = _angle(Joint.HEAD, "Neck: 0 in line with the trunk, positive chin toward the chest.")
    pelvis_tilt: int | None = _angle(
        Joint.PELVIS_TILT, "Pelvis: positive tipped back (low back flatter), negative tipped forward (low back arched)."
    )
    legs: Leg | None = Field(default=None, description="Angles for both legs.")
    near_leg: Leg | None = Field(default=None, description="Angles for the near leg only; they win over `legs`.")
    far_leg: Leg | None = Field(default=None, description="Angles for the far leg only; they win over `legs`.")
    arms: Arm | None = Field(default=None, description="Angles for both arms.")
    near_arm: Arm | None = Field(default=None, description="Angles for the near arm only; they win over `arms`.")
    far_arm: Arm | None = Field(default=None, description="Angles for the far arm only; they win over `arms`.")
    step_foot: BodyPart | None = Field(
        default=None, description="With the step prop: the leg whose foot stands on the step (near-leg or far-leg)."
    )
    off_floor: int | None = Field(
        default=None,
        ge=0,
        le=60,
        description="Upright positions only: height of a hop or jump, in cm (0–60; 0 lands again).",
    )
    slide: int | None = Field(
        default=None,
        ge=-60,
        le=60,
        description=(
            "Moves the whole body along the floor, in cm (−60 to 60): positive toward the head when lying, forward "
            "when upright."
        ),
    )
    water_depth: int | None = Field(
        default=None,
        ge=0,
        le=160,
        description="Draws water this deep, in cm (up to 160), for exercise in a pool; 0 for none.",
    )


class Pose(_PoseModel):
    """An exercise drawn from a description: a base position, props, moving parts and frames."""

    base: Base = Field(description="The starting body position.")
    view: View | None = Field(
        default=None,
        description=(
            "Where the reader stands: side (the default), front (for movements out to the side), front-above (from the "
            "front and a little above, to show knees bent toward the reader; the default lying on your side) or above "
            "(straight down on a body lying on its back or face down, to show a knee falling out to the side)."
        ),
    )
    props: list[Prop] = Field(
        default_factory=list, description="Things drawn with the body, e.g. [mat, chair]; each has a fixed place."
    )
    moving: list[BodyPart] = Field(
        min_length=1, description="The body parts drawn in the accent colour, e.g. [near-leg]."
    )
    motion: Motion = Field(
        default=Motion.MOVE,
        description=(
            "move (an arrow from start to end), back-and-forth (a two-headed arrow) or squeeze (no movement: tension "
            "marks)."
        ),
    )
    layout: Layout = Field(
        default=Layout.AUTO,
        description=(
            "overlay (one figure, start shown as an outline), sequence (frames in a row) or auto (overlay when only "
            "the moving parts change)."
        ),
    )
    frames: list[Frame] = Field(
        min_length=2,
        max_length=4,
        description="Two to four moments, start first; each gives only the angles that differ from the base position.",
    )
    description: str | None = Field(
        default=None,
        min_length=10,
        max_length=300,
        description="Plain words for people who cannot see the picture; written from the pose when left out.",
    )

    @model_validator(mode="after")
    def _fits_the_base(self) -> Pose:
        if self.base is Base.LYING_ON_SIDE and self.view is View.SIDE:
            raise ValueError(
                "lying on your side is drawn from the front: use view: front or front-above, or leave view out"
            )
        if self.view is View.ABOVE and self.base not in SEEN_FROM_ABOVE:
            raise ValueError("view: above is only for lying-on-back or lying-face-down; use side, front or front-above")
        if self.base is Base.SITTING and not SEATS & set(self.props):
            raise ValueError("sitting needs a seat: add chair, bench, ball or bike to props (or use sitting-on-floor)")
        if Prop.BIKE in self.props and self.base is not Base.SITTING:
            raise ValueError("the bike prop needs base: sitting")
        if Prop.DOOR in self.props and (
            self.base not in UPRIGHT_BASES or self.shown_view not in (View.FRONT, View.FRONT_ABOVE)
        ):
            raise ValueError(
                "the door prop is for upright positions seen from the front (view: front or front-above), "
                "so the door shows beside the body"
            )
        if Prop.DOOR in self.props and Prop.POST in self.props:
            raise ValueError("a band has one anchor: use door or post, not both")
        if Prop.CUSHIONS in self.props and self.base is not Base.LYING_ON_BACK:
            raise ValueError("the cushions prop needs base: lying-on-back (one under each knee)")
        if len(set(self.props)) != len(self.props):
            raise ValueError("props: each prop may appear only once")
        if len(set(self.moving)) != len(self.moving):
            raise ValueError("moving: each body part may appear only once")
        for index, frame in enumerate(self.frames):
            self._check_frame(f"frames[{index}]", frame)
        postures = self.postures()
        if self.motion is not Motion.SQUEEZE and any(after == before for before, after in zip(postures, postures[1:])):
            raise ValueError(
                "a frame changes nothing from the one before: change an angle, or use motion: squeeze for a hold "
                "without movement"
            )
        return self

    def _check_frame(self, where: str, frame: Frame) -> None:
        if self.base in RESTING_BASES and frame.trunk is not None:
            raise ValueError(
                f"{where}.trunk: only for upright positions; a lying body settles on the floor by itself, so bend the "
                "hips and knees instead"
            )
        if self.base in RESTING_BASES and frame.off_floor is not None:
            raise ValueError(f"{where}.off_floor: only for upright positions (hops and jumps)")
        if frame.step_foot is not None and Prop.STEP not in self.props:
            raise ValueError(f"{where}.step_foot: needs the step prop in props")
        if frame.step_foot not in (None, BodyPart.NEAR_LEG, BodyPart.FAR_LEG):
            raise ValueError(f"{where}.step_foot: must be near-leg or far-leg")
        if frame.step_foot is not None and self.base in RESTING_BASES:
            raise ValueError(f"{where}.step_foot: only for upright positions")

    @property
    def shown_view(self) -> View:
        """The view actually drawn: the one given, or the base position's usual view."""
        return self.view or DEFAULT_VIEWS[self.base]

    def postures(self) -> list[Posture]:
        """Every frame resolved: base posture, then each frame's changes in turn."""
        angles = dict.fromkeys(ANGLE_KEYS, 0) | BASE_POSTURES[self.base]
        placement: dict[str, Any] = {"step_foot": None, "off_floor": 0, "slide": 0, "water_depth": 0}
        resolved = []
        for frame in self.frames:
            angles = angles | _frame_angles(frame)
            placement |= {key: value for key in placement if (value := getattr(frame, key)) is not None}
            resolved.append(Posture(angles=dict(angles), **placement))
        return resolved


def _frame_angles(frame: Frame) -> dict[str, int]:
    """The angles a frame sets, as flat keys; side-specific values win over both-sides ones."""
    angles = {joint.value: value for joint in BODY_JOINTS if (value := getattr(frame, joint.value)) is not None}
    for limb, model in (("leg", Leg), ("arm", Arm)):
        for side in SIDES:
            for part in (getattr(frame, f"{limb}s"), getattr(frame, f"{side}_{limb}")):
                if part is not None:
                    angles |= {
                        f"{side}_{limb}.{name}": value
                        for name in model.model_fields
                        if (value := getattr(part, name)) is not None
                    }
    return angles
