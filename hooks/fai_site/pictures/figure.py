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
from functools import cached_property, lru_cache

from fai_site.pictures.pose import RESTING_BASES, UPRIGHT_BASES, Base, BodyPart, Pose, Posture, Prop, View

Vec = tuple[float, float, float]
Matrix = tuple[Vec, Vec, Vec]

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

# Props (cm)
MAT_THICKNESS = 2.5
STEP_HEIGHT = 15.0
BENCH_HEIGHT = 42.0
BENCH_TOP = 7.0  # thickness of the bench's padded top
PILLOW_HEIGHT = 8.0
POST_HEIGHT = 55.0
DOOR_WIDTH = 80.0
DOOR_GAP = 45.0  # from the body's near side to the door's edge
DOOR_HEIGHT = 200.0
CUSHION_HALF = 10.0  # half the length and width of a cushion under a knee
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


# ---- Vector helpers -----------------------------------------------------------------------

F: Vec = (1.0, 0.0, 0.0)  # body frame: forward
N: Vec = (0.0, 1.0, 0.0)  # toward the near side
U: Vec = (0.0, 0.0, 1.0)  # up the spine


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def length(a: Vec) -> float:
    return math.sqrt(a[0] ** 2 + a[1] ** 2 + a[2] ** 2)


def apply(m: Matrix, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def matmul(a: Matrix, b: Matrix) -> Matrix:
    cols = [apply(a, (b[0][j], b[1][j], b[2][j])) for j in range(3)]
    return tuple(tuple(cols[j][i] for j in range(3)) for i in range(3))  # type: ignore[return-value]


def rotation(axis: Vec, degrees: float) -> Matrix:
    """Right-handed rotation about a unit axis (Rodrigues)."""
    t = math.radians(degrees)
    c, s, k = math.cos(t), math.sin(t), 1 - math.cos(t)
    x, y, z = axis
    return (
        (c + x * x * k, x * y * k - z * s, x * z * k + y * s),
        (y * x * k + z * s, c + y * y * k, y * z * k - x * s),
        (z * x * k - y * s, z * y * k + x * s, c + z * z * k),
    )


def chain(*matrices: Matrix) -> Matrix:
    result = matrices[0]
    for m in matrices[1:]:
        result = matmul(result, m)
    return result


# Orientation of the body in the world: columns are where F, N and U point.
X: Vec = (1.0, 0.0, 0.0)  # world: picture right
D: Vec = (0.0, 1.0, 0.0)  # world: toward the reader
Z: Vec = (0.0, 0.0, 1.0)  # world: up


def neg(v: Vec) -> Vec:
    return (-v[0], -v[1], -v[2])


def orientation(f: Vec, n: Vec, u: Vec) -> Matrix:
    return tuple((f[i], n[i], u[i]) for i in range(3))  # type: ignore[return-value]


UPRIGHT_SIDE = orientation(X, D, Z)
UPRIGHT_FRONT = orientation(D, X, Z)
BASE_ORIENTATIONS: dict[Base, Matrix] = {
    Base.LYING_ON_BACK: orientation(Z, D, neg(X)),  # face up, head on the left
    Base.LYING_FACE_DOWN: orientation(neg(Z), D, X),  # face down, head on the right
    Base.HANDS_AND_KNEES: orientation(neg(Z), D, X),  # facing the floor, head on the right
    Base.LYING_ON_SIDE: orientation(D, Z, neg(X)),  # facing the reader, near side up, head left
}


def turned(p: Vec, azimuth: float) -> tuple[float, float]:
    """(across, toward the reader) for a camera stepped round by `azimuth` degrees: an oblique
    view, so the body's length stays level and only what points at the reader slants."""
    if not azimuth:
        return (p[0], p[1])
    return (p[0] - p[1] * math.sin(math.radians(azimuth)), p[1])


def project(p: Vec, elevation: float, azimuth: float = 0.0) -> tuple[float, float]:
    """World → picture plane for a camera raised by `elevation` degrees (0: level) and
    stepped round by `azimuth` degrees (0: square on)."""
    across, toward = turned(p, azimuth)
    if not elevation:
        return (across, p[2])
    e = math.radians(elevation)
    return (across, p[2] * math.cos(e) - toward * math.sin(e))


# ---- Results ------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Shape:
    """A piece of a prop or of the floor, already on the picture plane (cm, y up)."""

    kind: str  # polygon, line, circle, curve (start, control, end), floor-line, floor-band, water
    points: tuple[tuple[float, float], ...]
    role: str  # prop, prop-top, prop-light, prop-light-top, mat, mat-top, band, band-around, floor, water
    radius: float = 0.0


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
    """The front-above view looks down a little, so limbs bent toward the reader show; the above view looks straight down."""
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


# ---- Props --------------------------------------------------------------------------------------
# Props are built in world cm (x, height, depth) and projected with the frame's camera.

P3 = tuple[float, float, float]  # (x, height, depth): a prop point in the world


def flat(frame: FrameFigure, *points: P3) -> tuple[tuple[float, float], ...]:
    return tuple(project((x, d, z), frame.elevation, frame.azimuth) for x, z, d in points)


def box_faces(
    frame: FrameFigure, x0: float, x1: float, z0: float, z1: float, d0: float, d1: float, role: str
) -> list[Shape]:
    """A box: its front face and, seen from above, its top face and the end the camera sees."""
    shapes = [Shape("polygon", flat(frame, (x0, z0, d1), (x1, z0, d1), (x1, z1, d1), (x0, z1, d1)), role)]
    if frame.azimuth:
        end = x1 if frame.azimuth > 0 else x0
        shapes.insert(
            0, Shape("polygon", flat(frame, (end, z0, d1), (end, z0, d0), (end, z1, d0), (end, z1, d1)), role + "-top")
        )
    if frame.elevation:
        shapes.append(
            Shape("polygon", flat(frame, (x0, z1, d1), (x1, z1, d1), (x1, z1, d0), (x0, z1, d0)), role + "-top")
        )
    return shapes


def shared_props(pose: Pose, frames: list[FrameFigure]) -> list[Shape]:
    """The floor and the props that stay put, placed from the first frame that uses them."""
    first = frames[0]
    shapes: list[Shape] = floor(pose, frames)
    if Prop.WALL in pose.props:  # first: a wall is behind whatever stands by it
        shapes.extend(wall(pose, frames))
    if Prop.CHAIR in pose.props:
        shapes.extend(chair(pose, first))
    if Prop.BENCH in pose.props:
        shapes.extend(bench(pose, first))
    if Prop.STEP in pose.props:
        stepping = next((f for f in frames if f.posture.step_foot is not None), first)
        shapes.extend(step(stepping))
    if Prop.PILLOW in pose.props:
        shapes.extend(pillow(pose, first))
    if Prop.BIKE in pose.props:
        shapes.extend(bike(frames))
    if Prop.POST in pose.props:
        shapes.extend(post(pose, frames))
    if Prop.BALL in pose.props:
        shapes.append(ball(pose, first))
    if Prop.DOOR in pose.props:
        shapes.extend(door(frames))
    if Prop.CUSHIONS in pose.props:
        shapes.extend(cushions(frames[-1]))
    return shapes


def frame_props(pose: Pose, frames: list[FrameFigure], frame: FrameFigure) -> list[Shape]:
    """Props that change with the frame: the band and the water."""
    shapes: list[Shape] = []
    if Prop.BAND in pose.props:
        shapes.append(band(pose, frames, frame))
    if frame.posture.water_depth:
        shapes.append(Shape("water", ((0.0, float(frame.posture.water_depth)),), "water"))
    return shapes


def body_extent(frames: list[FrameFigure], axis: int, names: list[str] | None = None) -> tuple[float, float]:
    values = [f.points[n][axis] + k * f.radii[n] for f in frames for n in (names or list(f.radii)) for k in (-1, 1)]
    return min(values), max(values)


def floor(pose: Pose, frames: list[FrameFigure]) -> list[Shape]:
    """The floor line (level camera) or the floor seen from above, and the mat if any."""
    first = frames[0]
    low = [n for n in first.radii if any(f.points[n][2] - f.radii[n] < 6.0 for f in frames)]
    x0, x1 = body_extent(frames, 0, None if pose.base in RESTING_BASES else low)
    if Prop.DOOR in pose.props:  # the door stands on the same floor
        x1 = door_tie(frames)[0] + DOOR_WIDTH
    if first.elevation:
        d0, d1 = body_extent(frames, 1, low)
        d0, d1 = d0 - 8, d1 + 8
        if Prop.MAT in pose.props:
            # a mat seen from above: its top, and its front edge so it reads as a thin pad
            m0, m1 = x0 - 10, x1 + 10
            return [
                Shape(
                    "floor-band",
                    flat(
                        first,
                        (m0 - 4, -MAT_THICKNESS, d1 + 10),
                        (m1 + 4, -MAT_THICKNESS, d1 + 10),
                        (m1 + 4, -MAT_THICKNESS, d0 - 6),
                        (m0 - 4, -MAT_THICKNESS, d0 - 6),
                    ),
                    "floor",
                ),
                Shape(
                    "polygon",
                    flat(first, (m0, -MAT_THICKNESS, d1), (m1, -MAT_THICKNESS, d1), (m1, 0.0, d1), (m0, 0.0, d1)),
                    "mat",
                ),
                Shape("polygon", flat(first, (m0, 0.0, d1), (m1, 0.0, d1), (m1, 0.0, d0), (m0, 0.0, d0)), "mat-top"),
            ]
        return [
            Shape(
                "floor-band",
                flat(
                    first,
                    (x0 - 12, 0.0, d1 + 4),
                    (x1 + 12, 0.0, d1 + 4),
                    (x1 + 12, 0.0, d0 - 4),
                    (x0 - 12, 0.0, d0 - 4),
                ),
                "floor",
            )
        ]
    level = -MAT_THICKNESS if Prop.MAT in pose.props else 0.0
    shapes = [Shape("floor-line", ((0.0, level),), "floor")]
    if Prop.MAT in pose.props:
        shapes.append(
            Shape("polygon", ((x0 - 8, -MAT_THICKNESS), (x1 + 8, -MAT_THICKNESS), (x1 + 8, 0.0), (x0 - 8, 0.0)), "mat")
        )
    return shapes


def seat_top(frame: FrameFigure) -> tuple[float, float]:
    """(x, height) of the seat under the sitting body: just under the buttock."""
    x, _, z = frame.points["pelvis"]
    return x, z - frame.radii["pelvis"]


def chair(pose: Pose, frame: FrameFigure) -> list[Shape]:
    if pose.base is Base.SITTING:
        x, top = seat_top(frame)
        front, back = x + 20.0, x - 20.0
        return [
            Shape(
                "polygon", flat(frame, (back, top - 4, 0), (front, top - 4, 0), (front, top, 0), (back, top, 0)), "prop"
            ),
            Shape("line", flat(frame, (front - 3, top - 4, 0), (front - 3, 0.0, 0)), "prop"),
            Shape("line", flat(frame, (back + 3, top - 4, 0), (back + 3, 0.0, 0)), "prop"),
            Shape("line", flat(frame, (back + 1, top, 0), (back - 3, top + 40, 0)), "prop"),
        ]
    # beside the body, facing the way it faces: the backrest under the far hand, the seat ahead of it;
    # drawn as pale outlined boards, never as grey bars that a far limb in front of it would merge with
    hand_x, _, hand_z = frame.points["far_hand"]
    ahead = 1.0 if apply(body_orientation(pose), F)[0] >= 0 else -1.0
    top = hand_z - HAND_R
    seat = top - 40.0
    front = hand_x + ahead * 36
    return [
        board(frame, hand_x - 1.5, hand_x + 1.5, 0.0, top),
        board(frame, front - 1.5, front + 1.5, 0.0, seat),
        board(frame, min(hand_x, hand_x + ahead * 38), max(hand_x, hand_x + ahead * 38), seat - 3.0, seat),
    ]


def board(frame: FrameFigure, x0: float, x1: float, z0: float, z1: float) -> Shape:
    """A piece of furniture in the picture's plane, x0 to x1 across and z0 to z1 up, pale and outlined."""
    return Shape("polygon", flat(frame, (x0, z0, 0), (x1, z0, 0), (x1, z1, 0), (x0, z1, 0)), "prop-light")


def bench(pose: Pose, frame: FrameFigure) -> list[Shape]:
    if pose.base is Base.SITTING:
        x, top = seat_top(frame)
        left, right = x - 25.0, x + 22.0
        return [
            Shape(
                "polygon", flat(frame, (left, top - 7, 0), (right, top - 7, 0), (right, top, 0), (left, top, 0)), "prop"
            ),
            Shape("line", flat(frame, (left + 5, top - 7, 0), (left + 5, 0.0, 0)), "prop"),
            Shape("line", flat(frame, (right - 5, top - 7, 0), (right - 5, 0.0, 0)), "prop"),
        ]
    # lying on your side: a padded bench with four legs, its top under the top knee and shin
    knee_x, knee_d, _ = frame.points["near_knee"]
    ankle_x, ankle_d, _ = frame.points["near_ankle"]
    x0, x1 = min(knee_x, ankle_x) - 18, max(knee_x, ankle_x) + 22
    d0, d1 = min(knee_d, ankle_d) - 14, max(knee_d, ankle_d) + 10
    top = BENCH_HEIGHT - BENCH_TOP
    legs = [
        Shape("line", flat(frame, (x + inset, top, d), (x + inset, 0.0, d)), "prop-light" if d == d0 else "prop")
        for d in (d0 + 4, d1 - 4)
        for x, inset in ((x0, 5.0), (x1, -5.0))
    ]
    legs = [leg for leg in legs if leg.role == "prop-light"] + [leg for leg in legs if leg.role == "prop"]
    return legs + box_faces(frame, x0, x1, top, BENCH_HEIGHT, d0, d1, "prop")


def step(frame: FrameFigure) -> list[Shape]:
    side = frame.posture.step_foot.value.split("-")[0] if frame.posture.step_foot else "near"
    heel_x, toe_x = frame.points[f"{side}_heel"][0], frame.points[f"{side}_toe"][0]
    left, right = min(heel_x, toe_x) - 12.0, max(heel_x, toe_x) + 5.0
    return box_faces(frame, left, right, 0.0, STEP_HEIGHT, -25, 25, "prop")


def pillow(pose: Pose, frame: FrameFigure) -> list[Shape]:
    name = "pelvis" if pose.base is Base.LYING_FACE_DOWN else "head"
    x, d, _ = frame.points[name]
    return box_faces(frame, x - 15, x + 15, 0.0, PILLOW_HEIGHT, d - 15, d + 15, "prop-light")


def bike(frames: list[FrameFigure]) -> list[Shape]:
    first = frames[0]
    near, far = first.xy("near_ankle"), first.xy("far_ankle")
    hub = ((near[0] + far[0]) / 2, (near[1] + far[1]) / 2)
    crank = math.hypot(near[0] - hub[0], near[1] - hub[1])
    saddle_x, saddle_z = seat_top(first)
    bar_x, bar_z = first.xy("near_hand")
    front = (hub[0] + 38, 30.0)
    return [
        Shape("line", ((saddle_x - 12, saddle_z), (saddle_x + 10, saddle_z)), "prop"),  # saddle
        Shape("line", ((saddle_x - 1, saddle_z), hub), "prop"),  # seat post
        Shape("line", (hub, front), "prop"),  # down tube
        Shape("line", (front, (bar_x - 4, bar_z - 5)), "prop"),  # stem
        Shape("line", ((bar_x - 8, bar_z - 4), (bar_x + 4, bar_z - 4)), "prop"),  # bars
        Shape("circle", (front,), "prop-light", radius=20.0),  # flywheel
        Shape("line", ((hub[0] - 35, 2.0), (front[0] + 22, 2.0)), "prop"),  # base
        Shape("line", ((hub[0] - 25, 2.0), hub), "prop"),
        Shape("circle", (hub,), "prop-light", radius=crank),  # pedal circle
    ]


def post(pose: Pose, frames: list[FrameFigure]) -> list[Shape]:
    x = post_x(pose, frames)
    return box_faces(frames[0], x - 3.0, x + 3.0, 0.0, POST_HEIGHT, -3.0, 3.0, "prop")


def post_x(pose: Pose, frames: list[FrameFigure]) -> float:
    ankles = [f.points["near_ankle"][0] for f in frames]
    beyond = frames[0].points["near_ankle"][0] >= frames[0].points["neck"][0]
    return (max(ankles) + 30.0) if beyond else (min(ankles) - 30.0)


def band(pose: Pose, frames: list[FrameFigure], frame: FrameFigure) -> Shape:
    """The band: from the near ankle to the post (slack or taut), from the door to the hands, or around both knees."""
    if Prop.DOOR in pose.props:
        tie = flat(frame, door_tie(frames))[0]
        hands = midpoint(frame.points["near_hand"], frame.points["far_hand"])
        held = project(hands, frame.elevation, frame.azimuth)
        return Shape("curve", (tie, ((tie[0] + held[0]) / 2, (tie[1] + held[1]) / 2), held), "band")
    if Prop.POST in pose.props:
        x = post_x(pose, frames)
        tie = flat(frame, (x, 12.0, 0.0))[0]
        reach = [math.dist(f.xy("near_ankle"), tie) for f in frames]
        start = frame.xy("near_ankle")
        here = math.dist(start, tie)
        sag = 0.5 * math.sqrt(max(0.0, max(reach) ** 2 - here**2))
        mid = ((start[0] + tie[0]) / 2, (start[1] + tie[1]) / 2 - 2 * sag)
        return Shape("curve", (start, mid, tie), "band")

    def above_knee(side: str) -> tuple[float, float]:
        hip, knee = frame.xy(f"{side}_hip"), frame.xy(f"{side}_knee")
        return (knee[0] + 0.18 * (hip[0] - knee[0]), knee[1] + 0.18 * (hip[1] - knee[1]))

    # around both thighs: from the outer edge of one to the outer edge of the other, drawn over the legs
    a, b = above_knee("near"), above_knee("far")
    span = math.dist(a, b) or 1.0
    out = ((b[0] - a[0]) / span * LIMB_R, (b[1] - a[1]) / span * LIMB_R)
    return Shape("line", ((a[0] - out[0], a[1] - out[1]), (b[0] + out[0], b[1] + out[1])), "band-around")


def door_tie(frames: list[FrameFigure]) -> P3:
    """Where the band is tied: on the door's edge nearest the body, at the height the hands hold it in the first frame."""
    first = frames[0]
    hands = midpoint(first.points["near_hand"], first.points["far_hand"])
    side = max(f.points[n][0] + f.radii[n] for f in frames for n in f.radii)
    return (side + DOOR_GAP, hands[2], first.points["pelvis"][1])


def door(frames: list[FrameFigure]) -> list[Shape]:
    """A closed door beside the body's near side, seen face on: a pale board, its handle, and the band's knot on its edge."""
    x, tie_z, d = door_tie(frames)
    frame = frames[0]
    face = flat(frame, (x, 0.0, d), (x + DOOR_WIDTH, 0.0, d), (x + DOOR_WIDTH, DOOR_HEIGHT, d), (x, DOOR_HEIGHT, d))
    return [
        Shape("polygon", face, "prop-light"),
        Shape("circle", (flat(frame, (x + DOOR_WIDTH - 9.0, 100.0, d))[0],), "prop", radius=3.0),
        Shape("circle", (flat(frame, (x, tie_z, d))[0],), "prop", radius=2.5),
    ]


def cushions(last: FrameFigure) -> list[Shape]:
    """A cushion under each knee, where it rests at the end of the move (knees that fall out to the side)."""
    shapes: list[Shape] = []
    for side in ("near", "far"):
        x, d, _ = last.points[f"{side}_knee"]
        top = max(2.0, last.bottom(f"{side}_knee"))
        d += CUSHION_HALF / 2 if d > 0 else -CUSHION_HALF / 2  # a little outside the knee, so it shows beside the leg
        shapes += box_faces(
            last, x - CUSHION_HALF, x + CUSHION_HALF, 0.0, top, d - CUSHION_HALF, d + CUSHION_HALF, "prop-light"
        )
    return shapes


def wall(pose: Pose, frames: list[FrameFigure]) -> list[Shape]:
    frame = frames[0]
    if pose.base is Base.SITTING_ON_FLOOR:
        x, d, _ = frame.points["pelvis"]
        back = min(frame.points[n][1] for n in ("pelvis", "neck")) - TORSO_FRONT_R
        if frame.view is View.SIDE:
            x = x - TORSO_R - 1
            return [Shape("polygon", ((x - 6, 0.0), (x, 0.0), (x, 150.0), (x - 6, 150.0)), "prop-light")]
        return [
            Shape(
                "polygon",
                flat(frame, (x - 45, 0.0, back), (x + 45, 0.0, back), (x + 45, 105.0, back), (x - 45, 105.0, back)),
                "prop-light",
            )
        ]
    if frame.posture.angles["near_arm.shoulder"] < 60:
        # standing beside a wall, the far hand on it: the wall is the backdrop behind the body in every frame
        x0, x1 = body_extent(frames, 0)
        top = max(max(f.points["head"][2] + HEAD_R, f.points["far_hand"][2]) for f in frames) + 12.0
        return [Shape("polygon", ((x0 - 14, 0.0), (x1 + 14, 0.0), (x1 + 14, top), (x0 - 14, top)), "prop-light")]
    hand_x = frame.points["near_hand"][0] + HAND_R
    return [Shape("polygon", ((hand_x, 0.0), (hand_x + 6, 0.0), (hand_x + 6, 170.0), (hand_x, 170.0)), "prop-light")]


def ball(pose: Pose, frame: FrameFigure) -> Shape:
    if pose.base is Base.SITTING and not {Prop.CHAIR, Prop.BENCH, Prop.BIKE} & set(pose.props):
        x, top = seat_top(frame)
        return Shape("circle", (flat(frame, (x, top / 2, 0.0))[0],), "prop", radius=top / 2)
    a, b = frame.xy("near_knee"), frame.xy("far_knee")
    return Shape("circle", (((a[0] + b[0]) / 2, (a[1] + b[1]) / 2),), "prop-over", radius=10.0)
