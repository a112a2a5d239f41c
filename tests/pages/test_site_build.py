"""The real site, built from the real catalogue: every page there, every field shown, every link resolving."""

from __future__ import annotations

import html
import json
from xml.etree.ElementTree import Element

import pytest
from conftest import ROOT, BuildResult
from html_reading import XHTML, article, by_class, elements, local_targets, parse, resolve, text
from pydantic import BaseModel
from readability import pain_rule_sentences

from fai_site.catalogue.dosage_text import amount, describe
from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import LOAD_RULE, Catalogue, Category, Exercise, Program
from fai_site.handouts.sheet import handout_items

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")


def exercise_ids(catalogue: Catalogue = CATALOGUE) -> list[str]:
    return [exercise.id for exercise in catalogue.exercises]


def test_the_build_is_strict_and_quiet(built_site: BuildResult) -> None:
    assert "WARNING" not in built_site.output


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_page_shows_every_field(built_site: BuildResult, exercise_id: str) -> None:
    exercise = CATALOGUE.exercise(exercise_id)
    content = text(article(parse(built_site.page(f"exercises/{exercise_id}/index.html"))))
    expected = [
        exercise.name,
        exercise.summary,
        exercise.position,
        exercise.feel,
        describe(exercise.dosage),
        *exercise.steps,
        *exercise.mistakes,
        *exercise.precautions,
        *exercise.muscles,
        *exercise.equipment,
        *(CATALOGUE.exercise(other).name for other in exercise.easier + exercise.harder),
        *(CATALOGUE.references[key].title for key in exercise.references),
        *(note for key in exercise.references if (note := CATALOGUE.references[key].note)),
        *([f"{LOAD_RULE}: {exercise.add_load}"] if exercise.add_load else []),
    ]
    missing = [value for value in expected if " ".join(value.split()) not in content]
    assert not missing


def test_the_builders_card_says_how_to_add_load_for_each_strength_exercise(built_site: BuildResult) -> None:
    # The builder's cards are the handout's: a clinician's own sheet carries the load line too.
    page = built_site.page("handouts/builder/index.html")
    strength = [exercise for exercise in CATALOGUE.exercises if exercise.category is Category.STRENGTH]
    assert strength and all(exercise.add_load for exercise in strength)
    missing = [
        exercise.id
        for exercise in CATALOGUE.exercises
        if exercise.add_load and f"{LOAD_RULE}:</strong> {html.escape(exercise.add_load, quote=False)}" not in page
    ]
    assert missing == []


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_page_gives_the_pain_rule_once_under_safety(built_site: BuildResult, exercise_id: str) -> None:
    content = article(parse(built_site.page(f"exercises/{exercise_id}/index.html")))
    stated = pain_rule_sentences(text(content))
    assert len(stated) == 1, f"the pain rule is on exercises/{exercise_id}/ {len(stated)} times, not once: {stated}"
    safety = [box for box in by_class(content, "admonition") if "warning" in (box.get("class") or "").split()]
    assert len(safety) == 1 and len(pain_rule_sentences(text(safety[0]))) == 1, (
        "the pain rule is not in the 'Safety' box"
    )


def test_the_index_links_every_exercise(built_site: BuildResult) -> None:
    tree = parse(built_site.page("exercises/index.html"))
    linked = {anchor.get("href", "").strip("./").split("/")[0] for anchor in elements(article(tree), "a")}
    assert set(exercise_ids()) <= linked


def index_groups(content: Element) -> dict[tuple[str, str], set[str]]:
    """(h2 id, h3 id) → the exercise ids linked under that heading, in the index's reading order."""
    groups: dict[tuple[str, str], set[str]] = {}
    section = group = ""
    for element in content.iter():
        if element.tag == f"{XHTML}h2":
            section = element.get("id") or ""
        elif element.tag == f"{XHTML}h3":
            group = element.get("id") or ""
        elif element.tag == f"{XHTML}a" and group:
            target = (element.get("href") or "").strip("./").split("/")[0]
            if target in exercise_ids():
                groups.setdefault((section, group), set()).add(target)
    return groups


def test_the_index_puts_each_exercise_under_its_own_phases_and_type(built_site: BuildResult) -> None:
    groups = index_groups(article(parse(built_site.page("exercises/index.html"))))
    expected: dict[tuple[str, str], set[str]] = {}
    for exercise in CATALOGUE.exercises:
        for phase in exercise.phase:
            expected.setdefault(("by-phase", phase.value), set()).add(exercise.id)
        expected.setdefault(("by-type", exercise.category.value), set()).add(exercise.id)
    assert groups == expected


@pytest.mark.parametrize("program_id", [program.id for program in CATALOGUE.programs])
def test_each_handout_lists_its_exercises_with_the_program_dose(built_site: BuildResult, program_id: str) -> None:
    program = next(program for program in CATALOGUE.programs if program.id == program_id)
    tree = parse(built_site.page(f"handouts/{program_id}/index.html"))
    blocks = by_class(tree, "fai-handout__exercise")
    assert [text(block.find(".//{http://www.w3.org/1999/xhtml}h3")) for block in blocks] == [
        item.exercise.name for item in handout_items(program, CATALOGUE)
    ]
    for block, item in zip(blocks, handout_items(program, CATALOGUE), strict=True):
        assert amount(item.dosage) in text(block)


def test_the_exercise_guide_lists_every_exercise_but_leaves_the_lists_out_of_search(built_site: BuildResult) -> None:
    # Each exercise's page answers for it in search; at 1,000 exercises the guide's lists would weigh on every page's
    # first load.
    content = text(article(parse(built_site.page("exercise-guide/index.html"))))
    assert [exercise.id for exercise in CATALOGUE.exercises if exercise.summary not in content] == []
    index = json.loads(built_site.page("search/search_index.json"))
    guide = " ".join(entry["text"] for entry in index["docs"] if entry["location"].startswith("exercise-guide/"))
    assert "Each list starts with the exercises that are new in that phase." in guide
    assert [exercise.id for exercise in CATALOGUE.exercises if exercise.summary in guide] == []
    assert "From the earlier phases" not in guide


def test_exercise_pages_stay_out_of_the_navigation(built_site: BuildResult) -> None:
    home = parse(built_site.page("index.html"))
    nav_links = {anchor.get("href") for nav in by_class(home, "md-nav--primary") for anchor in elements(nav, "a")}
    assert not any(link and "exercises/" in link and link.rstrip("/") != "exercises" for link in nav_links)
    assert "exercises/" in nav_links


def test_every_local_link_and_image_resolves(built_site: BuildResult) -> None:
    broken = []
    for page in sorted(built_site.site.rglob("*.html")):
        for target in local_targets(parse(page.read_text(encoding="utf-8"))):
            if not resolve(built_site.site, page, target).exists():
                broken.append(f"{page.relative_to(built_site.site)} → {target}")
    assert not broken


def test_every_page_carries_the_disclaimer(built_site: BuildResult) -> None:
    pages = [path for path in built_site.site.rglob("index.html") if path.parent.name != "search"]
    without = [
        str(path.relative_to(built_site.site))
        for path in pages
        if "fai-disclaimer" not in path.read_text(encoding="utf-8")
    ]
    assert not without


def guide_table(content: Element, anchor: str) -> dict[str, list[str]]:
    """The field table under the guide's heading `#<anchor>`: field name → the row's other cells."""
    children = list(content.iter())
    heading = next(element for element in children if element.tag == f"{XHTML}h3" and element.get("id") == anchor)
    table = next(element for element in children[children.index(heading) :] if element.tag == f"{XHTML}table")
    rows = [[text(cell) for cell in elements(row, "td")] for row in elements(table, "tr")]
    return {cells[0]: cells[1:] for cells in rows if cells}


@pytest.mark.parametrize("model", [Exercise, Program], ids=lambda model: model.__name__)
def test_the_editors_guide_documents_every_exercise_field(built_site: BuildResult, model: type[BaseModel]) -> None:
    table = guide_table(article(parse(built_site.page("editors-guide/index.html"))), model.__name__.lower())
    assert list(table) == list(model.model_fields)
    undescribed = [
        name
        for name, (needed, kind, description) in table.items()
        if needed not in {"yes", "no"} or not kind or not description
    ]
    assert not undescribed
