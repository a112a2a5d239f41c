"""The site a build writes into: its address, its kind of links, and the clinic named on its handouts.

A leaf that pages, handouts and the cache all read; the composition root (`project`)
assembles it once per build from mkdocs.yml and the environment.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# The address `mkdocs serve` previews at, when the config names none.
PREVIEW_URL = "http://127.0.0.1:8000/"
# Printed where a site names no emergency number: the two most readers will need, as NHS and US pages say it.
DEFAULT_EMERGENCY_NUMBER = "999 (911 in the US)"
# What every page and sheet says of a text no named clinician has signed off (catalogue/clinical_signoff.py).
NOT_REVIEWED = "Not yet reviewed by a named clinician."
# What `extra.clinic` may say about the clinic itself; its emergency number is read (and checked) on its own.
CLINIC_CONTACT = ("name", "phone", "address", "web", "logo")


@dataclass(frozen=True)
class Clinic:
    """Who hands the sheet out, and the number its patients call in an emergency; from `extra.clinic` in mkdocs.yml."""

    name: str = "Your physical therapy clinic"
    phone: str | None = None
    address: str | None = None
    web: str | None = None
    logo: str | None = None
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER


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
    # The catalogue's clinical review, as every sheet and "My program" print it (catalogue/clinical_signoff.py).
    catalogue_review: str = NOT_REVIEWED

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


def emergency_number(clinic: Mapping[str, Any] | None) -> str:
    """The number a sheet tells the reader to call: the clinic's, or the default wording that names 999 and 911."""
    found = (clinic or {}).get("emergency_number")
    return found.strip() if isinstance(found, str) and found.strip() else DEFAULT_EMERGENCY_NUMBER


def emergency_number_problem(clinic: Mapping[str, Any] | None) -> str | None:
    """Why `extra.clinic.emergency_number` cannot be printed, or None; a bare 000 in YAML is the number 0."""
    found = (clinic or {}).get("emergency_number")
    if found is None:
        return None
    if not isinstance(found, str):
        return (
            f'must be text in quotes, e.g. emergency_number: "{found}" (unquoted, YAML may read 000 as 0; '
            f"got {found!r})"
        )
    if not found.strip() or len(found) > 40 or "{" in found or "}" in found or not found.isprintable():
        return f'must be the number to call, in at most 40 characters, e.g. "112" (got {found!r})'
    return None
