"""What a handout says, read back from the shipped PDFs and the built pages.

A clinic hands the sheet over without a second look, so it must hold every step and
precaution the catalogue holds, state one frequency that its cards agree with, give the
program's own weeks, triage in the When to get help page's own tiers and words, and
print a QR code only where it opens something.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, TEST_SITE_URL, BuildResult, SiteBuilder, fixture_text, make_project
from html_reading import by_class, elements, parse, text
from pdf_reading import page_texts, structure
from warning_box import box_problems, printed, squeezed

from fai_site.catalogue import dosage_text
from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import LOAD_RULE, Category, Exercise, Phase
from fai_site.catalogue.warning_signs import TierList
from fai_site.handouts.paper import FRAME_WIDTH_CM, Paper, page_budget
from fai_site.handouts.sheet import handout_items
from fai_site.pictures.svg.layout import frames_across

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
PROGRAM_IDS = [program.id for program in CATALOGUE.programs]
PRINTED = printed(CATALOGUE)
PAGES_REPORT = re.compile(r"Handout pages: (.+)")
CM_PX = 96 / 2.54


def words(value: str) -> str:
    return " ".join(value.split())


def pdf_text(site: Path, program_id: str, paper: Paper) -> tuple[int, str]:
    pages = page_texts(site / "handouts" / paper.pdf_name(program_id))
    return len(pages), words(" ".join(pages))


def program(program_id: str):
    return next(program for program in CATALOGUE.programs if program.id == program_id)


@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
@pytest.mark.parametrize("program_id", PROGRAM_IDS)
def test_every_step_and_precaution_is_on_paper(built_site: BuildResult, program_id: str, paper: Paper) -> None:
    _, printed = pdf_text(built_site.site, program_id, paper)
    missing = [
        (item.exercise.id, line)
        for item in handout_items(program(program_id), CATALOGUE)
        for line in [
            item.exercise.position,
            *item.exercise.steps,
            *item.exercise.precautions,
            *load_line(item.exercise),
        ]
        if words(line) not in printed
    ]
    assert missing == []


def load_line(exercise: Exercise) -> list[str]:
    """How the card says to add load, as printed: the rule, then the exercise's own way."""
    return [f"{LOAD_RULE}: {exercise.add_load}"] if exercise.add_load else []


@pytest.mark.parametrize("program_id", [p.id for p in CATALOGUE.programs if p.phase in (Phase.MIDDLE, Phase.LATE)])
def test_the_middle_and_late_programs_add_load_on_paper(built_site: BuildResult, program_id: str) -> None:
    # Personalised hip therapy is progressive: these programs say, on each strength card, how to add load.
    strength = [
        item.exercise
        for item in handout_items(program(program_id), CATALOGUE)
        if item.exercise.category is Category.STRENGTH
    ]
    assert len(strength) >= 2
    for paper in Paper:
        _, printed = pdf_text(built_site.site, program_id, paper)
        assert [exercise.id for exercise in strength if not load_line(exercise)] == []
        assert [line for exercise in strength for line in load_line(exercise) if words(line) not in printed] == []


# What each program's sheet says, written out here rather than asked of dosage_text.
HOW_OFTEN = {
    "calm-symptoms": "Once a day, 6 days a week",
    "build-strength": "Once a day, 3 days a week",
    "strength-and-control": "Once a day, 3 days a week",
    "return-to-activity": "Once a day, 2 days a week",
    "stay-strong": "Once a day, 2 days a week",
}


@pytest.mark.parametrize("program_id", PROGRAM_IDS)
def test_the_sheet_states_how_often_once_and_no_card_contradicts_it(built_site: BuildResult, program_id: str) -> None:
    handout = program(program_id)
    sheet = by_class(parse(built_site.page(f"handouts/{program_id}/index.html")), "fai-handout")[0]
    rules = {
        text(next(elements(rule, "dt"))): text(next(elements(rule, "dd")))
        for rule in by_class(sheet, "fai-handout__rule")
    }
    stated = HOW_OFTEN[program_id]
    assert rules["How often"].startswith(stated + ".")
    for item, card in zip(handout_items(handout, CATALOGUE), by_class(sheet, "fai-handout__exercise")):
        own = [text(often) for often in by_class(card, "fai-handout__often")]
        assert own == ([dosage_text.frequency(item.dosage).capitalize()] if item.own_frequency else []), (
            item.exercise.id
        )
        assert own != [stated]


@pytest.mark.parametrize("program_id", PROGRAM_IDS)
def test_the_sheet_gives_the_programs_own_weeks(built_site: BuildResult, program_id: str) -> None:
    handout = program(program_id)
    sheet = by_class(parse(built_site.page(f"handouts/{program_id}/index.html")), "fai-handout")[0]
    kicker = text(by_class(sheet, "fai-handout__kicker")[0])
    assert kicker.endswith(handout.weeks_label)
    assert "(weeks" not in kicker
    # Phases are criteria, not calendar weeks: a sheet gives its weeks as what is usual, never as a date to move on.
    assert handout.weeks == "ongoing" or "usually" in kicker
    index = text(parse(built_site.page("handouts/index.html")))
    assert f"{handout.phase.name_only} phase · {handout.weeks_label}" in index


def page_tiers(built_site: BuildResult) -> dict[str, list[str]]:
    """The When to get help page's boxes, by their titles, as the reader sees them (the first box of each title)."""
    tree = parse(built_site.page("when-to-get-help/index.html"))
    found: dict[str, list[str]] = {}
    for box in by_class(tree, "admonition"):
        found.setdefault(text(by_class(box, "admonition-title")[0]), [text(item) for item in elements(box, "li")])
    return found


def tier_title(group: TierList) -> str:
    return f"{group.tier.light}: {group.heading}" if group.tier.light else group.heading


def test_the_page_and_the_handouts_triage_alike(built_site: BuildResult) -> None:
    """Every tier with its action as its heading and the same signs, on the page and on paper, in the same order."""
    tiers = page_tiers(built_site)
    groups = [*PRINTED.adults, *PRINTED.children]
    assert {tier_title(group): tiers.get(tier_title(group)) for group in groups} == {
        tier_title(group): [words(sign.full) for sign in group.signs] for group in groups
    }
    for program_id in PROGRAM_IDS:
        for paper in Paper:
            _, printed = pdf_text(built_site.site, program_id, paper)
            sheet = squeezed(printed)
            for group, after in zip(groups, [*groups[1:], None], strict=True):
                _, _, rest = sheet.partition(squeezed(group.heading))
                under = rest.partition(squeezed(after.heading))[0] if after else rest
                missing = [sign.text for sign in group.signs if squeezed(sign.text) not in under]
                assert missing == [], f"{program_id} {paper.value}"
            assert squeezed(PRINTED.during_exercise) in sheet


@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
@pytest.mark.parametrize("program_id", PROGRAM_IDS)
def test_the_warning_box_is_whole_on_the_first_page(built_site: BuildResult, program_id: str, paper: Paper) -> None:
    assert box_problems(page_texts(built_site.site / "handouts" / paper.pdf_name(program_id)), PRINTED) == []


@pytest.mark.parametrize("program_id", PROGRAM_IDS)
def test_pages_keep_the_budget_and_the_build_reports_them(built_site: BuildResult, program_id: str) -> None:
    reported = dict(entry.rsplit(" ", 1) for entry in PAGES_REPORT.search(built_site.output).group(1).split(", "))
    budget = page_budget(len(program(program_id).exercises))
    for paper in Paper:
        pages, _ = pdf_text(built_site.site, program_id, paper)
        assert int(reported[f"handouts/{paper.pdf_name(program_id)}"]) == pages
        if budget is not None:
            assert pages <= budget


def test_a_build_without_a_public_address_prints_no_qr_code(tmp_path: Path, pdf_site_builder: SiteBuilder) -> None:
    config = make_project(tmp_path, fixture_text("minimal.yaml"))
    config.write_text(
        config.read_text(encoding="utf-8").replace(TEST_SITE_URL, "http://127.0.0.1:8000/"), encoding="utf-8"
    )
    result = pdf_site_builder(config, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert len([line for line in result.output.splitlines() if "SITE_URL" in line]) == 1
    handouts = sorted((tmp_path / "site" / "handouts").glob("*.pdf"))
    assert handouts
    for pdf in handouts:
        printed = words(" ".join(page_texts(pdf)))
        assert "127.0.0.1" not in printed and "Scan to open" not in printed
    for page in (tmp_path / "site" / "handouts").glob("*/index.html"):
        assert not by_class(parse(page.read_text(encoding="utf-8")), "fai-handout__qr-code")


def test_a_public_build_says_nothing_about_site_url(built_site: BuildResult) -> None:
    assert "SITE_URL" not in built_site.output


def picture_widths(pdf: Path) -> list[float]:
    """The width, in cm, of each exercise picture on the PDF's pages: its Figure's box in the structure tree, which
    WeasyPrint writes from the laid-out picture (CSS pixels); the QR code is the one figure that is not an exercise."""
    figures = [figure for figure in structure(pdf).find("Figure") if not (figure.alt or "").startswith("QR code")]
    return [(right - left) / CM_PX for left, _, right, _ in (figure.attributes["BBox"] for figure in figures)]


@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
@pytest.mark.parametrize("program_id", PROGRAM_IDS)
def test_each_drawn_position_is_at_least_4_cm_wide_in_the_pdf(
    built_site: BuildResult, program_id: str, paper: Paper
) -> None:
    items = handout_items(program(program_id), CATALOGUE)
    widths = picture_widths(built_site.site / "handouts" / paper.pdf_name(program_id))
    assert len(widths) == len(items)
    for item, width in zip(items, widths):
        across = frames_across(item.exercise.illustration.pose)
        assert width / across >= FRAME_WIDTH_CM, f"{item.exercise.id}: {width:.2f} cm for {across} positions"
