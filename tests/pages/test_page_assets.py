"""Each page loads only the stylesheets and scripts it uses.

The handout sheet's stylesheet and Print button script (handout.css, handout.js) and the
builder's stylesheet (handout-builder.css) come with the handout pages and the builder
(overrides/handout.html, overrides/handout-builder.html), never with the articles or the
exercise pages a phone reads most. The built pages are read for what they link, and
Chromium checks that Material's instant navigation brings the files along and takes
them away again, with the Print button and the print styles working.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import open_and_mark, still_marked
from conftest import BuildResult
from html_reading import loaded_files
from playwright.sync_api import Page
from site_tour import BUILDER, CATALOGUE, MISSING, articles, require_page, sample_exercises, tour_id

HANDOUT_CSS = "stylesheets/handout.css"
BUILDER_CSS = "stylesheets/handout-builder.css"
HANDOUT_JS = "javascripts/handout.js"
HANDOUT_FILES = {HANDOUT_CSS, BUILDER_CSS, HANDOUT_JS}
HANDOUTS = [f"handouts/{program.id}/" for program in CATALOGUE.programs]
# What each page takes of the handout files; every other page takes none.
NEEDS = {**{handout: {HANDOUT_CSS, HANDOUT_JS} for handout in HANDOUTS}, BUILDER: {HANDOUT_CSS, BUILDER_CSS}}
WITHOUT = ["", *articles(), "editors-guide/", "exercises/", *sample_exercises(), "handouts/", MISSING]


def page_file(built_site: BuildResult, path: str) -> Path:
    return built_site.site / ("404.html" if path == MISSING else f"{path}index.html")


# ---- The built pages ------------------------------------------------------------------


@pytest.mark.parametrize("path", WITHOUT, ids=tour_id)
def test_articles_and_exercise_pages_load_no_handout_file(built_site: BuildResult, path: str) -> None:
    loaded = loaded_files(built_site.site, page_file(built_site, path))
    assert "stylesheets/site.css" in loaded
    assert not HANDOUT_FILES & set(loaded)


@pytest.mark.parametrize("path", [*HANDOUTS, BUILDER], ids=tour_id)
def test_handout_pages_load_what_they_need_from_the_site(built_site: BuildResult, path: str) -> None:
    require_page(built_site, path)
    loaded = loaded_files(built_site.site, page_file(built_site, path))
    assert HANDOUT_FILES & set(loaded) == NEEDS[path]
    assert all((built_site.site / name).is_file() for name in loaded)
    # The cascade as when mkdocs.yml listed them: site.css, then handout.css, then the builder's.
    stylesheets = [name for name in loaded if name.startswith("stylesheets/")]
    assert stylesheets == sorted(stylesheets, key=["stylesheets/site.css", HANDOUT_CSS, BUILDER_CSS].index)


def test_only_the_handout_pages_load_handout_files(built_site: BuildResult) -> None:
    """Every page of the site, the generated ones and the 404 included."""
    found = {}
    for page in sorted(built_site.site.rglob("*.html")):
        path = page.relative_to(built_site.site).as_posix().removesuffix("index.html")
        if HANDOUT_FILES & (used := set(loaded_files(built_site.site, page))):
            found[path] = HANDOUT_FILES & used
    assert found == NEEDS


# ---- In the browser: instant navigation -----------------------------------------------


@pytest.fixture
def page(instant_page: Page) -> Page:
    """A desktop page on which instant navigation works, and whose window.print() only counts."""
    return instant_page


def stylesheet_links(page: Page) -> list[str]:
    return page.evaluate(
        "[...document.head.querySelectorAll('link[rel=stylesheet]')].map(link => new URL(link.href).pathname)"
    )


def has(links: list[str], name: str) -> bool:
    return any(link.endswith(f"/{name}") for link in links)


def wait_for_handout(page: Page) -> None:
    """The sheet drawn by handout.css (a custom property only it sets) and the Print button shown."""
    page.wait_for_function(
        "() => (() => { const sheet = document.querySelector('.fai-handout');"
        " return sheet && getComputedStyle(sheet).getPropertyValue('--fai-gap').trim() === '0.8rem'; })()"
    )
    page.locator(".fai-handout-actions__print").wait_for(state="visible")


def test_instant_navigation_brings_and_removes_the_handout_files(site_server: str, page: Page) -> None:
    open_and_mark(page, f"{site_server}handouts/")
    assert not has(stylesheet_links(page), "handout.css")
    page.locator(f".md-content a[href$='{CATALOGUE.programs[0].id}/']").first.click()
    page.wait_for_url(f"**/{HANDOUTS[0]}")
    wait_for_handout(page)
    assert still_marked(page), "the handout was reloaded, not reached by instant navigation"
    links = stylesheet_links(page)
    assert has(links, "handout.css") and not has(links, "handout-builder.css")

    page.get_by_role("button", name="Print this handout").click()
    assert page.evaluate("window.printed") == 1
    # The print styles apply to the page reached this way: only the sheet goes on paper.
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".fai-handout-actions").is_visible()
    assert page.locator(".fai-handout").is_visible()
    page.emulate_media(media="screen")

    # Leaving takes the stylesheet away; coming back brings it, and one Print listener, again.
    page.locator(".md-header .md-logo").click()
    page.wait_for_url(site_server)
    page.wait_for_function("() => !document.querySelector('.fai-handout')")
    assert not has(stylesheet_links(page), "handout.css")
    page.go_back()
    page.wait_for_url(f"**/{HANDOUTS[0]}")
    wait_for_handout(page)
    page.get_by_role("button", name="Print this handout").click()
    assert page.evaluate("window.printed") == 2
    assert still_marked(page)


def test_instant_navigation_to_the_builder_brings_its_stylesheets(
    built_site: BuildResult, site_server: str, page: Page
) -> None:
    require_page(built_site, BUILDER)
    open_and_mark(page, f"{site_server}exercises/{CATALOGUE.exercises[0].id}/")
    assert not [name for name in ("handout.css", "handout-builder.css") if has(stylesheet_links(page), name)]
    page.get_by_role("link", name="Add to a custom handout").click()
    page.wait_for_function("() => document.querySelectorAll('.fai-builder__preview .fai-handout__exercise').length > 0")
    assert still_marked(page)
    page.wait_for_function("() => getComputedStyle(document.querySelector('.fai-builder__layout')).display === 'grid'")
    sheet_gap = (
        "getComputedStyle(document.querySelector('.fai-builder__preview "
        ".fai-handout')).getPropertyValue('--fai-gap').trim()"
    )
    page.wait_for_function(f"() => {sheet_gap} === '0.8rem'")
    links = stylesheet_links(page)
    assert has(links, "handout.css") and has(links, "handout-builder.css")
