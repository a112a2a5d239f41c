"""Large print: every program's sheet again with every text at least 16 pt, whole, within its own page budget.

Read back from the PDFs the shared build made: the size of every run of text on paper,
the page counts the build reports, each picture's box from the structure tree. That the
sheet is whole and in order is held for these PDFs too by test_handout_tags.py, which reads
every PDF's structure against the web sheet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, BuildResult
from html_reading import elements, parse
from pdf_reading import page_texts, structure, text_runs
from pypdf import PdfReader
from warning_box import box_parts, box_problems, large_print_box_problems
from warning_box import printed as printed_signs

from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import Program
from fai_site.handouts.paper import LARGE_PRINT_MIN_PT, Paper, page_budget
from fai_site.handouts.sheet import handout_items

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
PROGRAMS = {program.id: program for program in CATALOGUE.programs}
PAGES_REPORT = re.compile(r"Handout pages: (.+)")


def squashed(value: str) -> str:
    """Text without any space: a line broken at a hyphen reads back with a space after it."""
    return "".join(value.split())


def large_print(site: Path, program: Program, paper: Paper) -> Path:
    return site / "handouts" / paper.pdf_name(program.id, large_print=True)


@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
def test_no_text_on_a_large_print_sheet_is_under_16_pt(built_site: BuildResult, paper: Paper) -> None:
    for program in PROGRAMS.values():
        runs = text_runs(large_print(built_site.site, program, paper))
        assert len(runs) > 100
        # A hair under 16 is the PDF's rounding of the text matrix, not smaller type.
        small = sorted(
            {(round(run.size, 2), run.text.strip()[:30]) for run in runs if run.size < LARGE_PRINT_MIN_PT - 0.01}
        )
        assert small == [], f"{program.id}: text under {LARGE_PRINT_MIN_PT} pt"
        standard = text_runs(built_site.site / "handouts" / paper.pdf_name(program.id))
        assert min(run.size for run in standard) < LARGE_PRINT_MIN_PT, "the standard sheet is not the small one"


def test_each_program_has_large_print_within_its_budget_and_the_build_reports_it(built_site: BuildResult) -> None:
    reported = dict(entry.rsplit(" ", 1) for entry in PAGES_REPORT.search(built_site.output).group(1).split(", "))
    for program in PROGRAMS.values():
        budget = page_budget(len(program.exercises), large_print=True)
        for paper in Paper:
            pdf = large_print(built_site.site, program, paper)
            pages = len(PdfReader(pdf).pages)
            assert int(reported[f"handouts/{pdf.name}"]) == pages
            assert budget is None or pages <= budget, f"{pdf.name}: {pages} pages, budget {budget}"
            standard = len(PdfReader(built_site.site / "handouts" / paper.pdf_name(program.id)).pages)
            assert pages > standard, f"{pdf.name} is no larger than the standard sheet"


def test_every_step_precaution_rule_and_sign_is_in_large_print(built_site: BuildResult) -> None:
    for program in PROGRAMS.values():
        for paper in Paper:
            printed = squashed(" ".join(page_texts(large_print(built_site.site, program, paper))))
            lines = [
                line
                for item in handout_items(program, CATALOGUE)
                for line in [
                    item.exercise.name,
                    item.exercise.position,
                    *item.exercise.steps,
                    *item.exercise.precautions,
                ]
            ]
            lines += box_parts(printed_signs(CATALOGUE))
            lines += [
                "Mild discomfort up to 4 is OK",
                "Weekly log",
                "Pain score (0–10)",
                "Your physical therapy clinic",
            ]
            assert [line for line in lines if squashed(line) not in printed] == [], f"{program.id} {paper.value}"


@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
def test_the_warning_box_is_whole_on_one_page_in_large_print(built_site: BuildResult, paper: Paper) -> None:
    """At 16 pt the box fills most of a page: WeasyPrint prints it whole on the page after the patient's details (the
    builder's sheet in Chromium may put the children's tiers, whole, on the next: test_builder.py)."""
    for program in PROGRAMS.values():
        pages = page_texts(large_print(built_site.site, program, paper))
        assert box_problems(pages, printed_signs(CATALOGUE), page=2) == [], program.id
        assert large_print_box_problems(pages, printed_signs(CATALOGUE)) == [], program.id


def test_each_picture_is_at_least_as_large_as_on_the_standard_sheet(built_site: BuildResult) -> None:
    def widths(pdf: Path) -> list[float]:
        return [
            right - left
            for left, _, right, _ in (figure.attributes["BBox"] for figure in structure(pdf).find("Figure"))
        ]

    for program in PROGRAMS.values():
        for paper in Paper:
            large = widths(large_print(built_site.site, program, paper))
            standard = widths(built_site.site / "handouts" / paper.pdf_name(program.id))
            assert len(large) == len(standard) == len(program.exercises) + 1  # and the QR code
            assert [size for size, before in zip(large, standard) if size < before - 0.5] == [], program.id


def test_each_handout_page_links_its_large_print_beside_the_standard_pdfs(built_site: BuildResult) -> None:
    for program in PROGRAMS.values():
        anchors = elements(parse(built_site.page(f"handouts/{program.id}/index.html")), "a")
        links = {"".join(anchor.itertext()).strip(): anchor.get("href") for anchor in anchors}
        for paper in Paper:
            assert links[f"Download PDF ({paper.label})"] == f"../{paper.pdf_name(program.id)}"
            assert links[f"Large print PDF ({paper.label})"] == f"../{paper.pdf_name(program.id, large_print=True)}"
