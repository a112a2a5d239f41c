"""Load `exercises.yaml` into a validated `Catalogue`, or fail with every problem located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fai_site.cross_references import cross_reference_problems
from fai_site.model import Catalogue
from fai_site.problems import CatalogueError, EntryIds, Problem
from fai_site.validation_messages import problems_from
from fai_site.yaml_source import alias_problem, decode, locate, parse

# A catalogue of a thousand exercises is about 1.5 MB; anything far larger is a mistake,
# and refusing it keeps the time and memory a build can take bounded.
MAX_BYTES = 8 * 1024 * 1024


def load_catalogue(path: Path, *, docs_dir: Path) -> Catalogue:
    """The validated catalogue; raises `CatalogueError` naming each problem's line and field."""
    return catalogue_from_text(read_text(path), name=path.name, docs_dir=docs_dir)


def catalogue_from_text(text: str, *, name: str, docs_dir: Path) -> Catalogue:
    """The catalogue in `text` (the file called `name`), validated; raises `CatalogueError` as above."""
    document = parse(text)
    if isinstance(document, Problem):
        raise CatalogueError(name, [document])
    data = document.data
    fatal = shape_problem(data, text)
    if fatal is not None:
        raise CatalogueError(name, locate(text, [*document.repeated_keys, fatal]), entry_ids(data))
    catalogue, problems = validated(data, docs_dir=docs_dir)
    problems = [*document.repeated_keys, *problems]
    if catalogue is None or problems:
        raise CatalogueError(name, locate(text, problems), entry_ids(data))
    return catalogue


def read_text(path: Path) -> str:
    """The file's text; a missing, unreadable, oversized or non-UTF-8 file is a located problem."""
    if not path.is_file():
        raise CatalogueError(path.name, [Problem((), f"file not found: {path}")])
    if path.stat().st_size > MAX_BYTES:
        raise CatalogueError(path.name, [Problem((), f"the file is larger than {MAX_BYTES // 2**20} MB; split or trim it")])
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
        return Problem((), "the file is empty; it needs 'version:', 'last_reviewed:', 'exercises:' and 'programs:'", 1, 1)
    if not isinstance(data, dict):
        return Problem((), "the file must be a mapping with 'version:', 'last_reviewed:', 'exercises:' and 'programs:' at the top level")
    return alias_problem(data, text)


def validated(data: dict[str, Any], *, docs_dir: Path) -> tuple[Catalogue | None, list[Problem]]:
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
        for problem in cross_reference_problems(data, docs_dir=docs_dir)
        if not any(problem.path[:length] in reported for length in range(1, len(problem.path) + 1))
    ]
    return catalogue, [*model_problems, *links]


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
