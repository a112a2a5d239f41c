"""Catalogue → page sources (Markdown): exercise pages, indexes, guides and handout pages, and the lists
hand-written pages take from the catalogue, each rendered from its template (`templating`)."""

from __future__ import annotations

import posixpath
import re
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from fai_site.catalogue.article_rules import MARKS as SIGN_MARKS
from fai_site.catalogue.field_guide import guide_sections
from fai_site.catalogue.model import Catalogue, Category, Exercise, Phase, PoseIllustration, Program, Reference
from fai_site.catalogue.pose import PROP_PLACES, VIEW_MEANINGS
from fai_site.handouts.paper import Paper
from fai_site.pages import sign_markers
from fai_site.pages.templating import render
from fai_site.pictures.picture import moving_drawing_path
from fai_site.pictures.pose_guide import PoseGuide, default_view, where_written
from fai_site.site_settings import DEFAULT_EMERGENCY_NUMBER

# Where a hand-written page lists the exercises of one phase (the exercise guide).
EXERCISES_MARKER = re.compile(r"^(?P<indent>[ \t]*)<!-- exercises: (?P<phase>[a-z-]+) -->[ \t]*$", re.MULTILINE)
# What a page holds if the catalogue fills in part of it: a quick test before the markers are looked for.
CATALOGUE_MARKS = (*SIGN_MARKS, "<!-- exercises:")
# Where an exercise page plays its picture: an empty drawing that names the moving picture's file, which Markdown and
# search pass over; the drawing is put in once they are done with the page (`with_moving_pictures`), so neither
# parses its hundreds of tags (#28). Markdown keeps the marker as written, so one pattern finds it in both.
MOVING_MARKER = re.compile(r'<svg data-moving-picture="(?P<path>illustrations/moving/[a-z0-9-]+\.svg)"></svg>\n')


def programs_using(exercise: Exercise, catalogue: Catalogue) -> list[Program]:
    return catalogue.programs_with(exercise.id)


def cited(exercise: Exercise, catalogue: Catalogue) -> list[Reference]:
    return [catalogue.references[key] for key in exercise.references]


def moving_marker(exercise: Exercise) -> Markup | None:
    """What an exercise page holds where its picture plays: the moving picture's file, named; None for an image file."""
    if not isinstance(exercise.illustration, PoseIllustration):
        return None
    return Markup(f'<svg data-moving-picture="{moving_drawing_path(exercise)}"></svg>\n')


def with_moving_pictures(page: str, files: Mapping[str, str]) -> str:
    """A page (its Markdown or its HTML) with each moving picture it names drawn in, from the site's `files`."""
    if "<svg data-moving-picture=" not in page:
        return page
    return MOVING_MARKER.sub(lambda match: str(files.get(match["path"], match[0])), page)


def exercise_page(exercise: Exercise, catalogue: Catalogue) -> str:
    return render(
        "exercise_page.md.j2",
        exercise=exercise,
        easier=[catalogue.exercise(other) for other in exercise.easier],
        harder=[catalogue.exercise(other) for other in exercise.harder],
        programs=programs_using(exercise, catalogue),
        references=cited(exercise, catalogue),
        moving=moving_marker(exercise),
    )


def exercise_index(catalogue: Catalogue) -> str:
    by_phase = {phase: [e for e in catalogue.exercises if phase in e.phase] for phase in Phase}
    by_category = {category: [e for e in catalogue.exercises if e.category is category] for category in Category}
    return render("exercise_index.md.j2", catalogue=catalogue, by_phase=by_phase, by_category=by_category)


def with_exercise_lists(markdown: str, catalogue: Catalogue, *, source: str) -> str:
    """A page's `<!-- exercises: PHASE -->` lines replaced by that phase's exercises from the catalogue, linked by
    their names, so the exercise guide never lists one under a phase it is not in, or by an old name."""
    folder = posixpath.dirname(source) or "."

    def listed(match: re.Match[str]) -> str:
        phase = marked_phase(match["phase"], source=source)
        in_phase = [exercise for exercise in catalogue.exercises if phase in exercise.phase]
        text = render(
            "phase_exercises.md.j2",
            starting=[exercise for exercise in in_phase if first_phase(exercise) is phase],
            earlier=[exercise for exercise in in_phase if first_phase(exercise) is not phase],
            href=lambda exercise: posixpath.relpath(f"exercises/{exercise.id}.md", folder),
        )
        return textwrap.indent(text.strip("\n"), match["indent"])

    return EXERCISES_MARKER.sub(listed, markdown)


def marked_phase(value: str, *, source: str) -> Phase:
    """The phase a marker names; a typo stops the build with the page and the phases to choose from."""
    try:
        return Phase(value)
    except ValueError:
        names = ", ".join(phase.value for phase in Phase)
        raise ValueError(f"{source}: '<!-- exercises: {value} -->' names no phase; use one of {names}") from None


def first_phase(exercise: Exercise) -> Phase:
    """Where an exercise starts: the guide describes it there, and only names it in the phases after."""
    return min(exercise.phase, key=list(Phase).index)


def with_catalogue_lists(
    markdown: str,
    catalogue: Catalogue,
    *,
    source: str,
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
    first_line: int = 1,
) -> str:
    """Every list a hand-written page takes from the catalogue: the warning signs with their tiers' actions (and
    `emergency_number` written in), and the exercises by phase. `first_line` is the file line `markdown` starts at."""
    if not any(mark in markdown for mark in CATALOGUE_MARKS):
        return markdown
    with_signs = sign_markers.with_sign_markers(
        markdown, catalogue.safety, number=emergency_number, source=source, first_line=first_line
    )
    return with_exercise_lists(with_signs, catalogue, source=source)


def handout_page(
    program: Program, sheet: str, *, papers: list[Paper], adapt_href: str, start_href: str | None = None
) -> str:
    """The handout's page: a Print button, a PDF link per paper size and edition, links to start it in "My program"
    and to adapt it in the builder, then the sheet."""
    return render(
        "handout_page.md.j2",
        program=program,
        sheet=Markup(sheet),
        papers=papers,
        adapt_href=adapt_href,
        start_href=start_href,
    )


def handouts_index(catalogue: Catalogue) -> str:
    return render("handouts_index.md.j2", catalogue=catalogue)


def editors_guide() -> str:
    return render("editors_guide.md.j2", sections=guide_sections(Catalogue))


def pose_guide_page(guide: PoseGuide) -> str:
    """The editor's guide page on poses; its pictures are `guide.pictures`, drawn beside it."""
    return render(
        "pose_guide.md.j2",
        guide=guide,
        default_view=default_view,
        where_written=where_written,
        prop_places=PROP_PLACES,
        view_meanings=VIEW_MEANINGS,
    )


def pictures_page(catalogue: Catalogue, *, drafts: Sequence[Any] = ()) -> str:
    """Every exercise's picture on one page, drafts' poses too, for `mkdocs serve` only: watch one redrawn as you
    save."""
    return render("exercise_pictures.md.j2", catalogue=catalogue, drafts=drafts)
