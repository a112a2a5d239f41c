"""The editor's guide page on poses: every base position and every joint, drawn by the real drawing code.

An editor writes a picture as joint angles, and needs to see what a name means before
guessing: which leg is "near", which way a positive angle turns. So each base position
is drawn in its natural posture, and each joint is drawn moving from 0 to a positive
angle, with the same code that draws the exercises; a change to the drawing shows here
too. Every example is a real `Pose`, validated like an editor's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fai_site.catalogue.pose import (
    BASE_POSTURES,
    DEFAULT_VIEWS,
    JOINT_RANGES,
    Arm,
    Base,
    BodyPart,
    Frame,
    Joint,
    Leg,
    Pose,
    Prop,
)
from fai_site.pictures.drawing import render_illustration

PAGE = "editors-guide-poses"
PICTURES = "editors-guide-poses"
# Bases that need a prop to make sense: a chair to sit on.
BASE_PROPS: dict[Base, list[Prop]] = {Base.SITTING: [Prop.CHAIR]}


@dataclass(frozen=True)
class JointDemo:
    """How one joint is shown: the base and view that show it best, and the frame that turns it."""

    joint: Joint
    base: Base
    view: str
    moving: BodyPart
    change: dict[str, Any]

    @property
    def written(self) -> str:
        """The change as an editor writes it in a frame."""
        return flow(self.change)


JOINT_DEMOS = [
    JointDemo(Joint.TRUNK, Base.STANDING, "side", BodyPart.TRUNK, {"trunk": 40, "legs": {"hip": 40, "ankle": 0}}),
    JointDemo(Joint.TRUNK_SIDE, Base.STANDING, "front", BodyPart.TRUNK, {"trunk_side": 25}),
    JointDemo(Joint.HEAD, Base.STANDING, "side", BodyPart.HEAD, {"head": 40}),
    JointDemo(Joint.PELVIS_TILT, Base.LYING_ON_BACK, "side", BodyPart.PELVIS, {"pelvis_tilt": 15}),
    JointDemo(Joint.HIP, Base.STANDING, "side", BodyPart.NEAR_LEG, {"near_leg": {"hip": 60}}),
    JointDemo(Joint.HIP_ABDUCTION, Base.STANDING, "front", BodyPart.NEAR_LEG, {"near_leg": {"hip_abduction": 35}}),
    JointDemo(Joint.HIP_ROTATION, Base.SITTING, "front", BodyPart.NEAR_LEG, {"near_leg": {"hip_rotation": 40}}),
    JointDemo(Joint.KNEE, Base.LYING_FACE_DOWN, "side", BodyPart.NEAR_LEG, {"near_leg": {"knee": 90}}),
    JointDemo(Joint.ANKLE, Base.LYING_ON_BACK, "side", BodyPart.NEAR_LEG, {"near_leg": {"ankle": 25}}),
    JointDemo(Joint.SHOULDER, Base.STANDING, "side", BodyPart.NEAR_ARM, {"near_arm": {"shoulder": 90}}),
    JointDemo(
        Joint.SHOULDER_ABDUCTION, Base.STANDING, "front", BodyPart.NEAR_ARM, {"near_arm": {"shoulder_abduction": 90}}
    ),
    JointDemo(Joint.ELBOW, Base.STANDING, "side", BodyPart.NEAR_ARM, {"near_arm": {"elbow": 90}}),
]
SIDE_DEMOS = [
    (BodyPart.NEAR_LEG, Base.STANDING, "side", {"near_leg": {"hip": 40}}),
    (BodyPart.FAR_LEG, Base.STANDING, "side", {"far_leg": {"hip": 40}}),
    (BodyPart.NEAR_LEG, Base.STANDING, "front", {"near_leg": {"hip_abduction": 30}}),
    (BodyPart.FAR_LEG, Base.STANDING, "front", {"far_leg": {"hip_abduction": 30}}),
    (BodyPart.NEAR_ARM, Base.STANDING, "front", {"near_arm": {"shoulder_abduction": 70}}),
    (BodyPart.FAR_ARM, Base.STANDING, "front", {"far_arm": {"shoulder_abduction": 70}}),
    (BodyPart.NEAR_LEG, Base.LYING_ON_SIDE, "front-above", {"near_leg": {"hip_abduction": 30}}),
    (BodyPart.NEAR_LEG, Base.LYING_ON_BACK, "above", {"near_leg": {"hip_abduction": 30}}),
]


@dataclass(frozen=True)
class Drawn:
    """One example: its picture's path in the site, the pose as an editor would write it, and the SVG."""

    name: str
    path: str
    yaml: str
    svg: str


@dataclass(frozen=True)
class PoseGuide:
    bases: list[tuple[Base, str, Drawn]]
    sides: list[tuple[BodyPart, str, Drawn]]
    joints: list[tuple[JointDemo, tuple[int, int], str, Drawn]]

    @property
    def pictures(self) -> list[Drawn]:
        return (
            [drawn for *_, drawn in self.bases]
            + [drawn for *_, drawn in self.sides]
            + [drawn for *_, drawn in self.joints]
        )


def pose_guide() -> PoseGuide:
    return PoseGuide(
        bases=[(base, posture_text(base), base_example(base)) for base in Base],
        sides=[
            (part, f"{base.value}, {view} view", side_example(part, base, view, change))
            for part, base, view, change in SIDE_DEMOS
        ],
        joints=[
            (demo, JOINT_RANGES[demo.joint], joint_meaning(demo.joint), joint_example(demo)) for demo in JOINT_DEMOS
        ],
    )


def base_example(base: Base) -> Drawn:
    """The base position as it is before any frame changes it; a squeeze shows a still picture."""
    data: dict[str, Any] = {
        "base": base.value,
        "props": [prop.value for prop in BASE_PROPS.get(base, [])],
        "moving": ["pelvis"],
        "motion": "squeeze",
        "frames": [{}, {}],
    }
    return drawn(f"base-{base.value}", data, title=f"Base position: {base.value}")


def side_example(part: BodyPart, base: Base, view: str, change: dict[str, Any]) -> Drawn:
    data = {"base": base.value, "view": view, "moving": [part.value], "frames": [{}, change]}
    return drawn(
        f"side-{part.value}-{base.value}-{view}",
        data,
        title=f"The {part.value.replace('-', ' ')} in colour, {base.value}, {view} view",
    )


def joint_example(demo: JointDemo) -> Drawn:
    data = {
        "base": demo.base.value,
        "view": demo.view,
        "props": [prop.value for prop in BASE_PROPS.get(demo.base, [])],
        "moving": [demo.moving.value],
        "frames": [{}, demo.change],
    }
    return drawn(f"joint-{demo.joint.value}", data, title=f"{demo.joint.value}: from 0 to a positive angle")


def drawn(name: str, data: dict[str, Any], *, title: str) -> Drawn:
    pose = Pose.model_validate(data)
    return Drawn(
        name, f"{PICTURES}/{name}.svg", pose_yaml(data), render_illustration(pose, title=title, uid=f"guide-{name}")
    )


def pose_yaml(data: dict[str, Any]) -> str:
    """The pose as the guide prints it under `illustration:`, in the catalogue's own flow style."""
    lines = ["illustration:", "  pose:"]
    for key, value in data.items():
        if key == "frames":
            lines.append("    frames:")
            lines += [f"      - {flow(frame)}" for frame in value]
        elif value != []:
            lines.append(f"    {key}: {flow(value)}")
    return "\n".join(lines)


def flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(inner)}" for key, inner in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return str(value)


def posture_text(base: Base) -> str:
    """The base position's natural angles, as a frame would write them; 'all 0' when it has none."""
    posture = BASE_POSTURES[base]
    return (
        ", ".join(f"{key.replace('_', ' ', 1) if '.' in key else key} {value}" for key, value in posture.items())
        or "every angle 0"
    )


def joint_meaning(joint: Joint) -> str:
    """What the angle measures and which way is positive: the field's own description."""
    for model in (Frame, Leg, Arm):
        if joint.value in model.model_fields:
            description = model.model_fields[joint.value].description or ""
            return description.rsplit(" Degrees,", 1)[0]
    return ""


def default_view(base: Base) -> str:
    return DEFAULT_VIEWS[base].value


def where_written(joint: Joint) -> str:
    """The frame field an angle goes in: the frame itself, or a leg or an arm."""
    if joint.value in Leg.model_fields:
        return "legs, near_leg, far_leg"
    if joint.value in Arm.model_fields:
        return "arms, near_arm, far_arm"
    return "the frame"
