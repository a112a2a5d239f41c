"""Checks that need the whole catalogue: unique ids and links that resolve."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fai_site.model import Catalogue, ImageIllustration
from fai_site.problems import Problem, did_you_mean


def cross_reference_problems(catalogue: Catalogue, *, docs_dir: Path) -> list[Problem]:
    return [
        *duplicate_ids(catalogue),
        *unknown_exercise_links(catalogue),
        *unknown_reference_keys(catalogue),
        *missing_images(catalogue, docs_dir),
    ]


def duplicate_ids(catalogue: Catalogue) -> Iterator[Problem]:
    for section, entries in (("exercises", catalogue.exercises), ("programs", catalogue.programs)):
        first_seen: dict[str, int] = {}
        for index, entry in enumerate(entries):
            if entry.id in first_seen:
                yield Problem((section, index, "id"), f"'{entry.id}' is used twice: {section}[{first_seen[entry.id]}] has it too")
            first_seen.setdefault(entry.id, index)


def unknown_exercise_links(catalogue: Catalogue) -> Iterator[Problem]:
    known = catalogue.exercises_by_id
    for index, exercise in enumerate(catalogue.exercises):
        for field in ("easier", "harder"):
            for position, target in enumerate(getattr(exercise, field)):
                if target == exercise.id:
                    yield Problem(("exercises", index, field, position), f"'{target}' links to itself")
                elif target not in known:
                    yield Problem(("exercises", index, field, position), f"unknown exercise '{target}'{did_you_mean(target, known)}")
    for index, program in enumerate(catalogue.programs):
        for position, item in enumerate(program.exercises):
            if item.id not in known:
                yield Problem(
                    ("programs", index, "exercises", position),
                    f"unknown exercise '{item.id}' in program '{program.id}'{did_you_mean(item.id, known)}",
                )


def unknown_reference_keys(catalogue: Catalogue) -> Iterator[Problem]:
    for index, exercise in enumerate(catalogue.exercises):
        for position, key in enumerate(exercise.references):
            if key not in catalogue.references:
                yield Problem(
                    ("exercises", index, "references", position),
                    f"unknown reference '{key}'{did_you_mean(key, catalogue.references)}; add it under the top-level 'references:'",
                )


def missing_images(catalogue: Catalogue, docs_dir: Path) -> Iterator[Problem]:
    for index, exercise in enumerate(catalogue.exercises):
        picture = exercise.illustration
        if isinstance(picture, ImageIllustration) and not (docs_dir / picture.image).is_file():
            yield Problem(("exercises", index, "illustration", "image"), f"file not found: docs/{picture.image}")
