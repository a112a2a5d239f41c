"""Lighthouse's performance score for a page of a built site, served gzipped as a static host would.

Lighthouse 12.2.3 (pinned in tests/bench/lighthouse/, installed by `make bench` with
`npm ci`) drives Debian's Chromium with the same flags as the browser tests, as a phone
(its default: simulated slow 4G and a 4× slower CPU) or as a desktop (`--preset=desktop`).
The score is the median of a few runs: one run on a busy machine can lose points that the
page did not.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO

LIGHTHOUSE = Path(__file__).parent / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--no-first-run"
)
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


@dataclass(frozen=True)
class Score:
    """The median performance score of the runs, and the median run's metrics as Lighthouse shows them."""

    score: float
    scores: list[float]
    metrics: dict[str, str]


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves text files gzipped when the browser asks for it, as any static host or CDN does."""

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served_gzipped(site: Path) -> Iterator[str]:
    """The base URL of a built site, served gzipped on a free port while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def available() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if not LIGHTHOUSE.is_file():
        return "Lighthouse not installed (make bench installs it with npm)"
    if not Path(CHROMIUM).is_file():
        return f"no {CHROMIUM}"
    return None


def lighthouse_run(url: str, *, desktop: bool = False) -> dict:
    """One Lighthouse run, performance only, as a phone or a desktop; its JSON report."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        preset = ["--preset=desktop"] if desktop else []
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                *preset,
                "--only-categories=performance",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env=dict(os.environ, CHROME_PATH=CHROMIUM),
            check=True,
            capture_output=True,
        )
        return json.loads(report.read_text(encoding="utf-8"))


def performance(site: Path, page: str, *, desktop: bool = False, runs: int = 3) -> Score:
    """The page's performance score, the median of `runs` runs against the site served gzipped."""
    with served_gzipped(site) as base:
        reports = [lighthouse_run(base + page, desktop=desktop) for _ in range(runs)]
    ranked = sorted(reports, key=lambda report: report["categories"]["performance"]["score"])
    median = ranked[len(ranked) // 2]
    return Score(
        score=median["categories"]["performance"]["score"],
        scores=[report["categories"]["performance"]["score"] for report in reports],
        metrics={name: median["audits"][name]["displayValue"] for name in METRICS},
    )
