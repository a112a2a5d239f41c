"""Props: the floor, the mat and the furniture an exercise uses, as shapes on the picture plane.

Each prop is built in world centimetres from where the body is in a frame (a chair under
the seat, a step under the stepping foot, a band from the ankle to the post) and projected
with the frame's camera, so the drawing only has to scale it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from fai_site.catalogue.pose import RESTING_BASES, Base, Pose, Prop, View
from fai_site.pictures.body import (
    BENCH_HEIGHT,
    BENCH_TOP,
    HAND_R,
    HEAD_R,
    LIMB_R,
    MAT_THICKNESS,
    PILLOW_HEIGHT,
    POST_HEIGHT,
    STEP_HEIGHT,
    TORSO_FRONT_R,
    TORSO_R,
    FrameFigure,
    body_orientation,
    midpoint,
)
from fai_site.pictures.geometry import F, apply, project


@dataclass(frozen=True)
class Shape:
    """A piece of a prop or of the floor, already on the picture plane (cm, y up)."""

    kind: str  # polygon, line, circle, curve (start, control, end), floor-line, floor-band, water
    points: tuple[tuple[float, float], ...]
    role: str  # prop, prop-top, prop-light, prop-light-top, prop-over, mat, mat-top, band, band-around, floor, water
    radius: float = 0.0


# ---- Props --------------------------------------------------------------------------------------
# Props are built in world cm (x, height, depth) and projected with the frame's camera.

P3 = tuple[float, float, float]  # (x, height, depth): a prop point in the world

DOOR_WIDTH = 80.0
DOOR_GAP = 45.0  # from the body's near side to the door's edge
DOOR_HEIGHT = 200.0
CUSHION_HALF = 10.0  # half the length and width of a cushion under a knee


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
    """Where the band is tied: the door's edge nearest the body, at the height of the hands in the first frame."""
    first = frames[0]
    hands = midpoint(first.points["near_hand"], first.points["far_hand"])
    side = max(f.points[n][0] + f.radii[n] for f in frames for n in f.radii)
    return (side + DOOR_GAP, hands[2], first.points["pelvis"][1])


def door(frames: list[FrameFigure]) -> list[Shape]:
    """A closed door beside the body's near side, seen face on: a pale board, its handle, the band's knot."""
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
