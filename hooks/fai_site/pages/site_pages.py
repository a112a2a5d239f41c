"""Every file the catalogue adds to the site, as (path → content), engine-agnostic.

Paths are relative to the docs folder; the MkDocs hook turns them into virtual files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fai_site.catalogue.model import Catalogue, Exercise, PoseIllustration, Program
from fai_site.handouts.paper import Paper
from fai_site.handouts.sheet import handout_sheet
from fai_site.pages import companion, handout_builder, render
from fai_site.pages.program_link import program_fragment
from fai_site.pages.security_policy import HEADERS_FILE, headers_file
from fai_site.pictures.base_picture import base_pictures
from fai_site.pictures.drawing import render_illustration
from fai_site.pictures.picture import animation, drawing_path, moving_drawing_path
from fai_site.pictures.pose_guide import PAGE as POSE_GUIDE_PAGE
from fai_site.pictures.pose_guide import pose_guide
from fai_site.site_settings import SiteSettings

# Draws an exercise's picture (SVG text) from its pose illustration.
Draw = Callable[[Exercise, PoseIllustration], str]


@dataclass(frozen=True)
class GeneratedFile:
    """A file the catalogue adds: text, or bytes for a picture such as My program's PNG icons."""

    path: str
    content: str | bytes
    listed: bool = False


def drawing(exercise: Exercise, illustration: PoseIllustration) -> str:
    """The exercise's picture as SVG; nothing but these three values goes into it."""
    return render_illustration(illustration.pose, title=exercise.name, uid=f"fig-{exercise.id}")


def generated_files(catalogue: Catalogue, settings: SiteSettings, *, draw: Draw = drawing) -> list[GeneratedFile]:
    """The exercise pages, illustrations, indexes and handouts, and the hosts' headers file, in a stable order;
    `draw` may supply pictures drawn before."""
    return [
        GeneratedFile(HEADERS_FILE, headers_file()),
        GeneratedFile("exercises/index.md", render.exercise_index(catalogue), listed=True),
        GeneratedFile("handouts/index.md", render.handouts_index(catalogue), listed=True),
        GeneratedFile("editors-guide.md", render.editors_guide(), listed=True),
        *pose_guide_files(),
        *(file for exercise in catalogue.exercises for file in exercise_files(exercise, catalogue)),
        *(
            GeneratedFile(drawing_path(exercise), draw(exercise, exercise.illustration))
            for exercise in catalogue.exercises
            if isinstance(exercise.illustration, PoseIllustration)
        ),
        *(handout_file(program, catalogue, settings) for program in catalogue.programs),
        builder_file(catalogue, settings),
        *companion_files(catalogue, settings),
        *(GeneratedFile(picture.path, picture.svg) for picture in base_pictures()),
    ]


def exercise_files(exercise: Exercise, catalogue: Catalogue) -> list[GeneratedFile]:
    """The exercise's page and, for a drawn pose, its moving picture for the builder's preview, one after the
    other, so the animation both show is drawn once (`render_animation` keeps the last few)."""
    page = GeneratedFile(f"exercises/{exercise.id}.md", render.exercise_page(exercise, catalogue))
    if not isinstance(exercise.illustration, PoseIllustration):
        return [page]
    return [page, GeneratedFile(moving_drawing_path(exercise), str(animation(exercise)))]


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
    fragment = "#" + program_fragment(program, catalogue)
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
    """The handout builder's page; its printed sheet's QR code, drawn in the browser, opens that program on the public
    site."""
    page = handout_builder.builder_page(
        catalogue,
        clinic=settings.clinic,
        root=settings.root_from(handout_builder.PAGE),
        public_url=settings.public_url(handout_builder.PAGE),
        companion_href=settings.page_href(companion.PAGE, start=handout_builder.PAGE),
        companion_url=settings.public_url(companion.PAGE),
        review=settings.catalogue_review,
    )
    return GeneratedFile(f"{handout_builder.PAGE}.md", page, listed=True)


def companion_files(catalogue: Catalogue, settings: SiteSettings) -> list[GeneratedFile]:
    """The "My program" page and, with directory URLs (a service worker must sit beside its page), what makes it work
    offline."""
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
            catalogue,
            page + settings.companion_assets,
            extra=[*companion.SCRIPTS, *companion.ON_DEMAND, companion.STYLESHEET],
        )
        if settings.directory_urls
        else {}
    )
    return [
        GeneratedFile(f"{companion.PAGE}.md", page, listed=True),
        *(GeneratedFile(path, content) for path, content in offline.items()),
    ]
