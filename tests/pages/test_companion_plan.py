""" "My program" as a patient lives with it (#26): how often and when to rest, the check-in first, today's count, a
restore on an empty phone, the calendar file, the weekly activity scores, and keeping the data.

Each browser test drives the real site in Debian's Chromium at phone size, with Playwright's
fake clock standing in for the days that pass: a 3-day-a-week program opened on a Wednesday
is planned for Wednesday, Friday and Sunday, so Thursday is a rest day. Files (a backup, the
calendar file) go through the page's own downloads and file inputs.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from browser import fresh_context
from conftest import ROOT, BuildResult
from dateutil.rrule import rrulestr
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect
from test_builder_clinic import COVERED

from fai_site.catalogue.dosage_text import frequency
from fai_site.catalogue.loader import load_catalogue
from fai_site.handouts.phone_link import program_reference
from fai_site.handouts.sheet import handout_items
from fai_site.pages import companion
from fai_site.pages.program_link import program_fragment

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
PAGE = "program/"
# A program done 3 days a week, once a day: its days are spread from the day it is opened.
THREE_DAYS = next(
    program
    for program in CATALOGUE.programs
    if {(item.dosage.days_per_week, item.dosage.times_per_day) for item in handout_items(program, CATALOGUE)}
    == {(3, 1)}
)
ITEMS = handout_items(THREE_DAYS, CATALOGUE)
# Wednesday 2 December 2026, 9:00: the program's days are then Wednesday, Friday and Sunday.
WEDNESDAY = datetime.datetime(2026, 12, 2, 9, 0)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    with fresh_context(browser, viewport={"width": 390, "height": 844}, accept_downloads=True) as context:
        yield context


def open_program(page: Page, site_server: str, when: datetime.datetime = WEDNESDAY) -> None:
    page.clock.install(time=when)
    page.goto(f"{site_server}{PAGE}#{program_fragment(THREE_DAYS, CATALOGUE)}")
    wait_started(page)


def wait_started(page: Page) -> None:
    page.wait_for_function(f"() => document.querySelectorAll('.fai-companion__exercise').length === {len(ITEMS)}")


def next_morning(page: Page, when: datetime.datetime) -> None:
    page.clock.set_system_time(when)
    page.reload()
    wait_started(page)


def do_session(page: Page, pain: int, count: int = len(ITEMS)) -> None:
    """Press "Done" on `count` exercises, give the pain and save the session."""
    for index in range(count):
        page.locator(".fai-companion__done").nth(index).click()
    page.locator(f'.fai-companion__after input[value="{pain}"]').click()
    page.get_by_role("button", name="Save this session").click()


def settle(page: Page, pain: int) -> None:
    section = page.locator(".fai-companion__settle")
    expect(section).to_be_visible()
    section.locator(f'input[value="{pain}"]').click()
    section.get_by_role("button", name="Save").click()


def advice(page: Page) -> str:
    return page.locator(".fai-companion__advice").inner_text()


def progress(page: Page) -> str:
    return page.locator(".fai-companion__progress").inner_text()


def planned_row(page: Page) -> list[str]:
    return page.locator('.fai-companion__week [data-row="planned"] td').all_inner_texts()


# ---- 1. How often, and rest -------------------------------------------------------------------


@pytest.mark.browser
def test_a_3_day_program_says_how_often_rests_on_day_2_and_the_pain_rule_changes_what_today_suggests(
    phone: BrowserContext, site_server: str
) -> None:
    page = phone.new_page()
    open_program(page, site_server)
    often = frequency(ITEMS[0].dosage)
    assert page.locator(".fai-companion__often").inner_text() == (
        f"How often: {often}. Your exercise days: Wed, Fri and Sun."
    )
    assert all(
        dose.endswith(f". {often.capitalize()}.") for dose in page.locator(".fai-companion__dose").all_inner_texts()
    )
    assert advice(page) == companion.TODAY["session"]
    do_session(page, 3)
    assert advice(page) == companion.TODAY["done"]
    # Day 2, Thursday: first the check-in, then a rest day, and why; a session stays possible.
    next_morning(page, WEDNESDAY + DAY)
    settle(page, 4)
    assert advice(page) == f"{companion.TODAY['rest']} {THREE_DAYS.how_often} {companion.TODAY['anyway']}"
    assert not page.locator(".fai-companion__exercises").is_visible()
    assert page.locator(".fai-companion__help").is_visible(), "a rest day never hides when to get help"
    assert page.locator(".fai-companion__help-link").is_visible()
    assert planned_row(page) == ["Rest", "Rest", "Yes", "Rest", "Yes", "Rest", "Yes"]
    assert (
        page.locator(".fai-companion__week-caption")
        .inner_text()
        .startswith("This week: 1 of 3 planned exercise days done.")
    )
    page.get_by_role("button", name="Do a session anyway").click()
    expect(page.locator(".fai-companion__exercises")).to_be_visible()
    # Day 3, Friday: the pain had built up by Thursday morning (4 after a session at 3): ease back.
    next_morning(page, WEDNESDAY + 2 * DAY)
    assert advice(page) == companion.TODAY["ease"]
    do_session(page, 6)
    assert advice(page) == companion.TODAY["stop"]


@pytest.mark.browser
def test_pain_that_has_not_settled_the_next_morning_makes_today_a_rest_day(
    phone: BrowserContext, site_server: str
) -> None:
    page = phone.new_page()
    open_program(page, site_server, WEDNESDAY + 2 * DAY)  # a Friday: days Fri, Sun, Tue
    do_session(page, 5)
    next_morning(page, WEDNESDAY + 3 * DAY)  # Saturday, a rest day anyway
    settle(page, 6)
    next_morning(page, WEDNESDAY + 4 * DAY)  # Sunday, an exercise day: still no session, and the pain stayed
    assert advice(page) in {companion.TODAY["ease"], f"{companion.TODAY['pain-rest']} {companion.TODAY['anyway']}"}
    assert page.locator(".fai-companion__help").is_visible()


# ---- 2. From the printed sheet to the phone ----------------------------------------------------


@pytest.mark.browser
def test_a_sheets_code_opens_its_program_and_an_older_sheets_code_opens_nothing(
    phone: BrowserContext, site_server: str
) -> None:
    """The handout's QR code (its address is read back from the sheet in tests/handouts) names the program by
    reference; a sheet printed before the program changed must not open today's program as if it were the same."""
    page = phone.new_page()
    page.goto(f"{site_server}{PAGE}#p={program_reference(THREE_DAYS, CATALOGUE)}")
    wait_started(page)
    assert page.locator(".fai-companion__name").all_inner_texts() == [
        f"{index}. {item.exercise.name}" for index, item in enumerate(ITEMS, 1)
    ]
    assert page.locator(".fai-companion__often").inner_text().startswith(f"How often: {frequency(ITEMS[0].dosage)}.")
    older = phone.new_page()
    older.goto(f"{site_server}{PAGE}#p={THREE_DAYS.id}.00000000")
    expect(older.locator(".fai-companion__status")).to_contain_text("printed before its program changed")
    assert older.locator(".fai-companion__program-list option").count() <= 1, "no second program was opened"


# ---- 3. The check-in and the day's summary first; today counts; restore on an empty phone ----


@pytest.mark.browser
def test_the_check_in_and_todays_summary_come_before_the_cards_and_today_counts_what_was_done(
    phone: BrowserContext, site_server: str
) -> None:
    page = phone.new_page()
    open_program(page, site_server)
    page.locator(".fai-companion__done").nth(0).click()
    page.locator(".fai-companion__done").nth(1).click()
    assert progress(page).startswith(f"Done today: 2 of {len(ITEMS)} exercises.")
    page.locator('.fai-companion__after input[value="2"]').click()
    page.get_by_role("button", name="Save this session").click()
    assert progress(page) == f"Done today: 2 of {len(ITEMS)} exercises. Sessions saved today: 1 of 1."
    page.clock.set_system_time(WEDNESDAY + 2 * DAY)
    page.reload()
    wait_started(page)
    expect(page.locator(".fai-companion__settle")).to_be_visible()

    def top(selector: str) -> float:
        return page.locator(selector).first.bounding_box()["y"]

    cards = top(".fai-companion__exercise")
    assert top(".fai-companion__settle") < top(".fai-companion__plan") < cards
    assert top(".fai-companion__progress") < cards
    assert top(".fai-companion__settle") < 844, "the check-in is on the first screen"


@pytest.mark.browser
def test_a_backup_restores_every_session_on_an_empty_phone(
    browser: Browser, phone: BrowserContext, site_server: str, tmp_path: Path
) -> None:
    page = phone.new_page()
    open_program(page, site_server)
    do_session(page, 2)
    next_morning(page, WEDNESDAY + 2 * DAY)
    settle(page, 1)
    do_session(page, 3, count=2)
    with page.expect_download() as download:
        page.locator(".fai-companion__file").get_by_role("button", name="Save my data as a file").click()
    backup = tmp_path / "backup.json"
    download.value.save_as(backup)
    kept = page.evaluate("localStorage.getItem('fai-companion')")

    empty = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        new_phone = empty.new_page()
        new_phone.clock.install(time=WEDNESDAY + 2 * DAY)
        new_phone.goto(f"{site_server}{PAGE}")
        expect(new_phone.locator(".fai-companion__empty")).to_be_visible()
        load = new_phone.locator(".fai-companion__import-label")
        expect(load).to_be_visible()
        # Followed from the keyboard, as a keyboard or screen-reader user does: focus must land on the file section.
        new_phone.locator(".fai-companion__empty").get_by_role("link", name="load it from the file").press("Enter")
        new_phone.wait_for_function("() => document.activeElement?.id === 'fai-companion-file'")
        expect(new_phone.locator(".fai-companion__file")).to_be_in_viewport()
        new_phone.locator(".fai-companion__import").set_input_files(backup)
        new_phone.get_by_role("button", name="Add it to this phone").click()
        wait_started(new_phone)
        restored = new_phone.evaluate("localStorage.getItem('fai-companion')")
        sessions = new_phone.locator('.fai-companion__week [data-row="sessions"] td').all_inner_texts()
        pains = new_phone.locator('.fai-companion__week [data-row="pain"] td').all_inner_texts()
    finally:
        empty.close()
    assert sessions[2] == "1" and sessions[4] == "1"
    assert pains[2] == "2" and pains[4] == "3"
    before = json.loads(kept)
    after = json.loads(restored)
    assert [program["sessions"] for program in after["programs"].values()] == [
        program["sessions"] for program in before["programs"].values()
    ]


# ---- 6. Reminders: the calendar file ------------------------------------------------------------


@pytest.mark.browser
def test_add_to_my_calendar_gives_an_ics_file_with_the_programs_days(
    phone: BrowserContext, site_server: str, tmp_path: Path
) -> None:
    page = phone.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(f"{request.method} {request.url}"))
    open_program(page, site_server)
    days = page.locator(".fai-companion__days")
    for day in ["Monday", "Wednesday", "Friday"]:
        days.get_by_label(day).check()
    for day in ["Sunday"]:
        days.get_by_label(day).uncheck()
    days.get_by_label("Reminder time").fill("07:30")
    days.get_by_role("button", name="Save my days").click()
    assert "Mon, Wed and Fri" in page.locator(".fai-companion__often").inner_text()
    with page.expect_download() as download:
        days.get_by_role("button", name="Add to my calendar").click()
    saved = tmp_path / "program.ics"
    download.value.save_as(saved)
    calendar = icalendar.Calendar.from_ical(saved.read_bytes())
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2026, 12, 2, 7, 30), "today, a chosen day, at the time chosen, the phone's own"
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and sorted(event["RRULE"]["BYDAY"]) == ["FR", "MO", "WE"]
    assert event.decoded("DURATION") == datetime.timedelta(minutes=companion.CALENDAR_MINUTES)
    dates = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    assert [when.date() for when in dates[:6]] == [datetime.date(2026, 12, day) for day in (2, 4, 7, 9, 11, 14)], (
        "Wednesday, Friday, Monday, …"
    )
    (alarm,) = event.walk("VALARM")
    assert alarm["DESCRIPTION"] == companion.CALENDAR_REMINDER
    assert THREE_DAYS.title in str(event["SUMMARY"])
    assert all(request.startswith("GET ") for request in requests), "nothing is sent"


# ---- 7. The weekly activity scores (PSFS) and the summary for an appointment -------------------


@pytest.mark.browser
def test_weekly_activity_scores_are_charted_and_printed_for_an_appointment(
    phone: BrowserContext, site_server: str
) -> None:
    page = phone.new_page()
    sent: list[str] = []
    phone.on("request", lambda request: sent.append(f"{request.url} {request.post_data or ''}"))
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    open_program(page, site_server)
    scores = page.locator(".fai-companion__psfs")
    scores.get_by_label("Activity 1", exact=False).first.fill("Putting on socks")
    scores.locator('input[name="fai-companion-psfs-0"][value="3"]').check()
    scores.get_by_role("button", name="Save this week's scores").click()
    assert "Putting on socks 3" in page.locator(".fai-companion__status").inner_text()
    assert not page.locator(".fai-companion__psfs-form").is_visible(), "once a week"
    assert "Your next scores are due on" in page.locator(".fai-companion__psfs-due").inner_text()
    next_morning(page, WEDNESDAY + 7 * DAY)
    expect(page.locator(".fai-companion__psfs-form")).to_be_visible()
    assert scores.locator(".fai-companion__psfs-name").first.input_value() == "Putting on socks"
    scores.locator('input[name="fai-companion-psfs-0"][value="6"]').check()
    scores.get_by_role("button", name="Save this week's scores").click()
    expect(page.locator(".fai-companion__chart-box .fai-companion__activity-dot")).to_have_count(2)
    page.get_by_role("button", name="Print a summary for your appointment").click()
    page.wait_for_function("() => window.printed === 1")  # once the summary's module is loaded (on demand)
    report = " ".join(page.locator(".fai-companion__report-body").inner_text().split())
    assert THREE_DAYS.title in report and "Putting on socks" in report
    assert "3" in report and "6" in report
    assert not [request for request in sent if "socks" in request], "what the patient types stays on the phone"


# ---- 8. Keeping the data and installing properly ----------------------------------------------


@pytest.mark.browser
def test_it_asks_to_keep_its_data_and_nudges_a_backup_after_a_week(phone: BrowserContext, site_server: str) -> None:
    page = phone.new_page()
    page.add_init_script(
        "window.persistAsked = 0; navigator.storage.persisted = async () => false;"
        "navigator.storage.persist = async () => { window.persistAsked += 1; return true; };"
    )
    open_program(page, site_server)
    expect(page.locator(".fai-companion__kept")).to_contain_text("agreed to keep your data")
    assert page.evaluate("window.persistAsked") == 1
    do_session(page, 2)
    nudge = page.locator(".fai-companion__nudge")
    assert not nudge.is_visible()
    next_morning(page, WEDNESDAY + 6 * DAY)
    assert not nudge.is_visible(), "not before a week"
    next_morning(page, WEDNESDAY + 7 * DAY)
    expect(nudge).to_be_visible()
    with page.expect_download():
        nudge.get_by_role("button", name="Save my data as a file").click()
    expect(nudge).to_be_hidden()


def test_the_manifest_names_the_app_and_gives_png_icons_phones_install(built_site: BuildResult) -> None:
    manifest = json.loads((built_site.site / PAGE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["id"] == "./" and manifest["start_url"] == "./"
    pngs = [icon for icon in manifest["icons"] if icon["type"] == "image/png"]
    assert {(icon["sizes"], icon["purpose"]) for icon in pngs} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }
    for icon in pngs:
        with Image.open(io.BytesIO((built_site.site / PAGE / icon["src"]).read_bytes())) as image:
            assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
    maskable = next(icon for icon in pngs if icon["purpose"] == "maskable")
    with Image.open(built_site.site / PAGE / maskable["src"]) as image:
        corner = image.convert("RGBA").getpixel((4, 4))
    assert corner[3] == 255, "a maskable icon fills its square: the phone cuts the shape"


@pytest.mark.browser
def test_the_red_flags_are_at_body_size_on_a_phone(phone: BrowserContext, site_server: str) -> None:
    page = phone.new_page()
    open_program(page, site_server)
    body = page.locator(".fai-companion__private").evaluate("p => getComputedStyle(p).fontSize")
    sizes = page.locator(".fai-companion__help li, .fai-companion__help p").evaluate_all(
        "items => [...new Set(items.map((item) => getComputedStyle(item).fontSize))]"
    )
    assert sizes == [body]


@pytest.mark.browser
def test_keyboard_focus_is_never_hidden_under_the_sites_header_on_a_phone(
    phone: BrowserContext, site_server: str
) -> None:
    """Backwards through the page with Shift+Tab, so each control scrolls in at the top, where the header stays."""
    page = phone.new_page()
    open_program(page, site_server)
    page.locator(".fai-companion__delete-ask").focus()
    covered = []
    seen = 0
    for _ in range(120):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("!document.activeElement.closest('.fai-companion')"):
            break
        seen += 1
        if (problem := page.evaluate(COVERED)) is not None:
            covered.append(problem)
    assert seen > 30, "Shift+Tab went through the page's controls"
    assert covered == []
