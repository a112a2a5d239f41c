"""Reading text out of the articles for the content tests; the grade itself is the validator's.

`grade` is `fai_site.catalogue.reading_grade.grade`, the function `make check` holds each exercise's
instructions to, so an article and an exercise are measured the same way, fully offline.
"""

from __future__ import annotations

import re

from fai_site.catalogue.content_rules import PAIN_RULE
from fai_site.catalogue.reading_grade import grade  # noqa: F401 (the validator's measure, which the content tests use too)

LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
MARKUP = re.compile(
    r"(^#+\s*|^\s*[-*+]\s+|^\s*\d+\.\s+|^!!!\s*\w+\s*(\"[^\"]*\")?|^\?\?\?\+?\s*\w+\s*(\"[^\"]*\")?|[*_`>|]|\{[^}]*\}|<[^>]+>)",
    re.MULTILINE,
)


def markdown_body(source: str) -> str:
    """An article's reading text: no front matter, no references, no Markdown syntax."""
    if source.startswith("---\n"):
        source = source.split("\n---\n", 1)[1]
    source = re.split(r"^## References\s*$", source, maxsplit=1, flags=re.MULTILINE)[0]
    source = LINK.sub(r"\1", source)
    lines = [MARKUP.sub("", line).strip() for line in source.splitlines()]
    return "\n".join(sentence_end(line) for line in lines if line and not line.startswith(("---", ":")))


def sentence_end(line: str) -> str:
    """Headings, list items and table cells are read as sentences of their own."""
    return line if line.endswith((".", "?", "!", ":")) else f"{line}."


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def shared_runs(text: str, other: str, length: int = 8) -> set[str]:
    """Runs of `length` consecutive words that both texts contain."""

    def runs(tokens: list[str]) -> set[str]:
        return {" ".join(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}

    return runs(words(text)) & runs(words(other))


def pain_rule_sentences(text: str) -> list[str]:
    """The sentences of `text` that state the pain rule."""
    return [sentence for sentence in re.split(r"(?<=[.!?])\s+", text) if PAIN_RULE.search(sentence)]
