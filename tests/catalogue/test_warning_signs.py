"""One entry per warning sign: the model, the markers that show a sign, and the urgency rule that keeps articles honest.

The sign ids are a contract: articles written by other people place them in markers, so
the ids the team agreed on (coord/PLAN.md) must all exist, each in its agreed tier. The
urgency rule is tested on the review's own cases (a hernia sent to "same day", black
stools answered with "get advice", a stress fracture "checked soon", an infection "same
day" beside a handout that says "emergency", night pain with no time frame) and on the
everyday sentences it must leave alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SiteBuilder, fixture_text, make_project

from fai_site.catalogue.article_rules import article_problems, sign_names
from fai_site.catalogue.loader import check_catalogue, load_catalogue
from fai_site.catalogue.problems import CatalogueError
from fai_site.catalogue.urgency_rule import breaches
from fai_site.catalogue.warning_signs import Tier, printed_safety
from fai_site.pages.sign_markers import with_sign_markers
from fai_site.site_settings import DEFAULT_EMERGENCY_NUMBER, emergency_number_problem

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
SAFETY = CATALOGUE.safety
NAMES = sign_names(SAFETY)

# The ids and tiers agreed in the team's plan: other pages place these in markers, so none may go or move tier.
AGREED = {
    Tier.EMERGENCY: [
        "fall-with-severe-pain",
        "cannot-bear-weight",
        "leg-shape-changed",
        "hip-infection",
        "sudden-severe-hip-pain",
        "bladder-or-bowel-control",
        "saddle-numbness",
        "trouble-passing-urine",
        "loss-of-sexual-function",
        "both-legs-numb-or-weak",
        "breathless-or-chest-pain",
        "coughing-up-blood",
        "strangulated-hernia",
        "testicular-torsion",
        "sudden-low-belly-pain",
        "gut-bleed",
    ],
    Tier.TODAY: [
        "night-or-rest-pain",
        "weight-loss-or-night-sweats",
        "new-pain-after-cancer",
        "painless-groin-lump",
        "one-leg-numb-or-weak",
        "avn-risk",
        "calf-clot",
        "stress-fracture",
        "feeling-unwell",
        "stomach-pain-on-anti-inflammatories",
        "wound-problem",
    ],
    Tier.CHILD_RED: ["child-very-unwell"],
    Tier.CHILD_AMBER: [
        "child-limp-with-fever",
        "child-will-not-bear-weight",
        "child-scfe",
        "child-limp-under-3",
        "child-night-pain-or-weight-loss",
    ],
    Tier.CHILD_GREEN: ["child-mild-limp"],
}


@pytest.mark.parametrize("tier", list(AGREED), ids=lambda tier: tier.value)
def test_every_agreed_sign_is_there_in_its_tier(tier: Tier) -> None:
    assert [sign_id for sign_id in AGREED[tier] if SAFETY.by_id.get(sign_id) is None] == []
    assert [sign_id for sign_id in AGREED[tier] if SAFETY.by_id[sign_id].tier is not tier] == []
    assert "child-perthes" in SAFETY.by_id


def test_every_emergency_is_printed_with_the_number_to_call() -> None:
    """The adults' and children's emergency tiers say the number, and the default names 999 and 911."""
    printed = printed_safety(SAFETY, DEFAULT_EMERGENCY_NUMBER)
    emergencies = [printed.adults[0], printed.children[0]]
    assert [group.tier for group in emergencies] == [Tier.EMERGENCY, Tier.CHILD_RED]
    assert all("999" in group.heading and "911" in group.heading for group in emergencies)
    assert all("112" in group.heading for group in [printed_safety(SAFETY, "112").adults[0]])
    assert "{" not in str(printed)


def test_the_childrens_green_tier_carries_its_safety_net() -> None:
    (green,) = SAFETY.in_tier(Tier.CHILD_GREEN)
    assert "48 hours" in green.text and "7 days" in green.text


def test_the_stop_rule_during_exercise_names_chest_pain_faintness_and_breathlessness() -> None:
    rule = SAFETY.during_exercise
    assert "chest pain" in rule and "faint" in rule and "short of breath" in rule


# ---- Bad entries: located, like every catalogue problem ---------------------------------


def catalogue_with(tmp_path: Path, old: str, new: str) -> str:
    text = fixture_text("minimal.yaml")
    assert old in text
    (tmp_path / "exercises.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        check_catalogue(tmp_path / "exercises.yaml", docs_dir=tmp_path)
    return raised.value.report()


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_a_sign_id_written_twice_is_located_at_the_second(tmp_path: Path) -> None:
    report = catalogue_with(tmp_path, "    - id: night-or-rest-pain\n", "    - id: cannot-bear-weight\n")
    text = fixture_text("minimal.yaml")
    first, second = line_of(text, "    - id: cannot-bear-weight"), line_of(text, "    - id: night-or-rest-pain")
    assert (
        f"exercises.yaml:{second}:7: safety.signs[1].id: 'cannot-bear-weight' is already the id of safety.signs[0] "
        f"on line {first}" in report
    )


def test_a_sign_in_no_tier_is_located(tmp_path: Path) -> None:
    report = catalogue_with(tmp_path, "      tier: today\n", "      tier: tody\n")
    line = line_of(fixture_text("minimal.yaml"), "      tier: today")
    assert f"exercises.yaml:{line}:7: safety.signs[1].tier: must be one of:" in report
    assert "(got \"tody\") — did you mean 'today'?" in report


def test_braces_other_than_the_number_are_located(tmp_path: Path) -> None:
    report = catalogue_with(tmp_path, "      action: See a doctor today\n", "      action: See {doctor} today\n")
    line = line_of(fixture_text("minimal.yaml"), "      action: See a doctor today")
    assert (
        f"exercises.yaml:{line}:7: safety.tiers.child_amber.action: only {{emergency_number}} may stand in braces"
        in report
    )


def test_a_tier_every_sheet_prints_cannot_be_empty(tmp_path: Path) -> None:
    report = catalogue_with(tmp_path, "      tier: child_red\n", "      tier: child_amber\n")
    assert "safety: every handout prints these tiers, so each needs a sign: child_red" in report


@pytest.mark.parametrize(
    ("value", "accepted"), [(None, True), ("112", True), ("000", True), (0, False), (911, False), ("", False)]
)
def test_the_emergency_number_must_be_quoted_text(value: object, accepted: bool) -> None:
    """`emergency_number: 000` unquoted is the number 0 in YAML: a sheet must never say 'Call 0'."""
    assert (emergency_number_problem({"emergency_number": value}) is None) is accepted


# ---- Markers ------------------------------------------------------------------------------


def test_a_marker_shows_each_sign_under_its_tiers_action() -> None:
    page = "Some words.\n\n<!-- signs: strangulated-hernia painless-groin-lump -->\n"
    filled = with_sign_markers(page, SAFETY, number="112", source="look-alikes.md")
    emergency, today = SAFETY.by_id["strangulated-hernia"], SAFETY.by_id["painless-groin-lump"]
    assert '!!! danger fai-signs "Call 112 or go to the emergency department now if you have:"' in filled
    assert '!!! warning fai-signs "Contact your clinic or a doctor today if you have:"' in filled
    assert f"    - {emergency.text} {emergency.detail}" in filled and f"    - {today.text}" in filled
    assert filled.index("danger") < filled.index(emergency.text) < filled.index("warning") < filled.index(today.text)


def test_a_marker_naming_no_sign_stops_at_its_line() -> None:
    page = "---\ntitle: x\n---\n\nIntro.\n\n<!-- signs: strangled-hernia -->\n"
    with pytest.raises(ValueError, match=r"docs/look-alikes.md:7: .*names no warning sign 'strangled-hernia'"):
        with_sign_markers(page, SAFETY, number="999", source="look-alikes.md")


def test_the_article_rules_locate_a_bad_marker(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("# Page\n\nText.\n\n<!-- signs: cannot-bear-weight no-such-sign -->\n")
    (problem,) = article_problems(SAFETY, tmp_path)
    assert (problem.file, problem.line) == (f"{tmp_path.name}/page.md", 5)
    assert "'no-such-sign'" in problem.message


# ---- The urgency rule -----------------------------------------------------------------------


def found(text: str) -> list[tuple[int, tuple[str, ...], str]]:
    return [(breach.line, breach.sign_ids, breach.urgency) for breach in breaches(text, NAMES)]


REVIEW_CASES = {
    "C1: a hernia sent to 'same day'": (
        "# Hernia\n\nA groin lump that is painful, hard, or will not go back in needs care the same day.\n",
        "strangulated-hernia",
    ),
    "C2: black stools answered with 'get advice'": (
        "Stop and get advice if you get stomach pain or black stools, or if you vomit blood.\n",
        "gut-bleed",
    ),
    "C3: a stress fracture 'checked soon', under its heading": (
        "## Stress fracture\n\nA small crack in a bone.\n\n**Why care differs:** Stop running and get checked soon.\n",
        "stress-fracture",
    ),
    "C3: a box titled with the urgency": (
        '!!! warning "Stop running and get checked soon if"\n    Your groin pain gets worse with each run or hop.\n',
        "stress-fracture",
    ),
    "I7: an infection 'same day'": (
        "Get help the same day if your hip becomes very painful or hot after an injection, or you get a fever.\n",
        "hip-infection",
    ),
    "I7: an infection 'an emergency' in the page's own words": (
        "- An **infected hip joint** is an emergency.\n",
        "hip-infection",
    ),
    "M25: night pain with no time frame": (
        "If pain wakes you every night and does not ease when you change position, see your doctor.\n",
        "night-or-rest-pain",
    ),
    "M3: a flare-up threshold of its own, under a lead-in": (
        "Contact your therapist if:\n\n- A flare-up does not settle after you ease back.\n",
        "flare-up-not-settling",
    ),
    "a sentence that goes on about the sign named before it": (
        "Testicular torsion happens most in boys. Go to the emergency department.\n",
        "testicular-torsion",
    ),
}


@pytest.mark.parametrize("case", list(REVIEW_CASES), ids=list(REVIEW_CASES))
def test_the_rule_catches_the_reviews_cases(case: str) -> None:
    text, sign_id = REVIEW_CASES[case]
    assert [sign_id in ids for _, ids, _ in found(text)][:1] == [True], found(text)


def test_a_breach_is_located_at_its_line_past_the_front_matter() -> None:
    text = (
        "---\ntitle: x\nlast_reviewed: 2026-12-07\n---\n\n# Pain relief\n\nSome words.\n\n"
        "If you vomit blood, get advice.\n"
    )
    assert found(text) == [(10, ("gut-bleed",), "get advice")]


ORDINARY = [
    "See a doctor if you are not better after about 6 weeks.",
    "Avoid low sofas for now. Most people have a flare-up now and then.",
    "Doing too much too soon can cause flare-ups.",
    "Now, lie on your back and bend your knees.",
    "Read [When to get help](when-to-get-help.md) for what to do about a fever.",
    "A hernia is a bulge through a weak spot in the belly wall. Hip exercises will not fix it.",
    "<!-- signs: strangulated-hernia -->",
    "Get up and walk soon after the operation, to keep clots away.",
    "```\nA hernia needs care today.\n```",
    "## References\n\n1. NHS. Hernia: go to A&E now. NHS website.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_the_rule_leaves_ordinary_advice_alone(text: str) -> None:
    assert found(text + "\n") == []


def test_the_sites_own_articles_keep_the_rule() -> None:
    assert [f"{problem.file}:{problem.line}" for problem in article_problems(SAFETY, ROOT / "docs")] == []


def test_a_rebuild_checks_the_articles_though_the_catalogue_comes_from_the_cache(
    tmp_path: Path, pdf_site_builder: SiteBuilder
) -> None:
    """An editor under `mkdocs serve` changes an article, not the catalogue: the rule must still run."""
    config = make_project(tmp_path, fixture_text("minimal.yaml"))
    assert pdf_site_builder(config, tmp_path / "site").returncode == 0
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nIf you have pain at night, see your doctor today.\n")
    rebuilt = pdf_site_builder(config, tmp_path / "site")
    assert rebuilt.returncode != 0
    assert "docs/index.md:3: this sentence names a warning sign ('pain at night': night-or-rest-pain)" in rebuilt.output
