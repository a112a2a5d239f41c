"""Drawing: a pose's scene → one inline SVG, the same on the page, the index and the handout.

The figure is a line drawing with rounded, thick limbs on its own light panel (so it
reads on a dark page too): near limbs dark, far limbs lighter, the moving part in the
accent colour, props in greys. Frames are drawn either overlaid (one figure, the start
of the moving part as a hollow outline) or side by side with arrows between them.

Output is deterministic: coordinates are rounded to 0.1 and attributes come in a fixed
order from the template, so the same pose always gives the same bytes.
"""

from __future__ import annotations

import dataclasses

from fai_site.catalogue.pose import Layout, Motion, Pose
from fai_site.pictures.pose_text import describe_pose
from fai_site.pictures.scene import Scene, build_scene
from fai_site.pictures.svg.arrows import arrow_box, between_arrow, draw_arrow, motion_arrows, squeeze_marks
from fai_site.pictures.svg.elements import Element, check_uid, fmt
from fai_site.pictures.svg.frame import frame_elements, panel
from fai_site.pictures.svg.layout import (
    FLOOR_BOX,
    cells,
    chosen_layout,
    frame_box,
    pad,
    prop_boxes,
    sequence_cells,
    union,
)
from fai_site.pictures.svg.style import HEIGHT, WIDTH
from fai_site.pictures.templating import environment

TEMPLATE = "illustration.svg.j2"


# ---- Public API ------------------------------------------------------------------------------


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


def render_still(pose: Pose, *, title: str, description: str, uid: str) -> str:
    """The pose's first frame alone, nothing in the accent colour and no arrow: a position, not a movement."""
    check_uid(uid)
    drawn = build_scene(pose)
    scene = dataclasses.replace(drawn, pose=pose.model_copy(update={"moving": []}))
    box = pad(union([frame_box(scene.frames[0]), *prop_boxes(scene), FLOOR_BOX]), 3.0)
    (cell,) = cells(box, 1)
    elements = [panel(), *frame_elements(scene, scene.frames[0], scene.frame_props[0], cell, box)]
    template = environment().get_template(TEMPLATE)
    svg = template.render(
        uid=uid, title=title, description=description, width=fmt(WIDTH), height=fmt(HEIGHT), elements=elements
    )
    return svg.strip() + "\n"


def illustration_text(pose: Pose) -> str:
    """The picture in words: the editor's description, or one written from the pose."""
    return pose.description or describe_pose(pose)


# ---- The scene -----------------------------------------------------------------------------------


def draw_scene(scene: Scene) -> list[Element]:
    """Every frame overlaid (the earlier ones' moving parts as ghosts, with motion arrows) or side by side."""
    layout = chosen_layout(scene)
    elements: list[Element] = [panel()]
    if layout is Layout.OVERLAY:
        arrows = motion_arrows(scene)
        box = union(
            [frame_box(f) for f in scene.frames] + prop_boxes(scene) + [FLOOR_BOX] + [arrow_box(a) for a in arrows]
        )
        box = pad(box, 3.0)
        (cell,) = cells(box, 1)
        ghosts = scene.frames[:-1] if scene.pose.motion is not Motion.SQUEEZE else []
        elements += frame_elements(scene, scene.frames[-1], scene.frame_props[-1], cell, box, ghosts=ghosts)
        for arrow in arrows:
            elements += draw_arrow(arrow, cell, both_ends=scene.pose.motion is Motion.BACK_AND_FORTH)
        if scene.pose.motion is Motion.SQUEEZE:
            elements += squeeze_marks(scene, scene.frames[-1], cell)
        return elements
    box, frame_cells = sequence_cells(scene)
    for frame, moving_props, cell in zip(scene.frames, scene.frame_props, frame_cells):
        elements += frame_elements(scene, frame, moving_props, cell, box)
    for before, after in zip(frame_cells, frame_cells[1:]):
        elements += between_arrow(before, after, box)
    return elements
