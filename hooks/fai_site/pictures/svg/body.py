"""The body drawn as SVG elements: thick rounded limbs, the trunk and the head, near parts over far ones."""

from __future__ import annotations

import math

from fai_site.catalogue.pose import UPRIGHT_BASES, BodyPart, View
from fai_site.pictures.body import FOOT_R, HEAD_R, LIMB_R, FrameFigure
from fai_site.pictures.geometry import project
from fai_site.pictures.scene import Scene
from fai_site.pictures.svg.elements import Element, circle, polyline, rounded_shape
from fai_site.pictures.svg.layout import Cell
from fai_site.pictures.svg.style import ACCENT, FAR, GHOST_WALL, HALO, NEAR, PANEL

# ---- The body -----------------------------------------------------------------------------------


def limb_colour(scene: Scene, side: str, limb: str, *, front: bool) -> str:
    if BodyPart(f"{side}-{limb}") in scene.pose.moving:
        return ACCENT
    return NEAR if side == "near" or front else FAR


def limb_depth(frame: FrameFigure, is_leg: bool, side: str) -> float:
    names = ("knee", "ankle") if is_leg else ("elbow", "wrist")
    return sum(frame.depth(f"{side}_{n}") for n in names) / 2


def draw_body(scene: Scene, frame: FrameFigure, cell: Cell, *, ghost: bool = False) -> list[Element]:
    """The body: far limbs, trunk and head, near limbs (or, for a ghost, the moving parts only)."""
    front = frame.view is not View.SIDE
    level_front = frame.view is View.FRONT
    s = cell.scale
    moving = set(scene.pose.moving)
    out: list[Element] = []

    def at(name: str) -> tuple[float, float]:
        return cell.at(*frame.xy(name))

    def tube(
        points: list[tuple[float, float]], colour: str, radius: float, part: BodyPart, *, halo: bool = False
    ) -> None:
        width = 2 * radius * s
        if not ghost:
            if halo:  # a thin gap of panel colour where an arm crosses the trunk
                out.append(polyline(points, PANEL, width + 2 * HALO))
            out.append(polyline(points, colour, width))
        elif part in moving:
            out.append(polyline(points, ACCENT, width))
            out.append(polyline(points, PANEL, max(0.8, width - 2 * GHOST_WALL)))

    def leg(side: str) -> None:
        part = BodyPart(f"{side}-leg")
        colour = limb_colour(scene, side, "leg", front=front)
        tube([at(f"{side}_hip"), at(f"{side}_knee"), at(f"{side}_ankle")], colour, LIMB_R, part)
        if level_front:  # a foot seen from the front: a short stroke, toes turned a little out
            (ax, _), (_, toe_y) = at(f"{side}_ankle"), at(f"{side}_toe")
            out_x = 1.0 if ax >= at("pelvis")[0] else -1.0
            tube([(ax - out_x * 2 * s, toe_y), (ax + out_x * 7 * s, toe_y)], colour, FOOT_R, part)
        else:
            tube([at(f"{side}_heel"), at(f"{side}_toe")], colour, FOOT_R, part)

    def arm(side: str) -> None:
        part = BodyPart(f"{side}-arm")
        colour = limb_colour(scene, side, "arm", front=front)
        halo = (side == "near" or front) and scene.pose.base in UPRIGHT_BASES
        tube(
            [at(f"{side}_shoulder"), at(f"{side}_elbow"), at(f"{side}_wrist"), at(f"{side}_hand")],
            colour,
            LIMB_R,
            part,
            halo=halo,
        )

    def slab(points: list[tuple[float, float]], colour: str, part: BodyPart, *, cut: bool = False) -> None:
        """A filled outline with rounded corners (the trunk seen from the front)."""
        if not ghost:
            out.append(rounded_shape(points, colour, colour, 2 * TORSO_EDGE * s, cut=cut))
        elif part in moving:
            out.append(rounded_shape(points, PANEL, ACCENT, GHOST_WALL, cut=cut))

    def trunk() -> None:
        colour = ACCENT if BodyPart.TRUNK in moving else NEAR
        if front:  # seen from the front the trunk has a shape: hips and shoulders wider than the waist
            outline = torso_outline(frame, cell)
            slab(outline, colour, BodyPart.TRUNK)
            if BodyPart.PELVIS in moving:
                slab(
                    outline[-4:] + outline[:4], ACCENT, BodyPart.PELVIS, cut=True
                )  # hips up to a straight edge at the waist
            return
        radius = frame.radii["pelvis"]
        tube([at(n) for n in frame.spine()], colour, radius, BodyPart.TRUNK)  # the last sample is the neck
        if BodyPart.PELVIS in moving:
            lower = [at(n) for n in frame.spine()[:3]]
            tube(lower, ACCENT, radius, BodyPart.PELVIS)

    def head() -> None:
        colour = ACCENT if BodyPart.HEAD in moving else NEAR
        if not ghost:
            out.append(circle(at("head"), HEAD_R * s, colour))
        elif BodyPart.HEAD in moving:
            out.append(circle(at("head"), HEAD_R * s - GHOST_WALL / 2, PANEL, ACCENT, GHOST_WALL))

    if front:
        # seen from the front: limbs behind the trunk first, then the trunk, then limbs in front
        limbs = [(leg, "far"), (leg, "near"), (arm, "far"), (arm, "near")]
        in_front = [limb_depth(frame, draw is leg, side) > frame.depth("pelvis") + 6 for draw, side in limbs]
        for (draw, side), ahead in zip(limbs, in_front):
            if not ahead:
                draw(side)
        trunk()
        head()
        for (draw, side), ahead in zip(limbs, in_front):
            if ahead:
                draw(side)
    else:
        arm("far")
        leg("far")
        trunk()
        head()
        leg("near")
        arm("near")
    return out


# Half-widths (cm) of the trunk seen from the front, from the hips (the first spine sample)
# to the shoulders (the last); the outline's rounded edge adds TORSO_EDGE all round.
TORSO_WIDTHS = (17.0, 14.5, 10.0, 10.5, 12.5, 12.5)
TORSO_EDGE = 4.5


def torso_outline(frame: FrameFigure, cell: Cell) -> list[tuple[float, float]]:
    """The trunk seen from the front: a closed outline, one side from the hips up, the other back down."""
    pelvis, neck = frame.points["pelvis"], frame.points["neck"]
    across_hips = unit(tuple(a - b for a, b in zip(frame.points["near_hip_side"], pelvis)))
    across_shoulders = unit(tuple(a - b for a, b in zip(frame.points["near_shoulder"], neck)))
    along = unit(tuple(a - b for a, b in zip(neck, pelvis)))
    names = frame.spine()
    centres: list[tuple[float, ...]] = [frame.points[n] for n in names]
    # round the top of the shoulders and the bottom of the hips a little beyond the end samples
    centres = (
        [tuple(p - 7.0 * d for p, d in zip(centres[0], along))]
        + centres
        + [tuple(p + 3.0 * d for p, d in zip(centres[-1], along))]
    )
    widths = (TORSO_WIDTHS[0] - 3.0, *TORSO_WIDTHS, TORSO_WIDTHS[-1] - 5.0)
    sides = []
    for sign in (1.0, -1.0):
        side = []
        for i, (centre, width) in enumerate(zip(centres, widths)):
            across = across_hips if i < 4 else across_shoulders
            x, depth, z = (c + sign * width * a for c, a in zip(centre, across))
            side.append(cell.at(*project((x, depth, z), frame.elevation, frame.azimuth)))
        sides.append(side)
    return sides[0] + sides[1][::-1]


def unit(v: tuple[float, ...]) -> tuple[float, ...]:
    size = math.sqrt(sum(c * c for c in v)) or 1.0
    return tuple(c / size for c in v)
