"""The fair floor for exercise pages (#28): the same site, with every exercise page written by hand.

Each exercise page is replaced by a page of the site's own prose (its articles' paragraphs,
lists and headings, cut as `page_cost.py` cuts them) with as many visible words as the
exercise page a reader sees, under the exercise's name. Everything else is `make generate`'s
tree of the same project (the articles with their catalogue lists filled in, the indexes, the
handout pages, every picture, and mkdocs.yml without hooks): plain MkDocs + Material with the
project's theme, overrides and extensions builds the same pages. A build of it is what 1,000 pages of the same
words cost when nobody generates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml
from bench_projects import ROOT, Project, generated_tree, site_project
from page_cost import article_blocks, prose_pages

# A relative link or image in an article, from docs/; the hand-written pages sit one folder down.
RELATIVE_TARGET = re.compile(r"\]\((?![a-z]+:|#|/)")
EXERCISE_PAGE = re.compile(r"^exercises/(?!index\.md$)[^/]+\.md$")
# What a reader does not read as words: drawings, scripts, styles, the permalink signs, and the disclaimer every
# page carries (both sides carry it).
UNREAD = {"svg", "script", "style"}
UNREAD_CLASSES = {"headerlink", "fai-disclaimer"}
WORD = re.compile(r"\w")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class HandWritten:
    """The floor's project, and the visible words of the pages it stands in for."""

    project: Project
    pages: list[str]
    words: int


class VisibleWords(HTMLParser):
    """Counts the words of a built page's article that a reader sees."""

    def __init__(self) -> None:
        super().__init__()
        self.words = 0
        self._article = 0
        self._unread: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article" or self._article:
            self._article += 1
        if self._unread or tag in UNREAD or classes & UNREAD_CLASSES:
            self._unread.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self._unread:
            self._unread.pop()
        if self._article:
            self._article -= 1

    def handle_data(self, data: str) -> None:
        if self._article and not self._unread:
            self.words += words(data)


def words(text: str) -> int:
    """Words as a reader counts them: a dash, a bullet or a `#` on its own is none."""
    return sum(1 for token in text.split() if WORD.search(token))


def visible_words(html: str) -> int:
    parser = VisibleWords()
    parser.feed(html)
    parser.close()
    return parser.words


def built_page(site: Path, source: str) -> Path:
    """The HTML file MkDocs writes for a page source (directory URLs)."""
    return site / source.removesuffix(".md") / "index.html"


def handwritten_project(folder: Path, generator: Project, generator_site: Path) -> HandWritten:
    """`make generate`'s tree of the generator's project, with each exercise page replaced by prose of the same visible
    word count."""
    tree = generated_tree().write_tree(site_project(generator), folder)
    exercise_pages = [generated for generated in tree.generated if EXERCISE_PAGE.match(generated.path)]
    counts = [
        visible_words(built_page(generator_site, page.path).read_text(encoding="utf-8")) for page in exercise_pages
    ]
    blocks = [RELATIVE_TARGET.sub("](../", block) for block in article_blocks(ROOT / "docs")]
    fronts = [front_matter(str(page.content)) for page in exercise_pages]
    titles = [str(yaml.safe_load(front)["title"]) for front in fronts]
    prose = prose_pages(counts, blocks, titles=titles, count=words)
    for page, front, text in zip(exercise_pages, fronts, prose, strict=True):
        (folder / "docs" / page.path).write_text(f"---\n{front}\n---\n\n{text}", encoding="utf-8")
    return HandWritten(Project(folder), [page.path for page in exercise_pages], sum(counts))


def front_matter(page: str) -> str:
    """A page's front matter (its title and description), without the fences."""
    return page.removeprefix("---\n").split("\n---\n", 1)[0]


def site_words(site: Path, sources: list[str]) -> int:
    """The visible words of the given pages of a built site."""
    return sum(visible_words(built_page(site, source).read_text(encoding="utf-8")) for source in sources)
