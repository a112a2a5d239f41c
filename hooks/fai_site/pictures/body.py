"""Kinematics: a pose's frames → body points in centimetres, standing on the floor.

The body is a small 3D skeleton of human proportions (about 166 cm tall). Joint angles
turn its segments; the base position turns the whole body (lying, kneeling, …) and the
view decides which way it faces the reader. Then the body is put on the floor:

* a lying body (and one on hands and knees) settles by its own weight, tipping about
  its lowest point until its centre of mass is over what touches the floor;
* an upright body keeps its trunk angle and is lowered until its feet, knees or seat
  touch the floor (or the step).

World axes: x to the right of the picture, z up (the floor is z = 0), depth toward the
reader; the front-above view looks down a little (`project`). Every body point is drawn
as a disc of a fixed radius (the stroke's half-width), so "touching the floor" means
z − radius = 0 (or the height of the step, bench or pillow it rests on).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

from fai_site.catalogue.pose import RESTING_BASES, UPRIGHT_BASES, Base, BodyPart, Pose, Posture, Prop, View
from fai_site.pictures.geometry import (
    D,
    F,
    Matrix,
    N,
    U,
    Vec,
    X,
    Z,
    add,
    apply,
    chain,
    length,
    matmul,
    neg,
    orientation,
    project,
    rotation,
    scale,
    sub,
    turned,
)

# ---- Proportions (cm) ---------------------------------------------------------------------

TRUNK = 48.0  # hip centre → shoulder centre
NECK = 20.0  # shoulder centre → head centre, along the spine
FACE = 2.5  # head centre sits this far in front of the spine
HEAD_R = 10.5
HIP_HALF = 8.5  # hip joint ↔ midline
HIP_SIDE = 17.0  # side of the hip ↔ midline (as wide as the shoulders)
SHOULDER_HALF = 17.0  # shoulder joint ↔ midline
THIGH = 40.0
SHIN = 40.0  # knee → ankle
HEEL: tuple[float, float] = (-3.0, -6.0)  # (forward, up) from the ankle, in the foot's frame
TOE: tuple[float, float] = (14.0, -6.0)
UPPER_ARM = 28.0
FOREARM = 23.0  # elbow → wrist
HAND = 7.0

TORSO_R = 8.0  # half-widths of the strokes (the trunk is wider seen from the front)
TORSO_FRONT_R = 11.5
LIMB_R = 4.5
FOOT_R = 3.5
HAND_R = 3.5

SEGMENT_LENGTHS: dict[str, float] = {
    "trunk": TRUNK,
    "thigh": THIGH,
    "shin": SHIN,
    "foot": TOE[0] - HEEL[0],
    "upper_arm": UPPER_ARM,
    "forearm": FOREARM,
    "hand": HAND,
}
# Each limb segment: name → (from point, to point), for each side.
LIMB_SEGMENTS: dict[str, tuple[str, str]] = {
    "thigh": ("hip", "knee"),
    "shin": ("knee", "ankle"),
    "foot": ("heel", "toe"),
    "upper_arm": ("shoulder", "elbow"),
    "forearm": ("elbow", "wrist"),
    "hand": ("wrist", "hand"),
}
LEG_POINTS = ("hip", "knee", "ankle", "heel", "toe")
ARM_POINTS = ("shoulder", "elbow", "wrist", "hand")
SPINE_SAMPLES = 6  # points along the trunk's curve (pelvis … neck)

# Props (cm): the heights a body rests on are needed here; `props` draws the props themselves
MAT_THICKNESS = 2.5
STEP_HEIGHT = 15.0
BENCH_HEIGHT = 42.0
BENCH_TOP = 7.0  # thickness of the bench's padded top
PILLOW_HEIGHT = 8.0
POST_HEIGHT = 55.0
BIKE_CRANK_HEIGHT = 30.0

LORDOSIS = 1.2  # forward bow of the low back (cm at the control point's half)
CONTACT_TOLERANCE = 0.05
FLAT_TOLERANCE = 0.05
# How far each view's camera looks down (degrees): straight above is a plan of the body.
ELEVATIONS: dict[View, float] = {View.SIDE: 0.0, View.FRONT: 0.0, View.FRONT_ABOVE: 20.0, View.ABOVE: 90.0}
# Lying on your side seen level from the front, the camera also steps round toward the head
# (degrees), so a forearm on the floor or a shin bent back, which point at the reader or
# away, are drawn at a slant (the forearm under the chest, the shin folded behind the knee),
# not end-on. From a little above they already show, and the body stays square on.
SIDE_LYING_AZIMUTH = -35.0
# Upright, seen from in front and a little above, the camera steps round toward the near side,
# so hips and knees bent forward (toward the reader) show as a bend, not as straight legs.
UPRIGHT_AZIMUTH = 35.0
# Mass fractions for the centre of mass (Dempster, rounded).
MASS = {
    "trunk": 0.50,
    "head": 0.08,
    "upper_arm": 0.028,
    "forearm": 0.016,
    "hand": 0.006,
    "thigh": 0.10,
    "shin": 0.047,
    "foot": 0.015,
}


# ---- Orientation -----------------------------------------------------------------------------

UPRIGHT_SIDE = orientation(X, D, Z)
UPRIGHT_FRONT = orientation(D, X, Z)
BASE_ORIENTATIONS: dict[Base, Matrix] = {
    Base.LYING_ON_BACK: orientation(Z, D, neg(X)),  # face up, head on the left
    Base.LYING_FACE_DOWN: orientation(neg(Z), D, X),  # face down, head on the right
    Base.HANDS_AND_KNEES: orientation(neg(Z), D, X),  # facing the floor, head on the right
    Base.LYING_ON_SIDE: orientation(D, Z, neg(X)),  # facing the reader, near side up, head left
}


# ---- The body in one frame -----------------------------------------------------------------


@dataclass(frozen=True)
class FrameFigure:
    """One frame's body on the floor: named points in world cm, each with a drawing radius."""

    points: dict[str, Vec]
    radii: dict[str, float]
    view: View
    posture: Posture
    elevation: float = 0.0
    azimuth: float = 0.0
    supports: frozenset[str] = field(default_factory=frozenset)
    surfaces: dict[str, float] = field(default_factory=dict)  # points resting on a prop: its height

    def surface(self, name: str) -> float:
        """Height of what the point rests on when it touches down: the floor (0) or a prop."""
        return self.surfaces.get(name, 0.0)

    def touches(self, name: str, tolerance: float = 1.5) -> bool:
        return abs(self.bottom(name) - self.surface(name)) <= tolerance

    def xy(self, name: str) -> tuple[float, float]:
        """The point on the picture plane: (x right, y up), seen from the frame's camera."""
        return project(self.points[name], self.elevation, self.azimuth)

    def depth(self, name: str) -> float:
        """How near the reader the point is (larger: nearer), seen from the frame's camera:
        toward the reader for a level camera, up for one straight above, a mix between."""
        toward = turned(self.points[name], self.azimuth)[1]
        e = math.radians(self.elevation)
        return toward * math.cos(e) + self.points[name][2] * math.sin(e)

    def bottom(self, name: str) -> float:
        """Height of the lowest edge of the point's disc."""
        return self.points[name][2] - self.radii[name]

    def spine(self) -> list[str]:
        return [f"spine{i}" for i in range(SPINE_SAMPLES)]

    def segment_length(self, side: str, segment: str) -> float:
        a, b = LIMB_SEGMENTS[segment]
        return length(sub(self.points[f"{side}_{b}"], self.points[f"{side}_{a}"]))

    @cached_property
    def trunk_length(self) -> float:
        return length(sub(self.points["neck"], self.points["pelvis"]))

    def part_points(self, part: BodyPart) -> list[str]:
        """The named points that belong to a body part (for accents, arrows and tests)."""
        if part is BodyPart.HEAD:
            return ["head"]
        if part is BodyPart.TRUNK:
            return ["neck", *self.spine()]
        if part is BodyPart.PELVIS:
            return ["pelvis", "near_hip", "far_hip", *self.spine()[:4]]
        side, limb = part.value.split("-")
        names = LEG_POINTS if limb == "leg" else ARM_POINTS
        return [f"{side}_{name}" for name in names]


# ---- Placing a frame ---------------------------------------------------------------------------


def place(pose: Pose, posture: Posture) -> FrameFigure:
    """One frame: the skeleton from its angles, turned by the base position, put on the floor."""
    # the trunk's disc: its thickness seen from the side or from above (what a back rests on), its width from the front
    torso_r = TORSO_R if pose.shown_view in (View.SIDE, View.ABOVE) else TORSO_FRONT_R
    points, radii = skeleton(posture.angles, hands_flat=pose.base is Base.HANDS_AND_KNEES, torso_r=torso_r)
    turn = body_orientation(pose)
    points = {name: apply(turn, p) for name, p in points.items()}
    heights = terrain(pose, posture, points)
    if pose.base in RESTING_BASES:
        points = settle(points, radii, heights, flat=TRUNK_CONTACTS.get(pose.base))
    elif Prop.BIKE in pose.props:
        points = pedal(points)
    else:
        points = stand(points, radii, heights, lift=posture.off_floor)
    points = anchor(pose, posture, points, radii, heights)
    supports = frozenset(n for n in radii if abs(points[n][2] - radii[n] - heights.get(n, 0.0)) <= 0.6)
    return FrameFigure(
        points=points,
        radii=radii,
        view=pose.shown_view,
        posture=posture,
        elevation=camera_elevation(pose),
        azimuth=camera_azimuth(pose),
        supports=supports,
        surfaces=heights,
    )


def camera_elevation(pose: Pose) -> float:
    """The front-above view looks down a little, so limbs bent toward the reader show; the above view looks straight
    down."""
    return ELEVATIONS[pose.shown_view]


def camera_azimuth(pose: Pose) -> float:
    """Where the camera steps round, so limbs that point at the reader slant: lying on your side
    seen level, toward the head; upright seen from in front and above, toward the near side."""
    if pose.base is Base.LYING_ON_SIDE and pose.shown_view is View.FRONT:
        return SIDE_LYING_AZIMUTH
    if pose.base in UPRIGHT_BASES and pose.shown_view is View.FRONT_ABOVE:
        return UPRIGHT_AZIMUTH
    return 0.0


def body_orientation(pose: Pose) -> Matrix:
    if pose.base in BASE_ORIENTATIONS:
        return BASE_ORIENTATIONS[pose.base]
    return UPRIGHT_SIDE if pose.shown_view is View.SIDE else UPRIGHT_FRONT


# ---- Skeleton -------------------------------------------------------------------------------


def skeleton(
    angles: dict[str, int], *, hands_flat: bool = False, torso_r: float = TORSO_R
) -> tuple[dict[str, Vec], dict[str, float]]:
    """Body points in the body's own frame (pelvis at the origin, standing upright)."""
    a = {key: float(value) for key, value in angles.items()}
    pelvis_frame = rotation(N, a["trunk"])
    spine_frame = matmul(pelvis_frame, rotation(F, -a["trunk_side"]))
    head_frame = matmul(spine_frame, rotation(N, a["head"]))
    origin: Vec = (0.0, 0.0, 0.0)
    neck = apply(spine_frame, scale(U, TRUNK))
    points: dict[str, Vec] = {"pelvis": origin, "neck": neck}
    radii: dict[str, float] = {"pelvis": torso_r, "neck": torso_r}
    points["head"] = add(neck, apply(head_frame, add(scale(U, NECK), scale(F, FACE))))
    radii["head"] = HEAD_R
    # The trunk's gentle curve: the low back bows forward, less when the pelvis tips back.
    arch = max(0.0, LORDOSIS - 0.22 * a["pelvis_tilt"])
    for i in range(SPINE_SAMPLES):
        t = i / (SPINE_SAMPLES - 1)
        along = scale(U, TRUNK * t)
        bow = scale(F, 2 * arch * 2 * t * (1 - t))  # quadratic Bézier: control point 2×arch forward
        frame = pelvis_frame if t < 0.5 else spine_frame
        points[f"spine{i}"] = apply(frame, add(along, bow)) if i else origin
        radii[f"spine{i}"] = torso_r
    for side, sign in (("near", 1.0), ("far", -1.0)):
        # the side of the hip (not drawn): what a body lying on its side rests on
        points[f"{side}_hip_side"] = apply(pelvis_frame, scale(N, sign * HIP_SIDE))
        radii[f"{side}_hip_side"] = LIMB_R
        leg(points, radii, side, sign, a, pelvis_frame)
        arm(points, radii, side, sign, a, spine_frame, neck, hands_flat)
    return points, radii


def leg(
    points: dict[str, Vec], radii: dict[str, float], side: str, sign: float, a: dict[str, float], pelvis_frame: Matrix
) -> None:
    key = f"{side}_leg."
    hip = apply(pelvis_frame, scale(N, sign * HIP_HALF))
    thigh = chain(
        pelvis_frame,
        rotation(N, -a[key + "hip"]),
        rotation(F, sign * a[key + "hip_abduction"]),
        rotation(U, sign * a[key + "hip_rotation"]),
    )
    knee = add(hip, apply(thigh, scale(U, -THIGH)))
    shin = matmul(thigh, rotation(N, a[key + "knee"]))
    ankle = add(knee, apply(shin, scale(U, -SHIN)))
    foot = matmul(shin, rotation(N, -a[key + "ankle"]))
    heel = add(ankle, apply(foot, (HEEL[0], 0.0, HEEL[1])))
    toe = add(ankle, apply(foot, (TOE[0], 0.0, TOE[1])))
    for name, p, r in (
        ("hip", hip, LIMB_R),
        ("knee", knee, LIMB_R),
        ("ankle", ankle, LIMB_R),
        ("heel", heel, FOOT_R),
        ("toe", toe, FOOT_R),
    ):
        points[f"{side}_{name}"] = p
        radii[f"{side}_{name}"] = r


def arm(
    points: dict[str, Vec],
    radii: dict[str, float],
    side: str,
    sign: float,
    a: dict[str, float],
    spine_frame: Matrix,
    neck: Vec,
    hands_flat: bool,
) -> None:
    key = f"{side}_arm."
    shoulder = add(neck, apply(spine_frame, scale(N, sign * SHOULDER_HALF)))
    upper = chain(spine_frame, rotation(N, -a[key + "shoulder"]), rotation(F, sign * a[key + "shoulder_abduction"]))
    elbow = add(shoulder, apply(upper, scale(U, -UPPER_ARM)))
    fore = matmul(upper, rotation(N, -a[key + "elbow"]))
    wrist = add(elbow, apply(fore, scale(U, -FOREARM)))
    direction = apply(fore, neg(U))
    down = neg(F)  # on hands and knees the floor is in front of the body
    if hands_flat and sum(d * e for d, e in zip(direction, down)) > math.cos(math.radians(40)):
        direction = U  # palm flat on the floor, fingers toward the head
    hand = add(wrist, scale(direction, HAND))
    for name, p, r in (
        ("shoulder", shoulder, LIMB_R),
        ("elbow", elbow, LIMB_R),
        ("wrist", wrist, LIMB_R),
        ("hand", hand, HAND_R),
    ):
        points[f"{side}_{name}"] = p
        radii[f"{side}_{name}"] = r


def centre_of_mass(points: dict[str, Vec]) -> Vec:
    parts: list[tuple[float, Vec]] = [
        (MASS["trunk"], midpoint(points["pelvis"], points["neck"])),
        (MASS["head"], points["head"]),
    ]
    for side in ("near", "far"):
        for segment in ("thigh", "shin", "foot", "upper_arm", "forearm", "hand"):
            a, b = LIMB_SEGMENTS[segment]
            parts.append((MASS[segment], midpoint(points[f"{side}_{a}"], points[f"{side}_{b}"])))
    total = sum(w for w, _ in parts)
    return scale(
        (sum(w * p[0] for w, p in parts), sum(w * p[1] for w, p in parts), sum(w * p[2] for w, p in parts)), 1 / total
    )


def midpoint(a: Vec, b: Vec) -> Vec:
    return scale(add(a, b), 0.5)


# ---- Putting the body on the floor ----------------------------------------------------------


def terrain(pose: Pose, posture: Posture, points: dict[str, Vec]) -> dict[str, float]:
    """The height of the surface under each point that rests on a prop (pillow, bench, step)."""
    heights: dict[str, float] = {}
    if Prop.PILLOW in pose.props:
        if pose.base is Base.LYING_FACE_DOWN:
            heights |= dict.fromkeys(["pelvis", "spine0", "spine1", "near_hip", "far_hip"], PILLOW_HEIGHT)
        else:
            heights["head"] = PILLOW_HEIGHT
    if Prop.BENCH in pose.props and pose.base is Base.LYING_ON_SIDE:
        heights |= dict.fromkeys(["near_knee", "near_ankle", "near_heel", "near_toe"], BENCH_HEIGHT)
    if posture.step_foot is not None:
        side = posture.step_foot.value.split("-")[0]
        heights |= dict.fromkeys([f"{side}_heel", f"{side}_toe", f"{side}_ankle"], STEP_HEIGHT)
    return heights


# A lying body whose trunk rests on these two points stays put: muscles hold the limbs up.
TRUNK_CONTACTS: dict[Base, tuple[str, str]] = {
    Base.LYING_ON_BACK: ("pelvis", "neck"),
    Base.LYING_FACE_DOWN: ("pelvis", "neck"),
    Base.LYING_ON_SIDE: ("far_hip_side", "far_shoulder"),
}


def settle(
    points: dict[str, Vec], radii: dict[str, float], heights: dict[str, float], *, flat: tuple[str, str] | None = None
) -> dict[str, Vec]:
    """Let a lying body tip about its lowest point until its centre of mass is supported.

    A body already lying flat on its trunk stays as it is (it holds its legs up); one
    that cannot (the feet would go through the floor in a bridge, the elbows in a
    plank) tips onto what it can rest on.
    """
    names = [n for n in points if n in radii]
    gap = {n: radii[n] + heights.get(n, 0.0) for n in names}
    for _ in range(16):
        lowest = min(points[n][2] - gap[n] for n in names)
        points = {n: (p[0], p[1], p[2] - lowest) for n, p in points.items()}
        if flat and all(points[n][2] - gap[n] <= FLAT_TOLERANCE for n in flat):
            break
        contacts = [n for n in names if points[n][2] - gap[n] <= CONTACT_TOLERANCE]
        com = centre_of_mass(points)[0]
        xs = [points[n][0] for n in contacts]
        if min(xs) - CONTACT_TOLERANCE <= com <= max(xs) + CONTACT_TOLERANCE:
            break
        direction = -1.0 if com > max(xs) else 1.0
        pivot = max(contacts, key=lambda n: points[n][0] * -direction)
        turn = tipping_angle(points, gap, names, pivot, direction)
        if turn is None:
            break
        points = rotate_about(points, points[pivot], turn)
    lowest = min(points[n][2] - gap[n] for n in names)
    return {n: (p[0], p[1], p[2] - lowest) for n, p in points.items()}


def tipping_angle(
    points: dict[str, Vec], gap: dict[str, float], names: list[str], pivot: str, direction: float
) -> float | None:
    """The smallest turn (radians, sign = direction) about the pivot that brings another point down."""
    best: float | None = None
    px, _, pz = points[pivot]
    for n in names:
        vx, vz = points[n][0] - px, points[n][2] - pz
        if (vx > 0) != (direction < 0) or abs(vx) < 1e-6:
            continue  # only points on the side that goes down
        c = gap[n] - gap[pivot]
        r = math.hypot(vx, vz)
        if r < 1e-9 or abs(c) > r:
            continue
        psi = math.atan2(vz, vx)
        base = math.asin(c / r)
        for t0 in (base - psi, math.pi - base - psi):
            for k in (-2, -1, 0, 1, 2):
                t = t0 + 2 * math.pi * k
                if direction * t > 1e-9 and abs(t) < math.pi and (best is None or abs(t) < abs(best)):
                    best = t
    return best


def rotate_about(points: dict[str, Vec], centre: Vec, radians: float) -> dict[str, Vec]:
    c, s = math.cos(radians), math.sin(radians)
    cx, cz = centre[0], centre[2]
    return {
        n: (cx + (p[0] - cx) * c - (p[2] - cz) * s, p[1], cz + (p[0] - cx) * s + (p[2] - cz) * c)
        for n, p in points.items()
    }


def stand(points: dict[str, Vec], radii: dict[str, float], heights: dict[str, float], *, lift: int) -> dict[str, Vec]:
    """Lower an upright body until its lowest point touches its surface (floor or step)."""
    shift = max(heights.get(n, 0.0) - (p[2] - radii[n]) for n, p in points.items() if n in radii) + lift
    return {n: (p[0], p[1], p[2] + shift) for n, p in points.items()}


def pedal(points: dict[str, Vec]) -> dict[str, Vec]:
    """On the bike the feet are on the pedals: raise the body so the crank's hub is at its height."""
    hub = (points["near_ankle"][2] + points["far_ankle"][2]) / 2
    shift = BIKE_CRANK_HEIGHT - hub
    return {n: (p[0], p[1], p[2] + shift) for n, p in points.items()}


def anchor(
    pose: Pose, posture: Posture, points: dict[str, Vec], radii: dict[str, float], heights: dict[str, float]
) -> dict[str, Vec]:
    """Slide the body along the floor so the part that stays put is at x = 0 in every frame."""
    name = anchor_point(pose, posture, points, radii)
    dx = -points[name][0] + slide_offset(pose, posture)
    return {n: (p[0] + dx, p[1], p[2]) for n, p in points.items()}


def anchor_point(pose: Pose, posture: Posture, points: dict[str, Vec], radii: dict[str, float]) -> str:
    base = pose.base
    if base in (Base.LYING_ON_BACK, Base.LYING_FACE_DOWN, Base.LYING_ON_SIDE):
        return "neck"
    if base is Base.HANDS_AND_KNEES:
        return lower_of(points, radii, "near_knee", "far_knee")
    if base in (Base.KNEELING, Base.HALF_KNEELING):
        return "near_knee"
    if base is Base.SITTING_ON_FLOOR or Prop.BIKE in pose.props:
        return "pelvis"
    if posture.step_foot is not None:
        return f"{posture.step_foot.value.split('-')[0]}_ankle"
    near = min(points["near_heel"][2], points["near_toe"][2])
    far = min(points["far_heel"][2], points["far_toe"][2])
    return "near_ankle" if near < far - 0.5 else "far_ankle"


def lower_of(points: dict[str, Vec], radii: dict[str, float], a: str, b: str) -> str:
    return a if points[a][2] - radii[a] <= points[b][2] - radii[b] + 0.5 else b


def slide_offset(pose: Pose, posture: Posture) -> float:
    """How far the frame's slide moves the body along x: toward the head, or forward."""
    if not posture.slide:
        return 0.0
    if pose.base in RESTING_BASES:
        head_way = apply(body_orientation(pose), U)[0]
        return posture.slide * (1.0 if head_way >= 0 else -1.0)
    return float(posture.slide)
