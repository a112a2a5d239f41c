"""Shared fixtures: the real site, built once per run, and small projects built from fixtures.

Tests come in tiers, marked from the fixtures they use (`pytest_collection_modifyitems`), so
a new test lands in its tier without anyone remembering to mark it:

- `browser`: drives Debian's Chromium (the `browser` fixture);
- `build`: builds a whole site (`built_site`, `site_builder`, `pdf_site_builder`, `site_engines`,
  or any fixture made from them);
- `pdf`: draws handout PDFs with WeasyPrint or reads the ones a build drew (`built_site`,
  `pdf_site_builder`, `pdf_build_env`, `weasyprint`, `render_pdf`).

`make test-fast` runs the tests in none of them, the inner loop; `make test` runs them all.

The real site is built once per run, in a subprocess exactly as `make build` does, by the
first pytest-xdist worker that needs it; the others wait for it and read the same folder.
Fixture projects are built in this process by MkDocs' own `build` command, with the PDFs
only where the test reads them: MkDocs loads the hooks once per process, and their
`on_startup` gives every build a fresh `SiteBuild`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from browser import browser, context, instant_page, reading_page, site_server  # noqa: F401 (shared Playwright fixtures, registered here)
from click.testing import CliRunner
from filelock import FileLock
from scheduling import longest_first

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]
TEST_SITE_URL = "https://hips.example.org/"
TEST_SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01, any fixed moment
# Each tier, and the fixtures that put a test in it (directly or through another fixture).
TIERS = {
    "browser": {"browser"},
    "build": {"built_site", "site_builder", "pdf_site_builder", "site_engines"},
    "pdf": {"built_site", "pdf_site_builder", "pdf_build_env", "weasyprint"},
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with the tiers its fixtures put it in, and put the longest files first."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for tier, fixtures in TIERS.items():
            if used & fixtures:
                item.add_marker(tier)
    longest_first(items, ROOT)


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def build_env(*, pdfs: bool = True) -> dict[str, str]:
    """The environment of a test build: the published address, its date, and the handout PDFs on unless told."""
    return dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        SITE_URL=TEST_SITE_URL,
        PYTHONPATH=str(ROOT / "hooks"),
        HANDOUT_PDFS="1" if pdfs else "0",
        SOURCE_DATE_EPOCH=build_epoch(),
    )


def build_epoch() -> str:
    """The moment every test build is dated: `make test` sets the last commit's, as `make build` does; else a fixed
    one, so that any two builds of a run can match byte for byte."""
    return os.environ.get("SOURCE_DATE_EPOCH") or TEST_SOURCE_DATE_EPOCH


def build_in_subprocess(config: Path, site: Path) -> BuildResult:
    """`make build` of a project in a process of its own, PDFs included, exactly as a user runs it."""
    completed = subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env=build_env(),
        timeout=600,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site)


# ---- Builds in this process ---------------------------------------------------------------


@dataclass(frozen=True)
class SiteBuilder:
    """`mkdocs build --strict` of a project, run by MkDocs' own command line in this process."""

    pdfs: bool

    def __call__(self, config: Path, site: Path, **env: str) -> BuildResult:
        """The build's result; `env` adds to or overrides the build's environment."""
        from mkdocs.__main__ import cli

        arguments = ["build", "--strict", "--config-file", str(config), "--site-dir", str(site)]
        environment = {key: value for key, value in build_env(pdfs=self.pdfs).items() if key != "PYTHONPATH"} | env
        with mkdocs_process_state():
            result = CliRunner().invoke(cli, arguments, env=environment, catch_exceptions=False)
        return BuildResult(result.exit_code, result.output, site)


@contextmanager
def mkdocs_process_state() -> Iterator[None]:
    """Put back what MkDocs' command line sets for the whole process: its loggers' handlers, filters and levels (the
    build's duplicate filter would hide a message the next build logs again), and Python's warning display."""
    loggers = [logging.getLogger(name) for name in ("mkdocs", "mkdocs.commands.build")]
    saved = [
        (logger, list(logger.handlers), list(logger.filters), logger.level, logger.propagate) for logger in loggers
    ]
    showwarning = warnings.showwarning
    try:
        yield
    finally:
        for logger, handlers, filters, level, propagate in saved:
            logger.handlers[:], logger.filters[:] = handlers, filters
            logger.setLevel(level)
            logger.propagate = propagate
        warnings.showwarning = showwarning


@pytest.fixture(scope="session")
def site_builder() -> SiteBuilder:
    """Builds a fixture project in this process, handout PDFs off (`HANDOUT_PDFS=0`): for tests that read no PDF."""
    return SiteBuilder(pdfs=False)


@pytest.fixture(scope="session")
def pdf_site_builder() -> SiteBuilder:
    """Builds a fixture project in this process with its handout PDFs, for tests that read them."""
    return SiteBuilder(pdfs=True)


@pytest.fixture(scope="session")
def site_engines() -> dict[str, list[str]]:
    """The command lines that build a site in a process of their own (MkDocs, ProperDocs, Zensical), or write its
    sources for one (`make generate`), for a test that must run them as a user does."""
    bin_folder = Path(sys.executable).parent
    return {
        "mkdocs": MKDOCS,
        "properdocs": [str(bin_folder / "properdocs")],
        "zensical": [str(bin_folder / "zensical")],
        "generate": [sys.executable, "-m", "fai_site.cli", "generate"],
    }


# ---- PDFs ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pdf_build_env() -> dict[str, str]:
    """The environment of a build in a process of its own that draws the handout PDFs."""
    return build_env(pdfs=True)


@pytest.fixture(scope="session")
def weasyprint() -> ModuleType:
    """WeasyPrint, for a test that lays out or draws a handout itself (it takes a second to import)."""
    import weasyprint

    return weasyprint


@pytest.fixture(scope="session")
def render_pdf(weasyprint: ModuleType) -> Callable[..., Any]:
    """The handouts' PDF renderer (`fai_site.handouts.pdf_renderer.render_pdf`)."""
    from fai_site.handouts.pdf_renderer import render_pdf

    return render_pdf


# ---- The real site ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_url() -> str:
    """The address the test builds are published at, as their sitemap and canonical links name it."""
    return TEST_SITE_URL


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> BuildResult:
    """The real site from the real catalogue, built once per run and shared by every worker; tests only read it."""
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    record = shared / "real-site.json"
    with FileLock(shared / "real-site.lock"):
        if record.is_file():
            saved = json.loads(record.read_text(encoding="utf-8"))
            result = BuildResult(saved["returncode"], saved["output"], Path(saved["site"]))
        else:
            result = build_in_subprocess(ROOT / "mkdocs.yml", shared / "real" / "site")
            record.write_text(json.dumps({**asdict(result), "site": str(result.site)}), encoding="utf-8")
    assert result.returncode == 0, result.output
    return result


# ---- Fixture projects ---------------------------------------------------------------------


def make_project(directory: Path, catalogue_text: str) -> Path:
    """A minimal project around a fixture catalogue, using the real hooks and theme."""
    docs = directory / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for page in ("index", "exercise-guide", "when-to-get-help"):
        (docs / f"{page}.md").write_text(f"# {page}\n\nFixture page.\n", encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets", dirs_exist_ok=True)
    shutil.copytree(
        ROOT / "docs" / "assets" / "fonts", docs / "assets" / "fonts", dirs_exist_ok=True
    )  # handout.css prints in them
    (directory / "exercises.yaml").write_text(catalogue_text, encoding="utf-8")
    config = directory / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""\
            site_name: Fixture
            site_url: {TEST_SITE_URL}
            theme:
              name: material
              custom_dir: {ROOT / "overrides"}
              font: false
            hooks:
              - {ROOT / "hooks" / "site_hooks.py"}
            markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]
            """
        ),
        encoding="utf-8",
    )
    return config


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# ---- Reading grades -------------------------------------------------------------------------

READING_GRADES: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Collect the reading grades the content tests record; this also sees pytest-xdist workers' reports."""
    for key, value in report.user_properties:
        if key == "reading_grade" and report.when == "call":
            name, figure = value
            READING_GRADES[name] = figure


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the reading grades the content tests measured, worst first."""
    if READING_GRADES:
        terminalreporter.section("reading grade (Flesch-Kincaid)")
        for name, figure in sorted(READING_GRADES.items(), key=lambda item: -item[1]):
            terminalreporter.write_line(f"{figure:5.1f}  {name}")
