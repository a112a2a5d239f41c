"""The "When to stop and get help" box as paper shows it, for the tests that read printed pages back.

Each part of the box (its title, the stop rule, each tier's heading and every sign) must be
on the same page, and that page is the first: a box split across a page break, or a heading
alone at the foot of a page, is how a patient misses the list under it. Line ends read back
from a PDF count as spaces (and a line that ends in a hyphen runs on), so a word split
across two lines ("Coug hing") is a part that is missing.
"""

from __future__ import annotations

import re

from fai_site.catalogue.model import Catalogue
from fai_site.catalogue.warning_signs import PrintedSafety, printed_safety
from fai_site.site_settings import DEFAULT_EMERGENCY_NUMBER

TITLE = "When to stop and get help"


def squeezed(text: str) -> str:
    return "".join(text.split())


def flowing(text: str) -> str:
    """The words of printed text, line ends as spaces, a line ending in a hyphen run on ("anti-inflammatories")."""
    return re.sub(r"(?<=[a-z])- (?=[a-z])", "-", " ".join(text.split()))


def printed(catalogue: Catalogue, number: str = DEFAULT_EMERGENCY_NUMBER) -> PrintedSafety:
    return printed_safety(catalogue.safety, number)


def box_parts(safety: PrintedSafety) -> list[str]:
    """Everything the box prints on paper, in order: title, stop rule, then each tier's heading and its signs' own words
    (a sign's detail is for the screen)."""
    parts = [TITLE, safety.during_exercise]
    for group in (*safety.adults, *safety.children):
        parts += [group.heading, *(sign.text for sign in group.signs)]
    return parts


def box_problems(pages: list[str], safety: PrintedSafety) -> list[str]:
    """What is wrong with the box on these printed pages: a part missing from the first page, or printed on another."""
    first = flowing(pages[0]) if pages else ""
    problems = [f"not on page 1: {part}" for part in box_parts(safety) if flowing(part) not in first]
    later = [squeezed(page) for page in pages[1:]]
    problems += [f"also on a later page: {TITLE}" for page in later if squeezed(TITLE) in page]
    return problems
