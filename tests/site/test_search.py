"""Found by search: patients' own words lead to the page that answers them, and internal pages stay out.

The browser test drives Material's real search in Chromium. Material sends the box's
text to its search worker on each key release, so typing letter by letter would leave
results for a half-typed query on screen for a moment. The test puts the whole query into
the box and then releases one key, so exactly one query is sent, and waits for its results.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import ROOT, BuildResult
from html_reading import elements, parse
from playwright.sync_api import Browser, Page, expect

from fai_site.catalogue.loader import load_catalogue
from fai_site.pictures.pose_guide import PAGE as POSE_GUIDE

# What a patient types → the page expected among the first three results.
LAY_QUERIES = {
    "do I need surgery": "surgery-and-rehab/",
    "arthritis": "will-i-get-arthritis/",
    "painkillers": "pain-relief/",
    "injection": "pain-relief/",
    "driving": "living-with-hip-impingement/",
    "sleeping": "living-with-hip-impingement/",
    "running again": "sport-and-running/",
    "after arthroscopy": "surgery-and-rehab/",
    "stress fracture": "look-alikes/",
    "child limping": "look-alikes/",
    # Named in the issue as finding nothing, or the wrong page, before.
    "ibuprofen": "pain-relief/",
    "jogging": "sport-and-running/",
    "sitting": "living-with-hip-impingement/",
    # Questions typed as sentences (#24): every word of a sentence is searched, "I" and "can" too.
    "pain at night": "common-questions/",
    "can I go jogging": "sport-and-running/",
    "will my hip wear out": "common-questions/",
    "will I need a hip replacement": "common-questions/",
    "is it in both hips": "common-questions/",
    "is it genetic": "common-questions/",
    "I am pregnant": "common-questions/",
    "hip brace": "common-questions/",
    "my hip clicks": "common-questions/",
    "teenager with hip pain": "common-questions/",
    "labral tear on MRI": "scans-and-tests/",
    "alpha angle": "scans-and-tests/",
    "do I need an MRI": "scans-and-tests/",
    "stem cell injection": "common-questions/",
    "PRP injection": "common-questions/",
    "when can I drive after surgery": "day-of-surgery/",
    "back to work after surgery": "day-of-surgery/",
    "blood clot after surgery": "day-of-surgery/",
}
EDITORS_GUIDE = "editors-guide/"
# Pages for the people who edit the site: built and linked from the README, never a patient's answer.
INTERNAL_PAGES = (EDITORS_GUIDE, f"{POSE_GUIDE}/")


def search_locations(built_site: BuildResult) -> list[str]:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [doc["location"] for doc in index["docs"]]


@pytest.mark.parametrize("internal", INTERNAL_PAGES)
def test_the_internal_pages_are_built_but_not_searchable(built_site: BuildResult, internal: str) -> None:
    assert (built_site.site / internal / "index.html").is_file()
    locations = search_locations(built_site)
    assert any(location.startswith("exercises/") for location in locations)
    assert [location for location in locations if location.startswith(internal)] == []


def test_the_editors_guide_is_not_in_the_menu(built_site: BuildResult) -> None:
    home = parse(built_site.page("index.html"))
    menu = [link.get("href") or "" for nav in elements(home, "nav") for link in elements(nav, "a")]
    assert any(href.endswith("when-to-get-help/") for href in menu)
    assert [href for href in menu if EDITORS_GUIDE in href] == []


def test_every_answering_page_is_in_the_search_index(built_site: BuildResult) -> None:
    assert set(LAY_QUERIES.values()) <= set(search_locations(built_site))


def search_entries(built_site: BuildResult) -> list[dict[str, str]]:
    return json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_exercise_pages_put_only_name_summary_phase_and_muscles_in_the_index(built_site: BuildResult) -> None:
    """Every page loads the index: at 1,000 exercises, steps and sources would make it megabytes (#18)."""
    catalogue = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
    entries = search_entries(built_site)
    for exercise in catalogue.exercises:
        own = [entry for entry in entries if entry["location"].startswith(f"exercises/{exercise.id}/")]
        assert [entry["location"] for entry in own] == [f"exercises/{exercise.id}/"]
        text = own[0]["text"]
        assert html.unescape(own[0]["title"]) == exercise.name
        assert exercise.muscles[0] in text and exercise.phase[0].label in text
        assert " ".join(exercise.summary.split()[:5]) in text
        assert not any(step in text for step in exercise.steps), exercise.id
        assert "Pause animation" not in text and "<svg" not in text, f"{exercise.id}: the animation is not for search"


def test_lists_of_exercises_stay_out_of_the_index(built_site: BuildResult) -> None:
    """The exercise index and the handout sheets repeat the exercise pages; a handout page is found by its title, and
    the handouts index names each program."""
    catalogue = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
    locations = {entry["location"]: entry for entry in search_entries(built_site)}
    assert [location for location in locations if location.startswith("exercises/#")] == []
    sheets = {
        location: entry["text"]
        for location, entry in locations.items()
        if location.startswith("handouts/") and not location.startswith(("handouts/#", "handouts/builder/"))
    }
    assert {location: text for location, text in sheets.items() if len(text) > 100 and location != "handouts/"} == {}
    titles = {
        html.unescape(entry["title"]) for location, entry in locations.items() if location.startswith("handouts/#")
    }
    assert {program.title for program in catalogue.programs} <= titles


@pytest.fixture(scope="module")
def search_page(browser: Browser, site_server: str) -> Iterator[Page]:
    """The home page with search open, as a reader opens it: Material's `/` shortcut focuses the box.

    Every query of the file is typed into this one box, as a reader tries one wording after another.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_server, wait_until="networkidle")
        page.wait_for_function("() => window.document$ !== undefined")
        page.keyboard.press("/")  # Material's shortcut: opens search and focuses the box
        page.locator("input.md-search__input").wait_for(state="visible")
        assert page.evaluate("document.activeElement === document.querySelector('input.md-search__input')")
        yield page
    finally:
        context.close()


RESULTS = ".md-search-result__list > .md-search-result__item"


def top_results(page: Page, query: str, count: int = 3) -> list[str]:
    """The pages of the first `count` search results for `query`, as paths from the site root."""
    box = page.locator("input.md-search__input")
    results = page.locator(RESULTS)
    box.fill("")
    page.keyboard.press("End")  # one key release: Material sends the query, here the empty one
    expect(results).to_have_count(0)
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # and now the whole query, once
    results.first.wait_for()
    hrefs = [results.nth(i).locator("a").first.get_attribute("href") or "" for i in range(min(count, results.count()))]
    return [urlsplit(urljoin(page.url, href)).path.lstrip("/") for href in hrefs]


@pytest.mark.parametrize("query", LAY_QUERIES, ids=lambda query: query.replace(" ", "-"))
def test_lay_words_find_the_page_that_answers_them(search_page: Page, query: str) -> None:
    found = top_results(search_page, query)
    assert LAY_QUERIES[query] in found, f"{query!r} gave {found}"


@pytest.mark.parametrize("query", ["sitting", "desk", "run again", "hip clicks", "will my hip wear out"])
def test_internal_pages_never_answer_a_patient(search_page: Page, query: str) -> None:
    found = top_results(search_page, query, count=10)
    assert found and not [path for path in found if path.startswith(INTERNAL_PAGES)]
