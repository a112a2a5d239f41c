"""The composition root: a project's settings, read once, and the builds made from them.

The MkDocs hooks, `make check` and `make generate` (`cli`, `generated_tree`) and the tests
all start here. `Project` is everything a run takes from mkdocs.yml and the environment,
assembled in one place. `SiteBuild` makes the generated files and the handout PDFs from a
project, and holds what must outlive one build under `mkdocs serve`: the last good
catalogue and the problems shown at the top of each page. Nothing is kept in module
globals, so a test makes a fresh `SiteBuild` and builds in-process.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fai_site.cache import generator_cache
from fai_site.cache.generator_cache import KeptCatalogue
from fai_site.catalogue.clinical_signoff import (
    CATALOGUE_KEY,
    SignOff,
    changed_since,
    read_signoffs,
    review_note,
    review_status,
)
from fai_site.catalogue.loader import CheckedCatalogue, check_catalogue
from fai_site.catalogue.problems import CatalogueError
from fai_site.catalogue.reading_grade import GRADES_FILE, ReadingGrades
from fai_site.handouts import pdf as handout_pdf
from fai_site.handouts import templating as handout_templating
from fai_site.handouts.pdf import HandoutPdf, ResourceLookup
from fai_site.pages import companion, serve_banner
from fai_site.pages import templating as page_templating
from fai_site.pages.render import with_catalogue_lists, with_moving_pictures
from fai_site.pages.serve_banner import Banner
from fai_site.pages.serve_pages import pictures_files
from fai_site.pages.site_pages import GeneratedFile
from fai_site.pages.structured_data import PageFacts, Website, page_json_ld
from fai_site.pictures import templating as picture_templating
from fai_site.site_folder import FreshFolder
from fai_site.site_settings import (
    CLINIC_CONTACT,
    NOT_REVIEWED,
    PREVIEW_URL,
    Clinic,
    SiteSettings,
    emergency_number,
    emergency_number_problem,
)
from fai_site.source_checks import docs_problems, logo_problems, source_date_problems

CATALOGUE_NAME = "exercises.yaml"
CONFIG_NAME = "mkdocs.yml"
# The validated catalogue and the pages made from it, by a hash of what they were made from.
GENERATOR_CACHE = Path(".cache") / "generator"
# Rendered handout PDFs, by a hash of their inputs; kept across builds in the project folder.
PDF_CACHE = Path(".cache") / "handout-pdfs"
# QR codes for the handouts, by a hash of their address: drawing one costs milliseconds.
QR_CACHE = Path(".cache") / "qr-codes"
# Set HANDOUT_PDFS=0 to skip the PDFs for a quick preview.
PDF_SWITCH = "HANDOUT_PDFS"
# The date written into the PDFs, for reproducible builds (the Makefile sets it to the last commit's time).
SOURCE_DATE = "SOURCE_DATE_EPOCH"


# ---- The project ------------------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    """A project's folder and everything a run takes from its mkdocs.yml and the environment, read once."""

    config_file: Path
    catalogue_file: Path
    docs_dir: Path
    settings: SiteSettings
    # SOURCE_DATE_EPOCH: the date in the PDFs; None dates them by the catalogue's review.
    source_date_epoch: str | None = None
    # Who has clinically reviewed which text (`extra.clinical_signoff`); none until a named clinician signs.
    signoffs: tuple[SignOff, ...] = ()

    @classmethod
    def from_config(
        cls,
        *,
        config_file: Path,
        docs_dir: Path,
        site_url: str | None,
        directory_urls: bool,
        extra: Mapping[str, Any],
        environ: Mapping[str, str] | None = None,
    ) -> Project:
        """The project of a config as MkDocs or `read` parsed it; HANDOUT_PDFS and SOURCE_DATE_EPOCH from `environ`.

        Raises `ValueError` naming mkdocs.yml's field for a setting no page may print: an emergency number that is not
        quoted text, a sign-off that cannot be read.
        """
        environ = os.environ if environ is None else environ
        folder = config_file.parent
        if (problem := emergency_number_problem(extra.get("clinic"))) is not None:
            raise ValueError(f"{config_file.name}: extra.clinic.emergency_number: {problem}")
        signoffs = read_signoffs(dict(extra), project=folder, docs_dir=docs_dir, config_name=config_file.name)
        catalogue_file = folder / CATALOGUE_NAME
        return cls(
            config_file=config_file,
            catalogue_file=catalogue_file,
            docs_dir=docs_dir,
            settings=site_settings(
                site_url=site_url,
                directory_urls=directory_urls,
                extra=extra,
                docs_dir=docs_dir,
                handout_pdfs=environ.get(PDF_SWITCH, "1") != "0",
                qr_cache=folder / QR_CACHE,
                catalogue_review=catalogue_review(catalogue_file, signoffs),
            ),
            source_date_epoch=environ.get(SOURCE_DATE),
            signoffs=tuple(signoffs),
        )

    @classmethod
    def read(cls, config_file: Path, *, environ: Mapping[str, str] | None = None) -> Project:
        """The project of a mkdocs.yml read without MkDocs, as MkDocs would read it (`make generate`).

        `!ENV` in the file reads this process's environment, as MkDocs does; `environ` gives the switches.
        """
        config = read_config(config_file)
        return cls.from_config(
            config_file=config_file,
            docs_dir=config_file.parent / config.get("docs_dir", "docs"),
            site_url=config.get("site_url"),
            directory_urls=config.get("use_directory_urls", True),
            extra=config.get("extra") or {},
            environ=environ,
        )

    @classmethod
    def of_catalogue(cls, catalogue_file: Path, *, docs_dir: Path | None = None) -> Project:
        """A catalogue on its own, as `make check` reads it: its pictures in the docs/ beside it unless told."""
        docs = docs_dir or catalogue_file.parent / "docs"
        return cls(
            config_file=catalogue_file.parent / CONFIG_NAME,
            catalogue_file=catalogue_file,
            docs_dir=docs,
            settings=SiteSettings(site_url=PREVIEW_URL),
        )

    def check(self, *, grades_dir: Path | None = None) -> CheckedCatalogue:
        """The catalogue alone, as `make check` shows it: every warning and draft problem too; raises `CatalogueError`.

        With `grades_dir`, reading grades are kept there (the build's own file), so only changed texts are measured.
        """
        grades = ReadingGrades(grades_dir / GRADES_FILE if grades_dir else None)
        try:
            return check_catalogue(self.catalogue_file, docs_dir=self.docs_dir, grades=grades)
        finally:
            grades.save()

    def unsafe_sources(self) -> list[str]:
        """Files of docs/ and paths of mkdocs.yml the site must not publish, and a date the PDFs cannot hold."""
        return [
            *docs_problems(self.docs_dir, self.folder),
            *logo_problems(
                self.settings.clinic.logo,
                docs_dir=self.docs_dir,
                project=self.folder,
                config_name=self.config_file.name,
            ),
            *source_date_problems(self.source_date_epoch),
        ]

    @property
    def folder(self) -> Path:
        return self.config_file.parent

    @property
    def generator_cache(self) -> Path:
        return self.folder / GENERATOR_CACHE

    @property
    def pdf_cache(self) -> Path:
        return self.folder / PDF_CACHE


def site_settings(
    *,
    site_url: str | None,
    directory_urls: bool,
    extra: Mapping[str, Any],
    docs_dir: Path,
    handout_pdfs: bool,
    qr_cache: Path | None,
    catalogue_review: str = NOT_REVIEWED,
) -> SiteSettings:
    """The settings of a site as its mkdocs.yml states them, for the hooks and for `make generate` alike."""
    clinic = extra.get("clinic") or {}
    contact = {key: str(value) for key, value in clinic.items() if value and key in CLINIC_CONTACT}
    return SiteSettings(
        site_url=site_url or PREVIEW_URL,
        directory_urls=directory_urls,
        clinic=Clinic(**contact, emergency_number=emergency_number(clinic)),
        handout_pdfs=handout_pdfs,
        qr_cache=qr_cache,
        companion_assets=companion.assets_hash(docs_dir),
        catalogue_review=catalogue_review,
    )


def catalogue_review(catalogue_file: Path, signoffs: list[SignOff]) -> str:
    """What every sheet and "My program" say of the catalogue's clinical review."""
    if not catalogue_file.is_file():
        return NOT_REVIEWED
    return review_status(CATALOGUE_KEY, catalogue_file.read_text(encoding="utf-8"), signoffs).sentence


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml read as MkDocs reads it, as far as the generated pages need: `!ENV` resolved."""


def environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, …, default]`: the first variable set, else the default (MkDocs' rule)."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)  # type: ignore[arg-type]
    return next((os.environ[name] for name in names if name in os.environ), default)


ConfigLoader.add_constructor("!ENV", environment_value)


def read_config(config_file: Path) -> dict[str, Any]:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    return config if isinstance(config, dict) else {}


# ---- The build ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageReview:
    """A hand-written article's review date, and its text as written, whose fingerprint its sign-off holds."""

    last_reviewed: datetime.date
    text: str


class SiteBuild:
    """The generator's side of building a project's site, and what one build leaves to the next.

    The hooks keep one for the life of the MkDocs process and `load` each build's project
    into it; `make generate` and a test each make their own.
    """

    def __init__(self, *, serving: bool = False, publishing: bool = False, keep_files: bool = False) -> None:
        # `mkdocs serve`: a bad catalogue is shown in the browser instead of failing the build.
        self.serving = serving
        # A build for publishing writes into a fresh folder, which replaces the site once the whole build has
        # succeeded (`keep_files`: a dirty build, which starts from a copy of the site).
        self.publishing = publishing
        self.keep_files = keep_files
        self.fresh: FreshFolder | None = None
        self.finished = False
        # The catalogue validated by the last good `load`. While serving it is kept through a
        # bad edit, so the preview keeps showing the last good pages instead of stalling.
        self.kept: KeptCatalogue | None = None
        # While serving: what the last save's check said, shown at the top of every page; None when all is well.
        self.banner: Banner | None = None
        self.project: Project | None = None
        # The last build's generated files by path, where its pages find the moving pictures they name.
        self.files: dict[str, str] = {}

    def load(self, project: Project) -> KeptCatalogue:
        """The project's validated catalogue, from the cache if unchanged; raises `CatalogueError` naming every problem.

        While serving, a bad catalogue is put in the banner and the last good one stays.
        """
        self.project = project
        try:
            kept = generator_cache.load(
                project.catalogue_file, docs_dir=project.docs_dir, cache_dir=project.generator_cache
            )
        except CatalogueError as error:
            if not self.serving:
                self.kept = None
            else:
                self.banner = Banner.from_report(error.report(), blocking=True, earlier_pages=self.kept is not None)
            raise
        self.kept = kept
        self.banner = Banner.from_report(kept.notes, blocking=False) if self.serving and kept.notes else None
        return kept

    def build_folder(self, site: Path) -> Path:
        """Where this build writes: a fresh folder beside `site` when publishing, else `site` itself."""
        if not self.publishing:
            return site
        if self.fresh is None:
            self.fresh, self.finished = FreshFolder.beside(site, keep_files=self.keep_files), False
        return self.fresh.folder

    def written(self) -> None:
        """Every page and file is written; only a check of the whole (`--strict`'s warnings) can still fail it."""
        self.finished = True

    def failed(self) -> bool:
        """The build failed: its folder goes, and the site stays as it was. True if there was a folder to drop."""
        fresh, self.fresh = self.fresh, None
        if fresh is not None:
            fresh.discard()
        return fresh is not None

    def close(self) -> None:
        """The run ends: a build that was written whole replaces the site; one interrupted before is dropped."""
        fresh, self.fresh = self.fresh, None
        if fresh is not None and self.finished:
            fresh.publish()
        elif fresh is not None:
            fresh.discard()

    def still_serving(self) -> str:
        """What the terminal adds to a bad save's problems while serving."""
        name = self.loaded().catalogue_file.name
        if self.kept is None:
            return f"No page made from {name} can be shown yet; save a fixed {name} to see them."
        return f"Still serving the last good pages; save a fixed {name} to update them."

    def serve_files(self) -> list[GeneratedFile]:
        """What only `mkdocs serve` adds: the banner's stylesheet, and the pictures page once a catalogue is good."""
        if not self.serving:
            return []
        files = [GeneratedFile(serve_banner.STYLESHEET_PATH, serve_banner.stylesheet())]
        if self.kept is not None:
            files += pictures_files(self.kept.catalogue, self.loaded().catalogue_file)
        return files

    def generated_files(self) -> list[GeneratedFile]:
        """The exercise pages, pictures, indexes and handout pages, read back from the cache when nothing changed."""
        project = self.loaded()
        files = generator_cache.files(self.catalogue(), project.settings, cache_dir=project.generator_cache)
        self.files = {file.path: file.content for file in files if isinstance(file.content, str)}
        return files

    def handout_pdfs(self, resources: ResourceLookup) -> list[HandoutPdf]:
        """Every program's PDFs, drawn from `resources` (the site's files) or read from the cache; none when switched
        off."""
        project = self.loaded()
        if not project.settings.handout_pdfs:
            return []
        return handout_pdf.handout_pdfs(
            self.catalogue().catalogue,
            project.settings,
            resources=resources,
            cache_dir=project.pdf_cache,
            source_date_epoch=project.source_date_epoch,
        )

    def over_budget(self, pdfs: list[HandoutPdf]) -> list[str]:
        """What breaks the page budget the README promises, one message per PDF."""
        return handout_pdf.over_budget(pdfs, self.catalogue().catalogue)

    def catalogue_lists(
        self, markdown: str, *, source: str, first_line: int = 1, review: PageReview | None = None
    ) -> str:
        """A hand-written page with the lists it takes from the catalogue filled in (the warning signs with the site's
        emergency number, the exercises by phase), and, for a reviewed article, its review note at the end; raises
        `ValueError` for a bad marker. `first_line` is the file line `markdown` starts at."""
        if self.kept is None:
            return markdown
        settings = self.loaded().settings
        filled = with_catalogue_lists(
            markdown,
            self.kept.catalogue,
            source=source,
            emergency_number=settings.clinic.emergency_number,
            first_line=first_line,
        )
        if review is None:
            return filled
        status = review_status(source, review.text, list(self.loaded().signoffs))
        return filled + review_note(review.last_reviewed, status)

    def signoff_warnings(self) -> list[str]:
        """A line for each signed text that changed after its sign-off: the page says so, and the build warns."""
        project = self.loaded()
        return changed_since(list(project.signoffs), project=project.folder, docs_dir=project.docs_dir)

    def refuse(self, report: str) -> None:
        """While serving, show a problem in mkdocs.yml at the top of every page, as a bad catalogue is shown."""
        self.banner = Banner.from_report(report, blocking=True, earlier_pages=self.kept is not None)

    def structured_data(self, page: PageFacts, *, site: Website) -> str | None:
        """The page's schema.org data: an exercise's steps, an article's review date; None for other pages."""
        return page_json_ld(page, catalogue=self.catalogue().catalogue, site=site)

    def with_moving_pictures(self, page: str) -> str:
        """A page with the moving pictures it names drawn in: HTML once search has read it, or a Markdown source."""
        return with_moving_pictures(page, self.files)

    def with_problems(self, html_page: str, *, site_path: str) -> str:
        """While serving, the page with the catalogue's problems at the top, as the terminal lists them."""
        if not self.serving or self.banner is None:
            return html_page
        # From the root: the 404 page is served at any depth.
        banner = serve_banner.banner_html(
            self.banner,
            stylesheet_href=site_path + serve_banner.STYLESHEET_PATH,
            catalogue_name=self.loaded().catalogue_file.name,
        )
        return serve_banner.with_banner(html_page, banner)

    def watched(self) -> list[Path]:
        """What `mkdocs serve` must watch besides docs/: the catalogue and the generator's templates."""
        return [
            self.loaded().catalogue_file,
            page_templating.TEMPLATES,
            handout_templating.TEMPLATES,
            picture_templating.TEMPLATES,
        ]

    def loaded(self) -> Project:
        """The project of the last `load`; the events after `on_config` can rely on it."""
        if self.project is None:
            raise RuntimeError("load a project first")
        return self.project

    def catalogue(self) -> KeptCatalogue:
        """The good catalogue the files are made from; the hooks ask only once `load` has kept one."""
        if self.kept is None:
            raise RuntimeError("no good catalogue loaded")
        return self.kept
