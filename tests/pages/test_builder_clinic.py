"""The builder a clinic would switch to (#26): its own exercises, clinic packs, goals, sign-off and logo, the
patient's link, focus never under a sticky bar, and the clinician's flow counted.

Each test drives the real site in Debian's Chromium at desktop size, as a clinician uses
it between patients; the phone's side ("My program") opens in a context of its own at
phone size, as the patient's phone. Files (a clinic pack, a logo) go through the page's
own file inputs and downloads, never around them.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from browser import DECODED_WIDTH, fresh_context, served
from conftest import FIXTURES, ROOT, TEST_SITE_URL, SiteBuilder, make_project
from pdf_reading import printed
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from test_builder import BUILDER, CATALOGUE, PATIENT, add, name, open_builder, save_template, sheet_names, status, words

from fai_site.handouts.sheet import handout_items

OWN = {
    "Name": "Seated heel slides",
    "Steps, one a line": "Sit tall on a firm chair.\nSlide one heel back under the chair.\nSlide it forward again.",
    "Take care": "Keep the move small if your hip pinches.",
}
OWN_STEPS = OWN["Steps, one a line"].split("\n")


@pytest.fixture
def clinic(browser: Browser) -> Iterator[BrowserContext]:
    """A clinician's computer: desktop size, the clipboard allowed, downloads kept."""
    with fresh_context(
        browser,
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
        permissions=["clipboard-read", "clipboard-write"],
    ) as context:
        yield context


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """The patient's phone: a context of its own, at phone size."""
    with fresh_context(browser, viewport={"width": 390, "height": 844}) as context:
        yield context


def write_own_exercise(page: Page, fields: dict[str, str] = OWN, *, base: str = "sitting") -> None:
    """Open "Add an exercise of your own", fill its form and press "Save and add to the program"."""
    details = page.locator(".fai-builder__own")
    if not details.evaluate("details => details.open"):
        details.locator("summary").click()
    form = page.locator(".fai-builder__own-form")
    expect(form).to_be_visible()
    for label, value in fields.items():
        form.get_by_label(label).fill(value)
    form.get_by_label("Picture").select_option(base)
    form.get_by_label("Sets").fill("2")
    form.get_by_label("Reps").fill("10")
    form.get_by_role("button", name="Save and add to the program").click()


def own_card(page: Page) -> Locator:
    return page.locator(".fai-builder__preview .fai-handout__exercise--own")


# ---- A clinic's own exercise -------------------------------------------------------------


@pytest.mark.browser
def test_a_custom_exercise_goes_from_the_builder_to_the_printed_sheet_and_to_my_program(
    site_server: str, clinic: BrowserContext, phone: BrowserContext
) -> None:
    page = clinic.new_page()
    open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge")
    write_own_exercise(page)
    assert sheet_names(page) == [name("glute-bridge"), OWN["Name"]]
    card = own_card(page)
    assert words(card.locator(".fai-handout__own").inner_text()) == "Your clinic's own exercise"
    assert words(card.locator(".fai-handout__dose").inner_text()) == "2 sets of 10 Once a day, every day"
    picture = card.locator(".fai-handout__picture img")
    assert picture.get_attribute("src").endswith("illustrations/bases/sitting.svg")
    assert picture.evaluate(DECODED_WIDTH) > 0
    for paper in ("A4", "Letter"):
        sheet = " ".join(printed(page, paper))
        for line in [OWN["Name"], "Your clinic's own exercise", *OWN_STEPS, f"Take care: {OWN['Take care']}"]:
            assert line in sheet, (paper, line)
    assert "c=" in urlsplit(page.url).fragment, "the program's link carries it whole"

    start = page.locator(".fai-builder__start").get_attribute("href")
    assert start
    patient = phone.new_page()
    patient.goto(urljoin(f"{site_server}{BUILDER}", start))
    patient.wait_for_function("() => document.querySelectorAll('.fai-companion__exercise').length === 2")
    shown = patient.locator(".fai-companion__exercise").nth(1)
    assert shown.locator(".fai-companion__name").inner_text() == f"2. {OWN['Name']}"
    assert shown.locator(".fai-companion__own").is_visible()
    shown.locator(".fai-companion__how summary").click()
    assert shown.locator(".fai-companion__steps li").all_inner_texts() == OWN_STEPS
    assert shown.locator(".fai-companion__care li").all_inner_texts() == [OWN["Take care"]]
    assert shown.locator(".fai-companion__dose").inner_text() == "2 sets of 10. Once a day, every day."
    assert shown.locator(".fai-companion__picture").evaluate(DECODED_WIDTH) > 0
    kept = json.loads(patient.evaluate("localStorage.getItem('fai-companion')"))
    assert kept["format"] == "fai-companion/2", "a page of version 1 would take it for an exercise the site dropped"

    page.reload()
    page.wait_for_function("() => document.querySelector('.fai-builder[data-started]')")
    page.locator(".fai-builder__own summary").click()
    assert page.get_by_role("button", name=f"Add {OWN['Name']}").is_visible(), "kept in this browser"


@pytest.mark.browser
def test_a_custom_exercise_without_a_precaution_or_a_step_is_refused(site_server: str, clinic: BrowserContext) -> None:
    page = clinic.new_page()
    open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge")
    write_own_exercise(page, {**OWN, "Take care": "  "})
    assert "precaution" in status(page) and sheet_names(page) == [name("glute-bridge")]
    write_own_exercise(page, {**OWN, "Steps, one a line": ""})
    assert "steps" in status(page) and sheet_names(page) == [name("glute-bridge")]
    assert page.evaluate("localStorage.getItem('fai-handout-builder-own')") is None


@pytest.mark.browser
def test_a_link_with_a_custom_exercise_that_lost_its_precautions_leaves_it_out_and_says_so(
    site_server: str, clinic: BrowserContext
) -> None:
    fragment = "title=Own&x=%7Eheel-slides.s2.r10&c=heel-slides%1F%1FHeel+slides%1FSlide+your+heel.%1F"
    page = clinic.new_page()
    open_builder(page, f"{site_server}{BUILDER}#x=glute-bridge&{fragment}")
    assert sheet_names(page) == [name("glute-bridge")]
    assert "heel-slides" in status(page) and "left out" in status(page)


# ---- Clinic packs ------------------------------------------------------------------------


@pytest.mark.browser
def test_a_clinic_pack_carries_templates_and_own_exercises_to_another_computer(
    site_server: str, browser: Browser, clinic: BrowserContext, tmp_path: Path
) -> None:
    page = clinic.new_page()
    open_builder(page, f"{site_server}{BUILDER}?exercises=clamshell")
    write_own_exercise(page)
    save_template(page, "Knee day")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save a clinic pack").click()
    pack = tmp_path / "pack.json"
    download.value.save_as(pack)
    saved = json.loads(pack.read_text(encoding="utf-8"))
    assert saved["format"] == "fai-clinic-pack/1"
    assert list(saved["templates"]) == ["Knee day"] and len(saved["exercises"]) == 1
    assert PATIENT not in pack.read_text(encoding="utf-8")

    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        elsewhere = other.new_page()
        open_builder(elsewhere, site_server + BUILDER)
        elsewhere.locator(".fai-builder__pack-load").set_input_files(pack)
        preview = elsewhere.locator(".fai-builder__pack-preview")
        expect(preview).to_be_visible()
        assert "1 templates and 1 exercises are new to this browser" in preview.inner_text()
        assert elsewhere.evaluate("localStorage.getItem('fai-handout-builder-templates')") is None, "nothing before"
        elsewhere.get_by_role("button", name="Add them to this browser").click()
        expect(elsewhere.locator(".fai-builder__status")).to_contain_text("were added")
        elsewhere.get_by_label("Saved templates").select_option("Knee day")
        elsewhere.get_by_role("button", name="Open", exact=True).click()
        elsewhere.wait_for_function(
            "() => document.querySelectorAll('.fai-builder__preview .fai-handout__name').length"
        )
        assert sheet_names(elsewhere) == [name("clamshell"), OWN["Name"]]
        elsewhere.locator(".fai-builder__own summary").click()
        expect(elsewhere.get_by_role("button", name=f"Add {OWN['Name']}")).to_be_visible()

        elsewhere.locator(".fai-builder__pack-load").set_input_files(pack)
        expect(preview).to_contain_text("Everything in it is already in this browser.")  # a file is read async
        assert not elsewhere.get_by_role("button", name="Add them to this browser").is_visible()
        elsewhere.get_by_role("button", name="Cancel").click()

        before = elsewhere.evaluate("JSON.stringify(localStorage)")
        hostile = tmp_path / "hostile.json"
        own = saved["exercises"][next(iter(saved["exercises"]))]
        hostile.write_text(
            json.dumps(
                {
                    "format": "fai-clinic-pack/1",
                    "templates": {"Broken": 5, "Knee day": saved["templates"]["Knee day"] + "&x=__proto__"},
                    "exercises": {"~no-care": {**own, "custom": {**own["custom"], "care": []}}, "constructor": own},
                }
            ),
            encoding="utf-8",
        )
        elsewhere.locator(".fai-builder__pack-load").set_input_files(hostile)
        expect(preview).to_contain_text("could not be read")
        text = preview.inner_text()
        assert "This pack holds 1 templates and 0 exercises" in text and "could not be read" in text
        elsewhere.get_by_role("button", name="Add them to this browser").click()
        expect(elsewhere.locator(".fai-builder__status")).to_contain_text("1 templates and 0 exercises were added")
        templates = json.loads(elsewhere.evaluate("localStorage.getItem('fai-handout-builder-templates')"))
        assert sorted(templates) == ["Knee day", "Knee day (2)"], "a name in use joins renamed; nothing is replaced"
        assert elsewhere.evaluate("({}).title === undefined && Object.keys(Object.prototype).length === 0")
        not_a_pack = tmp_path / "not-a-pack.json"
        not_a_pack.write_text('{"format": "fai-companion/1"}', encoding="utf-8")
        after = elsewhere.evaluate("JSON.stringify(localStorage)")
        elsewhere.locator(".fai-builder__pack-load").set_input_files(not_a_pack)
        expect(elsewhere.locator(".fai-builder__status")).to_contain_text("not a clinic pack")
        assert elsewhere.evaluate("JSON.stringify(localStorage)") == after != before
    finally:
        other.close()


# ---- The sheet: goal, review date, signature, logo, and what Adapt brings -------------------


def png(path: Path, size: tuple[int, int], *, noise: bool = False) -> Path:
    """A PNG of one colour, or of noise, which no compression makes small."""
    width, height = size
    image = (
        Image.frombytes("RGB", size, random.randbytes(width * height * 3))
        if noise
        else Image.new("RGB", size, (208, 28, 139))
    )
    image.save(path)
    return path


@pytest.mark.browser
def test_goal_review_date_signature_and_logo_print_on_the_sheet(
    site_server: str, clinic: BrowserContext, tmp_path: Path
) -> None:
    page = clinic.new_page()
    open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge,clamshell")
    page.get_by_label("Goal (printed under the title)").fill("Walk to the shops without pain")
    page.get_by_label("Date to review the program").fill("2027-01-15")
    page.locator(".fai-builder__logo").set_input_files(png(tmp_path / "logo.png", (120, 40)))
    logo = page.locator(".fai-builder__preview .fai-handout__logo")
    expect(logo).to_be_visible()
    assert logo.get_attribute("src").startswith("data:image/png;base64,")
    assert logo.evaluate(DECODED_WIDTH) == 120
    sheet = printed(page, "A4")
    assert "Walk to the shops without pain" in sheet[0]
    assert "Review date January 15, 2027" in sheet[0] and "Therapist's signature" in sheet[0]
    fragment = parse_qs(urlsplit(page.url).fragment)
    assert fragment["goal"] == ["Walk to the shops without pain"] and fragment["review"] == ["2027-01-15"]
    assert "data:image" not in page.url and "data:image" not in page.get_by_label("Patient's link").input_value()

    page.reload()
    page.wait_for_function("() => document.querySelector('.fai-builder[data-started]')")
    expect(logo).to_be_visible()
    page.get_by_role("button", name="Remove the logo").click()
    expect(logo).to_be_hidden()
    assert page.evaluate("localStorage.getItem('fai-handout-builder-logo')") is None

    page.locator(".fai-builder__logo").set_input_files(png(tmp_path / "big.png", (400, 400), noise=True))
    expect(page.locator(".fai-builder__status")).to_contain_text("too big")  # the library may still be loading
    assert page.evaluate("localStorage.getItem('fai-handout-builder-logo')") is None
    page.locator(".fai-builder__logo").set_input_files(FIXTURES / "clinic-logo.svg")
    expect(page.locator(".fai-builder__status")).to_contain_text("PNG, JPEG or WebP")
    assert not logo.is_visible()


@pytest.mark.browser
def test_the_sites_logo_shows_until_one_is_chosen_here(
    browser: Browser, tmp_path: Path, site_builder: SiteBuilder
) -> None:
    config = make_project(tmp_path / "project", (FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    shutil.copytree(ROOT / "docs" / "javascripts", tmp_path / "project" / "docs" / "javascripts")
    (tmp_path / "project" / "docs" / "pictures").mkdir()
    (tmp_path / "project" / "docs" / "pictures" / "clinic-logo.svg").write_bytes(
        (FIXTURES / "clinic-logo.svg").read_bytes()
    )
    with config.open("a", encoding="utf-8") as settings:
        settings.write("extra:\n  clinic:\n    name: Harbour Hip Clinic\n    logo: pictures/clinic-logo.svg\n")
    result = site_builder(config, tmp_path / "site")
    assert result.returncode == 0, result.output
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        with served(result.site) as url:
            page = context.new_page()
            open_builder(page, f"{url}{BUILDER}?exercises=glute-bridge")
            logo = page.locator(".fai-builder__preview .fai-handout__logo")
            assert logo.get_attribute("src").endswith("pictures/clinic-logo.svg") and logo.is_visible()
            assert logo.get_attribute("alt") == "Harbour Hip Clinic logo"
            page.locator(".fai-builder__logo").set_input_files(png(tmp_path / "logo.png", (90, 30)))
            expect(logo).to_have_attribute("src", re.compile("^data:image/png"))
            page.get_by_role("button", name="Remove the logo").click()
            expect(logo).to_have_attribute("src", re.compile("pictures/clinic-logo.svg$"))
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("program", CATALOGUE.programs[:2], ids=lambda program: program.id)
def test_adapt_this_program_keeps_its_phase_spacing_advice_and_move_on(
    site_server: str, clinic: BrowserContext, program
) -> None:
    page = clinic.new_page()
    page.goto(f"{site_server}handouts/{program.id}/")
    page.get_by_role("link", name="Adapt this program").click()
    page.wait_for_function("() => document.querySelectorAll('.fai-builder__preview .fai-handout__exercise').length")
    sheet = page.locator(".fai-builder__preview")
    assert words(sheet.locator(".fai-handout__kicker").inner_text()) == f"Home exercise program · {program.phase_line}"
    assert words(sheet.locator(".fai-handout__goal").inner_text()) == program.goal
    assert words(sheet.locator(".fai-handout__move-on").inner_text()) == program.move_on
    how = words(sheet.locator(".fai-handout__how-often").inner_text())
    assert program.how_often and how.endswith(program.how_often)
    assert len(handout_items(program, CATALOGUE)) == len(sheet_names(page))


@pytest.mark.browser
def test_spacing_advice_that_states_a_frequency_is_refused(site_server: str, clinic: BrowserContext) -> None:
    page = clinic.new_page()
    open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge")
    page.locator(".fai-builder__more summary").click()
    advice = page.get_by_label("How to space the sessions")
    advice.fill("Leave a rest day between sessions.")
    how = page.locator(".fai-builder__preview .fai-handout__how-often")
    assert how.inner_text().endswith("Leave a rest day between sessions.")
    advice.fill("Do it 5 days a week.")
    assert advice.get_attribute("aria-invalid") == "true" and "how often" in status(page)
    assert how.inner_text().endswith("Leave a rest day between sessions."), "the sheet keeps the last good advice"
    assert "5+days" not in page.url


# ---- Keyboard: focus is never under a sticky bar (WCAG 2.2, 2.4.11) ----------------------

# Where the focused control is covered by Material's header or the builder's status bar: what is on top at its middle
# and near its corners. Stricter than 2.4.11, which fails a control hidden whole: no part of it may be under a bar.
COVERED = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  const box = focused.getBoundingClientRect();
  if (box.width < 2 || box.height < 2 || box.bottom < 0 || box.top > innerHeight) return null;
  const bars = [...document.querySelectorAll('.md-header, .fai-builder__status')];
  const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]];
  for (const [x, y] of points) {
    const top = document.elementFromPoint(box.left + x * box.width, box.top + y * box.height);
    const bar = top && bars.find((each) => each.contains(top) && !each.contains(focused));
    if (bar) return `${focused.outerHTML.slice(0, 90)} under ${bar.className}`;
  }
  return null;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 900])
def test_keyboard_focus_is_never_hidden_under_a_sticky_bar(browser: Browser, site_server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 700})
    try:
        page = context.new_page()
        ids = [exercise.id for exercise in CATALOGUE.exercises[:4]]
        open_builder(page, f"{site_server}{BUILDER}?exercises={','.join(ids)},no-such-exercise")
        assert "no-such-exercise" in status(page), "a message in the sticky status bar"
        page.evaluate(
            "document.querySelectorAll('.fai-builder details').forEach((details) => { details.open = true; })"
        )
        page.evaluate("window.scrollTo(0, 0)")
        # From the builder's first control: Tab through Material's header opens its search, which covers the page.
        page.locator(".fai-builder__print").focus()
        seen = set()
        covered = []
        for _ in range(400):
            page.keyboard.press("Tab")
            where = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
            if (problem := page.evaluate(COVERED)) is not None:
                covered.append(problem)
            if page.evaluate("!document.activeElement.closest('.fai-builder')"):
                break
            seen.add(where)
    finally:
        context.close()
    assert len(seen) > 60, "Tab went through the builder's controls"
    assert covered == []


# ---- The clinician's flow, counted -----------------------------------------------------------


class Clinician:
    """Does what a clinician does, and counts it as the issue did: a page opened, a click or a key is 1; typing into
    a field is 2 (reaching it, then typing)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.actions = 0

    def open(self, url: str) -> None:
        open_builder(self.page, url)
        self.actions += 1

    def click(self, locator: Locator) -> None:
        locator.click()
        self.actions += 1

    def type(self, locator: Locator, text: str) -> None:
        locator.fill(text)
        self.actions += 2


FIVE = ["glute-bridge", "clamshell", "side-plank", "bird-dog", "dead-bug"]


def clinicians_flow(clinician: Clinician, site_server: str, *, clinic_remembered: bool) -> None:
    """A 5-exercise program for a patient, as between patients: find and add each exercise, give the sheet a title
    and the patient's name, the clinic's details unless remembered, print, and copy the patient's own link."""
    page = clinician.page
    clinician.open(site_server + BUILDER)
    for exercise_id in FIVE:
        clinician.type(page.get_by_label("Find by name"), name(exercise_id)[:6])
        clinician.click(page.get_by_role("button", name=f"Add {name(exercise_id)}", exact=True))
    clinician.type(page.get_by_label("Handout title"), "After the first visit")
    clinician.type(page.get_by_label("Patient's name"), PATIENT)
    if not clinic_remembered:
        for label, value in [
            ("Clinic name", "Harbour Hip Clinic"),
            ("Phone", "+44 20 7946 0000"),
            ("Address", "2 Quay Street, Bristol"),
            ("Web address", "harbourhip.example.org"),
        ]:
            clinician.type(page.get_by_label(label, exact=True), value)
    clinician.click(page.get_by_role("button", name="Print", exact=True))
    clinician.click(page.get_by_role("button", name="Copy the patient's link"))


@pytest.mark.browser
def test_the_clinicians_flow_takes_at_most_31_actions_and_23_with_the_clinic_remembered(
    site_server: str, browser: Browser
) -> None:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    try:
        page = context.new_page()
        page.add_init_script("window.printed = 0; window.print = () => { window.printed += 1; };")
        first = Clinician(page)
        clinicians_flow(first, site_server, clinic_remembered=False)
        assert sheet_names(page) == [name(exercise_id) for exercise_id in FIVE]
        assert page.evaluate("window.printed") == 1
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(f"{TEST_SITE_URL}program/#") and "x=dead-bug" in copied
        again = Clinician(page)
        clinicians_flow(again, site_server, clinic_remembered=True)
        assert page.get_by_label("Clinic name", exact=True).input_value() == "Harbour Hip Clinic"
        assert sheet_names(page) == [name(exercise_id) for exercise_id in FIVE]
    finally:
        context.close()
    print(f"\nclinician's flow: {first.actions} actions on a first visit, {again.actions} with the clinic remembered")
    assert first.actions <= 31 and again.actions <= 23


@pytest.mark.browser
def test_the_patients_link_holds_no_patient_details_and_reaches_my_program_here(
    site_server: str, clinic: BrowserContext, phone: BrowserContext
) -> None:
    page = clinic.new_page()
    open_builder(page, f"{site_server}{BUILDER}?exercises=glute-bridge,clamshell")
    page.get_by_label("Patient's name").fill(PATIENT)
    page.get_by_label("Next appointment").fill("Tuesday 9am")
    link = page.get_by_label("Patient's link").input_value()
    assert "Alex" not in link and "Tuesday" not in link
    add(page, "bird", name("bird-dog"))
    assert "bird-dog" in page.get_by_label("Patient's link").input_value(), "the link follows the program"
    start = page.locator(".fai-builder__start").get_attribute("href") or ""
    assert urlsplit(start).fragment == urlsplit(page.get_by_label("Patient's link").input_value()).fragment
    patient = phone.new_page()
    patient.goto(urljoin(f"{site_server}{BUILDER}", start))
    patient.wait_for_function("() => document.querySelectorAll('.fai-companion__exercise').length === 3")
    assert patient.locator(".fai-companion__name").all_inner_texts()[2] == f"3. {name('bird-dog')}"
