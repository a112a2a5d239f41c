"""Layout: where each frame's world window lands in the panel, overlaid or side by side."""

from __future__ import annotations

import math
from dataclasses import dataclass

from fai_site.catalogue.pose import Layout, Pose, Prop
from fai_site.pictures.body import FrameFigure
from fai_site.pictures.props import Shape
from fai_site.pictures.scene import Scene, build_scene
from fai_site.pictures.svg.style import HEIGHT, MARGIN, SEQUENCE_GAP, WIDTH

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
