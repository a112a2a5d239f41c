"""A clinic's own settings, printed everywhere a patient reads them: its emergency number and its clinical sign-off.

A clinic abroad sets `extra.clinic.emergency_number`, and every page, sheet, the builder
and "My program" tell its patients to call that number. A clinic names the clinician who
reviewed its pages in `extra.clinical_signoff`; a page shows the name only while its text
is the text that clinician read, and where nobody has signed, it says so. Nothing here may
invent a reviewer: the real site, with no sign-off, says "Not yet reviewed" on every page.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, BuildResult, SiteBuilder, build_env, fixture_text, make_project
from html_reading import by_class, parse, text
from pypdf import PdfReader

from fai_site.handouts.paper import Paper
from fai_site.site_settings import NOT_REVIEWED

REVIEWER = """\
extra:
  clinical_signoff:
    - name: Dr Ada Example
      role: Physiotherapist
      registration: HCPC PH000000
      date: 2026-12-01
      signed:
{signed}
"""
WHEN_TO_GET_HELP = """---
title: When to get help
last_reviewed: 2026-12-01
---

# When to get help

<!-- safety: emergency -->

<!-- signs: child-very-unwell -->

## References

1. NHS. Hip pain.
"""
# What the reader sees of each kind of page: (path in the site, where its warning signs are).
SURFACES = [
    "when-to-get-help/index.html",
    "handouts/starter/index.html",
    "handouts/builder/index.html",
    "program/index.html",
]


def project(directory: Path, extra: str = "") -> Path:
    """The minimal catalogue with a When to get help page, its mkdocs.yml ending with `extra`."""
    config = make_project(directory, fixture_text("minimal.yaml"))
    (directory / "docs" / "when-to-get-help.md").write_text(WHEN_TO_GET_HELP, encoding="utf-8")
    (directory / "docs" / "index.md").write_text("---\nlast_reviewed: 2026-11-30\n---\n\n# Home\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return config


def pdf_words(site: Path, paper: Paper) -> str:
    reader = PdfReader(site / "handouts" / paper.pdf_name("starter"))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def page_words(site: Path, path: str) -> str:
    return text(parse((site / path).read_text(encoding="utf-8")))


def fingerprints(directory: Path) -> dict[str, str]:
    """What `make fingerprints` prints for the project, as `text: fingerprint`."""
    out = subprocess.run(
        [sys.executable, "-m", "fai_site.cli", "fingerprints", "--project", str(directory)],
        capture_output=True,
        text=True,
        env=build_env(),
        check=True,
    ).stdout
    pairs = [line.strip().split(": ", 1) for line in out.splitlines()[1:]]
    return dict(pairs)


# ---- The emergency number ---------------------------------------------------------------


@pytest.fixture(scope="module")
def abroad(tmp_path_factory: pytest.TempPathFactory, pdf_site_builder: SiteBuilder) -> BuildResult:
    """A clinic in Europe: 112."""
    directory = tmp_path_factory.mktemp("abroad")
    result = pdf_site_builder(
        project(directory, 'extra:\n  clinic:\n    emergency_number: "112"\n'), directory / "site"
    )
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("path", SURFACES)
def test_the_clinics_emergency_number_is_on_every_page_that_shows_the_signs(abroad: BuildResult, path: str) -> None:
    seen = page_words(abroad.site, path)
    assert "Call 112 or go to the emergency department now if you have:" in seen
    assert "999" not in seen and "911" not in seen


@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
def test_the_clinics_emergency_number_is_on_every_pdf(abroad: BuildResult, paper: Paper) -> None:
    printed = pdf_words(abroad.site, paper)
    assert "Call 112 or go to the emergency department now if you have:" in printed
    assert "999" not in printed and "911" not in printed


def test_without_a_number_the_signs_name_999_and_911(built_site: BuildResult) -> None:
    for path in ["when-to-get-help/index.html", "handouts/calm-symptoms/index.html", "program/index.html"]:
        assert "Call 999 (911 in the US) or go to the emergency department now if you have:" in page_words(
            built_site.site, path
        )


def test_an_unquoted_number_stops_the_build_before_the_site_is_touched(
    tmp_path: Path, pdf_site_builder: SiteBuilder
) -> None:
    """`emergency_number: 000` is the number 0 to YAML: a sheet would tell an Australian patient to call 0."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "kept.html").write_text("the last good site", encoding="utf-8")
    result = pdf_site_builder(project(tmp_path, "extra:\n  clinic:\n    emergency_number: 000\n"), site)
    assert result.returncode != 0
    assert "mkdocs.yml: extra.clinic.emergency_number: must be text in quotes" in result.output
    assert (site / "kept.html").read_text(encoding="utf-8") == "the last good site"


# ---- The clinical sign-off ----------------------------------------------------------------


def test_the_site_names_no_reviewer_where_nobody_has_signed(built_site: BuildResult) -> None:
    """The truth today: every article and every sheet says it is not yet reviewed by a named clinician."""
    reviewed = [path for path in sorted((ROOT / "docs").glob("*.md")) if "\nlast_reviewed:" in path.read_text()]
    assert len(reviewed) >= 10
    for article in reviewed:
        page = parse(built_site.page(f"{'' if article.stem == 'index' else article.stem + '/'}index.html"))
        notes = [text(note) for note in by_class(page, "fai-review")]
        assert len(notes) == 1 and notes[0].endswith(NOT_REVIEWED), article.name
    for path in ["handouts/calm-symptoms/index.html", "handouts/builder/index.html", "program/index.html"]:
        assert NOT_REVIEWED in page_words(built_site.site, path)
    assert NOT_REVIEWED in pdf_text_of(built_site.site / "handouts" / "calm-symptoms-letter.pdf")


def pdf_text_of(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_a_signed_page_and_catalogue_name_their_reviewer(tmp_path: Path, pdf_site_builder: SiteBuilder) -> None:
    config = project(tmp_path)
    found = fingerprints(tmp_path)
    signed = "".join(f"        {key}: {found[key]}\n" for key in ("when-to-get-help.md", "exercises.yaml"))
    config.write_text(config.read_text(encoding="utf-8") + REVIEWER.format(signed=signed), encoding="utf-8")
    result = pdf_site_builder(config, tmp_path / "site")
    assert result.returncode == 0, result.output
    said = "Clinically reviewed by Dr Ada Example, Physiotherapist (HCPC PH000000), on 1 December 2026."
    assert said in page_words(result.site, "when-to-get-help/index.html")
    for path in ["handouts/starter/index.html", "handouts/builder/index.html", "program/index.html"]:
        assert said in page_words(result.site, path), path
    assert said in pdf_words(result.site, Paper.LETTER)
    assert NOT_REVIEWED in page_words(result.site, "index.html"), "a page nobody signed still says so"
    assert "changed after" not in result.output


def test_a_page_changed_after_its_signoff_says_so_and_the_build_warns(
    tmp_path: Path, pdf_site_builder: SiteBuilder
) -> None:
    config = project(tmp_path)
    signed = f"        when-to-get-help.md: {fingerprints(tmp_path)['when-to-get-help.md']}\n"
    config.write_text(config.read_text(encoding="utf-8") + REVIEWER.format(signed=signed), encoding="utf-8")
    page = tmp_path / "docs" / "when-to-get-help.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# When to get help", "# When to get help fast"))
    result = pdf_site_builder(config, tmp_path / "site")
    assert result.returncode == 0, "a changed page builds under --strict: the page itself says it is unreviewed"
    assert "Warning: when-to-get-help.md changed after Dr Ada Example signed it off on 2026-12-01" in result.output
    seen = page_words(result.site, "when-to-get-help/index.html")
    assert "It has changed since then, and the changes are not yet reviewed by a named clinician." in seen
    assert "Clinically reviewed by" not in seen


WHO = "    - name: Dr Ada Example\n      role: Physiotherapist\n"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            WHO + "      date: 2026-12-01\n      signed: {about.md: 0123456789ab}\n",
            "mkdocs.yml: extra.clinical_signoff[0].registration: is required but missing",
        ),
        (
            WHO + "      registration: HCPC PH000000\n      date: next week\n      signed: {about.md: 0123456789ab}\n",
            "mkdocs.yml: extra.clinical_signoff[0].date: must be a real date",
        ),
        (
            WHO
            + "      registration: HCPC PH000000\n      date: 2026-12-01\n      signed: {nowhere.md: 0123456789ab}\n",
            "mkdocs.yml: extra.clinical_signoff[0].signed.nowhere.md: no text 'nowhere.md'",
        ),
    ],
    ids=["no registration", "not a date", "unknown page"],
)
def test_a_bad_signoff_is_located_and_builds_nothing(
    tmp_path: Path, entry: str, message: str, pdf_site_builder: SiteBuilder
) -> None:
    config = project(tmp_path, "extra:\n  clinical_signoff:\n" + entry)
    result = pdf_site_builder(config, tmp_path / "site")
    assert result.returncode != 0 and message in result.output, result.output
    assert not (tmp_path / "site").exists()
