"""Bigger catalogues made from the real one, for `make bench`.

Every exercise is cloned with a numbered id; each clone's easier/harder links point to
clones of the same number, and programs are built from the real ones with their
exercise ids rewritten the same way, so the result validates like the real file.
Copy 0 keeps the real ids, so the articles' links to exercises and handouts still resolve.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import yaml

PROGRAM_SIZE = 6

Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def synthetic_catalogue(real_text: str, *, exercises: int, programs: int) -> dict[str, Any]:
    """The real catalogue grown (or cut) to `exercises` exercises and `programs` programs of six."""
    real = yaml.load(real_text, Loader=Loader)  # noqa: S506 - a safe loader
    originals = real["exercises"]
    copies = math.ceil(exercises / len(originals))
    cloned = [clone_exercise(exercise, number) for number in range(copies) for exercise in originals][:exercises]
    kept = {exercise["id"] for exercise in cloned}
    for exercise in cloned:
        for field in ("easier", "harder"):
            exercise[field] = [target for target in exercise.get(field, []) if target in kept]
    full_copies = max(1, exercises // len(originals))
    real_programs = real["programs"]
    grown = [
        clone_program(
            real_programs[index % len(real_programs)],
            keep_id=index < len(real_programs),
            index=index,
            number=(index // len(real_programs)) % full_copies,
            available=[exercise["id"] for exercise in originals[:exercises]],
        )
        for index in range(programs)
    ]
    return {**real, "exercises": cloned, "programs": grown}


def catalogue_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=10_000)


def numbered(exercise_id: str, number: int) -> str:
    """The id of clone `number`; clone 0 is the real exercise."""
    return exercise_id if number == 0 else f"{exercise_id}-{number}"


def clone_exercise(exercise: dict[str, Any], number: int) -> dict[str, Any]:
    clone = copy.deepcopy(exercise)
    clone["id"] = numbered(exercise["id"], number)
    if number:
        clone["name"] = f"{exercise['name']} {number}"
    for field in ("easier", "harder"):
        clone[field] = [numbered(target, number) for target in exercise.get(field, [])]
    return clone


def clone_program(
    program: dict[str, Any], *, keep_id: bool, index: int, number: int, available: list[str]
) -> dict[str, Any]:
    """Program `index`: six items (of the `available` real ids), moved to clone `number`; the first round keeps the real
    ids."""
    clone = copy.deepcopy(program)
    if not keep_id:
        clone["id"] = f"{program['id']}-{index}"
    items = [item if isinstance(item, dict) else {"id": item} for item in program["exercises"]]
    items = [item for item in items if item["id"] in available][:PROGRAM_SIZE]
    used = {item["id"] for item in items}
    spare = iter([exercise_id for exercise_id in available if exercise_id not in used])
    while len(items) < min(PROGRAM_SIZE, len(available)):
        items.append({"id": next(spare)})
    clone["exercises"] = [{**copy.deepcopy(item), "id": numbered(item["id"], number)} for item in items]
    return clone
