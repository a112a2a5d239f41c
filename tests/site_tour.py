"""The pages the audits visit.

The browser tour: every hand-written article and one or more of every generated kind,
known at collection time from the sources, so each page is a test of its own. Exercises
share one template, so three of them stand for all. The static audits read every built
page, parsed once per run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from xml.etree.ElementTree import Element

from conftest import ROOT, BuildResult
from html_reading import parse
from playwright.sync_api import Page

from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import PoseIllustration

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


# ---- Every kind of page, in use, for the Content-Security-Policy ---------------------------

DRAWN = next(exercise for exercise in CATALOGUE.exercises if isinstance(exercise.illustration, PoseIllustration))


def use_builder(page: Page) -> None:
    page.wait_for_function("() => document.querySelector('.fai-builder[data-started]')")
    page.get_by_label("Patient's name").fill("Alex Example")  # the name goes into a style sheet of its own
    page.get_by_role("button", name="Pause pictures").click()


def use_companion(page: Page) -> None:
    page.wait_for_function("() => document.querySelectorAll('.fai-companion__exercise').length > 0")
    page.locator(".fai-companion__set-done").first.click()
    page.locator('.fai-companion__after input[value="2"]').click()
    page.get_by_role("button", name="Save this session").click()


def use_search(page: Page) -> None:
    page.keyboard.press("/")
    page.keyboard.type(CATALOGUE.exercises[0].name)
    page.locator(".md-search-result__item").first.wait_for()


def use_exercise(page: Page) -> None:
    page.get_by_role("button", name="Pause animation").click()


def read_only(page: Page) -> None:
    """A page that is read, not used."""


# Each kind of page, as (path, what a visitor does there); the builder and the companion open with a program.
POLICY_TOUR: dict[str, tuple[str, Callable[[Page], None]]] = {
    "article": ("what-is-hip-impingement/", read_only),
    "exercise page": (f"exercises/{DRAWN.id}/", use_exercise),
    "exercise index": ("exercises/", read_only),
    "handout": (f"handouts/{CATALOGUE.programs[0].id}/", read_only),
    "builder": (f"{BUILDER}?exercises={DRAWN.id},{CATALOGUE.exercises[-1].id}", use_builder),
    "companion": (f"{COMPANION}#x={DRAWN.id}", use_companion),
    "not found": (MISSING, read_only),
    "search open": ("", use_search),
}


def offline_url(site: Path, path: str) -> str:
    """A tour path in the offline copy at `site`: `exercises/x/` is `exercises/x.html`, an index `index.html`."""
    page, mark, rest = re.fullmatch(r"([^?#]*)([?#]?)(.*)", path).groups()  # type: ignore[union-attr]
    page = page.rstrip("/")
    file = f"{page}/index.html" if page in {"exercises", "handouts"} else f"{page or 'index'}.html"
    return (site / file).as_uri() + mark + rest
