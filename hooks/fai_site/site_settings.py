"""The site a build writes into: its address, its kind of links, and the clinic named on its handouts.

A leaf that pages, handouts and the cache all read; the composition root (`project`)
assembles it once per build from mkdocs.yml and the environment.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# The address `mkdocs serve` previews at, when the config names none.
PREVIEW_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class Clinic:
    """Who hands the sheet out; from `extra.clinic` in mkdocs.yml."""

    name: str = "Your physical therapy clinic"
    phone: str | None = None
    address: str | None = None
    web: str | None = None
    logo: str | None = None


@dataclass(frozen=True)
class SiteSettings:
    """What the generated pages need to know about the site they go into."""

    site_url: str
    directory_urls: bool = True
    clinic: Clinic = Clinic()
    # Off (HANDOUT_PDFS=0) for quick previews: no PDFs are rendered and no page links to one.
    handout_pdfs: bool = True
    # Where QR codes drawn by earlier builds are kept; None draws every one afresh.
    qr_cache: Path | None = None
    # A hash of the companion's script and stylesheet: a new one names a new offline cache, so phones fetch them afresh.
    companion_assets: str = ""

    def page_url(self, path: str) -> str:
        """The address of a page in this build, given by its path without extension."""
        return self.site_url.rstrip("/") + "/" + (f"{path}/" if self.directory_urls else f"{path}.html")

    @property
    def is_public(self) -> bool:
        """Whether `site_url` is an address a patient's phone can open, so paper may print it."""
        return is_public_address(self.site_url)

    def public_url(self, path: str) -> str | None:
        """The page's address on the published site, for QR codes (the offline copy's paper leads online too); None for
        a local build."""
        return self.site_url.rstrip("/") + f"/{path}/" if self.is_public else None

    def root_from(self, path: str) -> str:
        """The relative path from a page back to the site root."""
        depth = path.count("/") + (1 if self.directory_urls else 0)
        return "../" * depth

    def page_href(self, path: str, *, start: str) -> str:
        """The relative link from the page at `start` to the page at `path` (both without extension)."""
        return self.root_from(start) + (f"{path}/" if self.directory_urls else f"{path}.html")


def is_public_address(url: str) -> bool:
    """False for a preview's address (localhost, a loopback, private or link-local IP, a name with no dot): printed, it
    opens nothing."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        return "." in host
