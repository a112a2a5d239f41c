"""Load `exercises.yaml` into a validated `Catalogue`, or fail with every problem located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fai_site.cross_references import cross_reference_problems
from fai_site.model import Catalogue
from fai_site.problems import CatalogueError, EntryIds, Problem
from fai_site.validation_messages import problems_from
from fai_site.yaml_source import decode, locate, parse, shared_node_path

MAX_BYTES = 50 * 1024 * 1024


def load_catalogue(path: Path, *, docs_dir: Path) -> Catalogue:
    """The validated catalogue; raises `CatalogueError` naming each problem's line and field."""
    name = path.name
    text = read_text(path)
    data = parse(text)
    if isinstance(data, Problem):
        raise CatalogueError(name, [data])
    problems = shape_problems(data)
    if problems:
        raise CatalogueError(name, locate(text, problems))
    try:
        catalogue = Catalogue.model_validate(data)
    except ValidationError as error:
        problems = problems_from(error, Catalogue, data)
    else:
        problems = cross_reference_problems(catalogue, docs_dir=docs_dir)
    if problems:
        raise CatalogueError(name, locate(text, problems), entry_ids(data))
    return catalogue


def read_text(path: Path) -> str:
    if not path.is_file():
        raise CatalogueError(path.name, [Problem((), f"file not found: {path}")])
    if path.stat().st_size > MAX_BYTES:
        raise CatalogueError(path.name, [Problem((), f"the file is larger than {MAX_BYTES // 2**20} MB; split or trim it")])
    text = decode(path.read_bytes())
    if isinstance(text, Problem):
        raise CatalogueError(path.name, [text])
    if not text.strip():
        raise CatalogueError(path.name, [Problem((), "the file is empty; it needs 'exercises:' and 'programs:'", 1, 1)])
    return text


def shape_problems(data: Any) -> list[Problem]:
    """Problems that must be caught before the data is walked at all."""
    if not isinstance(data, dict):
        return [Problem((), "the file must be a mapping with 'version:', 'exercises:' and 'programs:' at the top level")]
    alias = shared_node_path(data)
    if alias is not None:
        return [Problem(alias, "uses a YAML alias (*name); write the value out in full instead")]
    return []


def entry_ids(data: dict[str, Any]) -> EntryIds:
    """Ids of exercises and programs as written, to name them in messages."""
    ids: EntryIds = {}
    for section in ("exercises", "programs"):
        entries = data.get(section)
        if isinstance(entries, list):
            for index, entry in enumerate(entries):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    ids[(section, index)] = entry["id"]
    return ids
