"""Shared Playwright fixtures: one Debian Chromium per test run, and the built site on a local server.

Browser tests drive `/usr/bin/chromium` (installed by `make test`), never a browser that
Playwright downloads. The server serves `404.html` for unknown paths, as static hosts do,
so tests see the real "not found" page at any depth.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, sync_playwright

if TYPE_CHECKING:
    from conftest import BuildResult

CHROMIUM = "/usr/bin/chromium"
# No sandbox (tests run as root in CI), no GPU, and none of Chromium's own traffic
# (updates, safe browsing), so every request a test sees comes from the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
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


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The base URL (`http://127.0.0.1:<port>/`) of a built site, served while the block runs."""
    handler = functools.partial(StaticSiteHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
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
