"""What Python-Markdown spends on an exercise page, against hand-written pages of the same word count (#18).

The floor is made of the site's own articles: their paragraphs, lists and headings as
written in `docs/`, cut into pages with as many words as each exercise page. Both are
converted with the extensions in mkdocs.yml, one `Markdown` instance per page, as MkDocs
converts a page.
"""

from __future__ import annotations

import gc
import itertools
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import yaml

FRONT_MATTER_END = "\n---\n"


@dataclass(frozen=True)
class PageCost:
    exercise_seconds: float
    floor_seconds: float
    pages: int
    words: int
    floor_words: int

    @property
    def ratio(self) -> float:
        return self.exercise_seconds / self.floor_seconds


def markdown_settings(config_file: Path) -> tuple[list[str], dict[str, Any]]:
    """The extensions and their settings as mkdocs.yml lists them."""
    from fai_site.project import ConfigLoader

    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    names: list[str] = []
    settings: dict[str, Any] = {}
    for entry in config.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


def body(page: str) -> str:
    """The page without its front matter, as MkDocs hands it to Markdown."""
    if page.startswith("---\n") and FRONT_MATTER_END in page:
        return page.split(FRONT_MATTER_END, 1)[1]
    return page


def article_blocks(docs: Path) -> list[str]:
    """The hand-written articles' blocks (paragraphs, lists, headings), as written."""
    blocks = []
    for article in sorted(docs.glob("*.md")):
        blocks.extend(
            block
            for block in body(article.read_text(encoding="utf-8")).split("\n\n")
            if block.strip() and "<!--" not in block
        )
    return blocks


def prose_pages(
    word_counts: list[int],
    blocks: list[str],
    *,
    titles: list[str] | None = None,
    count: Callable[[str], int] = lambda text: len(text.split()),
) -> Iterator[str]:
    """Hand-written pages with the given word counts (as `count` counts them), cut from the articles' blocks in turn
    (the last one cut short to fit), each under its title."""
    supply = itertools.cycle(blocks)
    for number, wanted in enumerate(word_counts):
        heading = f"# {titles[number] if titles else 'A hand-written page'}"
        page, words = [heading], count(heading)
        while words < wanted:
            block = next(supply)
            if words + count(block) > wanted:
                block = " ".join(block.split()[: wanted - words])
            page.append(block)
            words += count(block)
        yield "\n\n".join(page) + "\n"


def conversion_seconds(pages: list[str], names: list[str], settings: dict[str, Any]) -> float:
    """CPU seconds, not wall-clock: on a shared machine the other processes' load falls on both sides unevenly."""
    gc.collect()
    started = time.process_time()
    for page in pages:
        markdown.Markdown(extensions=names, extension_configs=settings).convert(page)
    return time.process_time() - started


def page_cost(exercise_pages: list[str], *, docs: Path, config_file: Path, runs: int = 3) -> PageCost:
    """Median seconds for the exercise pages and for the floor, alternating, after one warm-up of each."""
    names, settings = markdown_settings(config_file)
    pages = [body(page) for page in exercise_pages]
    counts = [len(page.split()) for page in pages]
    floor = list(prose_pages(counts, article_blocks(docs)))
    samples: dict[str, list[float]] = {"exercise": [], "floor": []}
    for attempt in range(runs + 1):
        for name, work in (
            (("exercise", pages), ("floor", floor)) if attempt % 2 else (("floor", floor), ("exercise", pages))
        ):
            seconds = conversion_seconds(work, names, settings)
            if attempt:
                samples[name].append(seconds)
    floor_words = sum(len(page.split()) for page in floor)
    return PageCost(
        statistics.median(samples["exercise"]),
        statistics.median(samples["floor"]),
        len(pages),
        sum(counts),
        floor_words,
    )
