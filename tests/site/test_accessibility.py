"""WCAG 2.2 AA, checked by axe-core in Chromium and by reading the built pages.

axe runs on every page of the tour in three views: light and dark colour scheme on a
desktop, and light at phone width (360 px). Every rule runs in light on the desktop. In
dark, only the colours change, so there axe runs its rules that read colours (contrast,
links told apart from text). At phone width the colours are those of light, so there axe
checks everything else (target size, scrolling regions, …) and the test checks that
nothing overflows sideways. One browser page per view is reused for the
whole tour. Static checks cover what axe sees only on the pages it visits: text
alternatives, heading order and form labels on every page of the site.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import pytest
from browser import AXE_OPTIONS, assert_seen, axe_findings, open_and_mark, seen, still_marked
from conftest import BuildResult
from html_reading import XHTML, by_class, elements, text
from playwright.sync_api import Browser, Page
from site_tour import CATALOGUE, MISSING, TOUR, built_pages, require_page, tour_id

WITHOUT_CONTRAST = {
    "resultTypes": ["violations"],
    "rules": {"target-size": {"enabled": True}, "color-contrast": {"enabled": False}},
}
# axe's rules that read colours: the only ones a change of colour scheme can change.
COLOURS_ONLY = {"resultTypes": ["violations"], "runOnly": ["color-contrast", "link-in-text-block"]}
PHONE_WIDTH = 360
# What the reader must see of the disclaimer.
DISCLAIMER = "General information only."
# The keyboard test tabs until it has reached this many links in the page's own content (past
# the header, the skip link and the navigation), giving up after MAX_STOPS.
CONTENT_STOPS = 3
MAX_STOPS = 150


@dataclass(frozen=True)
class View:
    """How the page is looked at: colour scheme and window size."""

    scheme: str
    width: int
    height: int
    axe_options: dict

    @property
    def material_scheme(self) -> str:
        return {"light": "default", "dark": "slate"}[self.scheme]


VIEWS = [
    View("light", 1280, 900, AXE_OPTIONS),
    View("dark", 1280, 900, COLOURS_ONLY),
    View("light", PHONE_WIDTH, 740, WITHOUT_CONTRAST),
]


# ---- Fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="module", params=VIEWS, ids=lambda view: f"{view.scheme}-{view.width}px")
def view_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[View, Page]]:
    """One browser page per view, reused across the tour."""
    view: View = request.param
    context = browser.new_context(color_scheme=view.scheme, viewport={"width": view.width, "height": view.height})
    try:
        yield view, context.new_page()
    finally:
        context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 740})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def desktop_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def site_pages(built_site: BuildResult) -> tuple[tuple[str, Element], ...]:
    return built_pages(built_site.site)


# ---- Helpers --------------------------------------------------------------------------


def open_page(page: Page, url: str) -> None:
    """Load a page and wait until Material's scripts have set it up."""
    page.goto(url, wait_until="load")
    page.wait_for_function("() => window.document$ !== undefined && document.body.dataset.mdColorScheme")


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when nothing overflows)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def focused(page: Page) -> dict:
    """Where the focused element is and how its focus is shown (on its label, for Material's hidden options)."""
    return page.evaluate(
        """() => {
            const active = document.activeElement;
            const element = active.matches(".md-option") ? active.nextElementSibling : active;
            const box = element.getBoundingClientRect();
            const style = getComputedStyle(element);
            return {
                html: active.outerHTML.slice(0, 100),
                left: active === document.body,
                inContent: active.closest(".md-content article") !== null,
                inView: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                    && box.left < innerWidth && box.top < innerHeight,
                outline: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
            };
        }"""
    )


# Every tooltip Material draws is faded out completely (or not drawn at all).
TOOLTIPS_GONE = """() => [...document.querySelectorAll('.md-tooltip, .md-tooltip2')].every(tip => {
    const style = getComputedStyle(tip);
    const faded = style.opacity === '0' || style.visibility === 'hidden' || style.display === 'none';
    return !tip.matches('.md-tooltip--active, .md-tooltip2--active') && faded;
})"""


def content_root(tree: Element) -> Element:
    """The page's own content: the handout sheet or Material's article."""
    return (by_class(tree, "md-content__inner") or [tree])[0]


# ---- axe in every view ----------------------------------------------------------------


@pytest.mark.parametrize("path", TOUR, ids=tour_id)
def test_axe_finds_no_violation_and_the_disclaimer_is_in_sight(
    built_site: BuildResult, site_server: str, view_page: tuple[View, Page], path: str
) -> None:
    """One visit per page and view, for two promises: axe finds nothing, and the reader sees the disclaimer (drawn,
    not faded or covered) in light, in dark and on a phone."""
    require_page(built_site, path)
    view, page = view_page
    open_page(page, site_server + path)
    assert page.evaluate("document.body.dataset.mdColorScheme") == view.material_scheme
    findings = axe_findings(page, view.axe_options)
    if view.width == PHONE_WIDTH and (pixels := overflow(page)) > 0:
        findings.append(f"the page is {pixels}px wider than the phone")
    assert not findings, "\n".join(findings)
    disclaimer = seen(page, ".fai-disclaimer")
    assert_seen(disclaimer, "the disclaimer")
    assert disclaimer["text"].startswith(DISCLAIMER)


def test_the_palette_toggle_switches_to_dark_and_back(site_server: str, desktop_page: Page) -> None:
    open_page(desktop_page, site_server)
    desktop_page.locator("label[for^='__palette']:visible").click()
    assert desktop_page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    # The toggle's tooltip fades out once neither pointer nor focus is on it; axe must not catch it mid-fade.
    desktop_page.mouse.move(640, 600)
    desktop_page.evaluate("document.activeElement?.blur()")
    desktop_page.wait_for_function(TOOLTIPS_GONE)
    assert not axe_findings(desktop_page)
    desktop_page.locator("label[for^='__palette']:visible").click()
    assert desktop_page.evaluate("document.body.dataset.mdColorScheme") == "default"


@pytest.mark.parametrize("path", [f"handouts/{CATALOGUE.programs[0].id}/", "what-is-hip-impingement/"], ids=tour_id)
def test_printed_pages_keep_their_contrast(site_server: str, desktop_page: Page, path: str) -> None:
    open_page(desktop_page, site_server + path)
    desktop_page.emulate_media(media="print")
    assert not axe_findings(desktop_page, {"runOnly": ["color-contrast"], "resultTypes": ["violations"]})


# ---- Keyboard alone -------------------------------------------------------------------


def test_the_first_tab_shows_a_skip_link_to_the_content(site_server: str, desktop_page: Page) -> None:
    open_page(desktop_page, f"{site_server}exercise-guide/")
    desktop_page.keyboard.press("Tab")
    desktop_page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")  # it fades in
    shown = focused(desktop_page)
    assert "md-skip" in shown["html"] and shown["inView"]
    desktop_page.keyboard.press("Enter")
    assert desktop_page.evaluate("location.hash") == "#" + desktop_page.locator("h1").get_attribute("id")


def test_the_not_found_page_has_a_skip_link_too(site_server: str, desktop_page: Page) -> None:
    open_page(desktop_page, site_server + MISSING)
    desktop_page.keyboard.press("Tab")
    assert "md-skip" in focused(desktop_page)["html"]


@pytest.mark.parametrize("width", [1280, PHONE_WIDTH])
def test_every_focus_stop_is_on_screen_with_a_visible_ring(browser: Browser, site_server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        open_page(page, f"{site_server}exercises/{CATALOGUE.exercises[0].id}/")
        stops = []
        for _ in range(MAX_STOPS):
            page.keyboard.press("Tab")
            stop = focused(page)
            if stop["left"]:  # past the last stop, focus leaves the page
                break
            stops.append(stop)
            if len([stop for stop in stops if stop["inContent"]]) >= CONTENT_STOPS:
                break
        hidden = [stop["html"] for stop in stops if not stop["inView"] or stop["outline"] < 2]
        assert not hidden, "\n".join(hidden)
        assert len([stop for stop in stops if stop["inContent"]]) >= CONTENT_STOPS, (
            "Tab never reached the page's own content"
        )
    finally:
        context.close()


def test_the_menu_and_search_open_from_the_keyboard(site_server: str, phone_page: Page) -> None:
    open_page(phone_page, f"{site_server}recovery-time/")
    phone_page.keyboard.press("Tab")  # the skip link
    phone_page.keyboard.press("Tab")
    assert 'data-toggle="__drawer"' in focused(phone_page)["html"]
    phone_page.keyboard.press("Enter")
    assert phone_page.locator("#__drawer").is_checked()
    phone_page.keyboard.press(" ")
    assert not phone_page.locator("#__drawer").is_checked()
    phone_page.get_by_role("button", name="Search").focus()
    phone_page.keyboard.press("Enter")
    assert phone_page.locator("#__search").is_checked()
    phone_page.keyboard.type("clamshell")
    phone_page.locator(".md-search-result__item").first.wait_for()


def test_warning_signs_read_at_body_size_on_a_phone(site_server: str, phone_page: Page) -> None:
    """Every box of warning signs an article's markers draw, title and signs, is in the size of the page's own
    paragraphs (Material's admonitions alone are a fifth smaller)."""
    open_page(phone_page, f"{site_server}when-to-get-help/")
    body = phone_page.locator(".md-content article > p").first.evaluate("p => getComputedStyle(p).fontSize")
    boxes = phone_page.locator(".admonition.fai-signs")
    assert boxes.count() >= 3
    sizes = boxes.locator("li, .admonition-title").evaluate_all(
        "items => [...new Set(items.map((item) => getComputedStyle(item).fontSize))]"
    )
    assert sizes == [body]


def test_instant_navigation_keeps_one_menu_and_one_search_button(site_server: str, instant_page: Page) -> None:
    """The header stays when Material swaps the page in, and keyboard-access.js runs again: its buttons must not pile
    up."""
    open_and_mark(instant_page, f"{site_server}recovery-time/")
    for title, path in [("Glossary", "glossary/"), ("References", "references/")]:
        instant_page.locator(".md-sidebar--primary").get_by_role("link", name=title, exact=True).click()
        instant_page.wait_for_url(f"**/{path}")
        instant_page.wait_for_function(
            f"() => document.querySelector('.md-content h1')?.textContent.includes({title!r})"
        )
    assert still_marked(instant_page), "the pages were loaded, not reached by instant navigation"
    toggles = instant_page.evaluate(
        "[...document.querySelectorAll('.md-header button[data-toggle]')].map(button => button.dataset.toggle)"
    )
    assert toggles == ["__drawer", "__search"]


# ---- Every page, read statically ------------------------------------------------------


def test_every_image_has_a_text_alternative(site_pages: tuple[tuple[str, Element], ...]) -> None:
    """An empty alt marks a picture as decoration, which is right only beside text that says the same."""
    missing = []
    for name, tree in site_pages:
        for parent in tree.iter():
            for image in parent.findall(f"{XHTML}img"):
                alt = image.get("alt")
                if alt is None or (not alt.strip() and not text(parent)):
                    missing.append(f"{name}: {image.get('src')}")
        for svg in elements(content_root(tree), "svg"):
            named = svg.get("role") == "img" and (
                svg.get("aria-label") or svg.find("{http://www.w3.org/2000/svg}title") is not None
            )
            if svg.get("aria-hidden") != "true" and not named:
                missing.append(f"{name}: inline <svg> without a name")
    assert not missing, "\n".join(missing)


def test_headings_go_down_one_level_at_a_time(site_pages: tuple[tuple[str, Element], ...]) -> None:
    problems = []
    for name, tree in site_pages:
        levels = [
            int(element.tag[-1])
            for element in content_root(tree).iter()
            if element.tag in {f"{XHTML}h{n}" for n in range(1, 7)}
        ]
        if levels[:1] != [1] or levels.count(1) != 1:
            problems.append(f"{name}: heading levels {levels[:6]}… need exactly one h1, first")
        problems += [
            f"{name}: h{before} then h{after}" for before, after in zip(levels, levels[1:]) if after > before + 1
        ]
    assert not problems, "\n".join(problems)


def test_every_form_field_has_a_label(site_pages: tuple[tuple[str, Element], ...]) -> None:
    unlabelled = []
    for name, tree in site_pages:
        labelled = {label.get("for") for label in elements(tree, "label")}
        wrapped = {id(field) for label in elements(tree, "label") for field in label.iter() if field is not label}
        for tag in ("input", "select", "textarea"):
            for field in elements(content_root(tree), tag):
                if field.get("type") in {"hidden", "submit", "button", "reset"}:
                    continue
                if id(field) not in wrapped and field.get("id") not in labelled and not field.get("aria-label"):
                    unlabelled.append(f"{name}: <{tag} name={field.get('name')!r}>")
    assert not unlabelled, "\n".join(unlabelled)


def test_no_theme_credit_with_low_contrast(site_pages: tuple[tuple[str, Element], ...]) -> None:
    credited = [name for name, tree in site_pages for footer in elements(tree, "footer") if "Made with" in text(footer)]
    assert not credited
