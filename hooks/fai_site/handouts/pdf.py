"""Each program's handout as A4 and US Letter PDFs, rendered only when what goes into them changed.

A PDF is drawn from the same sheet HTML and the same `handout.css` as the handout page,
inside a print wrapper that sets the paper size. Everything that goes into a PDF is
gathered first (the HTML and every site file it links), so a hash of it names the PDF
in the cache: a rebuild that changes nothing renders nothing, and WeasyPrint (about a
second to import) is imported only when a PDF must really be drawn.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import re
import site
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup

from fai_site.catalogue.model import Catalogue, Program
from fai_site.files import store
from fai_site.handouts.paper import Paper, page_budget
from fai_site.handouts.pdf_job import HandoutPdfError, PdfJob, RenderedPdf, Renderer, site_path
from fai_site.handouts.sheet import handout_sheet
from fai_site.handouts.templating import render
from fai_site.site_settings import SiteSettings

STYLESHEET = "stylesheets/handout.css"
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")

# Site path (relative to the site root) → the file's bytes, or None if the site has no such file.
ResourceLookup = Callable[[str], bytes | None]


@dataclass(frozen=True)
class HandoutPdf:
    """A finished PDF: its program, where it goes in the site, the cached file that holds it, its pages, whether
    this build drew it, and whether it is the large-print edition."""

    program_id: str
    path: str
    source: Path
    pages: int
    rendered: bool
    large_print: bool = False


# ---- Jobs: what goes into each PDF ----------------------------------------------------


def pdf_jobs(
    catalogue: Catalogue, settings: SiteSettings, *, resources: ResourceLookup, created: datetime.datetime
) -> list[PdfJob]:
    """One job per program, edition and paper size, in a stable order; all four wrap the same sheet, rendered once.

    A PDF leaves the site it came with, so it is always drawn as the published site's page (directory addresses):
    the offline copy's PDFs are then the very same files, and `make offline` after `make build` draws none again.
    """
    settings = replace(settings, directory_urls=True)
    jobs = []
    for program in catalogue.programs:
        sheet = Markup(handout_sheet(program, catalogue, settings))
        jobs += [
            pdf_job(program, paper, sheet, settings, resources=resources, created=created, large_print=large_print)
            for large_print in (False, True)
            for paper in Paper
        ]
    return jobs


def pdf_job(
    program: Program,
    paper: Paper,
    sheet: Markup,
    settings: SiteSettings,
    *,
    resources: ResourceLookup,
    created: datetime.datetime,
    large_print: bool = False,
) -> PdfJob:
    """The page's own sheet in the print wrapper, resolved against the page's address so its links work as on
    the site; large print is the same sheet, the wrapper asking the stylesheet for its large type."""
    page_path = f"handouts/{program.id}"
    root = settings.root_from(page_path)
    html = render(
        "handout_pdf.html.j2",
        program=program,
        clinic=settings.clinic,
        paper=paper,
        root=root,
        stylesheet=STYLESHEET,
        created=created.isoformat(),
        sheet=sheet,
        large_print=large_print,
    )
    base_url = settings.page_url(page_path)
    site_url = settings.site_url.rstrip("/") + "/"
    return PdfJob(
        program_id=program.id,
        path=f"handouts/{paper.pdf_name(program.id, large_print=large_print)}",
        html=html,
        base_url=base_url,
        site_url=site_url,
        resources=linked_resources(html, base_url=base_url, site_url=site_url, lookup=resources),
        large_print=large_print,
    )


def pdf_timestamp(catalogue: Catalogue, source_date_epoch: str | None) -> datetime.datetime:
    """The date written into the PDFs: SOURCE_DATE_EPOCH for reproducible builds, else the review date."""
    if source_date_epoch:
        try:
            return datetime.datetime.fromtimestamp(int(source_date_epoch), tz=datetime.UTC)
        except ValueError:
            raise HandoutPdfError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds (got {source_date_epoch!r})"
            ) from None
    return datetime.datetime.combine(catalogue.last_reviewed, datetime.time(), tzinfo=datetime.UTC)


# ---- Resources: the site files a PDF links --------------------------------------------


class LinkCollector(HTMLParser):
    """Every `src` and `href` a renderer would fetch: images, stylesheets, SVG images."""

    FETCHED = {("img", "src"), ("link", "href"), ("image", "href"), ("image", "xlink:href"), ("source", "src")}

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links.extend(value for name, value in attrs if value and (tag, name) in self.FETCHED)


def linked_resources(html: str, *, base_url: str, site_url: str, lookup: ResourceLookup) -> dict[str, bytes]:
    """The bytes of every site file the HTML needs, following stylesheets' own links."""
    collector = LinkCollector()
    collector.feed(html)
    found: dict[str, bytes] = {}
    pending = [urljoin(base_url, link) for link in collector.links]
    while pending:
        url = pending.pop()
        path = site_path(url, site_url)
        if path is None:
            raise HandoutPdfError(
                f"the handout links {url}, which is not a file of this site; PDFs use local files only"
            )
        if path in found:
            continue
        content = lookup(path)
        if content is None:
            raise HandoutPdfError(f"the handout links {path}, but the site has no such file")
        found[path] = content
        if path.endswith(".css"):
            pending.extend(urljoin(url, link) for link in css_links(content.decode("utf-8")))
    return found


def css_links(css: str) -> Iterator[str]:
    """The files a stylesheet pulls in (url() and @import), so the cache key covers them too."""
    for match in CSS_URL.finditer(css):
        link = match.group(1) or match.group(2)
        if not link.startswith("data:"):
            yield link


# ---- The cache --------------------------------------------------------------------------


def cached_pdfs(jobs: list[PdfJob], *, cache_dir: Path, renderer: Renderer | None = None) -> list[HandoutPdf]:
    """Each job's PDF from the cache, rendering (and storing) only those not there yet; its page count is kept beside
    it."""
    sources = {job.path: cache_dir / f"{job.key()}.pdf" for job in jobs}
    missing = [job for job in jobs if not cached(sources[job.path])]
    for job, result in zip(missing, drawn(missing, renderer), strict=True):
        store(sources[job.path], result.content)
        store(sources[job.path].with_suffix(".pages"), str(result.pages).encode())
    drawn_now = {job.path for job in missing}
    pdfs = []
    for job in jobs:
        source = sources[job.path]
        pages = int(source.with_suffix(".pages").read_text(encoding="utf-8"))
        pdfs.append(HandoutPdf(job.program_id, job.path, source, pages, job.path in drawn_now, job.large_print))
    return pdfs


def cached(source: Path) -> bool:
    return source.is_file() and source.with_suffix(".pages").is_file()


def drawn(jobs: list[PdfJob], renderer: Renderer | None) -> Iterator[RenderedPdf]:
    """Each job drawn, in order: by `renderer` in this process, or by WeasyPrint on every core of the machine, since
    a build from an empty cache draws 20 PDFs of about 1.7 s each, one after another on one core."""
    if not jobs:
        return
    cores = usable_cores()
    if renderer is not None or len(jobs) < 2 or cores < 2:
        draw = renderer or weasyprint_renderer()
        yield from map(draw, jobs)
        return
    # A fresh interpreter per worker (forking a process that serves pages or runs threads is unsafe); MkDocs puts the
    # hooks' folder on the path only while it loads them, so each worker adds it before it reads a job.
    with ProcessPoolExecutor(
        max_workers=min(cores, len(jobs)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=site.addsitedir,
        initargs=(str(Path(__file__).parents[2]),),
    ) as pool:
        yield from pool.map(draw_with_weasyprint, jobs)


def usable_cores() -> int:
    """The cores this process may use (Linux knows its share; macOS and Windows only the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def draw_with_weasyprint(job: PdfJob) -> RenderedPdf:
    """One job drawn by WeasyPrint, in a worker process."""
    return weasyprint_renderer()(job)


def over_budget(pdfs: list[HandoutPdf], catalogue: Catalogue) -> list[str]:
    """What breaks the page budgets the README promises: a program of up to 6 exercises on more than 3 pages, or on
    more than 10 in large print."""
    lengths = {program.id: len(program.exercises) for program in catalogue.programs}
    problems = []
    for pdf in pdfs:
        budget = page_budget(lengths[pdf.program_id], large_print=pdf.large_print)
        if budget is not None and pdf.pages > budget:
            problems.append(
                f"{pdf.path} has {pdf.pages} pages; a program of {lengths[pdf.program_id]} exercises must fit on "
                f"{budget}. Shorten its notes or texts, or split the program."
            )
    return problems


def weasyprint_renderer() -> Renderer:
    """The real renderer, imported here because importing WeasyPrint costs about a second."""
    from fai_site.handouts.pdf_renderer import render_pdf

    return render_pdf


def handout_pdfs(
    catalogue: Catalogue,
    settings: SiteSettings,
    *,
    resources: ResourceLookup,
    cache_dir: Path,
    source_date_epoch: str | None = None,
    renderer: Renderer | None = None,
) -> list[HandoutPdf]:
    """Every program's PDFs, A4 and Letter, standard and large print, from the cache or freshly rendered."""
    created = pdf_timestamp(catalogue, source_date_epoch)
    jobs = pdf_jobs(catalogue, settings, resources=resources, created=created)
    return cached_pdfs(jobs, cache_dir=cache_dir, renderer=renderer)
