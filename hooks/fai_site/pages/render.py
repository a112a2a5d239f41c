"""Catalogue → page sources (Markdown) and handout HTML, through the Jinja2 templates.

Catalogue text is never trusted as markup: HTML templates autoescape it, and
Markdown templates pass it through `md_text`, which also neutralises Markdown syntax.
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from fai_site.catalogue.article_rules import MARKS as SIGN_MARKS
from fai_site.catalogue.field_guide import guide_sections
from fai_site.catalogue.model import (
    Catalogue,
    Category,
    Exercise,
    ImageIllustration,
    Phase,
    PoseIllustration,
    Program,
    Reference,
)
from fai_site.catalogue.warning_signs import DEFAULT_EMERGENCY_NUMBER
from fai_site.handouts.paper import Paper
from fai_site.pages import dosage_text, sign_markers
from fai_site.pages.markdown_text import md_text
from fai_site.pictures.animation import render_animation
from fai_site.pictures.drawing import frames_across, illustration_text
from fai_site.pictures.motion import pace
from fai_site.pictures.pose import PROP_PLACES, VIEW_MEANINGS, Motion
from fai_site.pictures.pose_guide import PoseGuide, default_view, where_written

TEMPLATES = Path(__file__).parent / "templates"
# Where a hand-written page lists the exercises of one phase (the exercise guide).
EXERCISES_MARKER = re.compile(r"^(?P<indent>[ \t]*)<!-- exercises: (?P<phase>[a-z-]+) -->[ \t]*$", re.MULTILINE)
# What a page holds if the catalogue fills in part of it: a quick test before the markers are looked for.
CATALOGUE_MARKS = (*SIGN_MARKS, "<!-- exercises:")
# libyaml's emitter writes the same front matter as PyYAML's pure-Python one, several times faster.
FrontMatterDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Picture:
    """Where an exercise's picture is (relative to the site root) and what it shows."""

    path: str
    illustration: PoseIllustration | ImageIllustration

    @cached_property
    def alt(self) -> str:
        """Written from the pose only when a page shows the picture: describing a pose is the costly part."""
        if isinstance(self.illustration, PoseIllustration):
            return illustration_text(self.illustration.pose)
        return self.illustration.alt

    @cached_property
    def frames_across(self) -> int:
        """Positions side by side, which set the printed width; an image file counts as one."""
        if isinstance(self.illustration, PoseIllustration):
            return frames_across(self.illustration.pose)
        return 1


def html_text(value: Any) -> Markup:
    """Plain text for raw HTML inside a Markdown page, which Markdown passes through unparsed: escaped as Markdown
    would print it, on one line, so no blank line can end the HTML block and let Markdown read the rest."""
    return Markup(html.escape(str(value), quote=False).replace("\n", " "))


def front_matter(**fields: Any) -> Markup:
    """A YAML front-matter block; `title` is HTML-escaped because themes print it as markup."""
    if "title" in fields:
        fields["title"] = html.escape(fields["title"], quote=False)
    values = {k: v for k, v in fields.items() if v is not None}
    dumped = yaml.dump(values, Dumper=FrontMatterDumper, allow_unicode=True, sort_keys=False, width=10_000)
    return Markup(f"---\n{dumped}---\n")


def long_date(day: datetime.date) -> str:
    """'27 November 2026': the month as a word, so no reader mistakes day for month."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def break_after_slashes(url: str) -> Markup:
    """The address with a line-break chance after each '/' and '.', so it wraps between its parts, never inside a word."""
    escaped = html.escape(url)
    return Markup(re.sub(r"([/.])(?=.)", r"\1<wbr>", escaped))


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/.;-_:")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2", "md", "svg"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.filters["text"] = html_text
    env.filters["doi_url"] = doi_url
    env.filters["long_date"] = long_date
    env.filters["break_after_slashes"] = break_after_slashes
    env.globals.update(
        front_matter=front_matter,
        describe_dosage=dosage_text.describe,
        dosage_amount=dosage_text.amount,
        dosage_frequency=dosage_text.frequency,
        phases=list(Phase),
        categories=list(Category),
        picture=picture,
        animation=animation,
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def drawing_path(exercise: Exercise) -> str:
    return f"illustrations/{exercise.id}.svg"


def moving_drawing_path(exercise: Exercise) -> str:
    """The picture playing, as a file of its own: the builder's preview shows it over the still on screen."""
    return f"illustrations/moving/{exercise.id}.svg"


def picture(exercise: Exercise) -> Picture | None:
    """The exercise's picture: its drawing or its image file, and its text alternative."""
    illustration = exercise.illustration
    if isinstance(illustration, PoseIllustration):
        return Picture(drawing_path(exercise), illustration)
    if isinstance(illustration, ImageIllustration):
        return Picture(illustration.image, illustration)
    return None


def animation(exercise: Exercise) -> Markup | None:
    """The exercise's picture playing in a loop, at the exercise's pace, for the page (never for paper)."""
    illustration = exercise.illustration
    if not isinstance(illustration, PoseIllustration):
        return None
    pose, dosage = illustration.pose, exercise.dosage
    timing = pace(
        stretch=exercise.category is Category.STRETCH,
        hold=dosage.hold_seconds is not None,
        steady=dosage.duration_minutes is not None,
        squeeze=pose.motion is Motion.SQUEEZE,
    )
    return Markup(render_animation(pose, title=exercise.name, uid=f"motion-{exercise.id}", timing=timing))


def programs_using(exercise: Exercise, catalogue: Catalogue) -> list[Program]:
    return catalogue.programs_with(exercise.id)


def cited(exercise: Exercise, catalogue: Catalogue) -> list[Reference]:
    return [catalogue.references[key] for key in exercise.references]


def exercise_page(exercise: Exercise, catalogue: Catalogue) -> str:
    return render(
        "exercise_page.md.j2",
        exercise=exercise,
        easier=[catalogue.exercise(other) for other in exercise.easier],
        harder=[catalogue.exercise(other) for other in exercise.harder],
        programs=programs_using(exercise, catalogue),
        references=cited(exercise, catalogue),
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
        raise ValueError(
            f"{source}: '<!-- exercises: {value} -->' names no phase; use one of {', '.join(phase.value for phase in Phase)}"
        ) from None


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
    """The handout's page: a Print button, a PDF link per paper size, links to start it in "My program" and to adapt it in the builder, then the sheet."""
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
    """Every exercise's picture on one page, drafts' poses too, for `mkdocs serve` only: watch one redrawn as you save."""
    return render("exercise_pictures.md.j2", catalogue=catalogue, drafts=drafts)
