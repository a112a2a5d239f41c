"""`mkdocs serve` survives a bad edit: it prints the problems, shows them at the top of
the open page, keeps the last good pages, and shows the next good edit without a restart.

MkDocs 1.6 itself would stall every page request after a failed rebuild (its epoch never
catches up), so the hook keeps the last good catalogue while serving; these tests run the
real server in a subprocess to prove it, and watch the page in Chromium as it reloads.

The server picks nothing itself: a port is chosen at random and, if another process holds
it, the server exits and the next one is tried, so no port is freed and handed over.
"""

from __future__ import annotations

import random
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import SiteBuilder, build_env, fixture_text, make_project
from playwright.sync_api import Browser, Page

WAIT_SECONDS = 90
PORT_TRIES = 8
BANNER = "[data-catalogue-problems]"


class Server:
    """A running `mkdocs serve`, with everything it prints collected as it comes."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._collect, daemon=True)
        self.reader.start()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def page(self, path: str) -> str:
        """The served page; a stalled server fails here instead of hanging the test."""
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            assert response.status == 200
            return response.read().decode("utf-8")

    def ready(self) -> bool:
        """Whether the server is up; False if it stopped first, such as when its port is taken."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if "Serving on" in self.output:
                return True
            if self.process.poll() is not None:
                self.reader.join(timeout=WAIT_SECONDS)  # it ends with the output: every last line is taken
                if "Address already in use" in self.output:
                    return False
                pytest.fail(f"mkdocs serve stopped:\n{self.output}")
            time.sleep(0.1)
        pytest.fail(f"mkdocs serve did not start in {WAIT_SECONDS} s:\n{self.output}")

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped:\n{self.output}"
            try:
                if condition():
                    return
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.3)
        pytest.fail(f"timed out waiting for {what}:\n{self.output}")


def started(mkdocs: list[str], config: Path, folder: Path) -> Server:
    """`mkdocs serve` on a random free port: a port someone else holds makes it exit, and the next is tried."""
    for _ in range(PORT_TRIES):
        port = random.randint(20_000, 60_000)
        with interruptible():
            process = subprocess.Popen(
                [*mkdocs, "serve", "--config-file", str(config), "--dev-addr", f"127.0.0.1:{port}"],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                env=build_env(pdfs=False),
                cwd=folder,
            )
        server = Server(process, f"http://127.0.0.1:{port}/")
        if server.ready():
            return server
        stop(process)
    pytest.fail(f"mkdocs serve found no free port in {PORT_TRIES} tries:\n{server.output}")


@pytest.fixture
def server(tmp_path: Path, site_engines: dict[str, list[str]]) -> Iterator[Server]:
    serving = started(site_engines["mkdocs"], make_project(tmp_path, fixture_text("pictured.yaml")), tmp_path)
    try:
        yield serving
    finally:
        stop(serving.process)


@contextmanager
def interruptible() -> Iterator[None]:
    """While a server starts, let it take Ctrl-C even if this run ignores it.

    A shell starts a job in the background (`make test &` in a script) with SIGINT ignored,
    and every program started from it inherits that: the server would never stop on Ctrl-C.
    A handler is not inherited, so with Python's own in place the server starts as it does
    from a terminal.
    """
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def stop(process: subprocess.Popen[str]) -> None:
    """Ctrl-C, as a person would, so MkDocs removes its temporary site; a server that ignores it fails the test."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
            pytest.fail("mkdocs serve did not stop within 15 s of Ctrl-C")


def test_a_bad_edit_keeps_the_last_good_pages_and_a_good_edit_brings_the_site_back(
    server: Server, tmp_path: Path
) -> None:
    catalogue = tmp_path / "exercises.yaml"
    good = catalogue.read_text(encoding="utf-8")
    server.wait_for(lambda: "Glute bridge" in server.page("exercises/glute-bridge/"), "the first build")

    catalogue.write_text(
        good.replace("sets: 3, reps: 12", "sets: lots, reps: 12").replace("Glute bridge", "Broken bridge"),
        encoding="utf-8",
    )
    server.wait_for(lambda: "Still serving the last good pages" in server.output, "the bad edit to be reported")
    assert 'exercises[1: glute-bridge].dosage.sets: must be a whole number from 1 to 10 (got "lots")' in server.output
    assert "Traceback" not in server.output
    page = server.page("exercises/glute-bridge/")
    assert "Glute bridge" in page and "Broken bridge" not in page

    catalogue.write_text(good.replace("Glute bridge", "Glute bridge lift"), encoding="utf-8")
    server.wait_for(lambda: "Glute bridge lift" in server.page("exercises/glute-bridge/"), "the good edit to be served")


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_bad_save_shows_the_located_problems_in_the_open_page_and_a_good_save_clears_them(
    server: Server, tmp_path: Path, page: Page
) -> None:
    catalogue = tmp_path / "exercises.yaml"
    good = catalogue.read_text(encoding="utf-8")
    page.goto(server.url + "exercises/glute-bridge/")
    assert page.locator(BANNER).count() == 0, "a good catalogue shows no box"

    bad = good.replace("sets: 3, reps: 12", "sets: lots, reps: 12")
    catalogue.write_text(bad, encoding="utf-8")
    box = page.locator(BANNER)
    box.wait_for(
        state="visible", timeout=WAIT_SECONDS * 1000
    )  # the live-reload script reloads the page after the rebuild
    expected = (
        f"exercises.yaml:{line_of(bad, 'sets: lots')}:14: exercises[1: glute-bridge].dosage.sets: must be a "
        'whole number from 1 to 10 (got "lots")'
    )
    assert expected in box.inner_text()
    assert expected in server.output, "the browser shows what the terminal says"
    assert "Glute bridge" in page.locator("h1").inner_text(), "the last good page is still shown under the box"

    catalogue.write_text(good.replace("Glute bridge", "Glute bridge lift"), encoding="utf-8")
    page.locator("h1", has_text="Glute bridge lift").wait_for(timeout=WAIT_SECONDS * 1000)
    assert page.locator(BANNER).count() == 0


def test_a_first_build_that_fails_still_serves_the_articles_with_the_problems_on_top(
    tmp_path: Path, page: Page, site_engines: dict[str, list[str]]
) -> None:
    text = fixture_text("pictured.yaml").replace("category: strength", "category: strenght", 1)
    serving = started(site_engines["mkdocs"], make_project(tmp_path, text), tmp_path)
    try:
        page.goto(serving.url)
        assert "category: must be one of" in page.locator(BANNER).inner_text()
        (tmp_path / "exercises.yaml").write_text(fixture_text("pictured.yaml"), encoding="utf-8")
        page.locator(BANNER).wait_for(state="detached", timeout=WAIT_SECONDS * 1000)
        assert "Glute bridge" in serving.page("exercises/glute-bridge/")
    finally:
        stop(serving.process)


def test_warnings_and_drafts_show_in_a_box_that_blocks_nothing(server: Server, tmp_path: Path, page: Page) -> None:
    catalogue = tmp_path / "exercises.yaml"
    good = catalogue.read_text(encoding="utf-8")
    page.goto(server.url + "exercises/")
    draft = "  - id: heel-slide\n    draft: true\n    name: Heel slide\n"
    catalogue.write_text(
        good.replace("programs:\n", draft + "programs:\n").replace("Glute bridge", "Glute bridge lift"),
        encoding="utf-8",
    )
    box = page.locator(BANNER)
    box.wait_for(state="visible", timeout=WAIT_SECONDS * 1000)
    assert re.search(
        r"exercises\.yaml:\d+:5: draft, blocks nothing: exercises\[2: heel-slide\]\.summary: is required but missing",
        box.inner_text(),
    )
    assert "Glute bridge lift" in page.content(), "the rest of the edit is served"
    assert "Heel slide" not in serving_page(server, "exercises/")


def serving_page(server: Server, path: str) -> str:
    """The page without the box, which quotes the catalogue."""
    return re.sub(r"<section class=\"fai-catalogue-problems.*?</section>", "", server.page(path), flags=re.DOTALL)


def test_the_pictures_page_redraws_a_pose_as_it_is_saved(server: Server, tmp_path: Path, page: Page) -> None:
    catalogue = tmp_path / "exercises.yaml"
    page.goto(server.url + "editors-guide-pictures/#glute-bridge")
    picture = page.locator("img[src$='illustrations/glute-bridge.svg']")
    assert picture.count() == 1
    before = server.page("illustrations/glute-bridge.svg")
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("knee: 95", "knee: 120"), encoding="utf-8")
    server.wait_for(lambda: server.page("illustrations/glute-bridge.svg") != before, "the picture to be drawn again")
    page.wait_for_function(
        "() => performance.getEntriesByType('navigation')[0].type === 'reload'", timeout=WAIT_SECONDS * 1000
    )


def test_a_build_has_no_problems_box_and_no_pictures_page(tmp_path: Path, site_builder: SiteBuilder) -> None:
    config = make_project(tmp_path, fixture_text("minimal.yaml"))
    result = site_builder(config, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "warning: exercises[0: glute-squeeze]: has no picture" in result.output, "the build prints the warnings"
    assert not (tmp_path / "site" / "editors-guide-pictures").exists() and not (tmp_path / "site" / "_serve").exists()
    assert not any(
        "data-catalogue-problems" in path.read_text(encoding="utf-8") for path in (tmp_path / "site").rglob("*.html")
    )


def test_a_drafts_pose_is_drawn_on_the_pictures_page_as_it_is_saved(server: Server, tmp_path: Path, page: Page) -> None:
    catalogue = tmp_path / "exercises.yaml"
    good = catalogue.read_text(encoding="utf-8")
    draft = (
        "  - id: heel-slide\n    draft: true\n    name: Heel slide\n    illustration:\n      pose:\n"
        "        base: lying-on-back\n"
        "        moving: [near-leg]\n        frames:\n          - {}\n          - near_leg: {hip: 50, knee: 100}\n"
    )
    page.goto(server.url + "editors-guide-pictures/")
    catalogue.write_text(good.replace("programs:\n", draft + "programs:\n"), encoding="utf-8")
    picture = page.locator("img[src$='draft-heel-slide.svg']")
    picture.wait_for(timeout=WAIT_SECONDS * 1000)
    assert page.locator("h2#heel-slide").inner_text().startswith("Heel slide (draft)")
    assert "<svg" in server.page("editors-guide-pictures/draft-heel-slide.svg")
