"""Checks that need the whole catalogue: unique ids and links that resolve.

They read the YAML data as written, not the validated model, so they still run when
some other field is wrong and one run reports every problem. A value of the wrong
type is skipped here: the model reports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fai_site.problems import Problem, did_you_mean

Entries = list[tuple[int, dict[str, Any]]]


def cross_reference_problems(data: dict[str, Any], *, docs_dir: Path) -> list[Problem]:
    exercises, programs = entries(data, "exercises"), entries(data, "programs")
    problems = [*duplicate_ids("exercises", exercises), *duplicate_ids("programs", programs), *missing_images(exercises, docs_dir)]
    if isinstance(data.get("exercises"), list):
        known = {exercise_id for _, entry in exercises if (exercise_id := text(entry.get("id")))}
        problems += [*unknown_exercise_links(exercises, known), *unknown_program_items(programs, known)]
    if isinstance(data.get("references"), dict):
        problems += unknown_reference_keys(exercises, {key for key in data["references"] if isinstance(key, str)})
    return problems


def entries(data: dict[str, Any], section: str) -> Entries:
    """The mappings in a top-level list, with their positions."""
    found = data.get(section)
    return [(index, entry) for index, entry in enumerate(found) if isinstance(entry, dict)] if isinstance(found, list) else []


def text(value: Any) -> str | None:
    """A text value as the model reads it (surrounding spaces dropped), or None for other types."""
    return value.strip() if isinstance(value, str) else None


def listed_ids(value: Any) -> Iterator[tuple[int, str]]:
    if isinstance(value, list):
        yield from ((position, item_id) for position, item in enumerate(value) if (item_id := text(item)) is not None)


def duplicate_ids(section: str, found: Entries) -> Iterator[Problem]:
    first_seen: dict[str, int] = {}
    for index, entry in found:
        entry_id = text(entry.get("id"))
        if entry_id is None:
            continue
        if entry_id in first_seen:
            yield Problem((section, index, "id"), f"'{entry_id}' is already the id of {section}[{first_seen[entry_id]}]; every id must be unique")
        first_seen.setdefault(entry_id, index)


def unknown_exercise_links(exercises: Entries, known: set[str]) -> Iterator[Problem]:
    for index, exercise in exercises:
        for field in ("easier", "harder"):
            for position, target in listed_ids(exercise.get(field)):
                if target == text(exercise.get("id")):
                    yield Problem(("exercises", index, field, position), f"'{target}' links to itself")
                elif target not in known:
                    yield Problem(("exercises", index, field, position), f"unknown exercise '{target}'{did_you_mean(target, known)}")


def unknown_program_items(programs: Entries, known: set[str]) -> Iterator[Problem]:
    for index, program in programs:
        name = f"program '{program_id}'" if (program_id := text(program.get("id"))) else "this program"
        for position, target in listed_ids(program_item_ids(program.get("exercises"))):
            if target not in known:
                yield Problem(("programs", index, "exercises", position), f"unknown exercise '{target}' in {name}{did_you_mean(target, known)}")


def program_item_ids(items: Any) -> list[Any]:
    """A program's exercise ids, written bare or as the `id` of a mapping."""
    if not isinstance(items, list):
        return []
    return [item.get("id") if isinstance(item, dict) else item for item in items]


def unknown_reference_keys(exercises: Entries, known: set[str]) -> Iterator[Problem]:
    for index, exercise in exercises:
        for position, key in listed_ids(exercise.get("references")):
            if key not in known:
                hint = did_you_mean(key, known) or "; add it under the top-level 'references:'"
                yield Problem(("exercises", index, "references", position), f"unknown reference '{key}'{hint}")


def missing_images(exercises: Entries, docs_dir: Path) -> Iterator[Problem]:
    for index, exercise in exercises:
        illustration = exercise.get("illustration")
        image = text(illustration.get("image")) if isinstance(illustration, dict) else None
        if image and inside(docs_dir, image) and not (docs_dir / image).is_file():
            yield Problem(("exercises", index, "illustration", "image"), f"file not found: docs/{image}{did_you_mean(image, neighbours(docs_dir, image))}")


def inside(docs_dir: Path, image: str) -> bool:
    """Whether the path stays inside docs/; the model explains paths that do not."""
    return (docs_dir / image).resolve().is_relative_to(docs_dir.resolve())


def neighbours(docs_dir: Path, image: str) -> list[str]:
    """The files next to where the picture was expected, to suggest a near miss."""
    folder = (docs_dir / image).parent
    return [path.relative_to(docs_dir).as_posix() for path in folder.iterdir() if path.is_file()] if folder.is_dir() else []
