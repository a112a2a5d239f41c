"""The handout PDFs: shipped with the site, read back, drawn only when their inputs change."""

from __future__ import annotations

import datetime
import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from conftest import FIXTURES, ROOT, TEST_SITE_URL, BuildResult, SiteBuilder, build_epoch, fixture_text, make_project
from handout_fixtures import site_files
from html_reading import elements, parse
from pdf_reading import page_texts
from PIL import Image
from pypdf import PdfReader
from warning_box import printed, squeezed

from fai_site.catalogue.dosage_text import amount
from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import Catalogue
from fai_site.handouts.paper import BUDGET_EXERCISES, BUDGET_PAGES, Paper, page_budget
from fai_site.handouts.pdf import (
    HandoutPdf,
    ResourceLookup,
    drawn,
    handout_pdfs,
    linked_resources,
    over_budget,
    pdf_jobs,
    pdf_timestamp,
    usable_cores,
)
from fai_site.handouts.pdf_job import HandoutPdfError, PdfJob, RenderedPdf, Renderer
from fai_site.handouts.phone_link import program_reference
from fai_site.handouts.sheet import handout_items
from fai_site.pages.render import programs_using
from fai_site.site_settings import SiteSettings

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
PROGRAMS = {program.id: program for program in CATALOGUE.programs}
PRINTED = printed(CATALOGUE)
SETTINGS = SiteSettings(site_url=TEST_SITE_URL)
# Page sizes in PDF points (1/72 inch).
PAGE_SIZES = {Paper.A4: (595.28, 841.89), Paper.LETTER: (612.0, 792.0)}
PROGRAM_IDS = [program.id for program in CATALOGUE.programs]
# The clinic the real site's mkdocs.yml names under extra.clinic.
SITE_CLINIC = "Your physical therapy clinic"


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_path(site: Path, program_id: str, paper: Paper) -> Path:
    return site / "handouts" / paper.pdf_name(program_id)


# ---- The shipped PDFs ------------------------------------------------------------------


@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
@pytest.mark.parametrize("program_id", PROGRAM_IDS)
def test_each_program_ships_a_pdf_within_the_page_budget(
    built_site: BuildResult, program_id: str, paper: Paper
) -> None:
    program = next(program for program in CATALOGUE.programs if program.id == program_id)
    reader = PdfReader(pdf_path(built_site.site, program_id, paper))
    assert len(reader.pages) <= (page_budget(len(program.exercises)) or BUDGET_PAGES + 1)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(PAGE_SIZES[paper], abs=0.5)
    text = words(" ".join(page_texts(pdf_path(built_site.site, program_id, paper))))
    for item in handout_items(program, CATALOGUE):
        assert item.exercise.name in text
        assert amount(item.dosage) in text
    assert all(squeezed(group.heading) in squeezed(text) for group in (*PRINTED.adults, *PRINTED.children))
    assert SITE_CLINIC in text
    assert reader.metadata.title == f"{program.title} · {SITE_CLINIC}"


def test_the_pdfs_carry_source_date_epoch(built_site: BuildResult) -> None:
    created = datetime.datetime.fromtimestamp(int(build_epoch()), tz=datetime.UTC)
    for program_id in PROGRAM_IDS:
        for paper in Paper:
            reader = PdfReader(pdf_path(built_site.site, program_id, paper))
            assert (reader.metadata.creation_date, reader.metadata.modification_date) == (created, created)


def test_without_source_date_epoch_the_date_is_the_review_date() -> None:
    reviewed = CATALOGUE.model_copy(update={"last_reviewed": datetime.date(2024, 3, 5)})
    assert pdf_timestamp(reviewed, None) == datetime.datetime(2024, 3, 5, tzinfo=datetime.UTC)
    assert pdf_timestamp(reviewed, "") == datetime.datetime(2024, 3, 5, tzinfo=datetime.UTC)
    assert pdf_timestamp(reviewed, "1700000000") == datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)


def test_the_handout_page_links_both_pdfs(built_site: BuildResult) -> None:
    tree = parse(built_site.page(f"handouts/{PROGRAM_IDS[0]}/index.html"))
    links = {anchor.get("href") for anchor in elements(tree, "a")}
    assert {f"../{paper.pdf_name(PROGRAM_IDS[0])}" for paper in Paper} <= links


@pytest.mark.parametrize("program_id", PROGRAM_IDS)
@pytest.mark.parametrize("paper", list(Paper), ids=lambda paper: paper.value)
def test_the_qr_code_on_paper_opens_the_program_on_the_phone(
    built_site: BuildResult, program_id: str, paper: Paper, tmp_path: Path
) -> None:
    prefix = tmp_path / "page"
    # Every page, in grey as uncompressed PGM: PNG's compression took most of the time, and the code reads as well.
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "150", str(pdf_path(built_site.site, program_id, paper)), str(prefix)], check=True
    )
    decoded = [
        result.text
        for page in sorted(tmp_path.glob("page*.pgm"))
        for result in zxingcpp.read_barcodes(Image.open(page))
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]
    assert decoded == [f"{TEST_SITE_URL}program/#p={program_reference(PROGRAMS[program_id], CATALOGUE)}"]


# ---- The cache: render only what changed -----------------------------------------------


class CountingRenderer:
    """Stands in for WeasyPrint and remembers which PDFs it was asked to draw."""

    def __init__(self) -> None:
        self.rendered: list[str] = []

    def __call__(self, job: PdfJob) -> RenderedPdf:
        self.rendered.append(job.path)
        return RenderedPdf(b"%PDF-1.7 stand-in " + job.key().encode(), 1)


@functools.cache
def real_site_files() -> ResourceLookup:
    """The hook's file lookup for the real catalogue, made once per process: it draws every generated file."""
    return site_files(CATALOGUE, SETTINGS)


def build_pdfs(catalogue: Catalogue, cache: Path, renderer: CountingRenderer) -> list[str]:
    files = real_site_files() if catalogue is CATALOGUE else site_files(catalogue, SETTINGS)
    pdfs = handout_pdfs(catalogue, SETTINGS, resources=files, cache_dir=cache, renderer=renderer)
    return [pdf.path for pdf in pdfs]


def test_a_second_build_renders_nothing(tmp_path: Path) -> None:
    renderer = CountingRenderer()
    first = build_pdfs(CATALOGUE, tmp_path, renderer)
    assert sorted(renderer.rendered) == sorted(first) and len(first) == 4 * len(CATALOGUE.programs)
    renderer.rendered.clear()
    assert build_pdfs(CATALOGUE, tmp_path, renderer) == first
    assert renderer.rendered == []


def test_changing_one_exercise_renders_only_the_programs_that_use_it(tmp_path: Path) -> None:
    renderer = CountingRenderer()
    build_pdfs(CATALOGUE, tmp_path / "cache", renderer)
    exercise = max(CATALOGUE.exercises, key=lambda exercise: len(programs_using(exercise, CATALOGUE)))
    source = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    assert source.count(exercise.precautions[0]) == 1
    edited = tmp_path / "exercises.yaml"
    edited.write_text(
        source.replace(exercise.precautions[0], exercise.precautions[0] + " Go gently."), encoding="utf-8"
    )
    renderer.rendered.clear()
    build_pdfs(load_catalogue(edited, docs_dir=ROOT / "docs"), tmp_path / "cache", renderer)
    expected = {
        f"handouts/{paper.pdf_name(program.id, large_print=large_print)}"
        for program in programs_using(exercise, CATALOGUE)
        for paper in Paper
        for large_print in (False, True)
    }
    assert sorted(renderer.rendered) == sorted(expected)


def test_a_changed_stylesheet_renders_every_pdf_again(tmp_path: Path) -> None:
    renderer = CountingRenderer()
    build_pdfs(CATALOGUE, tmp_path, renderer)
    renderer.rendered.clear()
    files = real_site_files()

    def restyled(path: str) -> bytes | None:
        content = files(path)
        return content + b"\n/* changed */\n" if path == "stylesheets/handout.css" and content else content

    handout_pdfs(CATALOGUE, SETTINGS, resources=restyled, cache_dir=tmp_path, renderer=renderer)
    assert len(renderer.rendered) == 4 * len(CATALOGUE.programs)


def script_env(**extra: str) -> dict[str, str]:
    """The environment of a script run in a fresh process that imports this module and the test helpers."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "hooks"), str(ROOT / "tests"), str(ROOT / "tests" / "handouts")]),
        **extra,
    }


WARM_CACHE_BUILD = """
import sys
from pathlib import Path
from handout_fixtures import site_files
from test_handout_pdf import CATALOGUE, SETTINGS
from fai_site.handouts.pdf import handout_pdfs
handout_pdfs(CATALOGUE, SETTINGS, resources=site_files(CATALOGUE, SETTINGS), cache_dir=Path(sys.argv[1]))
assert "weasyprint" not in sys.modules, "WeasyPrint was imported"
"""


def test_weasyprint_is_not_imported_when_every_pdf_is_cached(tmp_path: Path) -> None:
    build_pdfs(CATALOGUE, tmp_path, CountingRenderer())
    completed = subprocess.run(
        [sys.executable, "-c", WARM_CACHE_BUILD, str(tmp_path)], capture_output=True, text=True, env=script_env()
    )
    assert completed.returncode == 0, completed.stderr


# A machine whose fonts lack Liberation Sans (Arial's metrics), as a bare Debian has: its
# fallback is wider, so a sheet drawn with the system's fonts could take a page more.
WITHOUT_LIBERATION = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*/liberation*</glob></rejectfont></selectfont>
</fontconfig>
"""
RENDER_LONGEST_SHEET = """
import sys
from pathlib import Path
from pypdf import PdfReader
from test_handout_pdf import longest_sheet
from weasyprint import HTML
from fai_site.handouts.pdf_renderer import render_pdf
Path(sys.argv[1]).write_bytes(render_pdf(longest_sheet()).content)
probe = Path(sys.argv[1]).with_suffix(".probe.pdf")
HTML(string='<p style="font-family: \\'Liberation Sans\\'">Which font?</p>').write_pdf(probe)
print(*(font["/BaseFont"] for font in PdfReader(probe).pages[0]["/Resources"]["/Font"].values()))
"""


def longest_sheet() -> PdfJob:
    """The PDF job of the longest handout sheet, dated."""
    created = pdf_timestamp(CATALOGUE, "1767225600")
    jobs = pdf_jobs(CATALOGUE, SETTINGS, resources=real_site_files(), created=created)
    return max(jobs, key=lambda job: len(job.html))


def render_longest_sheet(output: Path, **env: str) -> str:
    """The longest handout's PDF, drawn in a fresh process (fontconfig reads its settings once); the font a probe asking
    for Liberation Sans got."""
    completed = subprocess.run(
        [sys.executable, "-c", RENDER_LONGEST_SHEET, str(output)], capture_output=True, text=True, env=script_env(**env)
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


def test_a_sheet_prints_alike_on_a_machine_without_its_font(tmp_path: Path, render_pdf: Renderer) -> None:
    """The sheet brings its own font (docs/assets/fonts), so a machine's fonts cannot change its pages: drawn here, with
    this machine's fonts, and in a fresh process whose fontconfig hides every Liberation font, it is the same PDF."""
    fonts_conf = tmp_path / "fonts.conf"
    fonts_conf.write_text(WITHOUT_LIBERATION, encoding="utf-8")
    (tmp_path / "here.pdf").write_bytes(render_pdf(longest_sheet()).content)
    probe = render_longest_sheet(tmp_path / "bare.pdf", FONTCONFIG_FILE=str(fonts_conf))
    assert "Liberation" not in probe, f"the bare machine still has Liberation Sans ({probe}); the test proves nothing"
    assert (tmp_path / "bare.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in PdfReader(tmp_path / "here.pdf").pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"Handout-Sans", "Handout-Sans-Bold"} <= fonts


# ---- Rendering: reproducible and offline -----------------------------------------------


def minimal_jobs(source_date_epoch: str | None = None) -> list[PdfJob]:
    catalogue = load_catalogue(FIXTURES / "minimal.yaml", docs_dir=ROOT / "docs")
    created = pdf_timestamp(catalogue, source_date_epoch)
    return pdf_jobs(catalogue, SETTINGS, resources=site_files(catalogue, SETTINGS), created=created)


def test_equal_inputs_give_byte_identical_pdfs(render_pdf: Renderer) -> None:
    job = minimal_jobs()[0]
    assert render_pdf(job).content == render_pdf(job).content


def test_every_sheet_of_a_short_program_renders_in_each_size_alike_on_every_core(render_pdf: Renderer) -> None:
    """A cold build hands its PDFs to a pool of processes, one per core: each must come back to its own job, the
    same bytes as drawn here one by one."""
    if usable_cores() < 2:
        pytest.skip("one core: the build draws its PDFs one by one, in this process")
    jobs = minimal_jobs()
    assert {job.large_print for job in jobs} == {False, True} and len({job.path for job in jobs}) == 4
    one_by_one = [render_pdf(job) for job in jobs]
    assert list(drawn(jobs, renderer=None)) == one_by_one
    assert all(result.pages >= 1 for result in one_by_one)


QR_BLOCK = ".fai-handout__qr {"
KEPT_WHOLE = "  break-inside: avoid;\n}"


def restyled(job: PdfJob, css: str) -> PdfJob:
    return PdfJob(**{**vars(job), "resources": {**job.resources, "stylesheets/handout.css": css.encode()}})


def stylesheet(job: PdfJob) -> str:
    return job.resources["stylesheets/handout.css"].decode()


def boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or []:
        yield from boxes(child)


def qr_block_at_a_page_foot(job: PdfJob) -> PdfJob:
    """The job with its QR block pushed down (a top margin) until it straddles a page's foot, wherever the sheet's
    layout puts it: there WeasyPrint 70 stops with an AssertionError if that grid may split (Kozea/WeasyPrint#2397)."""
    from weasyprint import HTML

    from fai_site.handouts.pdf_renderer import JobFetcher

    document = HTML(string=job.html, base_url=job.base_url, url_fetcher=JobFetcher(job)).render()
    for page in document.pages:
        frame = page._page_box
        for box in boxes(frame):
            if getattr(box, "element", None) is not None and box.element.get("class") == "fai-handout__qr":
                shift = frame.content_box_y() + frame.height - box.height / 2 - box.position_y
                return restyled(job, stylesheet(job) + f"\n{QR_BLOCK} margin-top: {shift}px; }}\n")
    raise AssertionError(f"{job.path} has no QR block")


def test_a_qr_block_at_a_pages_foot_goes_whole_to_the_next_page(render_pdf: Renderer) -> None:
    """The stylesheet keeps the QR block whole, so a sheet whose block falls at a page's foot still prints."""
    job = next(job for job in minimal_jobs() if job.large_print)
    assert render_pdf(qr_block_at_a_page_foot(job)).pages >= 1


def test_a_sheet_weasyprint_cannot_lay_out_is_named_not_a_traceback(render_pdf: Renderer) -> None:
    footed = qr_block_at_a_page_foot(next(job for job in minimal_jobs() if job.large_print))
    css = stylesheet(footed)
    qr_rule = css.index(QR_BLOCK)
    broken = restyled(footed, css[:qr_rule] + css[qr_rule:].replace(KEPT_WHOLE, "}", 1))
    with pytest.raises(HandoutPdfError, match=r"^handouts/starter-large-print\.pdf: WeasyPrint could not lay out"):
        render_pdf(broken)


def test_source_date_epoch_sets_the_pdf_date(tmp_path: Path, render_pdf: Renderer) -> None:
    job = minimal_jobs("1767225600")[0]
    output = tmp_path / "handout.pdf"
    output.write_bytes(render_pdf(job).content)
    assert PdfReader(output).metadata.creation_date == datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def test_a_bad_source_date_epoch_is_named() -> None:
    with pytest.raises(HandoutPdfError, match="SOURCE_DATE_EPOCH"):
        pdf_timestamp(CATALOGUE, "yesterday")


def test_a_handout_linking_outside_the_site_is_refused() -> None:
    job = minimal_jobs()[0]
    html = job.html.replace("</body>", '<img src="https://tracker.example.com/pixel.png"></body>')
    with pytest.raises(HandoutPdfError, match="not a file of this site"):
        linked_resources(html, base_url=job.base_url, site_url=job.site_url, lookup=real_site_files())


def test_the_renderer_fetches_only_the_files_gathered_for_the_job() -> None:
    from fai_site.handouts.pdf_renderer import JobFetcher

    job = minimal_jobs()[0]
    fetcher = JobFetcher(job)
    stylesheet = fetcher.fetch(f"{TEST_SITE_URL}stylesheets/handout.css")
    assert stylesheet.read() == job.resources["stylesheets/handout.css"]
    for refused in ("https://fonts.example.com/font.woff2", f"{TEST_SITE_URL}secret.txt", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(refused)


# ---- The switch for quick previews -----------------------------------------------------


def test_handout_pdfs_0_skips_the_pdfs_and_their_links(tmp_path: Path, site_builder: SiteBuilder) -> None:
    config = make_project(tmp_path, fixture_text("minimal.yaml"))
    built = site_builder(config, tmp_path / "site")
    assert built.returncode == 0, built.output
    assert not list((tmp_path / "site").rglob("*.pdf"))
    assert "Download PDF" not in (tmp_path / "site" / "handouts" / "starter" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / ".cache" / "handout-pdfs").exists()


def test_a_program_over_the_page_budget_is_named() -> None:
    program = CATALOGUE.programs[0]
    pdfs = [HandoutPdf(program.id, f"handouts/{program.id}.pdf", Path("unused.pdf"), BUDGET_PAGES + 1, rendered=True)]
    assert len(program.exercises) <= BUDGET_EXERCISES
    (problem,) = over_budget(pdfs, CATALOGUE)
    assert (
        problem.startswith(f"handouts/{program.id}.pdf has {BUDGET_PAGES + 1} pages")
        and f"must fit on {BUDGET_PAGES}" in problem
    )
    within = [HandoutPdf(program.id, f"handouts/{program.id}.pdf", Path("unused.pdf"), BUDGET_PAGES, rendered=True)]
    assert over_budget(within, CATALOGUE) == []
