"""What a browser downloads for a page's first load: the HTML and every same-site CSS and JS file it names.

Only what the HTML names is counted (stylesheets, scripts, inline scripts); files that
scripts fetch later, such as Material's search index, are not.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

TEMPLATE = re.compile(r"<template\b.*?</template>", re.S)
# Inline snippets name the site root relative to the page; compare them without it.
RELATIVE = re.compile(r"(?:\.\./)+|\.\.(?=[\"'])")


@dataclass(frozen=True)
class Weight:
    raw: int
    gzip: int
    files: int

    def __add__(self, other: Weight) -> Weight:
        return Weight(self.raw + other.raw, self.gzip + other.gzip, self.files + other.files)


NOTHING = Weight(0, 0, 0)


class AssetCollector(HTMLParser):
    """Stylesheets, scripts and inline script blocks (other than Material's config and JSON-LD) of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.data_blocks: list[str] = []
        self.json_links: list[str] = []
        self._in_own_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split() and values.get("href"):
            self.stylesheets.append(values["href"])
        if tag == "script":
            if values.get("src"):
                self.scripts.append(values["src"])
            else:
                self._in_own_script = values.get("id") != "__config" and values.get("type") != "application/ld+json"
        self.json_links.extend(value for value in values.values() if value and urlsplit(value).path.endswith(".json"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_own_script = False

    def handle_data(self, data: str) -> None:
        if self._in_own_script and data.strip():
            self.data_blocks.append(data)


def weight_of(content: bytes) -> Weight:
    return Weight(len(content), len(gzip.compress(content, compresslevel=6, mtime=0)), 1)


def page_file(site: Path, page_url: str) -> Path:
    """The HTML file behind a page URL relative to the site root ('exercises/x/')."""
    path = site / page_url
    return path / "index.html" if page_url.endswith("/") or path.is_dir() else path


def site_file(site: Path, page_url: str, link: str) -> Path | None:
    """The site file a link on a page points to, or None for other sites and data: URLs."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("data:"):
        return None
    resolved = urlsplit(urljoin("/" + page_url, link)).path
    target = site / PurePosixPath(resolved.lstrip("/"))
    return target if target.is_file() else None


def first_load(site: Path, page_url: str) -> Weight:
    """The page's HTML, and each same-site stylesheet and script it names, once each."""
    return sum(first_load_parts(site, page_url).values(), NOTHING)


def first_load_parts(site: Path, page_url: str) -> dict[str, Weight]:
    """The weight of each file in a page's first load, by its path in the site."""
    html_file = page_file(site, page_url)
    html = html_file.read_bytes()
    collector = AssetCollector()
    collector.feed(html.decode("utf-8"))
    parts = {html_file.relative_to(site).as_posix(): weight_of(html)}
    for link in (*collector.stylesheets, *collector.scripts):
        target = site_file(site, page_url, link)
        if target is not None:
            parts.setdefault(target.relative_to(site).as_posix(), weight_of(target.read_bytes()))
    return parts


# What Material fetches as any page opens, whatever the page: the search index (its worker
# loads it at once) and, with instant navigation, the sitemap (to know which links are the site's).
FETCHED_ON_LOAD = ("search/search_index.json", "sitemap.xml")


def article_first_load(site: Path, page_url: str) -> Weight:
    """A page's first load as a reader's browser makes it: `first_load`, plus the files Material fetches at once."""
    total = first_load(site, page_url)
    for path in FETCHED_ON_LOAD:
        if (site / path).is_file():
            total += weight_of((site / path).read_bytes())
    return total


def first_visit(site: Path, page_url: str) -> Weight:
    """What a first visit to a page costs that grows with the catalogue: its HTML and the files Material fetches at once
    (the stylesheets and scripts are the same on every page and at every size)."""
    total = weight_of(page_file(site, page_url).read_bytes())
    for path in FETCHED_ON_LOAD:
        if (site / path).is_file():
            total += weight_of((site / path).read_bytes())
    return total


def own_scripts_and_data(site: Path, page_url: str, *, baseline_url: str) -> Weight:
    """A page's own JavaScript and data: the script files and inline blocks the baseline page does not have.

    Site-wide scripts (Material's and the project's `extra_javascript`, and Material's
    inline snippets) are on the baseline page too, so they are not counted; nor are
    Material's `__config` and JSON-LD blocks.
    """
    page, baseline = collected(site, page_url), collected(site, baseline_url)
    shared = {site_file(site, baseline_url, link) for link in baseline.scripts}
    shared_blocks = {RELATIVE.sub("", text) for text in baseline.data_blocks}
    total = NOTHING
    for text in page.data_blocks:
        if RELATIVE.sub("", text) not in shared_blocks:
            total += weight_of(text.encode("utf-8"))
    targets = {site_file(site, page_url, link) for link in (*page.scripts, *page.json_links)} - shared
    for target in sorted(target for target in targets if target is not None):
        total += weight_of(target.read_bytes())
    return total


def template_bytes(site: Path, page_url: str) -> Weight:
    """The `<template>` markup a page carries for its script to copy (the builder's exercise cards)."""
    html = page_file(site, page_url).read_text(encoding="utf-8")
    return weight_of("".join(TEMPLATE.findall(html)).encode("utf-8"))


def collected(site: Path, page_url: str) -> AssetCollector:
    collector = AssetCollector()
    collector.feed(page_file(site, page_url).read_text(encoding="utf-8"))
    return collector
