"""The schema.org data for exercises and articles, checked without MkDocs."""

from __future__ import annotations

import datetime
import json

from conftest import ROOT

from fai_site.catalogue.loader import load_catalogue
from fai_site.pages.structured_data import PageFacts, Website, page_json_ld, script_text

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
SITE = Website(name="Hip Impingement & PT", url="https://hips.example.org/")


def facts(source: str, *, last_reviewed: datetime.date | None = None) -> PageFacts:
    return PageFacts(
        source=source,
        title="A page",
        description="What it says.",
        url="https://hips.example.org/a/",
        last_reviewed=last_reviewed,
    )


def test_script_text_cannot_close_the_script_element() -> None:
    hostile = {"name": "</script><script>alert(1)</script><!-- & -->"}
    text = script_text(hostile)
    assert not set("<>&") & set(text)
    assert json.loads(text) == hostile


def test_an_exercise_page_is_a_how_to_with_every_step() -> None:
    exercise = CATALOGUE.exercises[0]
    data = json.loads(page_json_ld(facts(f"exercises/{exercise.id}.md"), catalogue=CATALOGUE, site=SITE) or "")
    assert data["@type"] == "HowTo"
    assert data["name"] == exercise.name
    assert data["description"] == exercise.summary
    assert [step["text"] for step in data["step"]] == [exercise.position, *exercise.steps]
    assert [step["position"] for step in data["step"]] == list(range(1, len(exercise.steps) + 2))
    assert [tool["name"] for tool in data["tool"]] == exercise.equipment


def test_a_reviewed_article_is_a_medical_web_page() -> None:
    data = json.loads(
        page_json_ld(
            facts("recovery-time.md", last_reviewed=datetime.date(2026, 11, 27)), catalogue=CATALOGUE, site=SITE
        )
        or ""
    )
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2026-11-27"
    assert data["isPartOf"] == {"@type": "WebSite", "name": SITE.name, "url": SITE.url}


def test_other_pages_carry_none() -> None:
    assert page_json_ld(facts("exercises/index.md"), catalogue=CATALOGUE, site=SITE) is None
    assert page_json_ld(facts("handouts/calm-symptoms.md"), catalogue=CATALOGUE, site=SITE) is None
