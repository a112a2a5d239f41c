"""Shared Playwright fixtures: one Debian Chromium per test run, and the built site on a local server.

Browser tests drive `/usr/bin/chromium` (installed by `make test`), never a browser that
Playwright downloads. The server serves `404.html` for unknown paths, as static hosts do,
so tests see the real "not found" page at any depth.

Material's instant navigation (page swaps without a reload) follows only links to the
addresses its sitemap lists, on the current host and port. The test build names its
published address, so on the local server every click is a full page load unless the
page is `instant_page`, which is served the sitemap as published at the local server.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

if TYPE_CHECKING:
    from conftest import BuildResult

CHROMIUM = "/usr/bin/chromium"
# The features Playwright turns off (playwright-core's chromiumSwitches.ts; tests/test_chromium_flags.py holds this
# list to the installed Playwright's), and Chromium's omnibox popups: web pages of its own that it loads into every
# new window, so into every browser context, for an address bar no headless test has (0.3 s of a fresh context).
# Chromium reads only the last --disable-features it is given, so this one must hold Playwright's too.
DISABLED_FEATURES = [
    *("AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades"),
    *("HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding"),
    *("ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin"),
    *("OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch"),
    *("msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion"),
    *("WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup"),
]
# No sandbox (tests run as root in CI), no GPU, and none of Chromium's own traffic
# (updates, safe browsing), so every request a test sees comes from the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    f"--disable-features={','.join(DISABLED_FEATURES)}",
]


class StaticSiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site quietly, answering unknown paths with the site's own 404 page."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found_page = Path(self.directory) / "404.html"
        if code != 404 or not not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    """Reports real errors only: a browser dropping a request it no longer needs (a page left mid-load) is not one."""

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The base URL (`http://127.0.0.1:<port>/`) of a built site, served while the block runs."""
    handler = functools.partial(StaticSiteHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(built_site: BuildResult) -> Iterator[str]:
    """The base URL (`http://127.0.0.1:<port>/`) of the built site, served for the whole run."""
    with served(built_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, started once for the whole run."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def navigate_instantly(context: BrowserContext, site_server: str, site_url: str) -> None:
    """Let Material navigate instantly on the pages of `context`, as it does on the published site.

    The sitemap names the site at `site_url`; the pages get it as published at `site_server`.
    Routing turns off Chromium's HTTP cache for the whole context, so only tests that follow
    links use it.
    """

    def fulfil(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(site_url, site_server))

    context.route("**/sitemap.xml", fulfil)


@contextmanager
def fresh_context(browser: Browser, **options: Any) -> Iterator[BrowserContext]:
    """A fresh browser profile (empty storage) made with Playwright's `options`, closed however the test ends."""
    context = browser.new_context(**options)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile (empty storage), at desktop size; a test file may define its own."""
    with fresh_context(browser, viewport={"width": 1280, "height": 900}) as context:
        yield context


@pytest.fixture(scope="module")
def reading_page(browser: Browser) -> Iterator[Page]:
    """One desktop page for a test file's tests that only read the site: its warm cache saves half a second a load.

    A test that types, stores or counts requests takes a fresh `context` instead.
    """
    with fresh_context(browser, viewport={"width": 1280, "height": 900}) as context:
        yield context.new_page()


@pytest.fixture
def instant_page(browser: Browser, site_server: str, site_url: str) -> Iterator[Page]:
    """A desktop page on which instant navigation works, and whose window.print() only counts (in `window.printed`)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    navigate_instantly(context, site_server, site_url)
    page = context.new_page()
    page.add_init_script("window.printed = 0; window.print = () => { window.printed += 1; };")
    try:
        yield page
    finally:
        context.close()


def open_and_mark(page: Page, url: str) -> None:
    """Load a page, wait for Material and mark the window, to tell instant navigation from a page load later.

    The sitemap, which instant navigation needs, is fetched by then.
    """
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("window.sameWindow = true")


def still_marked(page: Page) -> bool:
    """Whether the window marked by `open_and_mark` is still there: only instant navigation keeps it."""
    return page.evaluate("window.sameWindow === true")


# ---- What a reader can see ---------------------------------------------------------------

# Whether an element can be seen: it has a size, nothing hides it or fades it out, and at its
# centre (scrolled into view) the browser finds it, not something drawn over it.
SEEN = """element => {
    element.scrollIntoView({block: "center", inline: "nearest"});
    const box = element.getBoundingClientRect();
    const hidden = [];
    for (let node = element; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        const invisible = style.visibility !== "visible" && node === element;
        if (style.display === "none" || invisible || parseFloat(style.opacity) < 0.9) {
            hidden.push(node.tagName + "." + node.className);
        }
    }
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 8));
    return {
        width: box.width, height: box.height, hidden,
        covered: !(hit && (hit === element || element.contains(hit))),
        text: (element.innerText ?? element.textContent ?? "").trim(),
    };
}"""


# A picture's natural width once it has loaded: decode() waits for it, and fails on a picture that cannot be drawn.
DECODED_WIDTH = "image => image.decode().then(() => image.naturalWidth)"


def seen(page: Page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(SEEN)


def assert_seen(found: dict, what: str) -> None:
    assert found["width"] >= 20 and found["height"] >= 10, f"{what} has no size: {found}"
    assert not found["hidden"], f"{what} is hidden by {found['hidden']}"
    assert not found["covered"], f"{what} is covered by something else"


# ---- Accessibility audit ----------------------------------------------------------------

AXE = Axe()
# Every default rule of axe-core, plus WCAG 2.2's target size.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def axe_findings(page: Page, options: dict = AXE_OPTIONS, within: str | None = None) -> list[str]:
    """One line per violating element (rule, impact and where), in the whole page or `within` a CSS selector."""
    violations = AXE.run(page, context=within, options=options).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {', '.join(map(str, node['target']))}" for v in violations for node in v["nodes"]
    ]


# ---- Content-Security-Policy -------------------------------------------------------------

# Installed before any script of a page: every violation its policy reports, with where it came from.
WATCH_POLICY = """window.policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.policyViolations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`));"""


def watch_policy(page: Page) -> list[str]:
    """Record the page's policy violations: the reports of the page itself, and the console's of every frame in it.

    Returns the list the console's reports go to; `policy_violations` adds the page's own.
    """
    messages: list[str] = []
    page.add_init_script(WATCH_POLICY)
    page.on(
        "console",
        lambda message: (
            messages.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: messages.append(f"script error: {error}"))
    return messages


def policy_violations(page: Page, messages: list[str]) -> list[str]:
    return [*page.evaluate("window.policyViolations || []"), *messages]
