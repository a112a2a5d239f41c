"""One PDF to draw: everything it is made from, and what comes back.

The drawing side (`pdf_renderer`, WeasyPrint) and the planning side (`pdf`, which gathers
the inputs and keeps the cache) both read these types, and neither imports the other's
module at load time, so WeasyPrint is imported only when a PDF must really be drawn.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Bump when the way a PDF is made changes without its inputs or the drawing code below changing.
CACHE_FORMAT = "3"
# The code that draws and tags a PDF: an edit to it draws every PDF again.
DRAWING_CODE = tuple(Path(__file__).with_name(name) for name in ("pdf_renderer.py", "pdf_tags.py"))


class HandoutPdfError(Exception):
    """A handout PDF cannot be made; the message names the program and the cause."""


@dataclass(frozen=True)
class PdfJob:
    """Everything one PDF is made from; nothing outside it can change the result."""

    program_id: str
    path: str
    html: str
    base_url: str
    site_url: str
    resources: dict[str, bytes] = field(repr=False)
    large_print: bool = False

    def key(self) -> str:
        """A hash of every input, the PDF's name in the cache."""
        digest = hashlib.sha256()
        libraries = (version("weasyprint"), version("pikepdf"))
        for part in (CACHE_FORMAT, *libraries, self.path, self.base_url, self.site_url, self.html):
            digest.update(part.encode() + b"\0")
        digest.update(drawing_code_digest())
        for path in sorted(self.resources):
            digest.update(path.encode() + b"\0" + hashlib.sha256(self.resources[path]).digest())
        return digest.hexdigest()


@dataclass(frozen=True)
class RenderedPdf:
    """What the renderer gives back: the file, and how many pages it laid out."""

    content: bytes
    pages: int


Renderer = Callable[[PdfJob], RenderedPdf]


@cache
def drawing_code_digest() -> bytes:
    """A hash of the drawing code, read once per build."""
    return hashlib.sha256(b"".join(code.read_bytes() for code in DRAWING_CODE)).digest()


def site_path(url: str, site_url: str) -> str | None:
    """The path of a URL inside the site, or None when it points anywhere else."""
    if not url.startswith(site_url):
        return None
    return unquote(urlsplit(url[len(site_url) :]).path)
