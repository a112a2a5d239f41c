"""The handout builder (handouts/builder/): compose, print, share and reopen, all in the browser.

The browser tests drive the real site in Debian's Chromium, from the keyboard too, print
with Chromium's "Save as PDF" and read the PDF back. The builder is opened both ways a
visitor reaches it: loaded from its address (a bookmark, a shared link), and through
Material's instant navigation from the exercise pages and handouts, once or more in
one window. The static tests read the built pages: the data block stays inert with
hostile catalogue text, and every exercise page and handout links into the builder.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import zxingcpp
from browser import axe_findings, open_and_mark, still_marked
from conftest import ROOT, TEST_SITE_URL, BuildResult, SiteBuilder, fixture_text, make_project
from handout_fixtures import sheet_length
from html_reading import by_class, elements, parse, text
from pdf_reading import page_texts, printed, text_runs
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from warning_box import box_parts, box_problems, large_print_box_problems
from warning_box import printed as printed_signs

from fai_site.catalogue.dosage_text import amount, frequency
from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import Dosage
from fai_site.handouts.paper import BUDGET_EXERCISES, BUDGET_PAGES, LARGE_PRINT_BUDGET_PAGES, LARGE_PRINT_MIN_PT
from fai_site.handouts.phone_link import PHONE_LINE
from fai_site.pages.program_link import item_code, program_fragment

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
PRINTED = printed_signs(CATALOGUE)
BUILDER = "handouts/builder/"
READY = "fai-builder:list-rendered"
PATIENT = "Alex Example-Patient"
HOSTILE_NAME = "</script><script>alert(1)</script>"
PAPERS = ["A4", "Letter"]
# The builder's own weight: its script and its data block, for the real catalogue.
MAX_OWN_BYTES = 50 * 1024
# Navigation start → the list drawn, and how much of that the builder's own work took (after the HTML was parsed).
FIRST_RENDER = f"""() => {{
  const list = performance.getEntriesByName({READY!r})[0].startTime;
  return {{list, script: list - performance.getEntriesByType("navigation")[0].domInteractive}};
}}"""


# ---- Fixtures and helpers ---------------------------------------------------------------


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def open_builder(page: Page, url: str) -> None:
    """Load the builder and wait until its list of exercises is drawn."""
    page.goto(url, wait_until="load")
    page.wait_for_function(f"() => performance.getEntriesByName({READY!r}).length > 0")


def wait_for_program(page: Page) -> None:
    """Wait until the builder has started and drawn the program it was opened with on its sheet."""
    page.wait_for_function(
        "() => document.querySelector('.fai-builder[data-started]')"
        " && document.querySelectorAll('.fai-builder__preview .fai-handout__exercise').length > 0"
    )


def assert_started_once(page: Page, visits: int = 1) -> None:
    """The builder on screen was started once, and each visit of this window started one builder."""
    assert page.locator(".fai-builder").count() == 1
    assert page.locator(".fai-builder__choice").count() == len(CATALOGUE.exercises)
    assert page.evaluate(f"performance.getEntriesByName({READY!r}).length") == visits


def words(value: str) -> str:
    return " ".join(value.split())


def sheet_names(page: Page) -> list[str]:
    return [words(name) for name in page.locator(".fai-builder__preview .fai-handout__name").all_text_contents()]


def sheet_doses(page: Page) -> list[str]:
    return [words(dose) for dose in page.locator(".fai-builder__preview .fai-handout__dose").all_text_contents()]


def status(page: Page) -> str:
    return words(page.locator(".fai-builder__status").text_content() or "")


def save_template(page: Page, template: str) -> None:
    """Save the sheet as a template and wait until the builder says so.

    The library that saves templates loads on first use, so the click returns before anything is stored.
    """
    page.get_by_label("Template name").fill(template)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".fai-builder__status")).to_contain_text(f"“{template}” saved")


def add(page: Page, search: str, name: str) -> None:
    """Filter the list by `search`, then add the exercise called `name`."""
    page.get_by_label("Find by name").fill(search)
    page.get_by_role("button", name=f"Add {name}", exact=True).click()


def name(exercise_id: str) -> str:
    return CATALOGUE.exercise(exercise_id).name


def card_texts(page: Page, selector: str) -> list[str]:
    """Each card's text without its frequency: a program's sheet states that once, the builder's on every card."""
    texts = page.eval_on_selector_all(
        selector,
        "cards => cards.map(card => { const copy = card.cloneNode(true); "
        "copy.querySelectorAll('.fai-handout__often').forEach(often => often.remove()); return copy.textContent; })",
    )
    return [words(card) for card in texts]


def card_dose(dosage: Dosage, *, with_frequency: bool = True) -> str:
    """The dose as a handout card prints it (handout_parts.html.j2)."""
    often = f" {frequency(dosage).capitalize()}" if with_frequency else ""
    return words(f"{amount(dosage)}{', each side' if dosage.each_side else ''}{often}")


def card_doses(dosages: list[Dosage]) -> list[str]:
    """The cards' doses on one sheet: a frequency they all share is said once, under "How often", instead."""
    shared = len({frequency(dosage) for dosage in dosages}) == 1
    return [card_dose(dosage, with_frequency=not shared) for dosage in dosages]


# ---- Compose and print ----------------------------------------------------------------


def test_compose_reorder_dose_and_print_within_the_page_budget(site_server: str, page: Page) -> None:
    open_builder(page, site_server + BUILDER)
    page.get_by_label("Find by name").fill("clam")
    assert page.locator(".fai-builder__choice:visible").count() == 1
    page.get_by_role("button", name="Add Clamshell", exact=True).click()
    page.get_by_label("Find by name").fill("")
    page.get_by_label("Phase").select_option("late")
    page.get_by_label("Type").select_option("strength")
    late_strength = {e.name for e in CATALOGUE.exercises if "late" in e.phase and e.category.value == "strength"}
    assert (
        set(page.locator(".fai-builder__choice:visible .fai-builder__choice-name").all_text_contents()) == late_strength
    )
    page.get_by_role("button", name=f"Add {name('split-squat')}", exact=True).click()
    page.get_by_label("Phase").select_option("")
    page.get_by_label("Type").select_option("")
    add(page, "bridge", name("glute-bridge"))
    add(page, "side plank", name("side-plank"))
    page.get_by_role("button", name=f"Move {name('side-plank')} up").click()
    page.get_by_role("button", name=f"Move {name('side-plank')} up").click()
    order = [name(id_) for id_ in ("clamshell", "side-plank", "split-squat", "glute-bridge")]
    assert sheet_names(page) == order
    page.get_by_role("group", name=f"Dose for {name('glute-bridge')}").get_by_label("Reps").fill("20")
    assert "3 sets of 20" in sheet_doses(page)[3]
    page.get_by_label("Patient's name").fill(PATIENT)

    for paper in PAPERS:  # each paper prints the same sheet, composed once
        pages = printed(page, paper)
        assert len(pages) <= BUDGET_PAGES, paper
        everything = " ".join(pages)
        positions = [everything.find(exercise) for exercise in order]
        assert -1 not in positions and positions == sorted(positions), paper
        assert "3 sets of 20" in everything
        assert PATIENT in everything
        assert box_problems(pages, PRINTED) == [], paper
        assert "Weekly log" in everything and "Use pain as your guide" in everything
        assert "Choose exercises" not in everything and "Templates on this device" not in everything


def test_the_six_wordiest_exercises_with_notes_keep_the_page_budget(site_server: str, page: Page) -> None:
    """The handouts' worst case (handout_fixtures.py), with every patient field, a note on each card and the longest
    general notes: still 3 pages on US Letter, whose pages are 18 mm shorter, with every warning sign on the first
    page (#24), since how to do the program is the block that moves to the second page when the first is full."""
    wordiest = sorted(CATALOGUE.exercises, key=sheet_length, reverse=True)[:BUDGET_EXERCISES]
    note = "Slow and steady. " * 10
    fragment = urlencode(
        [("title", "Six long exercises"), *(("x", item_code(e.id, e.dosage, note.strip()[:120])) for e in wordiest)]
    )
    open_builder(page, f"{site_server}{BUILDER}#{fragment}")
    for label in ("Patient's name", "Clinician", "Next appointment"):
        page.get_by_label(label, exact=True).fill(PATIENT)
    notes = page.get_by_label("General notes")
    notes.fill("Ice for 10 minutes after the exercises if your hip is sore. " * 5)
    assert len(notes.input_value()) == int(notes.get_attribute("maxlength") or 0)
    assert len(sheet_names(page)) == BUDGET_EXERCISES
    lines = [
        words(line) for exercise in wordiest for line in [exercise.position, *exercise.steps, *exercise.precautions]
    ]
    for paper in PAPERS:  # each paper prints the same sheet, filled in once
        pages = printed(page, paper)
        assert len(pages) <= BUDGET_PAGES, f"{len(pages)} pages on {paper}"
        assert box_problems(pages, PRINTED) == [], paper
        everything = " ".join(pages)
        assert "Notes: Ice for 10 minutes" in everything
        assert [line for line in lines if line not in everything] == [], paper
        assert all(PATIENT in sheet for sheet in pages), paper


@pytest.mark.browser
def test_the_warning_box_stays_whole_on_the_first_page_for_1_to_10_exercises(site_server: str, page: Page) -> None:
    """The longest sheets the builder can make, 1 to 10 of the wordiest exercises: the box is never split (its title
    once stood alone at the foot of a page in 13 of these 20 layouts), and up to 6 exercises keep the page budget."""
    wordiest = sorted(CATALOGUE.exercises, key=sheet_length, reverse=True)
    for count in range(1, 11):
        chosen = wordiest[:count]
        fragment = urlencode([("title", f"{count} exercises"), *(("x", item_code(e.id, e.dosage, "")) for e in chosen)])
        page.goto("about:blank")
        open_builder(page, f"{site_server}{BUILDER}#{fragment}")
        wait_for_program(page)
        assert len(sheet_names(page)) == count
        for paper in PAPERS:  # each paper prints the same sheet, loaded once
            pages = printed(page, paper)
            assert box_problems(pages, PRINTED) == [], f"{count} exercises on {paper}"
            assert count > BUDGET_EXERCISES or len(pages) <= BUDGET_PAGES, (
                f"{count} exercises on {paper}: {len(pages)} pages"
            )


@pytest.mark.browser
def test_the_builder_prints_large_print_on_request(site_server: str, page: Page, tmp_path: Path) -> None:
    """The six wordiest exercises, large print ticked: every text on paper at least 16 pt, whole, within its budget."""
    wordiest = sorted(CATALOGUE.exercises, key=sheet_length, reverse=True)[:BUDGET_EXERCISES]
    open_builder(page, f"{site_server}{BUILDER}?exercises={','.join(exercise.id for exercise in wordiest)}")
    page.get_by_label("Patient's name").fill(PATIENT)
    # Each paper prints the same sheet, filled in once: first as it is, then with large print ticked.
    for paper in PAPERS:
        (tmp_path / f"standard-{paper}.pdf").write_bytes(page.pdf(format=paper))
    page.get_by_label("Large print").check()
    for paper in PAPERS:
        (tmp_path / f"large-{paper}.pdf").write_bytes(page.pdf(format=paper))
    lines = [line for exercise in wordiest for line in [exercise.position, *exercise.steps, *exercise.precautions]]
    lines += [*box_parts(PRINTED), "Use pain as your guide", "Weekly log"]
    for paper in PAPERS:
        standard, large = tmp_path / f"standard-{paper}.pdf", tmp_path / f"large-{paper}.pdf"
        assert min(run.size for run in text_runs(standard)) < LARGE_PRINT_MIN_PT, paper
        small = [run for run in text_runs(large) if run.size < LARGE_PRINT_MIN_PT - 0.01]
        assert {(round(run.size, 2), run.text[:30]) for run in small} == set(), paper
        pages = [words(sheet) for sheet in page_texts(large)]
        assert len(page_texts(standard)) < len(pages) <= LARGE_PRINT_BUDGET_PAGES, paper
        assert large_print_box_problems(pages, PRINTED) == [], paper
        everything = "".join("".join(pages).split())
        assert [line for line in lines if "".join(line.split()) not in everything] == [], paper
        assert all(f"Name: {PATIENT}" in sheet for sheet in pages), paper


CLINIC = {
    "Clinic name": "Harbour Hip Clinic",
    "Phone": "+44 20 7946 0000",
    "Address": "2 Quay Street, Bristol",
    "Web address": "harbourhip.example.org",
}


def test_the_clinic_is_kept_printed_and_the_patient_is_not(site_server: str, page: Page) -> None:
    open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge,clamshell")
    for label, value in CLINIC.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Patient's name").fill(PATIENT)
    page.reload()
    page.wait_for_function(f"() => performance.getEntriesByName({READY!r}).length > 0")
    assert [page.get_by_label(label, exact=True).input_value() for label in CLINIC] == list(CLINIC.values())
    assert page.get_by_label("Patient's name").input_value() == ""
    page.get_by_label("Patient's name").fill(PATIENT)
    stored = page.evaluate("JSON.stringify(localStorage)")
    assert CLINIC["Clinic name"] in stored and PATIENT not in stored and "Alex" not in stored
    assert PATIENT not in page.url and "Alex" not in page.url
    for paper in PAPERS:
        pages = printed(page, paper)
        assert all(value in pages[0] for value in CLINIC.values()), paper
        assert all(f"Name: {PATIENT}" in sheet for sheet in pages), paper


def test_the_patients_name_is_on_every_printed_page(site_server: str, page: Page) -> None:
    wordiest = sorted(CATALOGUE.exercises, key=sheet_length, reverse=True)[: BUDGET_EXERCISES + 2]
    open_builder(page, f"{site_server}{BUILDER}?exercises={','.join(exercise.id for exercise in wordiest)}")
    page.get_by_label("Patient's name").fill('Jo "JJ" O\\Brien')
    for paper in PAPERS:
        pages = printed(page, paper)
        assert len(pages) > 1
        assert all('Name: Jo "JJ" O\\Brien' in sheet for sheet in pages), paper


def decoded_qr(locator: Locator) -> str:
    """The text of the one QR code drawn in `locator`."""
    image = Image.open(io.BytesIO(locator.screenshot()))
    (decoded,) = [result.text for result in zxingcpp.read_barcodes(image)]
    return decoded


@pytest.mark.browser
def test_the_patients_link_and_the_sheets_qr_code_open_the_program_in_my_program(
    site_server: str, browser: Browser
) -> None:
    """From the clinic to the phone (#26): the patient's own link, copied or scanned, opens "My program" on the public
    site with this program, and no patient's details."""
    context = browser.new_context(device_scale_factor=3, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge,clamshell")
        page.get_by_label("Patient's name").fill(PATIENT)
        page.get_by_label("General notes").fill("Ice after, if sore.")
        page.get_by_role("button", name="Copy the patient's link").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        shown = page.get_by_label("Patient's link").input_value()
        on_sheet = decoded_qr(page.locator(".fai-builder__preview .fai-handout__qr-code"))
        beside = decoded_qr(page.locator(".fai-builder__patient-qr .fai-handout__qr-code"))
        caption = words(page.locator(".fai-builder__preview .fai-handout__qr-caption").inner_text())
    finally:
        context.close()
    assert copied == shown == on_sheet == beside
    assert shown.startswith(f"{TEST_SITE_URL}program/#")
    fragment = parse_qs(urlsplit(shown).fragment)
    assert [code.split(".")[0] for code in fragment["x"]] == ["glute-bridge", "clamshell"]
    assert fragment["notes"] == ["Ice after, if sore."]
    assert "Alex" not in shown and "Patient" not in shown
    assert caption == f"{PHONE_LINE}."


def test_the_date_names_its_month(site_server: str, page: Page) -> None:
    open_builder(page, site_server + BUILDER)
    assert re.fullmatch(r"(\d{1,2} )?[A-Z][a-z]+ \d{1,2}?,? ?\d{4}", page.get_by_label("Date given").input_value())


def test_printing_from_dark_mode_gives_a_white_sheet(site_server: str, browser: Browser, tmp_path: Path) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        (tmp_path / "sheet.pdf").write_bytes(page.pdf(format="A4"))
        page.emulate_media(media="print")
        backgrounds = page.evaluate(
            "[document.body, ...document.querySelectorAll('.fai-handout, .fai-handout__field-input')].map(el => "
            "getComputedStyle(el).backgroundColor)"
        )
    finally:
        context.close()
    assert set(backgrounds) <= {"rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"}, set(backgrounds)
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "50", "-f", "1", "-l", "1", str(tmp_path / "sheet.pdf"), str(tmp_path / "page")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.pgm"))).convert("L")
    margin = [
        image.getpixel((x, y))
        for x in range(image.width)
        for y in range(image.height)
        if x < 12 or x > image.width - 12
    ]
    assert min(margin) > 240, "the page's margins are not white"


def test_print_comes_before_the_preview_on_a_phone(site_server: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        open_builder(page, site_server + BUILDER)
        button = page.get_by_role("button", name="Print", exact=True).bounding_box()
        preview = page.locator(".fai-builder__preview").bounding_box()
    finally:
        context.close()
    assert button and preview and button["y"] + button["height"] <= preview["y"]


# ---- Share and reopen -------------------------------------------------------------------


def test_a_shared_link_brings_the_program_back_without_the_patient(
    site_server: str, browser: Browser, page: Page
) -> None:
    open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge,clamshell,stationary-bike")
    page.get_by_label("Handout title").fill("After the first visit")
    editor = page.get_by_role("group", name=f"Dose for {name('clamshell')}")
    editor.get_by_label("Sets").fill("2")
    editor.get_by_label("Each side").uncheck()
    page.get_by_label("Note on the handout").nth(1).fill("Keep your top hip forward_slowly & gently")
    page.get_by_label("Patient's name").fill(PATIENT)
    page.get_by_label("General notes").fill("Ice after, if sore.")
    save_template(page, "Early hip")
    shared = page.url
    names, doses = sheet_names(page), sheet_doses(page)
    stored = page.evaluate("JSON.stringify(localStorage)")

    assert PATIENT not in shared and "Alex" not in shared
    assert PATIENT not in stored and "Alex" not in stored and "Early hip" in stored
    other = browser.new_context()
    try:
        reopened = other.new_page()
        open_builder(reopened, shared)
        assert sheet_names(reopened) == names == [name("glute-bridge"), name("clamshell"), name("stationary-bike")]
        assert sheet_doses(reopened) == doses
        assert "2 sets of 12" in doses[1] and "each side" not in doses[1]
        assert reopened.locator(".fai-builder__preview .fai-handout__title").text_content() == "After the first visit"
        notes = reopened.locator(".fai-builder__preview .fai-handout__note:visible").all_text_contents()
        assert notes == ["Keep your top hip forward_slowly & gently"]
        assert reopened.get_by_label("Patient's name").input_value() == ""
        assert reopened.get_by_label("General notes").input_value() == "Ice after, if sore."
        assert (
            reopened.locator(".fai-builder__preview .fai-handout__notes-text").text_content() == "Ice after, if sore."
        )
    finally:
        other.close()


def test_a_template_saved_on_the_device_opens_again(site_server: str, page: Page) -> None:
    open_builder(page, f"{site_server}{BUILDER}?exercises=dead-bug,side-plank")
    save_template(page, "Core")
    open_builder(page, site_server + BUILDER)
    assert sheet_names(page) == []
    page.get_by_label("Saved templates").select_option("Core")
    page.get_by_role("button", name="Open", exact=True).click()
    expect(page.locator(".fai-builder__status")).to_contain_text("“Core” opened")
    assert sheet_names(page) == [name("dead-bug"), name("side-plank")]
    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.locator(".fai-builder__status")).to_contain_text("“Core” deleted")
    assert page.evaluate(
        "localStorage.length === 0 || "
        "!Object.keys(JSON.parse(localStorage.getItem('fai-handout-builder-templates'))).length"
    )


def test_listed_exercises_load_in_order_and_unknown_ids_are_reported(site_server: str, page: Page) -> None:
    open_builder(page, f"{site_server}{BUILDER}?exercises=step-up,no-such-exercise,pelvic-tilt,dead-bug")
    assert sheet_names(page) == [name("step-up"), name("pelvic-tilt"), name("dead-bug")]
    assert sheet_doses(page) == card_doses(
        [CATALOGUE.exercise(id_).dosage for id_ in ("step-up", "pelvic-tilt", "dead-bug")]
    )
    assert "no-such-exercise" in status(page)
    assert page.get_by_role("status").filter(has_text="no-such-exercise").count() == 1
    assert "exercises=" not in page.url and "x=step-up" in page.url


def test_a_link_with_a_bad_dose_says_so_and_keeps_the_usual_dose(site_server: str, page: Page) -> None:
    open_builder(page, f"{site_server}{BUILDER}#x=clamshell.s99.r15&x=glute-bridge.s2.r8")
    assert sheet_names(page) == [name("clamshell"), name("glute-bridge")]
    assert sheet_doses(page)[0] == card_dose(CATALOGUE.exercise("clamshell").dosage)
    assert name("clamshell") in status(page)


def test_every_dose_reads_as_on_the_handouts(site_server: str, page: Page) -> None:
    """The builder words a dose in JavaScript; it must say what fai_site/catalogue/dosage_text.py says."""
    ids = [exercise.id for exercise in CATALOGUE.exercises]
    for start in range(0, len(ids), 12):
        chunk = ids[start : start + 12]
        open_builder(page, f"{site_server}{BUILDER}?exercises={','.join(chunk)}")
        assert sheet_doses(page) == card_doses([CATALOGUE.exercise(id_).dosage for id_ in chunk])


@pytest.mark.parametrize("program_id", [program.id for program in CATALOGUE.programs])
def test_adapt_this_program_opens_the_same_cards(site_server: str, instant_page: Page, program_id: str) -> None:
    """Through Material's instant navigation, as on the published site: the program comes in the link's fragment."""
    page = instant_page
    open_and_mark(page, f"{site_server}handouts/{program_id}/")
    handout_cards = card_texts(page, ".fai-handout__exercise")
    page.get_by_role("link", name="Adapt this program").click()
    page.wait_for_url(f"**/{BUILDER}#*")
    wait_for_program(page)
    assert still_marked(page), "the builder was loaded afresh, not reached by instant navigation"
    assert_started_once(page)
    builder_cards = card_texts(page, ".fai-builder__preview .fai-handout__exercise")
    assert builder_cards == handout_cards
    assert status(page) == ""
    assert len(printed(page, "Letter")) <= BUDGET_PAGES


@pytest.mark.parametrize("how", ["instant navigation", "page load"])
def test_add_to_a_custom_handout_from_an_exercise_page(site_server: str, instant_page: Page, how: str) -> None:
    """The builder's data and script arrive with the page, whether Material swaps it in or the link is opened afresh.

    A click navigates instantly; opening the link's address (a bookmark, a new tab) loads the page.
    """
    page = instant_page
    open_and_mark(page, f"{site_server}exercises/bird-dog/")
    link = page.get_by_role("link", name="Add to a custom handout")
    if how == "instant navigation":
        link.click()
    else:
        page.goto(link.evaluate("link => link.href"), wait_until="load")
    wait_for_program(page)
    assert still_marked(page) == (how == "instant navigation")
    assert_started_once(page)
    assert sheet_names(page) == [name("bird-dog")]
    assert "exercises=" not in page.url and "x=bird-dog" in page.url

    # Each control answers once: one exercise added, one print.
    add(page, "clam", "Clamshell")
    assert sheet_names(page) == [name("bird-dog"), name("clamshell")]
    assert status(page) == "Clamshell added as number 2."
    page.get_by_role("button", name="Print", exact=True).click()
    assert page.evaluate("window.printed") == 1


@pytest.mark.parametrize("first", ["page load", "instant navigation"])
def test_the_builder_starts_once_on_each_visit_in_one_window(site_server: str, instant_page: Page, first: str) -> None:
    """Material runs the builder's script again with each page it swaps in; each visit gets one builder, started
    once."""
    page = instant_page
    if first == "page load":
        open_and_mark(page, f"{site_server}{BUILDER}?exercises=bird-dog")
    else:
        open_and_mark(page, f"{site_server}exercises/bird-dog/")
        page.get_by_role("link", name="Add to a custom handout").click()
    wait_for_program(page)
    add(page, "clam", "Clamshell")
    page.get_by_role("button", name="Print", exact=True).click()

    # Away to another exercise, by the site's own links, and back into the builder from there.
    page.locator(".md-header .md-logo").click()
    page.wait_for_url(site_server)
    page.locator(".md-sidebar--primary").get_by_role("link", name="All exercises").click()
    page.wait_for_url("**/exercises/")
    page.locator(".md-content a[href$='/exercises/dead-bug/']").first.click()
    page.wait_for_url("**/exercises/dead-bug/")
    page.get_by_role("link", name="Add to a custom handout").click()
    page.wait_for_url(f"**/{BUILDER}#*")
    wait_for_program(page)
    assert still_marked(page), "the builder was loaded afresh, not reached by instant navigation"
    assert_started_once(page, visits=2)
    assert sheet_names(page) == [name("dead-bug")]
    add(page, "clam", "Clamshell")
    assert sheet_names(page) == [name("dead-bug"), name("clamshell")]
    assert status(page) == "Clamshell added as number 2."
    page.get_by_role("button", name="Print", exact=True).click()
    assert page.evaluate("window.printed") == 2

    # Back to the exercise page and forward again: the program is in the address.
    page.go_back()
    page.wait_for_url("**/exercises/dead-bug/")
    page.wait_for_function("() => !document.querySelector('.fai-builder')")
    page.go_forward()
    page.wait_for_url(f"**/{BUILDER}#*")
    wait_for_program(page)
    assert still_marked(page)
    assert_started_once(page, visits=3)
    assert sheet_names(page) == [name("dead-bug"), name("clamshell")]


# ---- Privacy and offline --------------------------------------------------------------


def test_every_request_goes_to_the_site_itself(site_server: str, context: BrowserContext) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    open_builder(page, f"{site_server}{BUILDER}?exercises=bird-dog,glute-bridge")
    add(page, "clam", "Clamshell")
    page.get_by_label("Patient's name").fill(PATIENT)
    page.get_by_role("button", name="Copy link to this program").click()
    page.pdf(format="A4")
    page.wait_for_load_state("networkidle")
    assert requested
    elsewhere = [url for url in requested if not url.startswith((site_server, "data:", "blob:"))]
    assert not elsewhere
    assert not any(PATIENT.split()[0] in url for url in requested)


def test_it_keeps_working_offline_once_loaded(site_server: str, context: BrowserContext, page: Page) -> None:
    open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge")
    context.set_offline(True)
    add(page, "clam", "Clamshell")
    page.get_by_role("group", name=f"Dose for {name('clamshell')}").get_by_label("Reps").fill("12")
    assert sheet_names(page) == [name("glute-bridge"), name("clamshell")]
    assert "3 sets of 12, each side" in sheet_doses(page)[1]
    assert len(printed(page, "A4")) <= 2


# ---- Moving pictures (#16) ----------------------------------------------------------------


def preview_picture(page: Page) -> tuple[bool, bool]:
    """(the moving picture shows, the still shows) on the first card of the preview."""
    card = page.locator(".fai-builder__preview .fai-handout__picture").first
    return card.locator(".fai-builder__moving").is_visible(), card.locator(".fai-builder__still").is_visible()


def two_shots(page: Page) -> tuple[bytes, bytes]:
    picture = page.locator(".fai-builder__preview .fai-handout__picture").first
    first = picture.screenshot(animations="allow")
    page.wait_for_timeout(500)
    return first, picture.screenshot(animations="allow")


def test_the_previews_pictures_play_until_paused_and_print_still(site_server: str, page: Page) -> None:
    open_builder(page, f"{site_server}{BUILDER}?exercises=clamshell")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.fai-builder__moving')].every(img => img.complete && img.naturalWidth)"
    )
    assert preview_picture(page) == (True, False)
    first, second = two_shots(page)
    assert first != second, "the preview's picture did not move in 500 ms"
    page.get_by_role("button", name="Pause pictures").click()
    assert preview_picture(page) == (False, True)
    assert page.get_by_role("button", name="Play pictures").is_visible()
    page.get_by_role("button", name="Play pictures").click()
    page.emulate_media(media="print")
    assert preview_picture(page) == (False, True), "paper prints the still"


def test_under_reduced_motion_the_preview_keeps_its_still_pictures(site_server: str, browser: Browser) -> None:
    context = browser.new_context(reduced_motion="reduce")
    try:
        page = context.new_page()
        open_builder(page, f"{site_server}{BUILDER}?exercises=clamshell")
        assert preview_picture(page) == (False, True)
        assert not page.get_by_role("button", name="Pause pictures").is_visible()
    finally:
        context.close()


def test_the_site_ships_each_drawn_exercise_playing_for_the_preview(built_site: BuildResult) -> None:
    for exercise in CATALOGUE.exercises:
        moving = built_site.site / "illustrations" / "moving" / f"{exercise.id}.svg"
        assert "<animate " in moving.read_text(encoding="utf-8"), exercise.id
    for program in CATALOGUE.programs:
        assert "illustrations/moving/" not in built_site.page(f"handouts/{program.id}/index.html")


# ---- Keyboard and phone ----------------------------------------------------------------


def tab_to(page: Page, condition: str, *, back: bool = False, limit: int = 120) -> None:
    """Press Tab (or Shift+Tab) until `condition`, a JavaScript test of `document.activeElement`, holds."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(f"(element => {condition})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {condition}")


def labelled(label: str) -> str:
    return f"element.getAttribute('aria-label') === {label!r}"


def test_the_whole_flow_works_from_the_keyboard(site_server: str, page: Page) -> None:
    open_builder(page, site_server + BUILDER)
    tab_to(page, "element.matches('.fai-builder__text-filter')")
    page.keyboard.type("clam")
    tab_to(page, labelled("Add Clamshell"))
    page.keyboard.press("Enter")
    tab_to(page, "element.matches('.fai-builder__text-filter')", back=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("bridge")
    tab_to(page, labelled(f"Add {name('glute-bridge')}"))
    page.keyboard.press(" ")
    assert sheet_names(page) == [name("clamshell"), name("glute-bridge")]
    tab_to(page, labelled(f"Move {name('glute-bridge')} up"))
    page.keyboard.press("Enter")
    assert sheet_names(page) == [name("glute-bridge"), name("clamshell")]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Move {name('glute-bridge')} up"
    tab_to(
        page,
        "element.name === 'sets' && element.closest('fieldset').querySelector('legend').textContent === 'Dose for "
        f"{name('clamshell')}'",
    )
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    assert sheet_doses(page)[1].startswith("2 sets of 12")
    tab_to(page, "element.matches('.fai-builder__print')")
    focus = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus != "none"


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 360)])
def test_a_program_in_the_making_passes_axe(browser: Browser, site_server: str, scheme: str, width: int) -> None:
    """The tour audits the empty builder; this audits it mid-work: editors, an added exercise, a wrong dose, a
    message."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge,clamshell,stationary-bike")
        sets = page.get_by_role("group", name=f"Dose for {name('clamshell')}").get_by_label("Sets")
        sets.fill("99")
        assert name("clamshell") in status(page) and sets.get_attribute("aria-invalid") == "true"
        ids = ("glute-bridge", "clamshell", "stationary-bike")
        assert sheet_doses(page)[1] == card_doses([CATALOGUE.exercise(id_).dosage for id_ in ids])[1]
        assert not axe_findings(page)
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    finally:
        context.close()


# ---- Weight and speed -----------------------------------------------------------------


def test_its_own_weight_and_time_to_first_render(
    built_site: BuildResult, site_server: str, page: Page, record_property
) -> None:
    html = built_site.page(f"{BUILDER}index.html")
    data = re.search(r'<script type="application/json" id="fai-builder-data">(.*?)</script>', html, re.S)
    assert data
    script = (built_site.site / "javascripts" / "handout-builder.js").read_bytes()
    own = script + data.group(1).encode()
    raw, zipped = len(own), len(gzip.compress(own))
    timings = []
    for _ in ("first visit", "cached"):
        open_builder(page, site_server + BUILDER)
        timings.append(page.evaluate(FIRST_RENDER))
    for key, value in [
        ("own_bytes", raw),
        ("own_gzip_bytes", zipped),
        ("first_render_ms", timings[0]),
        ("cached_render_ms", timings[1]),
    ]:
        record_property(f"builder_{key}", value)
    print(
        f"\nbuilder: script {len(script)} B + data {len(data.group(1))} B = {raw} B raw, {zipped} B gzip; "
        f"list drawn {timings[0]['list']:.0f} ms after navigation start ({timings[0]['script']:.0f} ms of it after "
        "the HTML was parsed), "
        f"{timings[1]['list']:.0f} ms from the browser's cache"
    )
    assert raw <= MAX_OWN_BYTES


# ---- The built pages ------------------------------------------------------------------


def data_block(html: str) -> str:
    tree = parse(html)
    return next(text(script) for script in elements(tree, "script") if script.get("id") == "fai-builder-data")


def test_the_data_block_holds_the_catalogue(built_site: BuildResult) -> None:
    """Each exercise as a program link writes it (its usual dose), then its type and phases; its name is on its card."""
    data = json.loads(data_block(built_site.page(f"{BUILDER}index.html")))
    entries = [entry.split(" ") for entry in data["exercises"]]
    assert [code for code, *_ in entries] == [item_code(e.id, e.dosage, None) for e in CATALOGUE.exercises]
    assert [rest for _, *rest in entries] == [[e.category.value, *e.phase] for e in CATALOGUE.exercises]


def test_hostile_catalogue_text_stays_inert_in_the_builder(tmp_path: Path, site_builder: SiteBuilder) -> None:
    hostile = fixture_text("minimal.yaml").replace("name: Glute bridge", f"name: '{HOSTILE_NAME}'")
    result = site_builder(make_project(tmp_path, hostile), tmp_path / "site")
    assert result.returncode == 0, result.output
    html = result.page(f"{BUILDER}index.html")
    block = data_block(html)
    assert "<" not in block and ">" not in block and "&" not in block
    assert "alert" not in block, "names are read from the cards, as text"
    tree = parse(html)
    assert [script.get("type") for script in elements(tree, "script") if "alert" in text(script)] == []
    card = next(
        template for template in elements(tree, "template") if template.get("id") == "fai-builder-card-glute-bridge"
    )
    assert (
        text(next(element for element in card.iter() if "fai-handout__name" in (element.get("class") or "")))
        == HOSTILE_NAME
    )


def test_each_exercise_page_links_to_the_builder_with_its_id(built_site: BuildResult) -> None:
    for exercise in CATALOGUE.exercises:
        tree = parse(built_site.page(f"exercises/{exercise.id}/index.html"))
        hrefs = [anchor.get("href") for anchor in elements(tree, "a") if text(anchor) == "Add to a custom handout"]
        assert hrefs == [f"../../{BUILDER}?exercises={exercise.id}"]


def test_each_handout_links_to_the_builder_with_its_program(built_site: BuildResult) -> None:
    for program in CATALOGUE.programs:
        tree = parse(built_site.page(f"handouts/{program.id}/index.html"))
        hrefs = [anchor.get("href") for anchor in by_class(tree, "fai-handout-actions__adapt")]
        assert hrefs == [f"../../{BUILDER}#{program_fragment(program, CATALOGUE)}"]
        fragment = parse_qs(urlsplit(hrefs[0]).fragment)
        assert fragment["title"] == [program.title]
        assert [code.split(".")[0] for code in fragment["x"]] == [item.id for item in program.exercises]


def test_a_program_link_carries_doses_and_notes() -> None:
    dosage = Dosage(sets=3, reps=12, each_side=True, days_per_week=5)
    assert item_code("clamshell", dosage, "Go slowly_and gently") == "clamshell.s3.r12.e.t1.d5_Go slowly_and gently"
    assert item_code("stationary-bike", Dosage(duration_minutes=15), None) == "stationary-bike.m15.t1.d7"


def test_a_frequency_every_exercise_shares_is_said_once(site_server: str, page: Page) -> None:
    same = [
        exercise.id
        for exercise in CATALOGUE.exercises
        if frequency(exercise.dosage) == frequency(CATALOGUE.exercise("glute-bridge").dosage)
    ][:2]
    open_builder(page, f"{site_server}{BUILDER}?exercises={','.join(same)}")
    how = words(page.locator(".fai-builder__preview .fai-handout__how-often").text_content() or "")
    assert how == frequency(CATALOGUE.exercise(same[0]).dosage).capitalize() + "."
    assert page.locator(".fai-builder__preview .fai-handout__often").count() == 0
    open_builder(page, f"{site_server}{BUILDER}?exercises=pelvic-tilt,step-up")
    assert (
        words(page.locator(".fai-builder__preview .fai-handout__how-often").text_content() or "")
        == "As each exercise says."
    )
    assert page.locator(".fai-builder__preview .fai-handout__often").count() == 2
