"""Every file the catalogue adds to the site, as (path → content), engine-agnostic.

Paths are relative to the docs folder; the MkDocs hook turns them into virtual files.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fai_site.catalogue.model import Catalogue, Exercise, PoseIllustration, Program
from fai_site.catalogue.warning_signs import emergency_number, emergency_number_problem
from fai_site.handouts.paper import Paper
from fai_site.handouts.qr_code import kept_qr_svg
from fai_site.handouts.sheet import Clinic, handout_html
from fai_site.pages import companion, handout_builder, render
from fai_site.pages.clinical_signoff import CATALOGUE_KEY, NOT_REVIEWED, read_signoffs, review_status
from fai_site.pictures.drawing import render_illustration
from fai_site.pictures.pose_guide import PAGE as POSE_GUIDE_PAGE
from fai_site.pictures.pose_guide import pose_guide

# The address `mkdocs serve` previews at, when the config names none.
PREVIEW_URL = "http://127.0.0.1:8000/"
# What `extra.clinic` may say about the clinic itself; its emergency number is read (and checked) on its own.
CLINIC_CONTACT = ("name", "phone", "address", "web", "logo")


@dataclass(frozen=True)
class SiteSettings:
    """What the generated pages need to know about the site they go into."""

    site_url: str
    directory_urls: bool = True
    clinic: Clinic = Clinic()
    # Off (HANDOUT_PDFS=0) for quick previews: no PDFs are rendered and no page links to one.
    handout_pdfs: bool = True
    # Where QR codes drawn by earlier builds are kept; None draws every one afresh.
    qr_cache: Path | None = None
    # A hash of the companion's script and stylesheet: a new one names a new offline cache, so phones fetch them afresh.
    companion_assets: str = ""
    # The catalogue's clinical review, as every sheet and "My program" print it (clinical_signoff.py).
    catalogue_review: str = NOT_REVIEWED

    @classmethod
    def from_config(
        cls,
        *,
        site_url: str | None,
        directory_urls: bool,
        extra: dict[str, Any],
        docs_dir: Path,
        handout_pdfs: bool,
        qr_cache: Path | None,
    ) -> SiteSettings:
        """The settings of a site as its mkdocs.yml states them, for the hooks and for `make generate` alike.

        The catalogue is `exercises.yaml` beside `docs_dir`; its sign-off is read from `extra.clinical_signoff`.
        """
        clinic = extra.get("clinic") or {}
        if (problem := emergency_number_problem(clinic)) is not None:
            raise ValueError(f"mkdocs.yml: extra.clinic.emergency_number: {problem}")
        project = docs_dir.parent
        catalogue = project / CATALOGUE_KEY
        signoffs = read_signoffs(extra, project=project, docs_dir=docs_dir)
        review = (
            review_status(CATALOGUE_KEY, catalogue.read_text(encoding="utf-8"), signoffs)
            if catalogue.is_file()
            else None
        )
        contact = {key: str(value) for key, value in clinic.items() if value and key in CLINIC_CONTACT}
        return cls(
            site_url=site_url or PREVIEW_URL,
            directory_urls=directory_urls,
            clinic=Clinic(**contact, emergency_number=emergency_number(clinic)),
            handout_pdfs=handout_pdfs,
            qr_cache=qr_cache,
            companion_assets=companion.assets_hash(docs_dir),
            catalogue_review=review.sentence if review else NOT_REVIEWED,
        )

    def page_url(self, path: str) -> str:
        """The address of a page in this build, given by its path without extension."""
        return self.site_url.rstrip("/") + "/" + (f"{path}/" if self.directory_urls else f"{path}.html")

    @property
    def is_public(self) -> bool:
        """Whether `site_url` is an address a patient's phone can open, so paper may print it."""
        return is_public_address(self.site_url)

    def public_url(self, path: str) -> str | None:
        """The page's address on the published site, for QR codes (the offline copy's paper leads online too); None for a local build."""
        return self.site_url.rstrip("/") + f"/{path}/" if self.is_public else None

    def root_from(self, path: str) -> str:
        """The relative path from a page back to the site root."""
        depth = path.count("/") + (1 if self.directory_urls else 0)
        return "../" * depth

    def page_href(self, path: str, *, start: str) -> str:
        """The relative link from the page at `start` to the page at `path` (both without extension)."""
        return self.root_from(start) + (f"{path}/" if self.directory_urls else f"{path}.html")


def is_public_address(url: str) -> bool:
    """False for a preview's address (localhost, a loopback, private or link-local IP, a name with no dot): printed, it opens nothing."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        return "." in host


# Draws an exercise's picture (SVG text) from its pose illustration.
Draw = Callable[[Exercise, PoseIllustration], str]


@dataclass(frozen=True)
class GeneratedFile:
    path: str
    content: str
    listed: bool = False


def drawing(exercise: Exercise, illustration: PoseIllustration) -> str:
    """The exercise's picture as SVG; nothing but these three values goes into it."""
    return render_illustration(illustration.pose, title=exercise.name, uid=f"fig-{exercise.id}")


def generated_files(catalogue: Catalogue, settings: SiteSettings, *, draw: Draw = drawing) -> list[GeneratedFile]:
    """The exercise pages, illustrations, indexes and handouts, in a stable order; `draw` may supply pictures drawn before."""
    return [
        GeneratedFile("exercises/index.md", render.exercise_index(catalogue), listed=True),
        GeneratedFile("handouts/index.md", render.handouts_index(catalogue), listed=True),
        GeneratedFile("editors-guide.md", render.editors_guide(), listed=True),
        *pose_guide_files(),
        *(file for exercise in catalogue.exercises for file in exercise_files(exercise, catalogue)),
        *(
            GeneratedFile(render.drawing_path(exercise), draw(exercise, exercise.illustration))
            for exercise in catalogue.exercises
            if isinstance(exercise.illustration, PoseIllustration)
        ),
        *(handout_file(program, catalogue, settings) for program in catalogue.programs),
        builder_file(catalogue, settings),
        *companion_files(catalogue, settings),
    ]


def exercise_files(exercise: Exercise, catalogue: Catalogue) -> list[GeneratedFile]:
    """The exercise's page and, for a drawn pose, its moving picture for the builder's preview, one after the
    other, so the animation both show is drawn once (`render_animation` keeps the last few)."""
    page = GeneratedFile(f"exercises/{exercise.id}.md", render.exercise_page(exercise, catalogue))
    if not isinstance(exercise.illustration, PoseIllustration):
        return [page]
    return [page, GeneratedFile(render.moving_drawing_path(exercise), str(render.animation(exercise)))]


def pose_guide_files() -> list[GeneratedFile]:
    """The editor's guide page on poses and its pictures; linked from the guide, not listed in the menu."""
    guide = pose_guide()
    return [
        GeneratedFile(f"{POSE_GUIDE_PAGE}.md", render.pose_guide_page(guide)),
        *(GeneratedFile(drawn.path, drawn.svg) for drawn in guide.pictures),
    ]


def handout_file(program: Program, catalogue: Catalogue, settings: SiteSettings) -> GeneratedFile:
    papers = list(Paper) if settings.handout_pdfs else []
    path = f"handouts/{program.id}"
    fragment = "#" + handout_builder.program_fragment(program, catalogue)
    adapt_href = settings.page_href(handout_builder.PAGE, start=path) + fragment
    start_href = settings.page_href(companion.PAGE, start=path) + fragment
    page = render.handout_page(
        program,
        handout_sheet(program, catalogue, settings),
        papers=papers,
        adapt_href=adapt_href,
        start_href=start_href,
    )
    return GeneratedFile(f"{path}.md", page)


def builder_file(catalogue: Catalogue, settings: SiteSettings) -> GeneratedFile:
    """The handout builder's page; its printed sheet's QR code, drawn in the browser, opens that program on the public site."""
    page = handout_builder.builder_page(
        catalogue,
        clinic=settings.clinic,
        root=settings.root_from(handout_builder.PAGE),
        public_url=settings.public_url(handout_builder.PAGE),
        companion_href=settings.page_href(companion.PAGE, start=handout_builder.PAGE),
        review=settings.catalogue_review,
    )
    return GeneratedFile(f"{handout_builder.PAGE}.md", page, listed=True)


def companion_files(catalogue: Catalogue, settings: SiteSettings) -> list[GeneratedFile]:
    """The "My program" page and, with directory URLs (a service worker must sit beside its page), what makes it work offline."""
    page = companion.companion_page(
        catalogue,
        root=settings.root_from(companion.PAGE),
        handouts_href=settings.page_href("handouts/index", start=companion.PAGE).removesuffix("index/"),
        offline_ready=settings.directory_urls,
        emergency_number=settings.clinic.emergency_number,
        review=settings.catalogue_review,
    )
    offline = (
        companion.offline_files(
            catalogue, page + settings.companion_assets, extra=[companion.SCRIPT, companion.STYLESHEET]
        )
        if settings.directory_urls
        else {}
    )
    return [
        GeneratedFile(f"{companion.PAGE}.md", page, listed=True),
        *(GeneratedFile(path, content) for path, content in offline.items()),
    ]


def handout_sheet(program: Program, catalogue: Catalogue, settings: SiteSettings) -> str:
    """The sheet as the page at handouts/<id>/ shows it; the PDFs wrap this same HTML."""
    path = f"handouts/{program.id}"
    public_url = settings.public_url(path)
    return handout_html(
        program,
        catalogue,
        clinic=settings.clinic,
        root=settings.root_from(path),
        public_url=public_url,
        qr_code=kept_qr_svg(public_url, cache_dir=settings.qr_cache) if public_url else None,
        review=settings.catalogue_review,
    )
