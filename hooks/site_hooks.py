"""MkDocs events that wire the catalogue into the site.

Only this module knows MkDocs; everything it calls lives in the `fai_site` package,
which does not import MkDocs, so it can move to another engine unchanged. Each event
hands MkDocs' objects to the build (`fai_site.project.SiteBuild`) and logs what it says.
"""

from __future__ import annotations

import datetime
import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from fai_site.catalogue.problems import CatalogueError
from fai_site.handouts.pdf import HandoutPdf, ResourceLookup
from fai_site.handouts.pdf_job import HandoutPdfError
from fai_site.pages.security_policy import with_policy
from fai_site.pages.structured_data import PageFacts, Website
from fai_site.project import PDF_CACHE, PDF_SWITCH, PageReview, Project, SiteBuild
from fai_site.source_checks import UnsafeSourceError

if TYPE_CHECKING:  # the dev server's module costs a build 40 ms to import
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)
NOTHING_BUILT = "Nothing was built, and site/ was left as it was."

# The build's state for the life of this process: one `mkdocs build`, or every rebuild of `mkdocs serve`.
build = SiteBuild()


# ---- Hooks ----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    """Know from the first build whether this is `mkdocs serve`, so even a bad first save is shown in the browser.

    `mkdocs serve` builds into a folder of its own; a build for publishing gets a fresh one in `on_config`.
    """
    global build
    build = SiteBuild(serving=command == "serve", publishing=command in ("build", "gh-deploy"), keep_files=dirty)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate before MkDocs cleans `site/`, so a bad edit never costs the last good site.

    While serving, a bad edit is logged and shown on every page, and the last good catalogue
    kept: a rebuild that raises would leave MkDocs 1.6's server holding every page request
    until a good one. Files of docs/ and paths of mkdocs.yml the site must not publish fail a
    build the same way; a preview, which only this machine sees, goes on and says so. A build
    for publishing then writes into a fresh folder (`SiteBuild.build_folder`).
    """
    try:
        loading = project(config)
    except ValueError as error:  # a setting no page may print: the emergency number, a clinical sign-off
        if not build.serving:
            raise PluginError(f"{error}\n{NOTHING_BUILT}") from None
        build.refuse(str(error))
        log.error("%s", error)
        return config
    unsafe = UnsafeSourceError(problems) if (problems := loading.unsafe_sources()) else None
    if unsafe and build.serving:
        log.error("%s", unsafe.report())
    try:
        kept = build.load(loading)
    except CatalogueError as error:
        if not build.serving:
            reports = [error.report(), *([unsafe.report()] if unsafe else [])]
            raise PluginError("\n".join([*reports, NOTHING_BUILT])) from None
        log.error("%s\n%s", error.report(), build.still_serving())
        return config
    if unsafe and not build.serving:
        raise PluginError(f"{unsafe.report()}\n{NOTHING_BUILT}")
    if kept.notes:
        # INFO, not WARNING: `--strict` fails on warnings, and warnings and drafts block nothing.
        log.info("%s", kept.notes)
    for warning in build.signoff_warnings():
        # INFO, not WARNING: the page itself says its changes are not yet reviewed, and a fix must not wait for the
        # reviewer, so `--strict` still builds.
        log.info("Warning: %s", warning)
    config.site_dir = str(build.build_folder(Path(config.site_dir)))
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Add the exercise pages, illustrations, indexes and handouts as virtual files."""
    for served in build.serve_files():
        files.append(File.generated(config, served.path, content=served.content, inclusion=InclusionLevel.NOT_IN_NAV))
    if build.kept is None:
        return files  # serving, and no save has been good yet: the banner says why the pages are missing
    settings = build.loaded().settings
    if not settings.is_public and not build.serving:
        # INFO, not WARNING: `make build --strict` must still build a preview; the words say what is missing.
        log.info(
            "Warning: site_url %s is not a public address, so the handouts carry no QR code and no web address. "
            "Set SITE_URL to the address the site is published at "
            "(e.g. SITE_URL=https://hips.example.org/ make build) to add them.",
            settings.site_url,
        )
    for generated in build.generated_files():
        inclusion = InclusionLevel.UNDEFINED if generated.listed else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, generated.path, content=generated.content, inclusion=inclusion))
    for pdf in rendered_pdfs(files):
        files.append(File.generated(config, pdf.path, abs_src_path=str(pdf.source)))
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill a page's lists from the catalogue, the handouts' own source (the warning signs, the exercises by phase),
    and end a reviewed article with its review: when it was checked, and who signed it off, or that nobody has."""
    source = page.file.content_string
    # MkDocs hands the page over without its front matter; a marker's line is counted in the file.
    first_line = source.count("\n", 0, len(source) - len(markdown)) + 1 if source.endswith(markdown) else 1
    reviewed = page.meta.get("last_reviewed")
    review = (
        PageReview(reviewed, source) if page.file.generated_by is None and isinstance(reviewed, datetime.date) else None
    )
    try:
        return build.catalogue_lists(markdown, source=page.file.src_uri, first_line=first_line, review=review)
    except ValueError as error:
        raise PluginError(str(error)) from None


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    """Hand main.html the page's schema.org data, so search engines can show steps and review dates."""
    site = Website(name=config.site_name, url=config.site_url or "")
    # main.html reads it; MkDocs' TemplateContext names only the keys MkDocs itself sets.
    cast("dict[str, Any]", context)["structured_data"] = (
        build.structured_data(page_facts(page), site=site) if build.kept else None
    )
    return context


@event_priority(-100)  # last, so the policy hashes the inline scripts as the page ships them
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Draw in an exercise page's moving picture, now that Markdown and search are done with the page; the page's
    Content-Security-Policy; while serving, the catalogue's problems at the top, as the terminal lists them."""
    return with_policy(build.with_problems(build.with_moving_pictures(output), site_path=site_path(config)))


@event_priority(-100)
def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    """The "not found" page too: after a bad first save, the exercise pages it stands in for do not exist yet."""
    if template_name != "404.html":
        return output_content
    return with_policy(build.with_problems(output_content, site_path=site_path(config)))


@event_priority(-1000)  # after every plugin's own post-build work
def on_post_build(*, config: MkDocsConfig) -> None:
    """Every page and file is written; only `--strict`'s count of warnings, next, can still fail the build."""
    build.written()


def on_build_error(*, error: Exception) -> None:
    """A failed build publishes nothing: its folder goes, and site/ stays as it was."""
    if build.failed():
        log.error("Nothing was published: site/ was left as it was.")


def on_shutdown() -> None:
    """The whole build succeeded: its folder becomes site/. Interrupted before the end, it is deleted."""
    build.close()


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Rebuild when the catalogue or the generator's templates change (pictures are in docs/, watched already).

    The server adds its live-reload script to each page as it sends it, different every
    time; the page's policy is made again there, so it allows that script too.
    """
    for path in build.watched():
        server.watch(str(path))
    server._inject_js_into_html = policed(server._inject_js_into_html)  # type: ignore[method-assign]
    return server


# ---- Helpers --------------------------------------------------------------------------


def policed(inject: Callable[..., bytes]) -> Callable[[bytes, int], bytes]:
    """The server's live-reload injection, with the page's policy made again to name the script it adds."""

    def injected(content: bytes, epoch: int) -> bytes:
        return with_policy(inject(content, epoch).decode()).encode()

    return injected


def project(config: MkDocsConfig) -> Project:
    """The project as MkDocs read its config; the environment's switches are read once, here."""
    return Project.from_config(
        config_file=Path(config.config_file_path),
        docs_dir=Path(config.docs_dir),
        site_url=config.site_url,
        directory_urls=config.use_directory_urls,
        extra=config.extra,
        environ=os.environ,
    )


def site_path(config: MkDocsConfig) -> str:
    return urlsplit(config.site_url or "/").path


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


def rendered_pdfs(files: Files) -> list[HandoutPdf]:
    """The handout PDFs, drawn from `files` (not `site/`), so they never wait for the site to be written."""
    if not build.loaded().settings.handout_pdfs:
        log.info("%s=0: handout PDFs skipped", PDF_SWITCH)
        return []
    try:
        pdfs = build.handout_pdfs(file_content(files))
    except HandoutPdfError as error:
        raise PluginError(f"Handout PDF: {error}") from None
    except OSError as error:
        raise PluginError(f"Handout PDF: cannot keep the PDFs in {PDF_CACHE}: {error}") from None
    log.info(
        "Handout PDFs: %d rendered, %d from the cache",
        sum(pdf.rendered for pdf in pdfs),
        sum(not pdf.rendered for pdf in pdfs),
    )
    log.info("Handout pages: %s", ", ".join(f"{pdf.path} {pdf.pages}" for pdf in pdfs))
    for problem in build.over_budget(pdfs):
        log.warning(problem)
    return pdfs


def file_content(files: Files) -> ResourceLookup:
    """Look up a site file's bytes, generated or on disk, by its path in the site."""

    def content(path: str) -> bytes | None:
        file = files.get_file_from_path(path)
        return None if file is None else file.content_bytes

    return content
