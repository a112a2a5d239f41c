"""The pages the audits visit.

The browser tour: every hand-written article and one or more of every generated kind,
known at collection time from the sources, so each page is a test of its own. Exercises
share one template, so three of them stand for all. The static audits read every built
page, parsed once per run.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.etree.ElementTree import Element

from conftest import ROOT, BuildResult
from html_reading import parse

from fai_site.catalogue.loader import load_catalogue

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
BUILDER = "handouts/builder/"
# The patient's companion ("My program"), empty as a first visit finds it.
COMPANION = "program/"
MISSING = "no-such-page/"


def articles() -> list[str]:
    return [f"{path.stem}/" for path in sorted((ROOT / "docs").glob("*.md")) if path.stem not in {"index", "404"}]


def sample_exercises() -> list[str]:
    exercises = CATALOGUE.exercises
    return [f"exercises/{exercise.id}/" for exercise in (exercises[0], exercises[len(exercises) // 2], exercises[-1])]


TOUR = [
    "",
    *articles(),
    "editors-guide/",
    "exercises/",
    *sample_exercises(),
    "handouts/",
    f"handouts/{CATALOGUE.programs[0].id}/",
    BUILDER,
    COMPANION,
    MISSING,
]


def require_page(built_site: BuildResult, path: str) -> None:
    """Fail on a page of the tour that the build did not make: every one of them must exist."""
    if path != MISSING:
        assert (built_site.site / path / "index.html").is_file(), f"{path} was not built"


def tour_id(path: str) -> str:
    return path.strip("/") or "home"


@cache
def built_pages(site: Path) -> tuple[tuple[str, Element], ...]:
    """Every HTML file of a built site as (path in the site, parsed tree), parsed once per run."""
    return tuple(
        (path.relative_to(site).as_posix(), parse(path.read_text(encoding="utf-8")))
        for path in sorted(site.rglob("*.html"))
    )
