"""Arrows that show the movement: an arc about a joint, a slide, a lift or a tilt, the arrow between frames, and a
squeeze's marks."""

from __future__ import annotations

import math
from dataclasses import dataclass

from fai_site.catalogue.pose import BodyPart, Motion, Prop, View
from fai_site.pictures.body import FrameFigure
from fai_site.pictures.scene import Scene
from fai_site.pictures.svg.body import TORSO_EDGE, TORSO_WIDTHS
from fai_site.pictures.svg.elements import Element, polygon, polyline
from fai_site.pictures.svg.layout import Box, Cell
from fai_site.pictures.svg.style import ACCENT, ARROW_WIDTH, HEAD_LENGTH, HEAD_WIDTH

# ---- Arrows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Arrow:
    """A motion arrow in world cm: a polyline of points from start to end."""

    points: tuple[tuple[float, float], ...]


PIVOTS = {
    BodyPart.NEAR_LEG: "near_hip",
    BodyPart.FAR_LEG: "far_hip",
    BodyPart.NEAR_ARM: "near_shoulder",
    BodyPart.FAR_ARM: "far_shoulder",
    BodyPart.PELVIS: "neck",
    BodyPart.TRUNK: "pelvis",
    BodyPart.HEAD: "neck",
}


def motion_arrows(scene: Scene) -> list[Arrow]:
    if scene.pose.motion is Motion.SQUEEZE:
        return []
    first, last = scene.frames[0], scene.frames[-1]
    if Prop.BIKE in scene.pose.props:
        return [crank_arrow(scene)]
    arrows = []
    for part in scene.pose.moving:
        names = [n for n in last.part_points(part) if n in last.radii]
        tip = max(names, key=lambda n: math.dist(first.xy(n), last.xy(n)))
        if math.dist(first.xy(tip), last.xy(tip)) < 4.0:
            if part is BodyPart.PELVIS:
                arrows.append(tilt_arrow(first, last))
            continue
        if part is BodyPart.PELVIS:
            arrows.append(lift_arrow(first, last))
            continue
        pivot = PIVOTS[part]
        if math.dist(first.xy(pivot), last.xy(pivot)) >= 4.0:  # the whole body slides: no turn about a joint
            arrows.append(slide_arrow(first, last, names[-1]))  # over the hand or the foot
            continue
        arrows.append(arc_arrow(first.xy(PIVOTS[part]), first.xy(tip), last.xy(tip), first.radii[tip]))
    return arrows


def arc_arrow(pivot: tuple[float, float], start: tuple[float, float], end: tuple[float, float], radius: float) -> Arrow:
    """An arc about the pivot, just outside the path of the moving tip."""
    r = max(math.dist(pivot, start), math.dist(pivot, end)) + radius + 7.0
    a0 = math.atan2(start[1] - pivot[1], start[0] - pivot[0])
    a1 = math.atan2(end[1] - pivot[1], end[0] - pivot[0])
    sweep = (a1 - a0 + math.pi) % (2 * math.pi) - math.pi
    trim = min(abs(sweep) * 0.15, 6.0 / r)
    a0 += math.copysign(trim, sweep)
    sweep -= 2 * math.copysign(trim, sweep)
    steps = max(4, int(abs(sweep) / math.radians(6)))
    return Arrow(
        tuple(
            (pivot[0] + r * math.cos(a0 + sweep * i / steps), pivot[1] + r * math.sin(a0 + sweep * i / steps))
            for i in range(steps + 1)
        )
    )


def slide_arrow(first: FrameFigure, last: FrameFigure, tip: str) -> Arrow:
    """A straight arrow over the moving part, the way it slides (a slide is no turn about a joint)."""
    (x0, z0), (x1, z1) = first.xy(tip), last.xy(tip)
    above = max(z0, z1) + first.radii[tip] + 12.0
    middle, half = (x0 + x1) / 2, max(12.0, abs(x1 - x0) * 0.75)
    way = 1.0 if x1 >= x0 else -1.0
    return Arrow(((middle - way * half, above), (middle + way * half, above)))


def lift_arrow(first: FrameFigure, last: FrameFigure) -> Arrow:
    """A straight arrow over the hips, the way they rise or sink: longer than the move, so it shows."""
    (x0, z0), (x1, z1) = first.xy("pelvis"), last.xy("pelvis")
    up = 1.0 if z1 >= z0 else -1.0
    half = first.radii["pelvis"] if first.view is View.SIDE else TORSO_WIDTHS[0] + TORSO_EDGE
    top = max(z0, z1) + half + 8.0
    span = max(16.0, abs(z1 - z0) * 1.5)
    x = (x0 + x1) / 2
    ends = [(x, top), (x, top + span)]
    return Arrow(tuple(ends if up > 0 else ends[::-1]))


def tilt_arrow(first: FrameFigure, last: FrameFigure) -> Arrow:
    """A small curved arrow over the pelvis, turning the way the pelvis tips."""

    def angle(frame: FrameFigure) -> float:
        (x0, y0), (x1, y1) = frame.xy("pelvis"), frame.xy("spine2")
        return math.atan2(y1 - y0, x1 - x0)

    turn = 1.0 if angle(last) >= angle(first) else -1.0
    cx, cy = first.xy("spine1")
    r = 20.0
    start, sweep = math.radians(90 - 50 * turn), math.radians(100 * turn)
    return Arrow(
        tuple((cx + r * math.cos(start + sweep * i / 10), cy + r * math.sin(start + sweep * i / 10)) for i in range(11))
    )


def crank_arrow(scene: Scene) -> Arrow:
    first = scene.frames[0]
    near, far = first.xy("near_ankle"), first.xy("far_ankle")
    hub = ((near[0] + far[0]) / 2, (near[1] + far[1]) / 2)
    r = math.dist(near, hub) + 12.0
    start = math.atan2(near[1] - hub[1], near[0] - hub[0])
    # pedalling forward turns the crank clockwise when the rider faces right
    return Arrow(
        tuple(
            (
                hub[0] + r * math.cos(start - math.radians(20 + 10 * i)),
                hub[1] + r * math.sin(start - math.radians(20 + 10 * i)),
            )
            for i in range(15)
        )
    )


def arrow_box(arrow: Arrow) -> Box:
    xs = [p[0] for p in arrow.points]
    zs = [p[1] for p in arrow.points]
    return (min(xs) - 4, min(zs) - 4, max(xs) + 4, max(zs) + 4)


def draw_arrow(arrow: Arrow, cell: Cell, *, both_ends: bool = False) -> list[Element]:
    pts = [cell.at(x, z) for x, z in arrow.points]
    out = [polyline(pts[:-1] + [back_off(pts[-2], pts[-1], HEAD_LENGTH * 0.6)], ACCENT, ARROW_WIDTH)]
    out.append(arrow_head(pts[-2], pts[-1]))
    if both_ends:
        out[0] = polyline(
            [back_off(pts[1], pts[0], HEAD_LENGTH * 0.6)] + pts[1:-1] + [back_off(pts[-2], pts[-1], HEAD_LENGTH * 0.6)],
            ACCENT,
            ARROW_WIDTH,
        )
        out.append(arrow_head(pts[1], pts[0]))
    return out


def back_off(before: tuple[float, float], tip: tuple[float, float], amount: float) -> tuple[float, float]:
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    d = math.hypot(dx, dy) or 1.0
    return (tip[0] - dx / d * amount, tip[1] - dy / d * amount)


def arrow_head(before: tuple[float, float], tip: tuple[float, float]) -> Element:
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    d = math.hypot(dx, dy) or 1.0
    ux, uy = dx / d, dy / d
    bx, by = tip[0] - ux * HEAD_LENGTH, tip[1] - uy * HEAD_LENGTH
    w = HEAD_WIDTH / 2
    return polygon([tip, (bx - uy * w, by + ux * w), (bx + uy * w, by - ux * w)], ACCENT, ACCENT, 1.5)


def between_arrow(before: Cell, after: Cell, box: Box) -> list[Element]:
    """A short arrow in the gap between two frames (a row: pointing right; a column: down)."""
    if abs(after.floor - before.floor) < 1:  # same row
        x0 = before.at(box[2], 0)[0] + 6
        x1 = after.at(box[0], 0)[0] - 6
        y = before.at(0, (box[1] + box[3]) / 2)[1]
        return [polyline([(x0, y), (x1 - HEAD_LENGTH * 0.6, y)], ACCENT, ARROW_WIDTH), arrow_head((x0, y), (x1, y))]
    x = before.at((box[0] + box[2]) / 2, 0)[0]
    y0 = before.at(0, box[1])[1] + 4
    y1 = after.at(0, box[3])[1] - 4
    return [polyline([(x, y0), (x, y1 - HEAD_LENGTH * 0.6)], ACCENT, ARROW_WIDTH), arrow_head((x, y0), (x, y1))]


def squeeze_marks(scene: Scene, frame: FrameFigure, cell: Cell) -> list[Element]:
    """Short accent strokes fanning out from the squeezed part: effort without movement."""
    out = []
    for part in scene.pose.moving:
        names = [n for n in frame.part_points(part) if n in frame.points]
        cx = sum(frame.xy(n)[0] for n in names) / len(names)
        cz = sum(frame.xy(n)[1] for n in names) / len(names)
        for degrees in (50, 90, 130):
            a = math.radians(degrees)
            inner = cell.at(cx + 14 * math.cos(a), cz + 14 * math.sin(a))
            outer = cell.at(cx + 22 * math.cos(a), cz + 22 * math.sin(a))
            out.append(polyline([inner, outer], ACCENT, ARROW_WIDTH))
    return out
