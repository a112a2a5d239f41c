"""`mkdocs serve` survives a bad edit: it prints the problems, keeps the last good pages,
and shows the next good edit without a restart.

MkDocs 1.6 itself would stall every page request after a failed rebuild (its epoch never
catches up), so the hook keeps the last good catalogue while serving; this test runs the
real server in a subprocess to prove it.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import MKDOCS, build_env, fixture_text, make_project

WAIT_SECONDS = 90


class Server:
    """A running `mkdocs serve`, with everything it prints collected as it comes."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url
        self.lines: list[str] = []
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def page(self, path: str) -> str:
        """The served page; a stalled server fails here instead of hanging the test."""
        with urllib.request.urlopen(self.url + path, timeout=30) as response:  # noqa: S310 - a local test server
            assert response.status == 200
            return response.read().decode("utf-8")

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    config = make_project(tmp_path, fixture_text("minimal.yaml"))
    port = free_port()
    process = subprocess.Popen(
        [*MKDOCS, "serve", "--config-file", str(config), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**build_env(), "HANDOUT_PDFS": "0"},
        cwd=tmp_path,
    )
    try:
        yield Server(process, f"http://127.0.0.1:{port}/")
    finally:
        stop(process)


def stop(process: subprocess.Popen[str]) -> None:
    """Ctrl-C, as a person would, so MkDocs removes its temporary site; then make sure."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def test_a_bad_edit_keeps_the_last_good_pages_and_a_good_edit_brings_the_site_back(server: Server, tmp_path: Path) -> None:
    catalogue = tmp_path / "exercises.yaml"
    good = catalogue.read_text(encoding="utf-8")
    server.wait_for(lambda: "Glute bridge" in server.page("exercises/glute-bridge/"), "the first build")

    catalogue.write_text(good.replace("sets: 3, reps: 12", "sets: lots, reps: 12").replace("Glute bridge", "Broken bridge"), encoding="utf-8")
    server.wait_for(lambda: "Still serving the last good pages" in server.output, "the bad edit to be reported")
    assert 'exercises[1: glute-bridge].dosage.sets: must be a whole number from 1 to 10 (got "lots")' in server.output
    assert "Traceback" not in server.output
    page = server.page("exercises/glute-bridge/")
    assert "Glute bridge" in page and "Broken bridge" not in page

    catalogue.write_text(good.replace("Glute bridge", "Glute bridge lift"), encoding="utf-8")
    server.wait_for(lambda: "Glute bridge lift" in server.page("exercises/glute-bridge/"), "the good edit to be served")
