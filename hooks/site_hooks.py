"""MkDocs events that wire the catalogue into the site.

Only this module knows MkDocs; everything it calls lives in the `fai_site` package,
which does not import MkDocs, so it can move to another engine unchanged.
"""

from __future__ import annotations

import datetime
import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from fai_site.cache import generator_cache
from fai_site.cache.generator_cache import KeptCatalogue
from fai_site.catalogue.problems import CatalogueError
from fai_site.catalogue.warning_signs import emergency_number, emergency_number_problem
from fai_site.handouts.pdf import HandoutPdf, ResourceLookup, handout_pdfs, over_budget
from fai_site.handouts.pdf_job import HandoutPdfError
from fai_site.pages.clinical_signoff import SignOff, changed_since, read_signoffs, review_note, review_status
from fai_site.pages.render import TEMPLATES, with_catalogue_lists
from fai_site.pages.serve_banner import STYLESHEET_PATH, Banner, banner_html, stylesheet, with_banner
from fai_site.pages.serve_pages import pictures_files
from fai_site.pages.site_pages import SiteSettings
from fai_site.pages.structured_data import PageFacts, Website, page_json_ld
from fai_site.pictures.drawing import TEMPLATES as PICTURE_TEMPLATES

if TYPE_CHECKING:  # the dev server's module costs a build 40 ms to import
    from mkdocs.livereload import LiveReloadServer

CATALOGUE_NAME = "exercises.yaml"
# The validated catalogue and the pages made from it, by a hash of what they were made from.
GENERATOR_CACHE = Path(".cache") / "generator"
# Rendered handout PDFs, by a hash of their inputs; kept across builds in the project folder.
PDF_CACHE = Path(".cache") / "handout-pdfs"
# QR codes for the handouts, by a hash of their address: drawing one costs milliseconds.
QR_CACHE = Path(".cache") / "qr-codes"
# Set HANDOUT_PDFS=0 to skip the PDFs for a quick preview.
PDF_SWITCH = "HANDOUT_PDFS"

log = get_plugin_logger(__name__)

# The catalogue validated by the last good `on_config`. `mkdocs serve` keeps it through a
# bad edit, so the preview keeps showing the last good pages instead of stalling.
kept: KeptCatalogue | None = None
# Set by `on_startup` for `mkdocs serve` only, so a bad catalogue always fails a build.
serving = False
# While serving: what the last save's check said, shown at the top of every page; None when all is well.
banner: Banner | None = None
# Who has clinically reviewed which article (extra.clinical_signoff), read by `on_config`.
signoffs: list[SignOff] = []


# ---- Hooks ----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    """Know from the first build whether this is `mkdocs serve`, so even a bad first save is shown in the browser."""
    global serving
    serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate before MkDocs cleans `site/`, so a bad edit never costs the last good site.

    While serving, a bad edit is logged and shown on every page, and the last good catalogue
    kept: a rebuild that raises would leave MkDocs 1.6's server holding every page request
    until a good one.
    """
    global kept, banner, signoffs
    try:
        signoffs = site_signoffs(config)
    except ValueError as error:
        if not serving:
            raise PluginError(f"{error}\nNothing was built, and site/ was left as it was.") from None
        banner = Banner.from_report(str(error), blocking=True, earlier_pages=kept is not None)
        log.error("%s", error)
        return config
    try:
        kept = generator_cache.load(
            catalogue_path(config), docs_dir=Path(config.docs_dir), cache_dir=project_folder(config) / GENERATOR_CACHE
        )
    except CatalogueError as error:
        if not serving:
            kept = None
            raise PluginError(f"{error.report()}\nNothing was built, and site/ was left as it was.") from None
        banner = Banner.from_report(error.report(), blocking=True, earlier_pages=kept is not None)
        log.error("%s\n%s", error.report(), still_serving())
        return config
    banner = Banner.from_report(kept.notes, blocking=False) if serving and kept.notes else None
    if kept.notes:
        # INFO, not WARNING: `--strict` fails on warnings, and warnings and drafts block nothing.
        log.info("%s", kept.notes)
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Add the exercise pages, illustrations, indexes and handouts as virtual files."""
    if serving:
        files.append(File.generated(config, STYLESHEET_PATH, content=stylesheet(), inclusion=InclusionLevel.NOT_IN_NAV))
    if kept is None:
        return files  # serving, and no save has been good yet: the banner says why the pages are missing
    if serving:
        for page in pictures_files(kept.catalogue, catalogue_path(config)):
            files.append(File.generated(config, page.path, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV))
    settings = site_settings(config)
    if not settings.is_public and not serving:
        # INFO, not WARNING: `make build --strict` must still build a preview; the words say what is missing.
        log.info(
            "Warning: site_url %s is not a public address, so the handouts carry no QR code and no web address. Set SITE_URL to the address the site is published at (e.g. SITE_URL=https://hips.example.org/ make build) to add them.",
            settings.site_url,
        )
    for generated in generator_cache.files(kept, settings, cache_dir=project_folder(config) / GENERATOR_CACHE):
        inclusion = InclusionLevel.UNDEFINED if generated.listed else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, generated.path, content=generated.content, inclusion=inclusion))
    for pdf in rendered_pdfs(files, config, settings):
        files.append(File.generated(config, pdf.path, abs_src_path=str(pdf.source)))
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill a page's lists from the catalogue, the handouts' own source (the warning signs, the exercises by phase),
    and end a reviewed article with its review: when it was checked, and who signed it off, or that nobody has."""
    if kept is None:
        return markdown
    source = page.file.content_string
    try:
        filled = with_catalogue_lists(
            markdown,
            kept.catalogue,
            source=page.file.src_uri,
            emergency_number=emergency_number(config.extra.get("clinic")),
            first_line=source.count("\n", 0, len(source) - len(markdown)) + 1 if source.endswith(markdown) else 1,
        )
    except ValueError as error:
        raise PluginError(str(error)) from None
    reviewed = page.meta.get("last_reviewed")
    if page.file.generated_by is not None or not isinstance(reviewed, datetime.date):
        return filled
    return filled + review_note(reviewed, review_status(page.file.src_uri, source, signoffs))


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    """Hand main.html the page's schema.org data, so search engines can show steps and review dates."""
    site = Website(name=config.site_name, url=config.site_url or "")
    context["structured_data"] = (
        None if kept is None else page_json_ld(page_facts(page), catalogue=kept.catalogue, site=site)
    )
    return context


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """While serving, put the catalogue's problems at the top of the page, as the terminal lists them."""
    return with_problems(output, config)


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    """The "not found" page too: after a bad first save, the exercise pages it stands in for do not exist yet."""
    return with_problems(output_content, config) if template_name == "404.html" else output_content


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Rebuild when the catalogue or the generator's templates change (pictures are in docs/, watched already)."""
    server.watch(str(catalogue_path(config)))
    server.watch(str(TEMPLATES))
    server.watch(str(PICTURE_TEMPLATES))
    return server


# ---- Helpers --------------------------------------------------------------------------


def with_problems(html_page: str, config: MkDocsConfig) -> str:
    if not serving or banner is None:
        return html_page
    href = urlsplit(config.site_url or "/").path + STYLESHEET_PATH  # from the root: the 404 page is served at any depth
    return with_banner(html_page, banner_html(banner, stylesheet_href=href, catalogue_name=CATALOGUE_NAME))


def still_serving() -> str:
    if kept is None:
        return f"No page made from {CATALOGUE_NAME} can be shown yet; save a fixed {CATALOGUE_NAME} to see them."
    return f"Still serving the last good pages; save a fixed {CATALOGUE_NAME} to update them."


def site_signoffs(config: MkDocsConfig) -> list[SignOff]:
    """The clinical sign-offs, once the settings they sit beside are checked; raises ValueError naming mkdocs.yml's field.

    A text changed since its sign-off is logged as a warning at INFO level, so `--strict` still builds: the page
    itself says its changes are not yet reviewed, and a fix must not wait for the reviewer.
    """
    problem = emergency_number_problem(config.extra.get("clinic"))
    if problem is not None:
        raise ValueError(f"{Path(config.config_file_path).name}: extra.clinic.emergency_number: {problem}")
    found = read_signoffs(
        config.extra,
        project=project_folder(config),
        docs_dir=Path(config.docs_dir),
        config_name=Path(config.config_file_path).name,
    )
    for warning in changed_since(found, project=project_folder(config), docs_dir=Path(config.docs_dir)):
        log.info("Warning: %s", warning)
    return found


def project_folder(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def catalogue_path(config: MkDocsConfig) -> Path:
    return project_folder(config) / CATALOGUE_NAME


def page_facts(page: Page) -> PageFacts:
    """The page as the structured-data core sees it; a `last_reviewed` that is not a date is an error."""
    reviewed = page.meta.get("last_reviewed")
    if reviewed is not None and not isinstance(reviewed, datetime.date):
        raise PluginError(f"{page.file.src_uri}: last_reviewed must be a date written YYYY-MM-DD, not {reviewed!r}")
    return PageFacts(
        source=page.file.src_uri,
        title=html.unescape(page.meta.get("title") or page.title or ""),
        description=page.meta.get("description") or "",
        url=page.canonical_url or "",
        last_reviewed=reviewed,
    )


def site_settings(config: MkDocsConfig) -> SiteSettings:
    return SiteSettings.from_config(
        site_url=config.site_url,
        directory_urls=config.use_directory_urls,
        extra=config.extra,
        docs_dir=Path(config.docs_dir),
        handout_pdfs=os.environ.get(PDF_SWITCH, "1") != "0",
        qr_cache=project_folder(config) / QR_CACHE,
    )


def rendered_pdfs(files: Files, config: MkDocsConfig, settings: SiteSettings) -> list[HandoutPdf]:
    """The handout PDFs, drawn from `files` (not `site/`), so they never wait for the site to be written."""
    assert kept is not None, "on_config validates the catalogue first"
    if not settings.handout_pdfs:
        log.info("%s=0: handout PDFs skipped", PDF_SWITCH)
        return []
    try:
        pdfs = handout_pdfs(
            kept.catalogue,
            settings,
            resources=file_content(files),
            cache_dir=project_folder(config) / PDF_CACHE,
            source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"),
        )
    except HandoutPdfError as error:
        raise PluginError(f"Handout PDF: {error}") from None
    log.info(
        "Handout PDFs: %d rendered, %d from the cache",
        sum(pdf.rendered for pdf in pdfs),
        sum(not pdf.rendered for pdf in pdfs),
    )
    log.info("Handout pages: %s", ", ".join(f"{pdf.path} {pdf.pages}" for pdf in pdfs))
    for problem in over_budget(pdfs, kept.catalogue):
        log.warning(problem)
    return pdfs


def file_content(files: Files) -> ResourceLookup:
    """Look up a site file's bytes, generated or on disk, by its path in the site."""

    def content(path: str) -> bytes | None:
        file = files.get_file_from_path(path)
        return None if file is None else file.content_bytes

    return content
