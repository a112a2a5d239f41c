"""SVG elements as data: a tag and its attributes in a fixed order, numbers rounded to 0.1, so the same drawing gives
the same bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass

UID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def check_uid(uid: str) -> None:
    """Ids inside a picture start with `uid`, so two pictures on one page never share one."""
    if not UID.match(uid):
        raise ValueError(f"uid must start with a letter and hold only letters, digits, '-' and '_': {uid!r}")


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
