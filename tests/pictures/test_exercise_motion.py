"""Exercise pictures that move (#16): every exercise page plays its pose in a loop.

The animation is drawn from the same pose as the still picture, within 3× its bytes
(gzip); the page keeps the still (start and end) for paper, for readers who ask for less
motion and for browsers without the script. In Chromium, on every exercise page: two
pictures 300 ms apart differ while playing and are identical once paused with the keyboard,
the picture is seen whole (drawn, described, nothing over it, at least 280 px wide), the
swap moves nothing on the page, and axe finds nothing in the picture (the rest of the
page is the one template the accessibility tour audits). Under reduced motion the still
shows and nothing moves, on the first, middle and last exercise: hidden, the animation
is the same whatever it draws.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from browser import DECODED_WIDTH, SEEN, assert_seen, axe_findings
from conftest import BuildResult
from playwright.sync_api import Browser, Page
from site_tour import CATALOGUE

from fai_site.catalogue.model import PoseIllustration
from fai_site.pictures.drawing import render_illustration
from fai_site.pictures.picture import animation

PICTURED = [e for e in CATALOGUE.exercises if isinstance(e.illustration, PoseIllustration)]
IDS = [e.id for e in PICTURED]
# Under reduced motion the animation is hidden whatever it draws: the first, middle and last stand for all.
SAMPLE_IDS = [IDS[0], IDS[len(IDS) // 2], IDS[-1]]
SVG = "{http://www.w3.org/2000/svg}"


def gzipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 9, mtime=0))


# ---- The animated SVG -------------------------------------------------------------------


@pytest.mark.parametrize("exercise", PICTURED, ids=IDS)
def test_the_animation_costs_at_most_three_stills(exercise) -> None:
    still = render_illustration(exercise.illustration.pose, title=exercise.name, uid=f"fig-{exercise.id}")
    assert gzipped(str(animation(exercise))) <= 3 * gzipped(still)


@pytest.mark.parametrize("exercise", PICTURED, ids=IDS)
def test_the_animation_is_labelled_and_loops(exercise) -> None:
    root = ET.fromstring(str(animation(exercise)))
    assert root.get("role") == "img"
    assert root.find(SVG + "title").text == exercise.name
    desc = root.find(SVG + "desc")
    assert (
        desc is not None
        and desc.text == (exercise.illustration.pose.description or desc.text)
        and len(desc.text.split()) >= 6
    )
    animations = list(root.iter(SVG + "animate"))
    assert animations and all(a.get("repeatCount") == "indefinite" for a in animations)
    for a in animations:
        times = [float(t) for t in a.get("keyTimes").split(";")]
        assert (
            len(times) == len(a.get("values").split(";"))
            and times[0] == 0
            and times[-1] == 1
            and times == sorted(times)
        )


# ---- The built pages ----------------------------------------------------------------------


def test_every_exercise_page_holds_the_still_and_the_animation(built_site: BuildResult) -> None:
    for exercise_id in IDS:
        html = built_site.page(f"exercises/{exercise_id}/index.html")
        assert f'src="../../illustrations/{exercise_id}.svg"' in html
        assert 'class="fai-motion__player" hidden' in html and "<animate " in html, exercise_id


def test_handouts_print_only_the_still_pictures(built_site: BuildResult) -> None:
    for program in CATALOGUE.programs:
        assert "<animate" not in built_site.page(f"handouts/{program.id}/index.html")


# ---- In Chromium --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def playing(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module")
def calm(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def open_exercise(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_selector(".fai-motion[data-motion-ready]", state="attached")


def picture_shots(page: Page) -> tuple[bytes, bytes]:
    """Two screenshots of the picture, 300 ms apart."""
    figure = page.locator(".fai-motion")
    first = figure.screenshot(animations="allow")
    page.wait_for_timeout(300)
    return first, figure.screenshot(animations="allow")


# Every layout shift since the page started loading, two frames after this is asked: the swap
# is made as the picture is marked ready, so the frame that drew it has long been reported.
LAYOUT_SHIFTS = """() => new Promise(done => {
    let total = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
        .observe({type: "layout-shift", buffered: true});
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(total))));
})"""


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_picture_plays_over_the_still_passes_axe_and_stops_when_paused(
    site_server: str, playing: Page, exercise_id: str
) -> None:
    # One visit checks all four, in the order a reader meets them.
    open_exercise(playing, f"{site_server}exercises/{exercise_id}/")
    # No layout shift: the animation takes the still picture's box, and nothing below moves.
    still = playing.locator(".fai-motion .fai-illustration")
    player = playing.locator(".fai-motion__player svg")
    assert player.is_visible() and not still.is_visible()
    still_box, player_box = still.bounding_box(), player.bounding_box()
    assert still_box and player_box
    assert all(abs(still_box[k] - player_box[k]) < 0.5 for k in ("x", "y", "width", "height"))
    assert playing.evaluate(LAYOUT_SHIFTS) < 0.01
    assert not axe_findings(playing, within=".fai-motion")
    # The reader sees it: one still under the title, drawn and described, and over it the animation, in full view.
    assert playing.locator("article img.fai-illustration").count() == 1, "no picture under the title"
    assert still.evaluate(DECODED_WIDTH) > 0
    assert still.get_attribute("alt"), "the picture has no text alternative"
    assert_seen(player.evaluate(SEEN), "the picture")
    assert player_box["width"] >= 280
    # 0.2 s in, every loop is on its way out (the quickest goes for 0.6 s, a stretch eases in over 2.4 s).
    playing.evaluate("document.querySelector('.fai-motion__player svg').setCurrentTime(0.2)")
    first, second = picture_shots(playing)
    assert first != second, "the picture did not move in 300 ms"
    button = playing.get_by_role("button", name="Pause animation")
    button.focus()
    playing.keyboard.press("Enter")
    assert playing.get_by_role("button", name="Play animation").is_visible()
    first, second = picture_shots(playing)
    assert first == second, "the picture moved after Pause"


@pytest.mark.parametrize("exercise_id", SAMPLE_IDS)
def test_reduced_motion_shows_the_still_picture(site_server: str, calm: Page, exercise_id: str) -> None:
    open_exercise(calm, f"{site_server}exercises/{exercise_id}/")
    assert calm.locator(".fai-motion .fai-illustration").is_visible()
    assert not calm.locator(".fai-motion__player").is_visible()
    first, second = picture_shots(calm)
    assert first == second
