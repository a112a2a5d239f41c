"""One frame of a picture as SVG elements, in the one drawing order the still and the animation share.

The floor, the props that stay put, the band behind the body, the body (over, for an
overlay, the earlier frames' moving parts as hollow ghosts), what the body holds in front of
it (a ball between the knees), the band around the legs over it, and pool water over
everything. The still draws each catalogue frame this way and the animation each in-between
body, so the two pictures stack their parts alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from fai_site.pictures.body import FrameFigure
from fai_site.pictures.props import Shape
from fai_site.pictures.scene import Scene
from fai_site.pictures.svg.body import draw_body
from fai_site.pictures.svg.elements import Element, fmt
from fai_site.pictures.svg.layout import Box, Cell
from fai_site.pictures.svg.props import draw_floor, draw_props, draw_water
from fai_site.pictures.svg.style import HEIGHT, PANEL, PANEL_EDGE, WIDTH


def panel() -> Element:
    """The light, rounded panel every picture is drawn on, so it reads on a dark page too."""
    return Element(
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


def frame_elements(
    scene: Scene,
    body: FrameFigure,
    moving_props: Sequence[Shape],
    cell: Cell,
    box: Box,
    *,
    ghosts: Sequence[FrameFigure] = (),
) -> list[Element]:
    """`body` with the floor and the props in `cell`; `moving_props` are the band and water of its frame."""
    floors = [s for s in scene.props if s.role == "floor"]
    props = [s for s in scene.props if s.role not in ("floor", "prop-over")]
    held = [s for s in scene.props if s.role == "prop-over"]
    out = draw_floor(floors, cell, box) + draw_props(props, cell)
    out += draw_props([s for s in moving_props if s.role == "band"], cell)
    for ghost in ghosts:
        out += draw_body(scene, ghost, cell, ghost=True)
    out += draw_body(scene, body, cell)
    out += draw_props(held, cell)
    out += draw_props([s for s in moving_props if s.role == "band-around"], cell)
    out += [e for s in moving_props if s.role == "water" for e in draw_water(s, cell, box)]
    return out
