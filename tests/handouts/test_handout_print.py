"""The handouts on paper: Chromium prints every handout page, and the worst case still fits.

Chromium prints the real pages (A4 and US Letter) as a clinic would from the browser;
the PDFs WeasyPrint ships are read back in test_handout_pdf.py. The wordiest program
(handout_fixtures.py) checks that any 6 exercises of the catalogue fit the page budget (3 pages).
"""

from __future__ import annotations

import functools
import io
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from browser import fresh_context, served
from conftest import ROOT, TEST_SITE_URL, BuildResult, SiteBuilder
from handout_fixtures import CLINIC_DETAILS, LOGO_RGB, WORDIEST, wordiest_project
from html_reading import by_class, elements, parse, resolve, text
from pdf_reading import page_texts, printed
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, Route
from warning_box import box_problems
from warning_box import printed as printed_signs

from fai_site.catalogue.dosage_text import amount
from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import LOAD_RULE, Catalogue, Program
from fai_site.handouts.paper import BUDGET_EXERCISES, FRAME_WIDTH_CM, Paper, page_budget
from fai_site.handouts.phone_link import program_reference
from fai_site.handouts.sheet import handout_items
from fai_site.pictures.svg.layout import frames_across

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
PROGRAMS = {program.id: program for program in CATALOGUE.programs}
PAPERS = ["A4", "Letter"]
# What only the site around the sheet says; none of it may reach paper.
SITE_CHROME = ["Hip Impingement & PT", "Back to top", "General information only", "Download PDF", "Print this handout"]
CM_PX = 96 / 2.54
# 11 pt in CSS pixels, less a rounding hair.
MIN_FONT_PX = 11 * 96 / 72 - 0.01
TEXT_STYLES = """() => [...document.querySelectorAll('.fai-handout *')]
  .filter(el => [...el.childNodes].some(node => node.nodeType === Node.TEXT_NODE && node.textContent.trim()))
  .map(el => ({
    text: el.textContent.trim().slice(0, 40),
    size: parseFloat(getComputedStyle(el).fontSize),
    color: getComputedStyle(el).color,
  }))"""


def words(value: str) -> str:
    return " ".join(value.split())


def program(program_id: str, catalogue: Catalogue = CATALOGUE) -> Program:
    return next(program for program in catalogue.programs if program.id == program_id)


@pytest.fixture(scope="module")
def local_context(browser: Browser) -> Iterator[BrowserContext]:
    """One desktop profile for this file's tests, which only read pages: it may reach the local test server only."""
    with fresh_context(browser, viewport={"width": 1280, "height": 900}) as context:
        context.route("**/*", keep_local)
        yield context


@pytest.fixture
def page(local_context: BrowserContext) -> Iterator[Page]:
    """A fresh page (its own size and media) in the file's profile."""
    page = local_context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="module")
def sharp_context(browser: Browser) -> Iterator[BrowserContext]:
    """A profile that draws 3 device pixels to the CSS pixel, so a screenshot of a QR code is sharp enough to read."""
    with fresh_context(browser, device_scale_factor=3) as context:
        context.route("**/*", keep_local)
        yield context


def keep_local(route: Route) -> None:
    if route.request.url.startswith(("http://127.0.0.1:", "data:")):
        route.continue_()
    else:
        route.abort()


def site_navigation(built_site: BuildResult, sheet_text: str) -> list[str]:
    """The navigation labels of the site that the sheet does not itself say."""
    return sorted(label for label in navigation_labels(built_site.site) if label and label not in sheet_text)


@functools.cache
def navigation_labels(site: Path) -> frozenset[str]:
    """The labels of the site's main navigation, read from its home page once."""
    home = parse((site / "index.html").read_text(encoding="utf-8"))
    return frozenset(text(anchor) for nav in by_class(home, "md-nav--primary") for anchor in elements(nav, "a"))


def assert_fits(pages: list[str], handout: Program, catalogue: Catalogue, paper: str = "") -> None:
    """Within the page budget, the sheet from the first line, every exercise whole on one page with all its text,
    and the warning box whole on the first page."""
    budget = page_budget(len(handout.exercises))
    assert budget is None or len(pages) <= budget, f"{len(pages)} pages on {paper}"
    assert "Home exercise program" in pages[0], paper
    everything = " ".join(pages)
    for item in handout_items(handout, catalogue):
        assert item.exercise.name in everything and amount(item.dosage) in everything
        lines = [words(line) for line in [item.exercise.position, *item.exercise.steps, *item.exercise.precautions]]
        lines += [words(f"{LOAD_RULE}: {item.exercise.add_load}")] if item.exercise.add_load else []
        (page,) = [sheet for sheet in pages if lines[0] in sheet]
        assert [line for line in lines if line not in page] == [], f"{item.exercise.id} is split or cut on {paper}"
    assert box_problems(pages, printed_signs(catalogue)) == [], paper


# ---- The real handouts -----------------------------------------------------------------


@pytest.mark.parametrize("program_id", [program.id for program in CATALOGUE.programs])
def test_every_handout_prints_within_the_page_budget_without_the_site(
    built_site: BuildResult, site_server: str, page: Page, program_id: str
) -> None:
    page.goto(f"{site_server}handouts/{program_id}/")  # once: each paper prints the same page
    for paper in PAPERS:
        pages = printed(page, paper)
        assert_fits(pages, program(program_id), CATALOGUE, paper)
        everything = " ".join(pages)
        assert not [chrome for chrome in SITE_CHROME if chrome in everything], paper
        assert not [label for label in site_navigation(built_site, everything) if label in everything], paper


def test_text_on_paper_is_black_and_at_least_11_pt(site_server: str, page: Page) -> None:
    page.emulate_media(media="print")
    for handout in CATALOGUE.programs:
        page.goto(f"{site_server}handouts/{handout.id}/")
        styles = page.evaluate(TEXT_STYLES)
        assert styles
        assert not [style for style in styles if style["size"] < MIN_FONT_PX]
        assert not [style for style in styles if style["color"] != "rgb(0, 0, 0)"]


def test_the_site_around_the_sheet_stays_off_paper(site_server: str, page: Page) -> None:
    page.goto(f"{site_server}handouts/{CATALOGUE.programs[0].id}/")
    chrome = [
        ".md-header",
        ".md-tabs",
        ".md-sidebar",
        ".md-search",
        ".md-footer",
        ".md-top",
        ".fai-disclaimer",
        ".fai-handout-actions",
    ]
    assert page.locator(".fai-handout-actions").is_visible()
    page.emulate_media(media="print")
    visible = [selector for selector in chrome for element in page.locator(selector).all() if element.is_visible()]
    assert visible == []


def test_the_handout_reads_on_a_phone(site_server: str, page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site_server}handouts/{CATALOGUE.programs[0].id}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.get_by_role("button", name="Print this handout").is_visible()
    for paper in Paper:
        assert page.get_by_role("link", name=f"Download PDF ({paper.label})").is_visible()


@pytest.mark.parametrize("program_id", [program.id for program in CATALOGUE.programs])
def test_the_qr_code_on_screen_opens_the_program_on_the_phone(
    sharp_context: BrowserContext, site_server: str, program_id: str
) -> None:
    page = sharp_context.new_page()
    page.goto(f"{site_server}handouts/{program_id}/")
    image = Image.open(io.BytesIO(page.locator(".fai-handout__qr-code").screenshot()))
    page.close()
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [
        f"{TEST_SITE_URL}program/#p={program_reference(PROGRAMS[program_id], CATALOGUE)}"
    ]


def test_the_patient_fields_are_never_sent_or_remembered(built_site: BuildResult) -> None:
    for handout in CATALOGUE.programs:
        tree = parse(built_site.page(f"handouts/{handout.id}/index.html"))
        sheet = by_class(tree, "fai-handout")[0]
        inputs = list(elements(sheet, "input"))
        assert len(inputs) == 4
        assert all(field.get("autocomplete") == "off" for field in inputs)
        assert not [form for form in elements(tree, "form") if by_class(form, "fai-handout__field")]


# ---- The worst case: the 7 wordiest exercises, with and without pictures ---------------


@dataclass(frozen=True)
class Wordiest:
    """The wordiest program's site, and whether its exercises have pictures."""

    build: BuildResult
    pictures: bool

    @property
    def catalogue(self) -> Catalogue:
        project = self.build.site.parent
        return load_catalogue(project / "exercises.yaml", docs_dir=project / "docs")


@pytest.fixture(scope="module", params=[True, False], ids=["pictures", "no-pictures"])
def wordiest(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, pdf_site_builder: SiteBuilder
) -> Wordiest:
    directory = tmp_path_factory.mktemp("wordiest")
    result = pdf_site_builder(wordiest_project(directory, pictures=request.param), directory / "site")
    assert result.returncode == 0, result.output
    return Wordiest(result, request.param)


def test_the_wordiest_handout_has_a_picture_for_each_exercise_or_none(wordiest: Wordiest) -> None:
    page_file = wordiest.build.site / "handouts" / WORDIEST / "index.html"
    pictures = [
        image
        for block in by_class(parse(page_file.read_text(encoding="utf-8")), "fai-handout__picture")
        for image in elements(block, "img")
    ]
    assert len(pictures) == (BUDGET_EXERCISES if wordiest.pictures else 0)
    assert all(resolve(wordiest.build.site, page_file, image.get("src", "")).is_file() for image in pictures)


def test_the_wordiest_program_prints_within_the_page_budget(wordiest: Wordiest, page: Page) -> None:
    with served(wordiest.build.site) as url:
        page.goto(f"{url}handouts/{WORDIEST}/")  # once: each paper prints the same page
        for paper in PAPERS:
            assert_fits(printed(page, paper), program(WORDIEST, wordiest.catalogue), wordiest.catalogue, paper)


@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
def test_the_wordiest_program_ships_pdfs_within_the_page_budget(wordiest: Wordiest, paper: Paper) -> None:
    pages = [words(sheet) for sheet in page_texts(wordiest.build.site / "handouts" / paper.pdf_name(WORDIEST))]
    assert_fits(pages, program(WORDIEST, wordiest.catalogue), wordiest.catalogue)


@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
def test_the_wordiest_program_ships_large_print_within_its_budget(wordiest: Wordiest, paper: Paper) -> None:
    """The build fails a large-print PDF over its budget; this says by how much the worst case stays within it."""
    pages = page_texts(wordiest.build.site / "handouts" / paper.pdf_name(WORDIEST, large_print=True))
    budget = page_budget(BUDGET_EXERCISES, large_print=True)
    print(f"wordiest large print, {paper.label}: {len(pages)} pages (budget {budget})")
    assert len(pages) <= budget
    everything = "".join("".join(pages).split())
    for item in handout_items(program(WORDIEST, wordiest.catalogue), wordiest.catalogue):
        for line in [item.exercise.position, *item.exercise.steps, *item.exercise.precautions]:
            assert "".join(line.split()) in everything, item.exercise.id


def logo_pixels(pdf: Path, directory: Path) -> int:
    """How many pixels of the first page, drawn at 40 dpi (as uncompressed PPM), have the test logo's colour."""
    prefix = directory / "first"
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)], check=True)
    image = Image.open(prefix.with_suffix(".ppm")).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    return sum(count for count, colour in colours if all(abs(a - b) <= 12 for a, b in zip(colour, LOGO_RGB)))


@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
def test_the_clinic_prints_on_every_shipped_pdf(wordiest: Wordiest, paper: Paper, tmp_path: Path) -> None:
    pdf = wordiest.build.site / "handouts" / paper.pdf_name(WORDIEST)
    first_page = words(page_texts(pdf)[0])
    missing = [f"{field}: {value}" for field, value in CLINIC_DETAILS.items() if value not in first_page]
    assert not missing, "not on the first page:\n" + "\n".join(missing)
    assert logo_pixels(pdf, tmp_path) >= 50, "the clinic's logo is not on the first page"


@pytest.mark.parametrize("program_id", [program.id for program in CATALOGUE.programs])
def test_each_drawn_position_prints_at_least_4_cm_wide(site_server: str, page: Page, program_id: str) -> None:
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(19 * CM_PX), "height": 900})
    page.goto(f"{site_server}handouts/{program_id}/")
    widths = page.evaluate(
        "[...document.querySelectorAll('.fai-handout__picture img')].map(image => image.getBoundingClientRect().width)"
    )
    items = handout_items(program(program_id), CATALOGUE)
    assert len(widths) == len(items)
    for item, width in zip(items, widths):
        across = frames_across(item.exercise.illustration.pose)
        assert width / across >= FRAME_WIDTH_CM * CM_PX, (
            f"{item.exercise.id}: {width / CM_PX:.1f} cm for {across} positions"
        )
