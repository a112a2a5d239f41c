"""Findable and shareable: titles, descriptions, canonical URLs, the sitemap, social previews and schema.org data."""

from __future__ import annotations

import gzip
import json
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

import pytest
from conftest import ROOT, TEST_SITE_URL, BuildResult
from html_reading import elements, parse, text
from site_tour import built_pages

from fai_site.catalogue.loader import load_catalogue

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_NAME = "Hip Impingement & PT"


def content_pages(built_site: BuildResult) -> dict[str, Element]:
    """Every page of the site by its public address; the 404 page has none."""
    return {
        TEST_SITE_URL + name.removesuffix("index.html"): tree
        for name, tree in built_pages(built_site.site)
        if name == "index.html" or name.endswith("/index.html")
    }


def head_values(tree: Element) -> dict[str, list[str]]:
    """The head's title, meta and link values, keyed `title`, `meta:<name or property>` and `link:<rel>`."""
    values: dict[str, list[str]] = {"title": [text(title) for title in elements(tree, "title")]}
    for meta in elements(tree, "meta"):
        key = meta.get("name") or meta.get("property")
        if key:
            values.setdefault(f"meta:{key}", []).append(meta.get("content") or "")
    for link in elements(tree, "link"):
        values.setdefault(f"link:{link.get('rel')}", []).append(link.get("href") or "")
    return values


def structured_data(tree: Element) -> list[dict]:
    return [
        json.loads(script.text or "")
        for script in elements(tree, "script")
        if script.get("type") == "application/ld+json"
    ]


def test_every_page_has_a_title_description_canonical_and_social_preview(built_site: BuildResult) -> None:
    problems = []
    titles: dict[str, str] = {}
    for url, tree in content_pages(built_site).items():
        head = head_values(tree)
        title = head["title"][0] if len(head["title"]) == 1 else ""
        description = head.get("meta:description", [""])[0]
        expected = {
            "link:canonical": [url],
            "meta:og:url": [url],
            "meta:og:description": [description],
            "meta:twitter:card": ["summary"],
            "meta:twitter:description": [description],
            "meta:og:site_name": [SITE_NAME],
        }
        problems += [
            f"{url}: {key} is {head.get(key)}, not {value}" for key, value in expected.items() if head.get(key) != value
        ]
        if not title or (url != TEST_SITE_URL and not title.endswith(f" - {SITE_NAME}")):
            problems.append(f"{url}: title {title!r}")
        if len(description) < 50:
            problems.append(f"{url}: description {description!r} is too short to be useful")
        if any(key.endswith(":image") for key in head):
            problems.append(f"{url}: a social preview image would be loaded from the site by other services")
        if title in titles:
            problems.append(f"{url}: same title as {titles[title]}")
        titles[title] = url
    assert not problems


def test_exercise_pages_are_described_by_their_summary(built_site: BuildResult) -> None:
    for exercise in CATALOGUE.exercises:
        head = head_values(parse(built_site.page(f"exercises/{exercise.id}/index.html")))
        assert head["meta:description"] == [exercise.summary]
        assert head["meta:og:title"] == [exercise.name]


def test_the_sitemap_lists_every_page_once(built_site: BuildResult) -> None:
    sitemap = (built_site.site / "sitemap.xml").read_bytes()
    urls = [loc.text for loc in ElementTree.fromstring(sitemap).iter(f"{SITEMAP}loc")]
    assert sorted(urls) == sorted(content_pages(built_site))
    assert gzip.decompress((built_site.site / "sitemap.xml.gz").read_bytes()) == sitemap


@pytest.mark.parametrize("exercise", CATALOGUE.exercises[:3], ids=lambda exercise: exercise.id)
def test_exercise_pages_carry_a_how_to(built_site: BuildResult, exercise) -> None:
    [data] = structured_data(parse(built_site.page(f"exercises/{exercise.id}/index.html")))
    assert data["@type"] == "HowTo"
    assert data["url"] == f"{TEST_SITE_URL}exercises/{exercise.id}/"
    assert [step["text"] for step in data["step"]] == [exercise.position, *exercise.steps]


def test_every_reviewed_article_carries_a_medical_web_page(built_site: BuildResult) -> None:
    articles = [
        path for path in sorted((ROOT / "docs").glob("*.md")) if "\nlast_reviewed:" in path.read_text(encoding="utf-8")
    ]
    assert articles
    for article in articles:
        reviewed = article.read_text(encoding="utf-8").split("\nlast_reviewed:", 1)[1].split()[0]
        page = "index.html" if article.stem == "index" else f"{article.stem}/index.html"
        [data] = structured_data(parse(built_site.page(page)))
        assert (data["@type"], data["lastReviewed"]) == ("MedicalWebPage", reviewed), article.name


def test_structured_data_never_holds_raw_markup_characters(built_site: BuildResult) -> None:
    for name, tree in built_pages(built_site.site):
        for script in elements(tree, "script"):
            if script.get("type") == "application/ld+json":
                assert not set("<>&") & set(script.text or ""), name
