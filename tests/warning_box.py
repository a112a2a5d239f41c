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
from fai_site.catalogue.warning_signs import PrintedSafety, TierList, printed_safety
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
    return adults_part(safety) + children_part(safety)


def adults_part(safety: PrintedSafety) -> list[str]:
    """The box's title, the stop rule and the adults' tiers: never apart, in any print."""
    return [TITLE, safety.during_exercise, *tier_parts(safety.adults)]


def children_part(safety: PrintedSafety) -> list[str]:
    return tier_parts(safety.children)


def tier_parts(groups: tuple[TierList, ...]) -> list[str]:
    return [part for group in groups for part in [group.heading, *(sign.text for sign in group.signs)]]


def box_problems(pages: list[str], safety: PrintedSafety, *, page: int = 1) -> list[str]:
    """What is wrong with the box on these printed pages: a part missing from its page (the first, unless told), or
    its title printed on another."""
    own = flowing(pages[page - 1]) if len(pages) >= page else ""
    problems = [f"not on page {page}: {part}" for part in box_parts(safety) if flowing(part) not in own]
    others = [squeezed(text) for number, text in enumerate(pages, 1) if number != page]
    problems += [f"also on another page: {TITLE}" for text in others if squeezed(TITLE) in text]
    return problems


def large_print_box_problems(pages: list[str], safety: PrintedSafety) -> list[str]:
    """Large print, where the box fills a page: its title, stop rule and adults' tiers on one page, the second; the
    children's tiers whole on that page or the next."""
    number = box_page(pages)
    if number != 2:
        return [f"the box starts on page {number}, not 2"]
    on_page = [flowing(text) for text in pages]
    problems = [f"not on page 2: {part}" for part in adults_part(safety) if flowing(part) not in on_page[1]]
    children = children_part(safety)
    if not any(all(flowing(part) in text for part in children) for text in on_page[1:3]):
        problems.append("the children's tiers are not whole on page 2 or 3")
    others = [squeezed(text) for number, text in enumerate(pages, 1) if number != 2]
    problems += [f"also on another page: {TITLE}" for text in others if squeezed(TITLE) in text]
    return problems


def box_page(pages: list[str]) -> int:
    """The page the box's title prints on (1 for none, so the problems name the first page)."""
    return next((number for number, text in enumerate(pages, 1) if squeezed(TITLE) in squeezed(text)), 1)
