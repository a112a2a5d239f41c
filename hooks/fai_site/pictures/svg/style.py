"""The pictures' look: the panel's size, the colours and the stroke widths, shared by the still and the animation."""

from __future__ import annotations

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
