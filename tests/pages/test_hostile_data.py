"""Hostile links, files and stored values: they never lose the patient's data and never break the page (#25).

Each test drives the real site in Debian's Chromium at phone size, with what an attacker
or a damaged phone could hand the page: a link of 5,000 exercises, a file of 6 MB, stored
data that names `__proto__`, a dose of 100,000,000 reps, a date that does not exist, data
from a newer version. Every page error fails the test; so does any stored byte lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Page, expect

from fai_site.catalogue.loader import load_catalogue
from fai_site.handouts.sheet import handout_items
from fai_site.pages import companion
from fai_site.pages.program_link import program_fragment

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
PROGRAM = CATALOGUE.programs[0]
COMPANION = "program/"
BUILDER = "handouts/builder/"
STORE_KEY = "fai-companion"
BACKUP_KEY = "fai-companion-backup"
UNREADABLE_KEY = "fai-companion-unreadable"
TODAY = "2026-12-09"
# Object.prototype's own names as the page opened, to see any script add to them.
PROTOTYPE = "window.prototypeNames = Object.getOwnPropertyNames(Object.prototype).join()"
POLLUTED = "Object.getOwnPropertyNames(Object.prototype).join() !== window.prototypeNames || ({}).title !== undefined"


# ---- Data as the page keeps it ------------------------------------------------------------


def items() -> list[dict[str, Any]]:
    return [
        {
            "id": item.exercise.id,
            "dose": item.dosage.model_dump(exclude_none=True),
            "note": "",
            "name": item.exercise.name,
            "custom": None,
        }
        for item in handout_items(PROGRAM, CATALOGUE)
    ]


def session(date: str, pain: int, *, morning: int | None = None, at: str = "09:00:00") -> dict[str, Any]:
    done = [items()[0]["id"]]
    return {
        "date": date,
        "done": done,
        "total": len(items()),
        "pain": pain,
        "note": "",
        "morning": morning,
        "at": f"{date}T{at}.000Z",
    }


def kept(*sessions: dict[str, Any], title: str = PROGRAM.title, key: str = "p1") -> dict[str, Any]:
    program = {
        "title": title,
        "notes": "",
        **dict.fromkeys(("goal", "phase", "often", "move", "review"), ""),
        "items": items(),
        "opened": "2026-12-01",
        "sessions": list(sessions),
        "day": None,
        "days": [],
        "remind": "",
    }
    return {
        "format": "fai-companion/1",
        "programs": {key: program},
        "current": key,
        "tone": False,
        "psfs": {"activities": [], "entries": []},
        "backedUp": "",
    }


@dataclass
class Phone:
    """A phone-sized page on the built site, with every script error it raised."""

    page: Page
    url: str
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = COMPANION) -> None:
        self.page.goto(self.url + path)
        self.page.wait_for_function("() => document.querySelector('[data-started]')")

    def store(self, key: str, raw: str | None) -> None:
        """Puts `raw` under `key` as a page of the site would have, then opens the companion afresh."""
        self.page.goto(self.url + "404.html")
        if raw is None:
            self.page.evaluate("key => localStorage.removeItem(key)", key)
        else:
            self.page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [key, raw])

    def stored(self, key: str = STORE_KEY) -> str | None:
        return self.page.evaluate("key => localStorage.getItem(key)", key)

    def status(self) -> str:
        return self.page.locator(".fai-companion__status").inner_text()

    def sessions(self) -> list[dict[str, Any]]:
        data = json.loads(self.stored() or "{}")
        return [each for program in data.get("programs", {}).values() for each in program["sessions"]]

    def load_file(self, path: Path, *, then: str = "Nothing was changed") -> None:
        """Chooses a file and waits until the page shows what it holds, or says `then`."""
        self.page.locator(".fai-companion__status").evaluate("status => { status.textContent = ''; }")
        self.page.locator(".fai-companion__import").set_input_files(path)
        self.page.locator(".fai-companion__preview:not([hidden])").or_(
            self.page.locator(".fai-companion__status", has_text=then)
        ).wait_for()

    def data(self, key: str = STORE_KEY) -> dict[str, Any]:
        """What is kept under `key`, without today's counts (`day`), which opening the page starts afresh."""
        data = json.loads(self.stored(key) or "{}")
        for program in data.get("programs", {}).values():
            program.pop("day", None)
        return data

    def assert_unbroken(self) -> None:
        assert not self.errors, self.errors
        assert not self.page.evaluate(POLLUTED), "Object.prototype was changed"


@pytest.fixture
def phone(browser: Browser, site_server: str) -> Iterator[Phone]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = context.new_page()
    page.clock.install(time=f"{TODAY}T10:00:00")
    page.add_init_script(PROTOTYPE)
    phone = Phone(page, site_server)
    page.on("pageerror", lambda error: phone.errors.append(str(error)))
    try:
        yield phone
    finally:
        context.close()


def phone_data(raw: str) -> dict[str, Any]:
    data = json.loads(raw)
    for program in data.get("programs", {}).values():
        program.pop("day", None)
    return data


def program_link(fragment: str) -> str:
    return f"{COMPANION}#{fragment}"


def write(path: Path, value: Any) -> Path:
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return path


# ---- Stored data ------------------------------------------------------------------------

HOSTILE_STORED = {
    "not JSON": "{not json",
    "current is __proto__": json.dumps(kept(session("2026-12-02", 3)) | {"current": "__proto__"}),
    "current is constructor": json.dumps(kept(session("2026-12-02", 3)) | {"current": "constructor"}),
    "a program named __proto__": json.dumps(kept(session("2026-12-02", 3), key="p1")).replace(
        '"programs": {', '"programs": {"__proto__": {"title": "polluted", "items": []}, '
    ),
    "100,000,000 reps": json.dumps(kept(session("2026-12-02", 3))).replace('"reps": ', '"reps": 100000000, "was": ', 1),
    "an impossible date": json.dumps(kept(session("2026-12-02", 3), session("2026-02-30", 4))),
    "wrong types": json.dumps(
        {"format": "fai-companion/1", "programs": {"p1": {"title": 5, "items": "x"}}, "tone": "yes"}
    ),
    "programs is a list": json.dumps({"format": "fai-companion/1", "programs": [kept()["programs"]["p1"]]}),
}


@pytest.mark.browser
@pytest.mark.parametrize("raw", HOSTILE_STORED.values(), ids=HOSTILE_STORED.keys())
def test_hostile_stored_data_never_breaks_the_page_and_is_kept(phone: Phone, raw: str) -> None:
    phone.store(STORE_KEY, raw)
    phone.open()
    problem = phone.page.locator(".fai-companion__problem")
    assert problem.is_visible() and "could not be read" in problem.inner_text()
    assert raw in {phone.stored(STORE_KEY), phone.stored(UNREADABLE_KEY)}, "the data as it was is kept"
    with phone.page.expect_download() as download:
        problem.get_by_role("button", name="Save it as a file").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == raw
    # The page still works: a program opens from a link (a new load, not a jump within the page), a session is
    # saved, and the data as it was stays aside.
    phone.page.goto("about:blank")
    phone.page.goto(phone.url + program_link(program_fragment(PROGRAM, CATALOGUE)))
    expect(phone.page.locator(".fai-companion__status")).to_contain_text("kept on this phone")
    phone.page.locator('.fai-companion__after input[value="2"]').click()
    phone.page.get_by_role("button", name="Save this session").click()
    expect(phone.page.locator(".fai-companion__status")).to_contain_text("Session saved")
    assert phone.stored(UNREADABLE_KEY) == raw
    phone.assert_unbroken()


@pytest.mark.browser
def test_a_dose_of_100000000_reps_never_reaches_the_timer(phone: Phone) -> None:
    raw = json.dumps(kept(session("2026-12-02", 3))).replace('"reps": ', '"reps": 100000000, "x": ', 1)
    phone.store(STORE_KEY, raw)
    phone.open()
    first = items()[0]
    card = phone.page.locator(".fai-companion__exercise").first
    assert CATALOGUE.exercise(first["id"]).name in card.locator(".fai-companion__name").inner_text()
    assert "100000000" not in card.inner_text()
    phone.assert_unbroken()


@pytest.mark.browser
def test_data_from_a_newer_version_is_left_alone_and_the_page_works(phone: Phone) -> None:
    raw = json.dumps(kept(session("2026-12-02", 3)) | {"format": "fai-companion/3", "new": {"field": True}})
    phone.store(STORE_KEY, raw)
    phone.open()
    problem = phone.page.locator(".fai-companion__problem")
    assert "newer version" in problem.inner_text()
    with phone.page.expect_download() as download:
        problem.get_by_role("button", name="Save it as a file").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == raw
    phone.page.goto("about:blank")
    phone.page.goto(phone.url + program_link(program_fragment(PROGRAM, CATALOGUE)))
    phone.page.wait_for_function(
        f"() => document.querySelectorAll('.fai-companion__exercise').length === {len(items())}"
    )
    phone.page.locator(".fai-companion__done").first.click()
    expect(phone.page.locator(".fai-companion__status")).to_contain_text("Not saved")
    assert phone.stored(STORE_KEY) == raw, "a newer version's data is never written over"
    phone.assert_unbroken()


@pytest.mark.browser
def test_a_program_naming_a_removed_exercise_keeps_the_rest(phone: Phone) -> None:
    data = kept(session("2026-12-02", 3))
    data["programs"]["p1"]["items"].insert(
        1, {"id": "retired-stretch", "dose": None, "note": "", "name": "Retired stretch"}
    )
    phone.store(STORE_KEY, json.dumps(data))
    phone.open()
    cards = phone.page.locator(".fai-companion__exercise")
    assert cards.count() == len(items()) + 1
    missing = " ".join(cards.nth(1).inner_text().split())
    assert missing == "2. Retired stretch No longer in the site's list — ask your therapist."
    assert cards.nth(0).get_by_role("button", name="Set done").is_visible()
    assert (
        phone.page.locator(".fai-companion__progress")
        .inner_text()
        .startswith(f"Done today: 0 of {len(items())} exercises.")
    )
    rows = phone.page.locator('.fai-companion__week [data-row="exercise"] th').all_inner_texts()
    assert "Retired stretch" in rows
    assert phone.page.locator(".fai-companion__problem").is_hidden()
    phone.assert_unbroken()


# ---- Links --------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_link_of_5000_exercises_is_refused_and_keeps_nothing(phone: Phone) -> None:
    fragment = "&".join(f"x=exercise-{index}.s3.r10" for index in range(5000))
    phone.page.goto(phone.url + program_link(fragment))
    phone.page.wait_for_function("() => document.querySelector('[data-started]')")
    assert "too long" in phone.status()
    assert phone.stored() is None
    phone.assert_unbroken()


@pytest.mark.browser
def test_a_link_keeps_at_most_a_programs_exercises_and_reads_digits_only(phone: Phone) -> None:
    ids = [exercise.id for exercise in CATALOGUE.exercises]
    limit = companion.store_rules()["maxExercises"]
    assert len(ids) > limit
    fragment = "&".join([f"x={ids[0]}.s1e1.r10", *(f"x={id_}" for id_ in ids[1 : limit + 3])])
    phone.page.goto(phone.url + program_link(fragment))
    phone.page.wait_for_function(f"() => document.querySelectorAll('.fai-companion__exercise').length === {limit}")
    assert f"only the first {limit} were kept" in phone.status()
    assert "could not be read, so it has its usual dose" in phone.status()
    stored = json.loads(phone.stored() or "{}")
    (program,) = stored["programs"].values()
    assert program["items"][0]["dose"] == CATALOGUE.exercises[0].dosage.model_dump(exclude_none=True)
    phone.assert_unbroken()


# ---- Files -----------------------------------------------------------------------------


@pytest.mark.browser
def test_a_file_is_shown_first_and_changes_nothing_until_the_patient_says_so(phone: Phone, tmp_path: Path) -> None:
    here = json.dumps(kept(session("2026-12-02", 3)))
    phone.store(STORE_KEY, here)
    phone.open()
    other = kept(session("2026-11-20", 2), session("2026-11-22", 4), title="Earlier program", key="p9")
    phone.load_file(write(tmp_path / "other.json", other))
    preview = phone.page.locator(".fai-companion__preview")
    assert preview.is_visible()
    assert "Earlier program: 2 sessions, from" in preview.inner_text()
    assert "adds 1 program and 2 sessions" in preview.inner_text()
    assert phone.stored() == here and phone.stored(BACKUP_KEY) is None
    preview.get_by_role("button", name="Cancel").click()
    assert phone.stored() == here and preview.is_hidden()
    phone.load_file(write(tmp_path / "other.json", other))
    preview.get_by_role("button", name="Add it to this phone").click()
    assert len(phone.sessions()) == 3
    assert phone.data(BACKUP_KEY) == phone_data(here)
    assert json.loads(phone.stored() or "{}")["current"] == "p1", "the program in use stays the one in use"
    phone.assert_unbroken()


@pytest.mark.browser
def test_an_older_export_never_removes_newer_sessions(phone: Phone, tmp_path: Path) -> None:
    older = kept(session("2026-12-02", 3))
    newer = kept(session("2026-12-02", 3, morning=2), session("2026-12-04", 5), session("2026-12-08", 1))
    phone.store(STORE_KEY, json.dumps(newer))
    phone.open()
    phone.load_file(write(tmp_path / "older.json", older))
    preview = phone.page.locator(".fai-companion__preview")
    assert "already on this phone" in preview.inner_text()
    assert preview.get_by_role("button", name="Add it to this phone").is_hidden()
    both = kept(session("2026-11-28", 6), session("2026-12-02", 3))
    phone.load_file(write(tmp_path / "both.json", both))
    preview.get_by_role("button", name="Add it to this phone").click()
    assert [(each["date"], each["morning"]) for each in phone.sessions()] == [
        ("2026-11-28", None),
        ("2026-12-02", 2),
        ("2026-12-04", None),
        ("2026-12-08", None),
    ]
    phone.assert_unbroken()


@pytest.mark.browser
def test_the_data_from_before_a_file_can_be_brought_back(phone: Phone, tmp_path: Path) -> None:
    here = json.dumps(kept(session("2026-12-02", 3)))
    phone.store(STORE_KEY, here)
    phone.open()
    phone.load_file(write(tmp_path / "more.json", kept(session("2026-12-05", 1), title="More", key="p2")))
    phone.page.get_by_role("button", name="Add it to this phone").click()
    merged = phone.stored()
    back = phone.page.get_by_role("button", name="Go back to before the last file")
    back.click()
    assert phone.data() == phone_data(here)
    assert phone.page.locator(".fai-companion__choose").is_hidden(), "one program again"
    back.click()
    assert phone.data() == phone_data(merged or "{}"), "going back can be undone"
    phone.assert_unbroken()


BAD_FILES = {
    "not JSON": "{oops",
    "another site's file": {"format": "something-else/1", "programs": {}},
    "a list": [kept()],
    "no readable program": {"format": "fai-companion/1", "programs": {"p1": {"title": "x", "items": [{"id": 5}]}}},
    "nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.browser
def test_a_bad_file_changes_nothing(phone: Phone, tmp_path: Path) -> None:
    """Each bad file in turn, on one open page, as a patient trying one file after another would: each is refused
    and the phone's data stays as it was."""
    here = json.dumps(kept(session("2026-12-02", 3)))
    phone.store(STORE_KEY, here)
    phone.open()
    for number, (name, content) in enumerate(BAD_FILES.items()):
        phone.load_file(write(tmp_path / f"bad-{number}.json", content))
        assert "could not be read" in phone.status() and "Nothing was changed" in phone.status(), name
        assert phone.stored() == here and phone.stored(BACKUP_KEY) is None, name
        assert phone.page.locator(".fai-companion__preview").is_hidden(), name
        phone.assert_unbroken()


@pytest.mark.browser
def test_a_file_from_a_newer_version_changes_nothing(phone: Phone, tmp_path: Path) -> None:
    here = json.dumps(kept(session("2026-12-02", 3)))
    phone.store(STORE_KEY, here)
    phone.open()
    phone.load_file(write(tmp_path / "newer.json", kept(session("2026-12-05", 1)) | {"format": "fai-companion/3"}))
    assert "newer version" in phone.status() and "Nothing was changed" in phone.status()
    assert phone.stored() == here
    phone.assert_unbroken()


@pytest.mark.browser
def test_a_file_with_an_impossible_date_says_what_it_leaves_out(phone: Phone, tmp_path: Path) -> None:
    phone.open()
    phone.load_file(write(tmp_path / "dates.json", kept(session("2026-12-02", 3), session("2026-02-30", 4))))
    preview = phone.page.locator(".fai-companion__preview")
    assert "1 session" in preview.inner_text() and "could not be read and will be left out" in preview.inner_text()
    preview.get_by_role("button", name="Add it to this phone").click()
    assert [each["date"] for each in phone.sessions()] == ["2026-12-02"]
    phone.assert_unbroken()


@pytest.mark.browser
def test_a_file_too_big_to_keep_is_refused_before_it_is_read(phone: Phone, tmp_path: Path) -> None:
    here = json.dumps(kept(session("2026-12-02", 3)))
    phone.store(STORE_KEY, here)
    phone.open()
    big = kept(session("2026-12-02", 3)) | {"padding": "x" * companion.MAX_FILE_BYTES}
    phone.load_file(write(tmp_path / "big.json", big))
    assert "too big" in phone.status() and "Nothing was changed" in phone.status()
    assert phone.stored() == here
    phone.assert_unbroken()


@pytest.mark.browser
def test_a_file_this_phone_has_no_room_for_changes_nothing(phone: Phone, tmp_path: Path) -> None:
    here = json.dumps(kept(session("2026-12-02", 3)))
    phone.store(STORE_KEY, here)
    phone.open()
    phone.page.evaluate(
        """() => { let size = 1 << 20; let index = 0;
        while (size >= 1024) {
          try { localStorage.setItem(`filler-${index}`, 'f'.repeat(size)); index += 1; } catch { size >>= 1; }
        } }"""
    )
    more = kept(
        *(session("2026-11-01", 2, at=f"09:{index // 60:02d}:{index % 60:02d}") for index in range(200)),
        key="p2",
        title="Another",
    )
    phone.load_file(write(tmp_path / "more.json", more))
    phone.page.get_by_role("button", name="Add it to this phone").click()
    assert "no room" in phone.status() and "Nothing was changed" in phone.status()
    assert phone.stored() == here and phone.stored(BACKUP_KEY) is None
    phone.assert_unbroken()


# ---- The builder --------------------------------------------------------------------------


@pytest.mark.browser
def test_the_builder_refuses_a_link_of_5000_exercises(phone: Phone) -> None:
    fragment = "&".join(f"x=exercise-{index}.s3.r10" for index in range(5000))
    phone.page.goto(f"{phone.url}{BUILDER}#{fragment}")
    phone.page.wait_for_function("() => document.querySelector('.fai-builder[data-started]')")
    assert "too long" in phone.page.locator(".fai-builder__status").inner_text()
    assert phone.page.locator(".fai-builder__preview .fai-handout__exercise").count() == 0
    phone.assert_unbroken()


@pytest.mark.browser
def test_the_builders_stored_templates_and_clinic_are_read_safely(phone: Phone) -> None:
    templates = '{"__proto__": "title=Proto&x=clamshell", "constructor": "x=glute-bridge", "bad": 5}'
    phone.store("fai-handout-builder-templates", templates)
    phone.page.evaluate(
        "localStorage.setItem('fai-handout-builder-clinic', JSON.stringify({name: {x: 1}, phone: 'P'.repeat(5000)}))"
    )
    phone.open(BUILDER)
    expect(phone.page.get_by_label("Saved templates").locator("option", has_text="constructor")).to_be_attached()
    options = phone.page.get_by_label("Saved templates").locator("option").all_inner_texts()
    assert sorted(options) == ["__proto__", "constructor"]
    phone.page.get_by_label("Saved templates").select_option("__proto__")
    phone.page.get_by_role("button", name="Open", exact=True).click()
    expect(phone.page.locator(".fai-builder__status")).to_contain_text("“__proto__” opened")
    assert phone.page.locator(".fai-builder__preview .fai-handout__title").inner_text() == "Proto"
    assert len(phone.page.get_by_label("Phone", exact=True).input_value()) == 120
    phone.page.get_by_label("Template name").fill("__proto__")
    phone.page.get_by_role("button", name="Save", exact=True).click()
    expect(phone.page.locator(".fai-builder__status")).to_contain_text("“__proto__” saved")
    assert "__proto__" in json.loads(phone.page.evaluate("localStorage.getItem('fai-handout-builder-templates')"))
    phone.assert_unbroken()


# ---- Long words on a phone ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("page_path", [BUILDER, COMPANION])
def test_a_120_character_word_never_widens_the_page_on_a_phone(phone: Phone, page_path: str) -> None:
    word = "W" * 120
    first = CATALOGUE.exercises[0].id
    phone.page.goto(f"{phone.url}{page_path}#title={word}&notes={'N' * 200}&x={first}_{'M' * 120}")
    phone.page.wait_for_function("() => document.querySelector('[data-started]')")
    if page_path == BUILDER:
        phone.page.get_by_label("Template name").fill("T" * 120)
        phone.page.get_by_role("button", name="Save", exact=True).click()
        expect(phone.page.locator(".fai-builder__status")).to_contain_text(f"“{'T' * 120}” saved")
        phone.page.get_by_label("Clinic name").fill("C" * 120)
    assert word in phone.page.locator("body").inner_text()
    assert phone.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    phone.assert_unbroken()
