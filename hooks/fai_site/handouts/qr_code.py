"""QR codes as inline SVG, made at build time so a printed sheet links back to its page offline."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import segno
from markupsafe import Markup

from fai_site.files import store

# Medium error correction survives a crease or a smudge and keeps the code small.
ERROR_CORRECTION = "m"
# The standard quiet zone: scanners need four empty modules around the code.
QUIET_ZONE = 4
# Bump when the drawing below changes, so codes kept from earlier builds are drawn again.
CACHE_FORMAT = "1"


# Choosing the best mask makes each code cost milliseconds; a page URL always gives the same code,
# so the handout page and both PDFs share one, and `mkdocs serve` rebuilds reuse it.
@lru_cache(maxsize=4096)
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


def kept_qr_svg(url: str, *, cache_dir: Path | None) -> Markup:
    """`qr_svg` through a folder of finished codes, so a build draws only the codes of new addresses."""
    if cache_dir is None:
        return qr_svg(url)
    key = hashlib.sha256(
        f"{CACHE_FORMAT}\0{segno.__version__}\0{ERROR_CORRECTION}\0{QUIET_ZONE}\0{url}".encode()
    ).hexdigest()
    kept = cache_dir / f"{key}.svg"
    if kept.is_file():
        return Markup(kept.read_text(encoding="utf-8"))
    svg = qr_svg(url)
    store(kept, svg.encode())
    return svg
