"""Rules an article must keep about the warning signs, checked on every build and by `make check`.

An article's warning-sign markers must name real signs and lists, and no sentence may give
its own urgency for a listed sign (`urgency_rule`). The articles change without the catalogue,
so these run on every build, apart from the catalogue's cached checks; reading the articles
costs a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from fai_site.catalogue.problems import Problem, did_you_mean
from fai_site.catalogue.urgency_rule import SignNames, breaches, names_pattern
from fai_site.catalogue.warning_signs import Safety, Tier

# `<!-- signs: ID ID … -->` on a line of its own: those signs, each with its tier's action.
SIGNS_MARKER = re.compile(r"^(?P<indent>[ \t]*)<!-- signs:(?P<ids>[^\n]*?)-->[ \t]*$", re.MULTILINE)
# `<!-- safety: TIER -->` on a line of its own: a whole tier, the children's three, or the stop rule.
SAFETY_MARKER = re.compile(r"^(?P<indent>[ \t]*)<!-- safety: (?P<tier>[a-z_]+) -->[ \t]*$", re.MULTILINE)
# What a page holds if it shows warning signs: a quick test before the markers are looked for.
MARKS = ("<!-- signs:", "<!-- safety:")
# What `<!-- safety: … -->` may name besides a tier.
STOP_RULE = "during_exercise"
ALL_CHILDREN = "children"
SAFETY_LISTS = (*(tier.value for tier in Tier), ALL_CHILDREN, STOP_RULE)


class MarkerError(ValueError):
    """A marker that names no sign or list, with the page and line it is on."""


def marked_ids(text: str) -> list[str]:
    """The sign ids a `<!-- signs: … -->` marker's text names, split at spaces or commas."""
    return [part for part in re.split(r"[\s,]+", text) if part]


def unknown_in_marker(ids: list[str], safety: Safety) -> list[str]:
    return [sign_id for sign_id in ids if sign_id not in safety.by_id]


def marker_message(ids_text: str, safety: Safety) -> str | None:
    """Why a signs marker cannot be filled in, or None; `make check` and the build say the same."""
    ids = marked_ids(ids_text)
    if not ids:
        return (
            "'<!-- signs: -->' names no sign; list the ids of the signs to show, "
            "e.g. '<!-- signs: cannot-bear-weight -->'"
        )
    unknown = unknown_in_marker(ids, safety)
    if unknown:
        hints = "".join(did_you_mean(sign_id, safety.by_id) for sign_id in unknown[:1])
        return (
            f"'<!-- signs:{ids_text}-->' names no warning sign "
            f"{', '.join(repr(sign_id) for sign_id in unknown)}{hints}; "
            "the ids are under safety.signs in exercises.yaml"
        )
    return None


def safety_message(name: str) -> str | None:
    if name in SAFETY_LISTS:
        return None
    hint = did_you_mean(name, SAFETY_LISTS)
    return f"'<!-- safety: {name} -->' names no list{hint}; use one of {', '.join(SAFETY_LISTS)}"


def sign_names(safety: Safety) -> list[SignNames]:
    return [SignNames(sign.id, names_pattern(sign.named_by)) for sign in safety.signs]


def article_problems(safety: Safety, docs_dir: Path) -> list[Problem]:
    """Every article's marker and urgency problems, each at `docs/<page>.md` and its line."""
    if not docs_dir.is_dir():
        return []
    names = sign_names(safety)
    problems: list[Problem] = []
    for article in sorted(docs_dir.rglob("*.md")):
        where = f"{docs_dir.name}/{article.relative_to(docs_dir).as_posix()}"
        text = article.read_text(encoding="utf-8", errors="replace")
        problems += [*marker_problems(text, safety, where), *urgency_problems(text, names, where)]
    return problems


def urgency_problems(text: str, names: list[SignNames], where: str) -> Iterator[Problem]:
    """The urgency rule's breaches, one problem to a line (a long line can hold several sentences)."""
    reported: set[int] = set()
    for breach in breaches(text, names):
        if breach.line not in reported:
            reported.add(breach.line)
            yield Problem((), breach.message(), breach.line, file=where)


def marker_problems(text: str, safety: Safety, where: str) -> Iterator[Problem]:
    """A `<!-- signs: … -->` marker with an id no sign has, or a `<!-- safety: … -->` marker naming no list."""
    for match in SIGNS_MARKER.finditer(text):
        if (message := marker_message(match["ids"], safety)) is not None:
            yield Problem((), message, text.count("\n", 0, match.start()) + 1, file=where)
    for match in SAFETY_MARKER.finditer(text):
        if (message := safety_message(match["tier"])) is not None:
            yield Problem((), message, text.count("\n", 0, match.start()) + 1, file=where)
