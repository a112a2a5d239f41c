"""Read aloud (javascripts/read-aloud.js), in Debian's Chromium against a stand-in for the browser's speech.

The stand-in `speechSynthesis` records what it is asked to say and plays one line at a
time when the test says so, so the tests see each line lit up while it is read, the
reading stop when asked, and the buttons hidden where the browser has no voice of its own
on the device. Every request is recorded: reading aloud makes none.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from conftest import ROOT, BuildResult
from html_reading import by_class, elements, loaded_files, parse, text
from playwright.sync_api import Browser, BrowserContext, Page, Request

from fai_site.catalogue.loader import load_catalogue
from fai_site.pages import companion
from fai_site.pages.program_link import item_code

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
EXERCISE = max(CATALOGUE.exercises, key=lambda exercise: len(exercise.precautions) + len(exercise.steps))
HELD = max(
    (exercise for exercise in CATALOGUE.exercises if exercise.dosage.reps and exercise.dosage.hold_seconds),
    key=lambda exercise: exercise.dosage.hold_seconds or 0,
)
LOCAL_VOICE = {"name": "On this device", "lang": "en-GB", "localService": True, "default": True, "voiceURI": "local"}
REMOTE_VOICE = {"name": "In the cloud", "lang": "en-US", "localService": False, "default": False, "voiceURI": "cloud"}
# The browser's speech, stood in for: what it is asked to say goes to window.said; window.nextLine() ends the
# line being said and starts the next; voices can arrive late, with a voiceschanged event, as in Chromium.
SPEECH = """
(voices) => {
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.voice = null; this.lang = ""; }
  }
  const speech = new EventTarget();
  let queue = [];
  window.said = [];
  window.cancels = 0;
  speech.getVoices = () => window.voices;
  speech.speak = (line) => {
    window.said.push({ text: line.text, voice: line.voice && line.voice.name });
    queue.push(line);
    if (queue.length === 1) line.dispatchEvent(new Event("start"));
  };
  speech.cancel = () => {
    window.cancels += 1;
    const dropped = queue;
    queue = [];
    for (const line of dropped) line.dispatchEvent(new Event("error"));
  };
  window.nextLine = () => {
    const line = queue.shift();
    if (line) line.dispatchEvent(new Event("end"));
    if (queue.length) queue[0].dispatchEvent(new Event("start"));
  };
  window.voices = voices;
  window.addVoices = (more) => { window.voices = more; speech.dispatchEvent(new Event("voiceschanged")); };
  Object.defineProperty(window, "speechSynthesis", { value: speech, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
}
"""
NO_SPEECH = "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"
LIT = ".fai-read-aloud__line--reading"


def words(value: str) -> str:
    return " ".join(value.split())


@pytest.fixture
def recorded(browser: Browser) -> Iterator[tuple[BrowserContext, list[Request]]]:
    # My program's offline worker fetches the page's files when its timers let it register; those requests are
    # the worker's, not reading aloud's, so the worker is kept out of these tests (tests/pages/test_companion.py
    # holds it).
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    requests: list[Request] = []
    context.on("request", lambda request: requests.append(request))
    try:
        yield context, requests
    finally:
        context.close()


def speaking_page(context: BrowserContext, voices: list[dict]) -> Page:
    page = context.new_page()
    page.add_init_script(script=f"({SPEECH})({voices!r})".replace("True", "true").replace("False", "false"))
    return page


def exercise_lines() -> list[str]:
    """What the exercise page reads, in order: each heading, the start, the numbered steps, every line of Take care."""
    pain = (
        "Mild discomfort up to about 4 out of 10 is fine if it settles by the next day."
        " If pain stays up for longer, do less. See how to use pain as a guide."
    )
    return [
        "Starting position",
        EXERCISE.position,
        "Steps",
        *[f"{number}. {step}" for number, step in enumerate(EXERCISE.steps, 1)],
        "Take care",
        *EXERCISE.precautions,
        pain,
    ]


def said(page: Page) -> list[str]:
    return [words(line["text"]) for line in page.evaluate("window.said")]


def test_the_exercise_page_marks_what_is_read(built_site: BuildResult) -> None:
    page = parse(built_site.page(f"exercises/{EXERCISE.id}/index.html"))
    (button,) = [b for b in elements(page, "button") if "fai-read-aloud__button" in (b.get("class") or "")]
    assert text(button) == "Read aloud" and button.get("aria-pressed") == "false"
    assert [text(step) for step in elements(by_class(page, "fai-steps")[0], "li")] == list(EXERCISE.steps)


def test_only_the_pages_that_read_aloud_load_its_script(built_site: BuildResult) -> None:
    loading = set()
    for page in sorted(built_site.site.rglob("*.html")):
        if "javascripts/read-aloud.js" in loaded_files(built_site.site, page):
            loading.add(page.relative_to(built_site.site).as_posix().removesuffix("index.html"))
    assert loading == {f"exercises/{exercise.id}/" for exercise in CATALOGUE.exercises} | {f"{companion.PAGE}/"}


@pytest.mark.browser
def test_the_exercise_page_reads_its_steps_and_precautions_lighting_each_line(
    recorded: tuple[BrowserContext, list[Request]], site_server: str
) -> None:
    context, requests = recorded
    page = speaking_page(context, [REMOTE_VOICE, LOCAL_VOICE])
    page.goto(f"{site_server}exercises/{EXERCISE.id}/")
    button = page.get_by_role("button", name="Read aloud")
    assert button.is_visible()
    before = len(requests)
    button.click()
    expected = exercise_lines()
    assert said(page)[: len(expected)] == [words(line) for line in expected]
    assert {line["voice"] for line in page.evaluate("window.said")} == {LOCAL_VOICE["name"]}
    assert page.get_by_role("button", name="Stop reading").get_attribute("aria-pressed") == "true"
    for line in expected:
        (lit,) = page.locator(LIT).all_inner_texts()
        assert words(line).endswith(words(lit).removesuffix("¶")), f"{lit!r} is lit while {line!r} is read"
        page.evaluate("window.nextLine()")
    assert page.locator(LIT).count() == 0
    assert page.get_by_role("button", name="Read aloud").get_attribute("aria-pressed") == "false"
    assert [request.url for request in requests[before:]] == [], "reading aloud made a request"


@pytest.mark.browser
def test_reading_stops_when_asked(recorded: tuple[BrowserContext, list[Request]], site_server: str) -> None:
    context, _ = recorded
    page = speaking_page(context, [LOCAL_VOICE])
    page.goto(f"{site_server}exercises/{EXERCISE.id}/")
    page.get_by_role("button", name="Read aloud").click()
    page.evaluate("window.nextLine(); window.nextLine()")
    assert page.locator(LIT).count() == 1
    page.get_by_role("button", name="Stop reading").click()
    assert page.evaluate("window.cancels") >= 1
    assert page.locator(LIT).count() == 0
    assert page.get_by_role("button", name="Read aloud").get_attribute("aria-pressed") == "false"


@pytest.mark.browser
@pytest.mark.parametrize(
    "setup",
    [f"({SPEECH})([])", f"({SPEECH})([{{'name': 'x', 'lang': 'en-US', 'localService': false}}])", NO_SPEECH],
    ids=["no-voice", "only-a-voice-that-sends-the-text-away", "no-speech-at-all"],
)
def test_the_button_is_hidden_where_the_browser_has_no_voice_of_its_own(
    browser: Browser, site_server: str, setup: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(script=setup)
    page.goto(f"{site_server}exercises/{EXERCISE.id}/")
    page.wait_for_load_state("load")
    assert page.locator(".fai-read-aloud__button").count() == 1
    assert not page.locator(".fai-read-aloud__button").is_visible()
    if setup != NO_SPEECH:
        # A voice of its own that arrives late (Chromium lists voices after the page loads) shows the button.
        page.evaluate(f"window.addVoices([{LOCAL_VOICE!r}])".replace("True", "true").replace("False", "false"))
        assert page.locator(".fai-read-aloud__button").is_visible()
    context.close()


@pytest.mark.browser
def test_my_program_reads_an_exercise_and_says_each_hold_as_the_timer_runs(
    recorded: tuple[BrowserContext, list[Request]], site_server: str
) -> None:
    context, requests = recorded
    page = speaking_page(context, [LOCAL_VOICE])
    page.clock.install(time=datetime.datetime(2026, 12, 2, 9, 0))
    dose = HELD.dosage
    page.goto(f"{site_server}program/#x={item_code(HELD.id, dose, None)}")
    page.wait_for_function("() => document.querySelectorAll('.fai-companion__exercise').length === 1")
    card = page.locator(".fai-companion__exercise")
    card.locator("summary").click()
    before = len(requests)
    card.get_by_role("button", name="Read aloud").click()
    expected = [
        f"1. {HELD.name}",
        *[f"{number}. {step}" for number, step in enumerate(HELD.steps, 1)],
        "Take care",
        *HELD.precautions,
    ]
    assert said(page) == [words(line) for line in expected]
    assert words(card.locator(LIT).inner_text()) == f"1. {HELD.name}"
    page.evaluate("window.nextLine()")
    assert words(card.locator(LIT).inner_text()) == words(HELD.steps[0])

    page.get_by_label("Say each hold and rest aloud").check()
    page.evaluate("window.said = []")
    card.get_by_role("button", name=f"Start timer: {HELD.name}").click()
    page.clock.run_for((dose.hold_seconds + companion.REST_SECONDS) * 1000 + 500)
    spoken = said(page)
    assert spoken[:3] == [f"Hold 1 of {dose.reps}", "Rest", f"Hold 2 of {dose.reps}"] or spoken[:3] == [
        f"Left side: Hold 1 of {dose.reps}",
        "Rest",
        f"Left side: Hold 2 of {dose.reps}",
    ]
    assert card.locator(LIT).count() == 0, "the timer cut the reading short"
    card.get_by_role("button", name=f"Stop timer: {HELD.name}").click()
    assert said(page)[-1] == "Timer stopped."
    assert [request.url for request in requests[before:]] == [], "reading aloud made a request"
