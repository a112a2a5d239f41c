"""Animation: a pose's in-between bodies → one SVG that plays the exercise, for the screen only.

The still picture (`drawing`) stays what paper and the PDFs print. This one draws a single
body in one window big enough for every in-between body, with the same elements, colours and
props as the still, and moves it with SVG's own animation (SMIL): each element whose shape
changes gets an `<animate>` of its coordinates through the bodies, on the loop `motion.timeline`
gives. No script is needed to play it, so a page only needs one to pause it; the page keeps the
still picture for readers who ask for less motion.

When the bodies cannot be told as one element list whose shapes change (a limb that passes in
front of the trunk changes the drawing order), every body is drawn as its own group and the
groups take turns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fai_site.catalogue.pose import Motion, Pose
from fai_site.pictures.body import FrameFigure
from fai_site.pictures.drawing import illustration_text
from fai_site.pictures.motion import Timeline, motion_bodies, timeline
from fai_site.pictures.props import frame_props
from fai_site.pictures.scene import Scene, build_scene
from fai_site.pictures.svg.arrows import squeeze_marks
from fai_site.pictures.svg.elements import Element, check_uid, fmt
from fai_site.pictures.svg.frame import frame_elements, panel
from fai_site.pictures.svg.layout import FLOOR_BOX, cells, frame_box, pad, shape_box
from fai_site.pictures.svg.style import HEIGHT, WIDTH
from fai_site.pictures.templating import environment

TEMPLATE = "animation.svg.j2"
# The attributes that hold a shape's coordinates: these may change from body to body.
GEOMETRY = frozenset({"points", "x1", "y1", "x2", "y2", "cx", "cy", "r", "d"})


@dataclass(frozen=True)
class Animate:
    """One `<animate>`: an attribute's value at each key time of the loop."""

    attribute: str
    values: tuple[str, ...]
    discrete: bool = False
    key_times: str = ""  # its own key times; empty: the loop's


@dataclass(frozen=True)
class Moving:
    """An element, its attributes at the start, and how they change (or a group of elements)."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    animations: tuple[Animate, ...] = ()
    children: tuple[Element, ...] = ()


# Moving coordinates are written to the whole SVG unit (about 1.5 screen pixels): a body in
# motion needs no finer, and it keeps the animation within 3× the still picture's bytes.
COARSE_NUMBER = re.compile(r"-?\d+\.\d")


def whole(match: re.Match[str]) -> str:
    return fmt(round(float(match.group())))


# ---- Public API ------------------------------------------------------------------------------


def render_animation(pose: Pose, *, title: str, uid: str, timing: tuple[float, float, float, float]) -> str:
    """The pose playing in a loop, as an `<svg>` element; every id inside starts with `uid`.

    Kept by content: an exercise's page and its moving picture file (the builder's preview)
    show the same animation, which is the costliest thing a build draws."""
    return _animation(pose.model_dump_json(), title=title, uid=uid, timing=timing)


@lru_cache(maxsize=64)
def _animation(pose_json: str, *, title: str, uid: str, timing: tuple[float, float, float, float]) -> str:
    check_uid(uid)
    pose = Pose.model_validate_json(pose_json)
    loop = timeline(pose, timing=timing)
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            uid=uid,
            title=title,
            description=illustration_text(pose),
            width=fmt(WIDTH),
            height=fmt(HEIGHT),
            panel=panel(),
            elements=animated_elements(pose, loop),
            key_times=";".join(fmt_time(t) for t in loop.times),
            seconds=fmt(loop.seconds),
        )
        .strip()
        + "\n"
    )


# ---- The drawing ------------------------------------------------------------------------------


def animated_elements(pose: Pose, loop: Timeline) -> list[Moving]:
    """Everything after the panel: each element once, with the animations it needs."""
    scene = build_scene(pose)
    bodies = motion_bodies(pose)
    box = window(scene, bodies)
    (cell,) = cells(box, 1)
    drawn = [frame_elements(scene, body, frame_props(scene.pose, scene.frames, body), cell, box) for body in bodies]
    merged = merge(drawn, loop) if same_structure(drawn) else take_turns(drawn, loop)
    if pose.motion is Motion.SQUEEZE:
        merged += pulse(squeeze_marks(scene, bodies[0], cell), loop)
    return merged


def window(scene: Scene, bodies: list[FrameFigure]) -> tuple[float, float, float, float]:
    """The world window that holds every in-between body and every prop."""
    boxes = [frame_box(b) for b in bodies] + [shape_box(s) for s in scene.props] + [FLOOR_BOX]
    boxes += [shape_box(s) for b in bodies for s in frame_props(scene.pose, scene.frames, b)]
    return pad(
        (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)), 3.0
    )


def same_structure(drawn: list[list[Element]]) -> bool:
    """True when every body is the same elements in the same order, differing only in shape."""

    def skeleton(elements: list[Element]) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
        return [(e.tag, tuple((k, v) for k, v in e.attributes if k not in GEOMETRY)) for e in elements]

    first = skeleton(drawn[0])
    return all(skeleton(d) == first for d in drawn[1:])


def merge(drawn: list[list[Element]], loop: Timeline) -> list[Moving]:
    """One element per position, animating each coordinate attribute that changes."""
    out = []
    for position, element in enumerate(drawn[0]):
        animations = []
        for index, (name, _) in enumerate(element.attributes):
            values = [d[position].attributes[index][1] for d in drawn]
            if len(set(values)) > 1:
                coarse = [COARSE_NUMBER.sub(whole, v) for v in values]
                animations.append(Animate(name, tuple(coarse[i] for i in loop.frames)))
        out.append(Moving(element.tag, element.attributes, tuple(animations)))
    return out


def take_turns(drawn: list[list[Element]], loop: Timeline) -> list[Moving]:
    """Every body as a group of its own, shown only at its own key times."""
    out = []
    for index, elements in enumerate(drawn):
        shown = tuple("visible" if i == index else "hidden" for i in loop.frames)
        out.append(
            Moving("g", (("visibility", shown[0]),), (Animate("visibility", shown, discrete=True),), tuple(elements))
        )
    return out


def pulse(marks: list[Element], loop: Timeline) -> list[Moving]:
    """Effort without movement: the squeeze marks fade in while the muscle works, and out."""
    return [
        Moving(
            "g",
            (("opacity", "0"),),
            (Animate("opacity", ("0", "1", "1", "0", "0"), key_times="0;0.15;0.7;0.85;1"),),
            tuple(marks),
        )
    ]


def fmt_time(t: float) -> str:
    text = f"{t:.4f}".rstrip("0").rstrip(".")
    return text or "0"
