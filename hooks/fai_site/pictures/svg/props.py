"""The floor, the props and the water drawn as SVG elements, in a frame's cell."""

from __future__ import annotations

from fai_site.pictures.props import Shape
from fai_site.pictures.svg.elements import Element, circle, fmt, path, polygon, polyline
from fai_site.pictures.svg.layout import Box, Cell
from fai_site.pictures.svg.style import (
    BAND,
    BAND_AROUND,
    FLOOR,
    FLOOR_BAND,
    HALO,
    PANEL,
    PROP_FILL,
    PROP_LIGHT,
    PROP_LINE,
    PROP_TOP,
    WATER,
    WATER_LINE,
)


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
        elif shape.kind == "circle" and shape.role == "prop-over":  # held in front: filled, so it hides what is behind
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
        f"Q{fmt(left + step * (i + 0.5))} {fmt(top + (-3 if i % 2 == 0 else 3))} {fmt(left + step * (i + 1))} "
        f"{fmt(top)}"
        for i in range(8)
    )
    water = polygon([(left, top), (right, top), (right, bottom), (left, bottom)], WATER)
    return [Element("polygon", water.attributes + (("fill-opacity", "0.35"),)), path(surface, WATER_LINE, 2.0)]
