"""From the printed sheet to the phone: the address a sheet's QR code opens, "My program" with its program.

A program's full link is too long for a code that scans at the size of a thumbnail, so a
sheet's code names its program by reference, `p=<id>.<hash>`: the hash covers everything
the program's link carries (its title, texts, exercises, doses and notes), and "My program"
finds the link in its own data by that reference (`pages.program_link.program_references`).
A sheet printed before the program changed carries the old hash, and opens nothing that
differs from what it printed.
"""

from __future__ import annotations

import hashlib
import json

from fai_site.catalogue.model import Catalogue, Program
from fai_site.site_settings import SiteSettings

# "My program", the patient's companion, by its path without extension.
COMPANION_PAGE = "program"
# Beside every sheet's QR code, the program's and the builder's: a program's sheet adds its own address to type.
PHONE_LINE = "Scan to open this program on your phone"


def program_reference(program: Program, catalogue: Catalogue) -> str:
    """'calm-symptoms.1a2b3c4d': the program's id and a hash of all its link carries (the program as written, and each
    exercise's usual dose, which its doses start from)."""
    usual = [catalogue.exercise(item.id).dosage.model_dump() for item in program.exercises]
    content = json.dumps([program.model_dump(mode="json"), usual], sort_keys=True)
    return f"{program.id}.{hashlib.sha256(content.encode('utf-8')).hexdigest()[:8]}"


def phone_url(program: Program, catalogue: Catalogue, settings: SiteSettings) -> str | None:
    """The address a sheet's QR code opens: the program in "My program" on the public site; None for a local one."""
    companion = settings.public_url(COMPANION_PAGE)
    return f"{companion}#p={program_reference(program, catalogue)}" if companion else None
