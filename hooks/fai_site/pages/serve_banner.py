"""The catalogue's problems shown in the browser while `mkdocs serve` runs.

An editor watching the browser after a save should see what the terminal says: the same
located lines, at the top of every page, gone on the next good save. Only the dev server
asks for it; a build never does, so nothing here can reach the published site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fai_site.pages.templating import render

STYLESHEET = Path(__file__).parent / "templates" / "catalogue_problems.css"
# Where the served site gets the stylesheet: generated only while serving.
STYLESHEET_PATH = "_serve/catalogue-problems.css"
BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Banner:
    """What the banner says: the report's heading and lines, whether the save was refused, and
    whether the pages shown are from an earlier good save (or missing, if none was good yet)."""

    heading: str
    lines: list[str]
    blocking: bool
    earlier_pages: bool = True

    @classmethod
    def from_report(cls, report: str, *, blocking: bool, earlier_pages: bool = True) -> Banner:
        heading, *lines = report.splitlines()
        return cls(heading, lines, blocking, earlier_pages)


def banner_html(banner: Banner, *, stylesheet_href: str, catalogue_name: str) -> str:
    return render(
        "catalogue_problems.html.j2", banner=banner, stylesheet_href=stylesheet_href, catalogue_name=catalogue_name
    )


def with_banner(page: str, banner: str) -> str:
    """The page with the banner first in its body, so it is the first thing seen and read out."""
    start = BODY_START.search(page)
    if start is None:
        return banner + page
    return page[: start.end()] + banner + page[start.end() :]


def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")
