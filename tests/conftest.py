"""Shared fixtures: the real site, built once per run, and small projects built from fixtures.

Builds run `mkdocs` in a subprocess, exactly as `make build` does, so the tests see
what a user gets.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser import browser, context, instant_page, site_server  # noqa: F401 (shared Playwright fixtures, registered here)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]
TEST_SITE_URL = "https://hips.example.org/"


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def build_env() -> dict[str, str]:
    # HANDOUT_PDFS=1: the tests check the shipped PDFs, whatever the developer's shell says.
    env = dict(
        os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=TEST_SITE_URL, PYTHONPATH=str(ROOT / "hooks"), HANDOUT_PDFS="1"
    )
    return env


def run_build(config: Path, site: Path, *extra: str, env: dict[str, str] | None = None) -> BuildResult:
    """`mkdocs build --strict`, as `make build` runs it; `env` adds to or overrides the build's environment."""
    completed = subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config), "--site-dir", str(site), *extra],
        capture_output=True,
        text=True,
        env=build_env() | (env or {}),
        timeout=600,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site)


@pytest.fixture(scope="session")
def site_url() -> str:
    """The address the test builds are published at, as their sitemap and canonical links name it."""
    return TEST_SITE_URL


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site from the real catalogue, built once."""
    result = run_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site")
    assert result.returncode == 0, result.output
    return result


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
