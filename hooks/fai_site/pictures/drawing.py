"""Drawing: a pose's scene → one inline SVG, the same on the page, the index and the handout.

The figure is a line drawing with rounded, thick limbs on its own light panel (so it
reads on a dark page too): near limbs dark, far limbs lighter, the moving part in the
accent colour, props in greys. Frames are drawn either overlaid (one figure, the start
of the moving part as a hollow outline) or side by side with arrows between them.

Output is deterministic: coordinates are rounded to 0.1 and attributes come in a fixed
order from the template, so the same pose always gives the same bytes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from fai_site.pictures.figure import (
    FOOT_R,
    HEAD_R,
    LIMB_R,
    FrameFigure,
    Scene,
    Shape,
    build_scene,
    project,
)
from fai_site.pictures.pose import UPRIGHT_BASES, BodyPart, Layout, Motion, Pose, Prop, View
from fai_site.pictures.pose_text import describe_pose

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "illustration.svg.j2"

# ---- Style ----------------------------------------------------------------------------------

WIDTH, HEIGHT = 360.0, 240.0  # the panel, in SVG units (3:2)
MARGIN = 12.0
SEQUENCE_GAP = 34.0  # room for the arrow between frames
PANEL = "#f5f7fa"
PANEL_EDGE = "#d9dee4"
NEAR = "#1f2933"
FAR = "#828f9c"  # 3.1:1 on the panel, so far limbs survive greyscale print
ACCENT = "#c05621"
FLOOR = "#7b8794"
PROP_LINE = "#7b8794"
PROP_FILL = "#cbd2d9"
PROP_LIGHT = "#9aa5b1"
PROP_TOP = "#e4e7eb"
BAND = "#3e4c59"
BAND_AROUND = "#2c7a7b"  # a band around the legs, over them: 4.6:1 on the panel, edged in panel colour
WATER = "#9fb3c8"
WATER_LINE = "#627d98"
FLOOR_BAND = "#e6eaee"
ARROW_WIDTH = 3.2
HEAD_LENGTH, HEAD_WIDTH = 10.0, 9.5
HALO = 1.3  # panel-coloured edge around an arm over the trunk
GHOST_WALL = 1.7  # thickness of a ghost limb's outline, in SVG units

UID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


# ---- Public API ------------------------------------------------------------------------------


def check_uid(uid: str) -> None:
    """Ids inside a picture start with `uid`, so two pictures on one page never share one."""
    if not UID.match(uid):
        raise ValueError(f"uid must start with a letter and hold only letters, digits, '-' and '_': {uid!r}")


def render_illustration(pose: Pose, *, title: str, uid: str) -> str:
    """The pose as an `<svg>` element; every id inside starts with `uid`."""
    check_uid(uid)
    scene = build_scene(pose)
    elements = draw_scene(scene)
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            uid=uid,
            title=title,
            description=illustration_text(pose),
            width=fmt(WIDTH),
            height=fmt(HEIGHT),
            elements=elements,
        )
        .strip()
        + "\n"
    )


def illustration_text(pose: Pose) -> str:
    """The picture in words: the editor's description, or one written from the pose."""
    return pose.description or describe_pose(pose)


# ---- Template ----------------------------------------------------------------------------------


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["svg", "j2"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Element:
    """One SVG element: its tag and attributes in the order they are written."""

    tag: str
    attributes: tuple[tuple[str, str], ...]


def fmt(value: float) -> str:
    """A coordinate rounded to 0.1, without trailing zeros: 12.0 → "12", -0.04 → "0"."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def stroke(colour: str, width: float, *, join: bool = True) -> tuple[tuple[str, str], ...]:
    attrs = (("fill", "none"), ("stroke", colour), ("stroke-width", fmt(width)), ("stroke-linecap", "round"))
    return attrs + ((("stroke-linejoin", "round"),) if join else ())


def polyline(points: list[tuple[float, float]], colour: str, width: float) -> Element:
    if len(points) == 2:
        (x1, y1), (x2, y2) = points
        return Element(
            "line",
            (("x1", fmt(x1)), ("y1", fmt(y1)), ("x2", fmt(x2)), ("y2", fmt(y2))) + stroke(colour, width, join=False),
        )
    return Element("polyline", (("points", " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)),) + stroke(colour, width))


def path(d: str, colour: str, width: float) -> Element:
    return Element("path", (("d", d),) + stroke(colour, width))


def polygon(points: list[tuple[float, float]], fill: str, colour: str | None = None, width: float = 0.0) -> Element:
    attrs: tuple[tuple[str, str], ...] = (("points", " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)), ("fill", fill))
    if colour:
        attrs += (("stroke", colour), ("stroke-width", fmt(width)), ("stroke-linejoin", "round"))
    return Element("polygon", attrs)


def rounded_shape(
    points: list[tuple[float, float]], fill: str, colour: str, width: float, *, cut: bool = False
) -> Element:
    """A closed outline drawn as a smooth curve through its edges' midpoints, each corner a
    control point: a body's outline reads as flesh, where a polygon's corners read as a box.
    With `cut`, the edge from the last point back to the first stays straight (where a part
    of the body, such as the hips, ends at the waist)."""

    def mid(a: tuple[float, float], b: tuple[float, float]) -> str:
        return f"{fmt((a[0] + b[0]) / 2)} {fmt((a[1] + b[1]) / 2)}"

    def point(p: tuple[float, float]) -> str:
        return f"{fmt(p[0])} {fmt(p[1])}"

    if cut:
        inner = points[1:-1]
        curves = "".join(f"Q{point(p)} {mid(p, after)}" for p, after in zip(inner, inner[1:]))
        d = f"M{point(points[0])}L{mid(points[0], points[1])}{curves}L{point(points[-1])}Z"
    else:
        curves = "".join(f"Q{point(p)} {mid(p, points[(i + 1) % len(points)])}" for i, p in enumerate(points))
        d = f"M{mid(points[-1], points[0])}{curves}Z"
    return Element(
        "path",
        (("d", d), ("fill", fill), ("stroke", colour), ("stroke-width", fmt(width)), ("stroke-linejoin", "round")),
    )


def circle(
    centre: tuple[float, float], radius: float, fill: str, colour: str | None = None, width: float = 0.0
) -> Element:
    attrs: tuple[tuple[str, str], ...] = (
        ("cx", fmt(centre[0])),
        ("cy", fmt(centre[1])),
        ("r", fmt(radius)),
        ("fill", fill),
    )
    if colour:
        attrs += (("stroke", colour), ("stroke-width", fmt(width)))
    return Element("circle", attrs)


# ---- Layout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """Where one frame's world window lands in the panel: svg = origin + scale × (x, −z)."""

    left: float
    floor: float
    scale: float

    def at(self, x: float, z: float) -> tuple[float, float]:
        return (self.left + self.scale * x, self.floor - self.scale * z)


Box = tuple[float, float, float, float]  # min x, min z, max x, max z (world cm)
# The floor's line, so every window shows it.
FLOOR_BOX: Box = (math.inf, -1.0, -math.inf, 0.0)


def chosen_layout(scene: Scene) -> Layout:
    """Overlay when only the moving parts change between frames; otherwise a sequence."""
    if scene.pose.layout is not Layout.AUTO:
        return scene.pose.layout
    if Prop.BAND in scene.pose.props and Prop.POST in scene.pose.props:
        return Layout.SEQUENCE
    moving = {name for part in scene.pose.moving for name in scene.frames[0].part_points(part)}
    first = scene.frames[0]
    for frame in scene.frames[1:]:
        for name in first.radii:
            if name in moving:
                continue
            if math.dist(first.xy(name), frame.xy(name)) > 1.0:
                return Layout.SEQUENCE
    return Layout.OVERLAY


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def frame_box(frame: FrameFigure) -> Box:
    names = list(frame.radii)
    seen = {n: frame.xy(n) for n in names}
    return (
        min(seen[n][0] - frame.radii[n] for n in names),
        min(seen[n][1] - frame.radii[n] for n in names),
        max(seen[n][0] + frame.radii[n] for n in names),
        max(seen[n][1] + frame.radii[n] for n in names),
    )


def shape_box(shape: Shape) -> Box:
    if shape.kind in ("water", "floor-line"):
        ys = [p[1] for p in shape.points]
        return (math.inf, min(ys) - 1, -math.inf, max(ys))
    xs = [p[0] for p in shape.points]
    zs = [p[1] for p in shape.points]
    return (min(xs) - shape.radius, min(zs) - shape.radius, max(xs) + shape.radius, max(zs) + shape.radius)


def cells(box: Box, count: int) -> list[Cell]:
    """Frames in a row or in a column, whichever draws them bigger; centred in the panel."""
    width, height = box[2] - box[0], box[3] - box[1]
    room_w, room_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    gaps = (count - 1) * SEQUENCE_GAP
    row = min((room_w - gaps) / (count * width), room_h / height)
    column = min(room_w / width, (room_h - gaps) / (count * height))
    if row >= column or count == 1:
        s = row
        used_w = count * width * s + gaps
        left0 = (WIDTH - used_w) / 2
        top = (HEIGHT - height * s) / 2
        return [Cell(left0 + i * (width * s + SEQUENCE_GAP) - box[0] * s, top + box[3] * s, s) for i in range(count)]
    s = column
    used_h = count * height * s + gaps
    top0 = (HEIGHT - used_h) / 2
    left = (WIDTH - width * s) / 2 - box[0] * s
    return [Cell(left, top0 + i * (height * s + SEQUENCE_GAP) + box[3] * s, s) for i in range(count)]


# ---- The scene -----------------------------------------------------------------------------------


def draw_scene(scene: Scene) -> list[Element]:
    layout = chosen_layout(scene)
    elements: list[Element] = [
        Element(
            "rect",
            (
                ("x", "0.5"),
                ("y", "0.5"),
                ("width", fmt(WIDTH - 1)),
                ("height", fmt(HEIGHT - 1)),
                ("rx", "14"),
                ("fill", PANEL),
                ("stroke", PANEL_EDGE),
                ("stroke-width", "1"),
            ),
        )
    ]
    arrows = motion_arrows(scene) if layout is Layout.OVERLAY else []
    floors = [s for s in scene.props if s.role == "floor"]
    props = [s for s in scene.props if s.role not in ("floor", "prop-over")]
    # what the body holds in front of it (a ball between the knees) is drawn after the body
    over = [s for s in scene.props if s.role == "prop-over"]
    if layout is Layout.OVERLAY:
        box = union(
            [frame_box(f) for f in scene.frames] + prop_boxes(scene) + [FLOOR_BOX] + [arrow_box(a) for a in arrows]
        )
        box = pad(box, 3.0)
        (cell,) = cells(box, 1)
        elements += draw_floor(floors, cell, box)
        elements += draw_props(props, cell)
        for shape in scene.frame_props[-1]:
            if shape.role == "band":
                elements += draw_props([shape], cell)
        if scene.pose.motion is not Motion.SQUEEZE:
            for frame in scene.frames[:-1]:
                elements += draw_body(scene, frame, cell, ghost=True)
        elements += draw_body(scene, scene.frames[-1], cell)
        elements += draw_props(over, cell)
        elements += draw_props([s for s in scene.frame_props[-1] if s.role == "band-around"], cell)
        elements += [
            e for shape in scene.frame_props[-1] if shape.role == "water" for e in draw_water(shape, cell, box)
        ]
        for arrow in arrows:
            elements += draw_arrow(arrow, cell, both_ends=scene.pose.motion is Motion.BACK_AND_FORTH)
        if scene.pose.motion is Motion.SQUEEZE:
            elements += squeeze_marks(scene, scene.frames[-1], cell)
        return elements
    box, frame_cells = sequence_cells(scene)
    for index, (frame, cell) in enumerate(zip(scene.frames, frame_cells)):
        elements += draw_floor(floors, cell, box)
        elements += draw_props(props, cell)
        elements += draw_props([s for s in scene.frame_props[index] if s.role == "band"], cell)
        elements += draw_body(scene, frame, cell)
        elements += draw_props(over, cell)
        elements += draw_props([s for s in scene.frame_props[index] if s.role == "band-around"], cell)
        elements += [e for s in scene.frame_props[index] if s.role == "water" for e in draw_water(s, cell, box)]
    for before, after in zip(frame_cells, frame_cells[1:]):
        elements += between_arrow(before, after, box)
    return elements


def prop_boxes(scene: Scene) -> list[Box]:
    return [shape_box(s) for s in scene.props] + [shape_box(s) for shapes in scene.frame_props for s in shapes]


def sequence_cells(scene: Scene) -> tuple[Box, list[Cell]]:
    """A sequence's world window and where each frame lands: in a row or in a column."""
    box = pad(union([frame_box(f) for f in scene.frames] + prop_boxes(scene) + [FLOOR_BOX]), 3.0)
    return box, cells(box, len(scene.frames))


def frames_across(pose: Pose) -> int:
    """How many positions the picture shows side by side; paper gives each one at least 4 cm."""
    scene = build_scene(pose)
    if chosen_layout(scene) is Layout.OVERLAY:
        return 1
    _, frame_cells = sequence_cells(scene)
    return len({round(cell.left) for cell in frame_cells})


def pad(box: Box, amount: float) -> Box:
    return (box[0] - amount, box[1] - amount, box[2] + amount, box[3] + amount)


def draw_floor(shapes: list[Shape], cell: Cell, box: Box) -> list[Element]:
    """The floor across the whole frame: a line, or seen from above a pale band."""
    out: list[Element] = []
    left, right = cell.at(box[0], 0)[0] - 6, cell.at(box[2], 0)[0] + 6
    for shape in shapes:
        if shape.kind == "floor-line":
            y = cell.at(0, shape.points[0][1])[1]
            out.append(polyline([(left, y), (right, y)], FLOOR, 2.0))
        elif shape.kind == "floor-band":  # the floor seen from above: a pale patch, its front edge a line
            pts = [cell.at(x, z) for x, z in shape.points]
            out.append(polygon(pts, FLOOR_BAND))
            out.append(polyline(pts[:2], FLOOR, 2.0))
    return out


# ---- Props --------------------------------------------------------------------------------------


def draw_props(shapes: list[Shape], cell: Cell) -> list[Element]:
    out: list[Element] = []
    s = cell.scale
    for shape in shapes:
        pts = [cell.at(x, z) for x, z in shape.points]
        if shape.role == "mat":
            out.append(polygon(pts, PROP_FILL, PROP_FILL, 2.0))
        elif shape.role == "mat-top":
            out.append(polygon(pts, PROP_TOP, PROP_FILL, 2.0))
        elif shape.role == "band-around":  # over the legs: a panel-coloured edge keeps it apart from them
            width = max(2.4, 4.0 * s)
            out += [polyline(pts, PANEL, width + 2 * HALO), polyline(pts, BAND_AROUND, width)]
        elif shape.kind == "polygon":
            light = shape.role.startswith("prop-light")
            fill = PROP_TOP if shape.role.endswith("-top") else ("#e4e7eb" if light else PROP_FILL)
            out.append(polygon(pts, fill, PROP_LIGHT if light else PROP_LINE, 1.6))
        elif shape.kind == "line":
            out.append(polyline(pts, PROP_LIGHT if shape.role == "prop-light" else PROP_LINE, max(2.0, 3.0 * s)))
        elif (
            shape.kind == "circle" and shape.role == "prop-over"
        ):  # a ball held in front: filled, so it hides what is behind
            out.append(circle(pts[0], shape.radius * s, PROP_TOP, PROP_LIGHT, max(1.6, 2.2 * s)))
        elif shape.kind == "circle":
            out.append(
                circle(
                    pts[0],
                    shape.radius * s,
                    "none",
                    PROP_LIGHT if shape.role == "prop-light" else PROP_LINE,
                    max(1.6, 2.2 * s),
                )
            )
        elif shape.kind == "curve":
            (x0, y0), (xm, ym), (x1, y1) = pts
            out.append(path(f"M{fmt(x0)} {fmt(y0)}Q{fmt(xm)} {fmt(ym)} {fmt(x1)} {fmt(y1)}", BAND, max(2.4, 3.2 * s)))
    return out


def draw_water(shape: Shape, cell: Cell, box: Box) -> list[Element]:
    """Pool water over the body: a pale see-through block with a wavy surface."""
    left, top = cell.at(box[0], shape.points[0][1])
    right, bottom = cell.at(box[2], 0.0)
    step = (right - left) / 8
    surface = f"M{fmt(left)} {fmt(top)}" + "".join(
        f"Q{fmt(left + step * (i + 0.5))} {fmt(top + (-3 if i % 2 == 0 else 3))} {fmt(left + step * (i + 1))} {fmt(top)}"
        for i in range(8)
    )
    water = polygon([(left, top), (right, top), (right, bottom), (left, bottom)], WATER)
    return [Element("polygon", water.attributes + (("fill-opacity", "0.35"),)), path(surface, WATER_LINE, 2.0)]


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
    centres = [frame.points[n] for n in names]
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
            point = tuple(c + sign * width * a for c, a in zip(centre, across))
            side.append(cell.at(*project(point, frame.elevation, frame.azimuth)))  # type: ignore[arg-type]
        sides.append(side)
    return sides[0] + sides[1][::-1]


def unit(v: tuple[float, ...]) -> tuple[float, ...]:
    size = math.sqrt(sum(c * c for c in v)) or 1.0
    return tuple(c / size for c in v)


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
