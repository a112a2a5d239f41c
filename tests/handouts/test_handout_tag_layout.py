"""Tagging changes no sheet's pages: each shipped PDF, drawn again untagged, has the same pages, words and pixels.

The tags are marks around what is drawn; WeasyPrint's layout does not depend on them, and
`pdf_tags` only re-marks margin boxes and scopes header cells. These tests hold that: a
sheet that gained a page, or moved a line, when tagged would fail here.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, TEST_SITE_URL, BuildResult, build_epoch
from handout_fixtures import site_files

from fai_site.catalogue.loader import load_catalogue
from fai_site.handouts.paper import Paper
from fai_site.handouts.pdf import pdf_jobs, pdf_timestamp
from fai_site.handouts.pdf_job import PdfJob
from fai_site.site_settings import SiteSettings

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
SETTINGS = SiteSettings(site_url=TEST_SITE_URL)
# The standard sheets, which were drawn untagged before; large print goes through the same renderer.
STANDARD_PDFS = [f"handouts/{paper.pdf_name(program.id)}" for program in CATALOGUE.programs for paper in Paper]


@functools.cache
def standard_jobs() -> dict[str, PdfJob]:
    """The standard sheets' PDF jobs by path, made once per process, when a test first needs them (not while pytest
    collects the tests in every worker): making them draws every generated file of the site."""
    jobs = pdf_jobs(
        CATALOGUE, SETTINGS, resources=site_files(CATALOGUE, SETTINGS), created=pdf_timestamp(CATALOGUE, build_epoch())
    )
    return {job.path: job for job in jobs if not job.large_print}


def untagged(job: PdfJob, output: Path) -> Path:
    """The job drawn as before tagging: WeasyPrint's plain PDF, through the same fetcher."""
    from weasyprint import HTML

    from fai_site.handouts.pdf_renderer import JobFetcher

    HTML(string=job.html, base_url=job.base_url, url_fetcher=JobFetcher(job)).write_pdf(output)
    return output


def pages_as_images(pdf: Path, directory: Path) -> list[bytes]:
    """Each page's pixels, as uncompressed PPM: the pixels PNG would hold, without the time its compression takes."""
    directory.mkdir()
    prefix = directory / pdf.stem
    subprocess.run(["pdftoppm", "-r", "50", str(pdf), str(prefix)], check=True)
    return [image.read_bytes() for image in sorted(directory.glob(f"{pdf.stem}-*.ppm"))]


def words_and_places(pdf: Path) -> str:
    """Every word with its box on its page, as poppler lays them out."""
    return subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("path", STANDARD_PDFS, ids=lambda path: path.removeprefix("handouts/"))
def test_tagging_moves_nothing_on_the_page(built_site: BuildResult, path: str, tmp_path: Path) -> None:
    assert sorted(standard_jobs()) == sorted(STANDARD_PDFS), "a standard sheet this test does not draw again"
    job = standard_jobs()[path]
    tagged = built_site.site / job.path
    plain = untagged(job, tmp_path / "plain.pdf")
    images = pages_as_images(tagged, tmp_path / "tagged"), pages_as_images(plain, tmp_path / "plain")
    assert len(images[0]) == len(images[1]), "tagging changed the page count"
    assert images[0] == images[1], "tagging changed what a page shows"
    assert words_and_places(tagged) == words_and_places(plain)
