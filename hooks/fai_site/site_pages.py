"""Every file the catalogue adds to the site, as (path → content), engine-agnostic.

Paths are relative to the docs folder; the MkDocs hook turns them into virtual files.
"""

from __future__ import annotations

from dataclasses import dataclass

from fai_site import render
from fai_site.drawing import render_illustration
from fai_site.model import Catalogue, Exercise, PoseIllustration, Program
from fai_site.render import Clinic


@dataclass(frozen=True)
class SiteSettings:
    """What the generated pages need to know about the site they go into."""

    site_url: str
    directory_urls: bool = True
    clinic: Clinic = Clinic()

    def page_url(self, path: str) -> str:
        """The public address of a page given by its path without extension."""
        return self.site_url.rstrip("/") + "/" + (f"{path}/" if self.directory_urls else f"{path}.html")

    def root_from(self, path: str) -> str:
        """The relative path from a page back to the site root."""
        depth = path.count("/") + (1 if self.directory_urls else 0)
        return "../" * depth


@dataclass(frozen=True)
class GeneratedFile:
    path: str
    content: str
    listed: bool = False


def generated_files(catalogue: Catalogue, settings: SiteSettings) -> list[GeneratedFile]:
    """The exercise pages, illustrations, indexes and handouts, in a stable order."""
    return [
        GeneratedFile("exercises/index.md", render.exercise_index(catalogue), listed=True),
        GeneratedFile("handouts/index.md", render.handouts_index(catalogue), listed=True),
        GeneratedFile("editors-guide.md", render.editors_guide(), listed=True),
        *(GeneratedFile(f"exercises/{exercise.id}.md", render.exercise_page(exercise, catalogue)) for exercise in catalogue.exercises),
        *(drawing_file(exercise, exercise.illustration) for exercise in catalogue.exercises if isinstance(exercise.illustration, PoseIllustration)),
        *(handout_file(program, catalogue, settings) for program in catalogue.programs),
    ]


def drawing_file(exercise: Exercise, illustration: PoseIllustration) -> GeneratedFile:
    svg = render_illustration(illustration.pose, title=exercise.name, uid=f"fig-{exercise.id}")
    return GeneratedFile(render.drawing_path(exercise), svg)


def handout_file(program: Program, catalogue: Catalogue, settings: SiteSettings) -> GeneratedFile:
    path = f"handouts/{program.id}"
    sheet = render.handout_html(
        program, catalogue, clinic=settings.clinic, root=settings.root_from(path), page_url=settings.page_url(path)
    )
    return GeneratedFile(f"{path}.md", render.handout_page(program, sheet))
