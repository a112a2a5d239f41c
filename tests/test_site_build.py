"""The real site, built from the real catalogue: every page there, every field shown, every link resolving."""

from __future__ import annotations

import pytest
from conftest import ROOT, BuildResult
from html_reading import article, by_class, elements, local_targets, parse, resolve, text
from readability import pain_rule_sentences

from fai_site.catalogue_loader import load_catalogue
from fai_site.dosage_text import amount, describe
from fai_site.model import Catalogue, Exercise, Program
from fai_site.render import handout_items

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
        exercise.name, exercise.summary, exercise.position, exercise.feel, describe(exercise.dosage),
        *exercise.steps, *exercise.mistakes, *exercise.precautions, *exercise.muscles, *exercise.equipment,
        *(CATALOGUE.exercise(other).name for other in exercise.easier + exercise.harder),
        *(CATALOGUE.references[key].title for key in exercise.references),
    ]
    missing = [value for value in expected if " ".join(value.split()) not in content]
    assert not missing


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_page_gives_the_pain_rule_once_under_safety(built_site: BuildResult, exercise_id: str) -> None:
    content = article(parse(built_site.page(f"exercises/{exercise_id}/index.html")))
    stated = pain_rule_sentences(text(content))
    assert len(stated) == 1, f"the pain rule is on exercises/{exercise_id}/ {len(stated)} times, not once: {stated}"
    safety = [box for box in by_class(content, "admonition") if "warning" in (box.get("class") or "").split()]
    assert len(safety) == 1 and len(pain_rule_sentences(text(safety[0]))) == 1, "the pain rule is not in the 'Safety' box"


def test_the_index_links_every_exercise(built_site: BuildResult) -> None:
    tree = parse(built_site.page("exercises/index.html"))
    linked = {anchor.get("href", "").strip("./").split("/")[0] for anchor in elements(article(tree), "a")}
    assert set(exercise_ids()) <= linked


def test_the_index_groups_by_phase_and_category(built_site: BuildResult) -> None:
    tree = parse(built_site.page("exercises/index.html"))
    heading_ids = {heading.get("id") for heading in elements(tree, "h3")}
    assert {"early", "middle", "late", "return-to-activity"} <= heading_ids
    assert {exercise.category.value for exercise in CATALOGUE.exercises} <= heading_ids


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
    without = [str(path.relative_to(built_site.site)) for path in pages if "fai-disclaimer" not in path.read_text(encoding="utf-8")]
    assert not without


def test_the_editors_guide_documents_every_exercise_field(built_site: BuildResult) -> None:
    guide = text(article(parse(built_site.page("editors-guide/index.html"))))
    assert all(name in guide for name in [*Exercise.model_fields, *Program.model_fields])
