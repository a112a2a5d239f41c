"""Load `exercises.yaml` into a validated `Catalogue`, or fail with every problem located.

Entries marked `draft: true` are checked like the rest, but their problems are only
listed: they block nothing, and the catalogue handed to the site leaves drafts out, so
no build, served or published, shows one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fai_site.catalogue.article_rules import article_problems
from fai_site.catalogue.content_rules import content_problems
from fai_site.catalogue.cross_references import content_warnings, cross_reference_problems, is_draft
from fai_site.catalogue.invisible_characters import invisible_character_problems
from fai_site.catalogue.messages import problems_from
from fai_site.catalogue.model import Catalogue
from fai_site.catalogue.problems import CatalogueError, EntryIds, Level, Problem, report
from fai_site.catalogue.reading_grade import ReadingGrades
from fai_site.catalogue.warning_signs import repeated_sign_ids
from fai_site.catalogue.yaml_source import alias_problem, decode, locate, parse

# A catalogue of a thousand exercises is about 1.5 MB; anything far larger is a mistake,
# and refusing it keeps the time and memory a build can take bounded.
MAX_BYTES = 8 * 1024 * 1024
NOTHING_TO_PUBLISH = "without its drafts, the catalogue has nothing to publish: finish at least one exercise"


@dataclass(frozen=True)
class CheckedCatalogue:
    """The catalogue to publish (drafts left out), and what to show the editor that blocks nothing."""

    catalogue: Catalogue
    source_name: str
    notes: list[Problem] = field(default_factory=list)
    ids: EntryIds = field(default_factory=dict)
    # The entries left out as drafts, as "exercises[3]" or by id.
    drafts: list[str] = field(default_factory=list)

    def report(self) -> str | None:
        """The warnings and draft problems, as `make check` and the build print them; None when there are none."""
        return report(self.source_name, self.notes, self.ids) if self.notes else None


def load_catalogue(path: Path, *, docs_dir: Path) -> Catalogue:
    """The validated catalogue; raises `CatalogueError` naming each problem's line and field."""
    return catalogue_from_text(read_text(path), name=path.name, docs_dir=docs_dir)


def check_catalogue(path: Path, *, docs_dir: Path, grades: ReadingGrades | None = None) -> CheckedCatalogue:
    """The validated catalogue with its warnings and draft problems, and the articles checked against its warning
    signs; raises `CatalogueError` as above."""
    checked = checked_from_text(read_text(path), name=path.name, docs_dir=docs_dir, grades=grades)
    check_articles(checked.catalogue, name=path.name, docs_dir=docs_dir)
    return checked


def check_articles(catalogue: Catalogue, *, name: str, docs_dir: Path) -> None:
    """Raise `CatalogueError` at each article line whose warning-sign marker or urgency breaks a rule.

    Apart from the catalogue's own checks, because articles change without it: the build runs this on every rebuild.
    """
    problems = article_problems(catalogue.safety, docs_dir)
    if problems:
        raise CatalogueError(name, problems)


def catalogue_from_text(text: str, *, name: str, docs_dir: Path) -> Catalogue:
    """The catalogue in `text` (the file called `name`), validated; raises `CatalogueError` as above."""
    return checked_from_text(text, name=name, docs_dir=docs_dir).catalogue


def checked_from_text(text: str, *, name: str, docs_dir: Path, grades: ReadingGrades | None = None) -> CheckedCatalogue:
    """Every problem of `text` in one run; raises `CatalogueError` when one outside a draft blocks the build.

    `grades` may hold the reading grades of an earlier run, kept in a file: measuring is the slow part of a check.
    """
    document = parse(text)
    if isinstance(document, Problem):
        raise CatalogueError(name, [document])
    data = document.data
    fatal = shape_problem(data, text)
    if fatal is not None:
        raise CatalogueError(name, locate(text, [*document.repeated_keys, fatal]), entry_ids(data))
    catalogue, problems = validated(data, docs_dir=docs_dir, grades=grades or ReadingGrades())
    drafts = draft_entries(data)
    problems = [in_drafts(problem, drafts) for problem in [*document.repeated_keys, *problems, *content_warnings(data)]]
    blocking = [problem for problem in problems if problem.blocking]
    if not blocking and (catalogue is None or drafts):
        catalogue = published(data, drafts)
        blocking = [] if catalogue is not None else [Problem(("exercises",), NOTHING_TO_PUBLISH)]
    if blocking or catalogue is None:
        # Only what blocks: warnings and drafts are listed once the rest is accepted, so the list stays short.
        raise CatalogueError(name, locate(text, blocking), entry_ids(data))
    notes = locate(text, problems) if problems else []
    ids = entry_ids(data) if notes or drafts else {}
    return CheckedCatalogue(
        catalogue, name, notes, ids, [ids.get(entry, f"{entry[0]}[{entry[1]}]") for entry in sorted(drafts)]
    )


def read_text(path: Path) -> str:
    """The file's text; a missing, unreadable, oversized or non-UTF-8 file is a located problem."""
    if not path.is_file():
        raise CatalogueError(path.name, [Problem((), f"file not found: {path}")])
    if path.stat().st_size > MAX_BYTES:
        raise CatalogueError(
            path.name, [Problem((), f"the file is larger than {MAX_BYTES // 2**20} MB; split or trim it")]
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CatalogueError(path.name, [Problem((), f"the file cannot be read: {error.strerror}")]) from None
    text = decode(raw)
    if isinstance(text, Problem):
        raise CatalogueError(path.name, [text])
    return text


def shape_problem(data: Any, text: str) -> Problem | None:
    """A problem that must be caught before anything walks the data."""
    if data is None:
        return Problem(
            (), "the file is empty; it needs 'version:', 'last_reviewed:', 'exercises:' and 'programs:'", 1, 1
        )
    if not isinstance(data, dict):
        return Problem(
            (),
            "the file must be a mapping with 'version:', 'last_reviewed:', 'exercises:' and 'programs:' at the top "
            "level",
        )
    return alias_problem(data, text)


def validated(data: dict[str, Any], *, docs_dir: Path, grades: ReadingGrades) -> tuple[Catalogue | None, list[Problem]]:
    """The model's verdict and the cross-reference checks together, so one run reports everything.

    A field the model already rejected is not reported again by the cross-reference checks.
    """
    try:
        catalogue, model_problems = Catalogue.model_validate(data), []
    except ValidationError as error:
        catalogue, model_problems = None, problems_from(error, Catalogue, data)
    reported = {problem.path for problem in model_problems}
    links = [
        problem
        for problem in [
            *invisible_character_problems(data),
            *cross_reference_problems(data, docs_dir=docs_dir),
            *content_problems(data, grades=grades),
            *repeated_sign_ids(data),
        ]
        if not any(problem.path[:length] in reported for length in range(1, len(problem.path) + 1))
    ]
    return catalogue, [*model_problems, *links]


Entry = tuple[str, int]


def draft_entries(data: dict[str, Any]) -> set[Entry]:
    """Where the drafts are: ("exercises", 3) for the fourth exercise."""
    return {
        (section, index)
        for section in ("exercises", "programs")
        if isinstance(found := data.get(section), list)
        for index, entry in enumerate(found)
        if isinstance(entry, dict) and is_draft(entry)
    }


def in_drafts(problem: Problem, drafts: set[Entry]) -> Problem:
    """A problem inside a draft is shown, but blocks nothing."""
    if len(problem.path) >= 2 and (problem.path[0], problem.path[1]) in drafts:
        return problem.as_level(Level.DRAFT)
    return problem


def published(data: dict[str, Any], drafts: set[Entry]) -> Catalogue | None:
    """The catalogue without its drafts; None if what is left is not a catalogue (say, every exercise is a draft)."""
    kept = dict(data)
    for section in ("exercises", "programs"):
        if isinstance(data.get(section), list):
            kept[section] = [entry for index, entry in enumerate(data[section]) if (section, index) not in drafts]
    try:
        return Catalogue.model_validate(kept)
    except ValidationError:
        return None


def entry_ids(data: Any) -> EntryIds:
    """Ids of exercises and programs as written, to name them in messages (if short enough to help)."""
    ids: EntryIds = {}
    for section in ("exercises", "programs"):
        entries = data.get(section) if isinstance(data, dict) else None
        if isinstance(entries, list):
            for index, entry in enumerate(entries):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str) and len(entry["id"]) <= 60:
                    ids[(section, index)] = entry["id"]
    return ids
