"""The offline copy (`make offline`): opened straight from a folder, search, handouts and the builder work.

It is built from `mkdocs-offline.yml` once per run and opened from file:// in Chromium,
as someone would open it from a USB stick.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from browser import policy_violations, watch_policy
from conftest import ROOT, TEST_SITE_URL, BuildResult, SiteBuilder, build_epoch
from handout_fixtures import site_files
from html_reading import elements, loaded_files, local_targets, parse
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, Page, Request
from site_tour import BUILDER, CATALOGUE, MISSING, POLICY_TOUR, offline_url

from fai_site.handouts.pdf import pdf_jobs, pdf_timestamp
from fai_site.site_settings import SiteSettings

OFFLINE_CONFIG = ROOT / "mkdocs-offline.yml"
HANDOUT = f"handouts/{CATALOGUE.programs[0].id}.html"


@dataclass
class Visit:
    """A browser page on the offline copy, with what went wrong while it was used."""

    page: Page
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def open(self, path: Path) -> None:
        self.requests.clear()
        self.failures.clear()
        self.page.goto(path.as_uri(), wait_until="load")

    def record(self, request: Request) -> None:
        self.requests.append(request.url)

    def fail(self, what: str) -> None:
        self.failures.append(what)


@pytest.fixture(scope="module")
def offline_site(
    tmp_path_factory: pytest.TempPathFactory, pdf_site_builder: SiteBuilder, built_site: BuildResult
) -> BuildResult:
    """`make offline`, after `make build` (the run's shared build), as the README has it."""
    result = pdf_site_builder(OFFLINE_CONFIG, tmp_path_factory.mktemp("offline") / "site-offline")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    """A fresh context for each test: nothing one stores or caches reaches the next."""
    context = browser.new_context()
    visit = Visit(context.new_page())
    context.on("request", visit.record)
    context.on("requestfailed", lambda request: visit.fail(f"{request.url}: {request.failure}"))
    visit.page.on("pageerror", lambda error: visit.fail(f"script error: {error}"))
    try:
        yield visit
    finally:
        context.close()


def plugin_names(config: Path) -> set[str]:
    with config.open(encoding="utf-8") as file:
        plugins = yaml_load(file).get("plugins", [])
    return {name for entry in plugins for name in ([entry] if isinstance(entry, str) else entry)}


def test_the_offline_config_keeps_every_plugin_of_the_site() -> None:
    assert plugin_names(ROOT / "mkdocs.yml") <= plugin_names(OFFLINE_CONFIG)


def test_every_local_link_and_image_leads_to_a_file(offline_site: BuildResult) -> None:
    """From file:// a link to a folder shows a file listing, not the page: every target must be a file."""
    broken = []
    for page in sorted(offline_site.site.rglob("*.html")):
        if page.name == "404.html":  # only a web server shows it
            continue
        for target in local_targets(parse(page.read_text(encoding="utf-8"))):
            path = target.split("#", 1)[0].split("?", 1)[0]
            if path and not (page.parent / path).is_file():
                broken.append(f"{page.relative_to(offline_site.site)} → {target}")
    assert not broken, "\n".join(broken)


def test_the_copy_ships_the_sites_own_pdfs_and_draws_none_again(
    offline_site: BuildResult, built_site: BuildResult
) -> None:
    pdfs = sorted(path.relative_to(built_site.site) for path in built_site.site.glob("handouts/*.pdf"))
    assert f"Handout PDFs: 0 rendered, {len(pdfs)} from the cache" in offline_site.output
    assert pdfs == sorted(path.relative_to(offline_site.site) for path in offline_site.site.glob("handouts/*.pdf"))
    assert all((offline_site.site / pdf).read_bytes() == (built_site.site / pdf).read_bytes() for pdf in pdfs)


def test_the_copy_asks_for_the_same_pdfs_as_the_site() -> None:
    """What makes the test above hold whatever the cache holds: the copy's PDF jobs are the site's, input for input."""
    settings = SiteSettings(site_url=TEST_SITE_URL)
    created = pdf_timestamp(CATALOGUE, build_epoch())

    def keys(settings: SiteSettings) -> list[str]:
        jobs = pdf_jobs(CATALOGUE, settings, resources=site_files(CATALOGUE, settings), created=created)
        return [job.key() for job in jobs]

    assert keys(replace(settings, directory_urls=False)) == keys(settings)


def test_pages_name_their_published_address(offline_site: BuildResult) -> None:
    exercise = CATALOGUE.exercises[0].id
    tree = parse(offline_site.page(f"exercises/{exercise}.html"))
    canonical = [link.get("href") for link in elements(tree, "link") if link.get("rel") == "canonical"]
    assert canonical == [f"{TEST_SITE_URL}exercises/{exercise}/"]


def test_only_the_handouts_and_the_builder_load_the_handout_files(offline_site: BuildResult) -> None:
    """Linked from the templates with relative addresses, which lead to files from a folder too."""
    handout_files = {"stylesheets/handout.css", "stylesheets/handout-builder.css", "javascripts/handout.js"}
    expected = {
        "what-is-hip-impingement.html": set(),
        f"exercises/{CATALOGUE.exercises[0].id}.html": set(),
        HANDOUT: {"stylesheets/handout.css", "javascripts/handout.js"},
        f"{BUILDER.rstrip('/')}.html": {"stylesheets/handout.css", "stylesheets/handout-builder.css"},
    }
    for page, needs in expected.items():
        loaded = loaded_files(offline_site.site, offline_site.site / page)
        assert handout_files & set(loaded) == needs, page
        assert all((offline_site.site / name).is_file() for name in loaded), page


def test_search_works_from_the_folder(offline_site: BuildResult, visit: Visit) -> None:
    exercise = CATALOGUE.exercises[0]
    visit.open(offline_site.site / "index.html")
    visit.page.keyboard.press("/")
    visit.page.keyboard.type(exercise.name)
    result = visit.page.locator(f".md-search-result__item a[href*='exercises/{exercise.id}.html']").first
    result.click()
    visit.page.wait_for_url(f"**/exercises/{exercise.id}.html*")
    assert visit.page.title().startswith(exercise.name)
    assert not visit.failures
    assert all(url.startswith(("file:", "data:", "blob:", "about:")) for url in visit.requests)


def test_a_handout_shows_every_picture_from_the_folder(offline_site: BuildResult, visit: Visit) -> None:
    visit.open(offline_site.site / HANDOUT)
    pictured = [item.id for item in CATALOGUE.programs[0].exercises if CATALOGUE.exercise(item.id).illustration]
    assert pictured, "the handout chosen for this test must have pictures"
    assert visit.page.locator(".fai-handout__picture img").count() == len(pictured)
    broken = visit.page.evaluate(
        "[...document.images].filter(image => !image.complete || image.naturalWidth === 0).map(image => image.src)"
    )
    assert not broken
    assert visit.page.locator(".fai-handout").count() == 1
    assert visit.page.get_by_role("button", name="Print this handout").is_visible()
    assert not visit.failures


def test_the_builder_works_from_the_folder(offline_site: BuildResult, visit: Visit) -> None:
    builder = offline_site.site / f"{BUILDER.rstrip('/')}.html"
    visit.open(builder)
    total = len(CATALOGUE.exercises)
    visit.page.wait_for_function(f"() => document.querySelectorAll('.fai-builder__choice').length === {total}")
    assert visit.page.locator(".fai-builder__count").text_content() == f"All {total} exercises shown."
    visit.page.locator(".fai-builder__add").first.click()
    assert visit.page.locator(".fai-builder__preview .fai-handout__exercise").count() == 1
    assert not visit.failures
    assert all(url.startswith(("file:", "data:", "blob:", "about:")) for url in visit.requests)


@pytest.mark.browser
@pytest.mark.parametrize("kind", [kind for kind, (path, _) in POLICY_TOUR.items() if path != MISSING])
def test_no_page_breaks_its_policy_from_the_folder(offline_site: BuildResult, browser: Browser, kind: str) -> None:
    """Opened from file://, where search runs in a frame standing in for a worker: that frame keeps the policy too."""
    path, use = POLICY_TOUR[kind]
    context = browser.new_context()
    try:
        page = context.new_page()
        messages = watch_policy(page)
        page.goto(offline_url(offline_site.site, path), wait_until="load")
        use(page)
        page.wait_for_timeout(300)
        assert not policy_violations(page, messages)
    finally:
        context.close()
