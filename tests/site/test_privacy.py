"""No request leaves the site: no fonts, CDN, analytics, icons or embeds from anywhere else.

Chromium loads every page of the tour and uses the search while every request is
recorded; a static read of every built page and stylesheet catches what the tour
does not visit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from conftest import BuildResult
from playwright.sync_api import Browser, Page
from site_tour import TOUR, built_pages, require_page, tour_id

# Attributes through which a page makes the browser fetch something by itself.
FETCHING = {
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
}
# Links that a reader follows on purpose are fine; these `rel`s make the browser fetch.
FETCHING_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "manifest"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


@pytest.fixture
def recorded_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page in a fresh context, so nothing is served from a cache an earlier page filled, with the list every request
    it makes is added to."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        yield context.new_page(), requests
    finally:
        context.close()


def foreign(urls: list[str], origin: str) -> list[str]:
    """The URLs that go anywhere but `origin` (inline data and blobs stay in the page)."""
    return [url for url in urls if urlsplit(url).scheme not in {"data", "blob", "about"} and not url.startswith(origin)]


def is_external(target: str) -> bool:
    return target.startswith(("http:", "https:", "//"))


@pytest.mark.parametrize("path", TOUR, ids=tour_id)
def test_no_page_requests_anything_from_another_host(
    built_site: BuildResult, site_server: str, recorded_page: tuple[Page, list[str]], path: str
) -> None:
    require_page(built_site, path)
    page, requests = recorded_page
    requests.clear()
    page.goto(site_server + path, wait_until="networkidle")
    assert requests, "the recorder saw nothing"
    assert not foreign(requests, site_server)


def test_searching_stays_on_the_site(site_server: str, recorded_page: tuple[Page, list[str]]) -> None:
    page, requests = recorded_page
    requests.clear()
    page.goto(site_server, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("hip")
    page.locator(".md-search-result__item").first.wait_for()
    assert any("search_index" in url for url in requests)
    assert not foreign(requests, site_server)


def test_no_page_or_stylesheet_points_the_browser_elsewhere(built_site: BuildResult) -> None:
    found = []
    for name, tree in built_pages(built_site.site):
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue  # a comment fetches nothing
            tag = element.tag.rsplit("}", 1)[-1]
            target = element.get(FETCHING.get(tag, ""), "") or element.get("srcset", "") or element.get("poster", "")
            if tag == "link" and not FETCHING_RELS & set((element.get("rel") or "").split()):
                continue
            if is_external(target):
                found.append(f"{name}: <{tag}> {target}")
    for path in sorted(built_site.site.rglob("*.css")):
        found += [
            f"{path.relative_to(built_site.site)}: {url}"
            for url in CSS_URL.findall(path.read_text(encoding="utf-8"))
            if is_external(url)
        ]
    assert not found, "\n".join(found)
