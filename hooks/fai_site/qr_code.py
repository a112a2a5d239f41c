"""QR codes as inline SVG, made at build time so a printed sheet links back to its page offline."""

from __future__ import annotations

import segno
from markupsafe import Markup

# Medium error correction survives a crease or a smudge and keeps the code small.
ERROR_CORRECTION = "m"
# The standard quiet zone: scanners need four empty modules around the code.
QUIET_ZONE = 4


def qr_svg(url: str) -> Markup:
    """An `<svg>` that scales with CSS (viewBox only), black modules on a transparent ground."""
    code = segno.make(url, error=ERROR_CORRECTION, micro=False)
    svg = code.svg_inline(
        scale=1,
        border=QUIET_ZONE,
        omitsize=True,
        svgclass="fai-handout__qr-code",
        lineclass=None,
        title=f"QR code for {url}",
    )
    return Markup(svg)
