"""schema.org structured data (JSON-LD), so search engines can show an exercise's steps or an article's review date.

Exercise pages become a `HowTo` built from the catalogue; reviewed articles become a
`MedicalWebPage` with `lastReviewed`. The result is text to print inside
`<script type="application/ld+json">`, escaped so that catalogue text can never end
the element.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from fai_site.catalogue.model import Catalogue, Exercise
from fai_site.pictures.picture import picture

SCHEMA_ORG = "https://schema.org"
# Every article is about the same condition; naming it lets search engines file the pages under it.
CONDITION = {
    "@type": "MedicalCondition",
    "name": "Femoroacetabular impingement",
    "alternateName": ["Hip impingement", "FAI"],
}
# Characters that could close the <script> element or start a comment or entity inside it.
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
# One pass in C instead of a Python loop over every character of every page's data.
SCRIPT_ESCAPE_TABLE = str.maketrans(SCRIPT_ESCAPES)


@dataclass(frozen=True)
class PageFacts:
    """What the engine knows about a page: where it comes from and what it is called."""

    source: str
    title: str
    description: str
    url: str
    last_reviewed: datetime.date | None


@dataclass(frozen=True)
class Website:
    """The site the pages belong to."""

    name: str
    url: str


def page_json_ld(page: PageFacts, *, catalogue: Catalogue, site: Website) -> str | None:
    """The page's JSON-LD script text, or None for pages that are neither an exercise nor a reviewed article."""
    exercise = exercise_on(page.source, catalogue)
    if exercise is not None:
        return script_text(exercise_how_to(exercise, url=page.url, site=site))
    if page.last_reviewed is not None:
        return script_text(medical_web_page(page, site=site))
    return None


def exercise_on(source: str, catalogue: Catalogue) -> Exercise | None:
    """The exercise an `exercises/<id>.md` page shows (see `site_pages`), if any."""
    folder, _, name = source.partition("/")
    if folder != "exercises" or not name.endswith(".md"):
        return None
    return catalogue.exercises_by_id.get(name.removesuffix(".md"))


def exercise_how_to(exercise: Exercise, *, url: str, site: Website) -> dict[str, Any]:
    """An exercise as a schema.org `HowTo`: its starting position and steps, and what you need."""
    steps = [exercise.position, *exercise.steps]
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "HowTo",
        "name": exercise.name,
        "description": exercise.summary,
        "url": url,
        "inLanguage": "en",
        "isPartOf": website(site),
        "step": [
            {"@type": "HowToStep", "position": number, "text": text} for number, text in enumerate(steps, start=1)
        ],
        "tool": [{"@type": "HowToTool", "name": item} for item in exercise.equipment],
    }
    shown = picture(exercise)
    if shown is not None:
        data["image"] = site.url.rstrip("/") + "/" + shown.path
    return data


def medical_web_page(page: PageFacts, *, site: Website) -> dict[str, Any]:
    """A hand-written article as a schema.org `MedicalWebPage` for patients, with its review date."""
    assert page.last_reviewed is not None, "only reviewed articles are medical web pages"
    return {
        "@context": SCHEMA_ORG,
        "@type": "MedicalWebPage",
        "name": page.title,
        "description": page.description,
        "url": page.url,
        "inLanguage": "en",
        "isPartOf": website(site),
        "about": CONDITION,
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "lastReviewed": page.last_reviewed.isoformat(),
    }


def website(site: Website) -> dict[str, str]:
    return {"@type": "WebSite", "name": site.name, "url": site.url}


def script_text(data: dict[str, Any]) -> str:
    """JSON that is safe inside `<script>`: `<`, `>` and `&` become \\u escapes, which JSON reads back unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(SCRIPT_ESCAPE_TABLE)
