"""An article's warning-sign markers, filled in from the catalogue's one entry per sign.

`<!-- signs: ID ID … -->` on a line of its own becomes a box per tier, headed by the
tier's action, with each marked sign's own words; `<!-- safety: TIER -->` becomes a whole
tier (or `during_exercise`, the stop rule). An article describes a sign in its own words,
but how fast to act on one comes only from here, so a page, a handout, the builder and
"My program" always agree. A marker that names no sign or tier stops the build at its line.
"""

from __future__ import annotations

import re
import textwrap

from fai_site.catalogue.article_rules import (
    ALL_CHILDREN,
    SAFETY_MARKER,
    SIGNS_MARKER,
    STOP_RULE,
    MarkerError,
    marked_ids,
    marker_message,
    safety_message,
)
from fai_site.catalogue.warning_signs import CHILD_TIERS, Safety, Tier, TierList, filled, signs_named, tier_list
from fai_site.pages.templating import md_text


def tier_box(group: TierList) -> str:
    """A tier as a Material admonition: its heading (the action) as the title, a sign to a line."""
    light = f"{group.tier.light}: " if group.tier.light else ""
    title = md_text(light + group.heading).replace('"', "&quot;")
    items = "\n".join(f"    - {md_text(sign.full)}" for sign in group.signs)
    return f'!!! {group.tier.box} "{title}"\n{items}\n'


def boxes(groups: list[TierList], indent: str) -> str:
    return textwrap.indent("\n".join(tier_box(group) for group in groups).rstrip("\n"), indent)


def safety_list(name: str, safety: Safety, number: str) -> list[TierList] | str:
    if name == STOP_RULE:
        return md_text(filled(safety.during_exercise, number))
    tiers = CHILD_TIERS if name == ALL_CHILDREN else (Tier(name),)
    return [tier_list(safety, tier, number) for tier in tiers]


def with_sign_markers(markdown: str, safety: Safety, *, number: str, source: str, first_line: int = 1) -> str:
    """The page with each marker replaced by its signs and their tiers' actions; raises `MarkerError` at a bad marker.

    `first_line` is the file line the text starts at (MkDocs hands pages over without their front matter).
    """

    def where(match: re.Match[str]) -> str:
        return f"docs/{source}:{markdown.count(chr(10), 0, match.start()) + first_line}"

    def signs(match: re.Match[str]) -> str:
        if (problem := marker_message(match["ids"], safety)) is not None:
            raise MarkerError(f"{where(match)}: {problem}")
        return boxes(signs_named(safety, marked_ids(match["ids"]), number), match["indent"])

    def whole_list(match: re.Match[str]) -> str:
        if (problem := safety_message(match["tier"])) is not None:
            raise MarkerError(f"{where(match)}: {problem}")
        found = safety_list(match["tier"], safety, number)
        return match["indent"] + found if isinstance(found, str) else boxes(found, match["indent"])

    return SAFETY_MARKER.sub(whole_list, SIGNS_MARKER.sub(signs, markdown))
