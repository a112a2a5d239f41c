"""My program's PNG icons: the figure of `companion_icon.svg.j2`, drawn with Pillow at the sizes phones install.

Phones that cannot use an SVG icon (and Chrome's install prompt) ask for PNGs of 192 and
512 pixels; a maskable one fills its square and keeps the figure within the middle 80 %,
so a round or squircle mask never cuts it. Drawn four times larger and scaled down, so
the edges are smooth; the same bytes on every build.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

BACKGROUND = "#0b5c63"
FIGURE = "#ffffff"
# The SVG's own drawing, on its 512-unit square: the head, then each stroke from one point to the next.
HEAD = (256, 120, 48)
STROKES = [((256, 180), (256, 330)), ((256, 200), (156, 260)), ((256, 200), (356, 260))]
STROKES += [((256, 330), (186, 450)), ((256, 330), (326, 450))]
STROKE_WIDTH = 40
CORNER = 96
# A maskable icon's figure stays inside the safe circle: 80 % of the square, centred.
SAFE = 0.8
OVERSAMPLE = 4


@dataclass(frozen=True)
class AppIcon:
    """One icon file beside the page, as the manifest names it."""

    path: str
    size: int
    maskable: bool = False

    @property
    def purpose(self) -> str:
        return "maskable" if self.maskable else "any"

    def png(self) -> bytes:
        return icon_png(self.size, maskable=self.maskable)


def icon_png(size: int, *, maskable: bool = False) -> bytes:
    big = size * OVERSAMPLE
    unit = big / 512
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=BACKGROUND)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * unit, fill=BACKGROUND)
    scale = unit * (SAFE if maskable else 1)
    offset = big * (1 - SAFE) / 2 if maskable else 0

    def at(x: float, y: float) -> tuple[float, float]:
        return (offset + x * scale, offset + y * scale)

    x, y, r = HEAD
    draw.ellipse((*at(x - r, y - r), *at(x + r, y + r)), fill=FIGURE)
    half = STROKE_WIDTH / 2
    for start, end in STROKES:
        draw.line((at(*start), at(*end)), fill=FIGURE, width=round(STROKE_WIDTH * scale))
        for point in (start, end):
            draw.ellipse((*at(point[0] - half, point[1] - half), *at(point[0] + half, point[1] + half)), fill=FIGURE)
    small = image.resize((size, size), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    small.save(output, format="PNG")
    return output.getvalue()
