"""Checks that need the whole catalogue: unique ids, links that resolve, pictures that exist, names articles use.

They read the YAML data as written, not the validated model, so they still run when
some other field is wrong and one run reports every problem. A value of the wrong
type is skipped here: the model reports it.

When an id is written twice, the second entry is usually a copy being turned into a new
exercise: its links and the links to the exercise it was meant to become are explained
by the duplicate, not by a guess at some other id that looks alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fai_site.catalogue.problems import Level, Problem, did_you_mean

Entries = list[tuple[int, dict[str, Any]]]
# Ids are long and share words ("hip", "band"), so only a close match is worth suggesting.
ID_LIKENESS = 0.8
# A hand-written article's link to an exercise page, from docs/ or a folder below it: (text, id).
ARTICLE_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)*exercises/([a-z0-9-]+)\.md")


def cross_reference_problems(data: dict[str, Any], *, docs_dir: Path) -> list[Problem]:
    exercises, programs = entries(data, "exercises"), entries(data, "programs")
    problems = [
        *duplicate_ids("exercises", exercises),
        *duplicate_ids("programs", programs),
        *missing_images(exercises, docs_dir),
    ]
    problems += names_in_articles(exercises, docs_dir)
    if isinstance(data.get("exercises"), list):
        links = Links(exercises)
        problems += [*unknown_exercise_links(exercises, links), *unknown_program_items(programs, links)]
        problems += [*links_to_drafts(exercises, programs, links)]
    if isinstance(data.get("references"), dict):
        problems += unknown_reference_keys(exercises, {key for key in data["references"] if isinstance(key, str)})
    return problems


def content_warnings(data: dict[str, Any]) -> list[Problem]:
    """What may be published but should not be: each is shown by `make check`, the build and the browser."""
    exercises = entries(data, "exercises")
    return [*missing_pictures(exercises), *step_counts(exercises)]


def is_draft(entry: dict[str, Any]) -> bool:
    return entry.get("draft") is True


class Links:
    """The exercise ids a link may name, the drafts among them, and the entries whose id repeats an earlier one."""

    def __init__(self, exercises: Entries) -> None:
        self.known: set[str] = set()
        self.drafts: set[str] = set()
        self.copies: dict[int, str] = {}
        for index, entry in exercises:
            entry_id = text(entry.get("id"))
            if entry_id is None:
                continue
            if entry_id in self.known:
                self.copies[index] = entry_id
            self.known.add(entry_id)
            if is_draft(entry):
                self.drafts.add(entry_id)

    def unknown(self, path: tuple[str | int, ...], target: str, *, where: str = "") -> Problem:
        """Why a link names no exercise, and the likeliest fix: a copy's id, if an entry repeats one."""
        if self.copies:
            index, copied = next(iter(self.copies.items()))
            message = (
                f"unknown exercise '{target}'{where}; exercises[{index}] on line {{see_line}} repeats the id "
                f"'{copied}': "
                f"if that entry is meant to be '{target}', change its id"
            )
            return Problem(path, message, see=("exercises", index, "id"))
        return Problem(
            path, f"unknown exercise '{target}'{where}{did_you_mean(target, self.known, cutoff=ID_LIKENESS)}"
        )


def entries(data: dict[str, Any], section: str) -> Entries:
    """The mappings in a top-level list, with their positions."""
    found = data.get(section)
    return (
        [(index, entry) for index, entry in enumerate(found) if isinstance(entry, dict)]
        if isinstance(found, list)
        else []
    )


def text(value: Any) -> str | None:
    """A text value as the model reads it (surrounding spaces dropped), or None for other types."""
    return value.strip() if isinstance(value, str) else None


def listed_ids(value: Any) -> Iterator[tuple[int, str]]:
    if isinstance(value, list):
        yield from ((position, item_id) for position, item in enumerate(value) if (item_id := text(item)) is not None)


def duplicate_ids(section: str, found: Entries) -> Iterator[Problem]:
    """Each id written again, naming the line of the first: `locate` fills in `{see_line}`."""
    first_seen: dict[str, int] = {}
    for index, entry in found:
        entry_id = text(entry.get("id"))
        if entry_id is None:
            continue
        if entry_id in first_seen:
            first = first_seen[entry_id]
            message = (
                f"'{entry_id}' is already the id of {section}[{first}] on line {{see_line}}; every id must be "
                "unique, so give this entry a new one"
            )
            yield Problem((section, index, "id"), message, see=(section, first, "id"))
        first_seen.setdefault(entry_id, index)


def unknown_exercise_links(exercises: Entries, links: Links) -> Iterator[Problem]:
    for index, exercise in exercises:
        for field in ("easier", "harder"):
            for position, target in listed_ids(exercise.get(field)):
                if target == text(exercise.get("id")):
                    if index not in links.copies:  # a copy's links are explained by its repeated id
                        yield Problem(("exercises", index, field, position), f"'{target}' links to itself")
                elif target not in links.known:
                    yield links.unknown(("exercises", index, field, position), target)


def unknown_program_items(programs: Entries, links: Links) -> Iterator[Problem]:
    for index, program in programs:
        name = f"program '{program_id}'" if (program_id := text(program.get("id"))) else "this program"
        for position, target in listed_ids(program_item_ids(program.get("exercises"))):
            if target not in links.known:
                yield links.unknown(("programs", index, "exercises", position), target, where=f" in {name}")


def links_to_drafts(exercises: Entries, programs: Entries, links: Links) -> Iterator[Problem]:
    """A published page or handout cannot show a draft: the build leaves drafts out."""
    advice = "is a draft, which is not published: finish it and remove its 'draft: true', or leave it out here for now"
    for index, exercise in exercises:
        if not is_draft(exercise):
            for field in ("easier", "harder"):
                for position, target in listed_ids(exercise.get(field)):
                    if target in links.drafts:
                        yield Problem(("exercises", index, field, position), f"'{target}' {advice}")
    for index, program in programs:
        if not is_draft(program):
            for position, target in listed_ids(program_item_ids(program.get("exercises"))):
                if target in links.drafts:
                    yield Problem(
                        ("programs", index, "exercises", position),
                        f"'{target}' {advice} (or mark this program as a draft too)",
                    )


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


def missing_pictures(exercises: Entries) -> Iterator[Problem]:
    """An exercise with no picture still gets a page, but patients follow a picture better than words."""
    for index, exercise in exercises:
        if "illustration" not in exercise and text(exercise.get("id")) is not None:
            message = (
                "has no picture; add 'illustration: {pose: …}' (the editor's guide page 'Drawing an exercise: "
                "poses' shows how) or an image file"
            )
            yield Problem(("exercises", index), message, level=Level.WARNING)


# Fewer steps rarely explain a movement, more rarely fit a handout; the model allows 2 to 8.
STEPS_THAT_READ_BEST = range(3, 7)


def step_counts(exercises: Entries) -> Iterator[Problem]:
    for index, exercise in exercises:
        steps = exercise.get("steps")
        if isinstance(steps, list) and 2 <= len(steps) <= 8 and len(steps) not in STEPS_THAT_READ_BEST:
            advice = "split a step in two" if len(steps) < 3 else "join or drop a step"
            message = f"has {len(steps)} steps; 3 to 6 read best on the page and the handout, so {advice}"
            yield Problem(("exercises", index, "steps"), message, level=Level.WARNING)


def names_in_articles(exercises: Entries, docs_dir: Path) -> Iterator[Problem]:
    """An article calls an exercise by its name, give or take a capital or a plural 's': a reader who follows
    the link looks for that name as the page's title, and a renamed exercise must not leave its old name behind."""
    named = first_names(exercises)
    for article in sorted(docs_dir.rglob("*.md")) if named and docs_dir.is_dir() else []:
        source = article.read_text(encoding="utf-8", errors="replace")
        for match in ARTICLE_LINK.finditer(source):
            index, name = named.get(match[2], (None, ""))
            if index is not None and match[1].lower() not in {name.lower(), f"{name.lower()}s"}:
                line = source.count(chr(10), 0, match.start()) + 1
                where = f"{docs_dir.name}/{article.relative_to(docs_dir).as_posix()} line {line}"
                message = (
                    f"{where} links to it as '{match[1]}': call it '{name}' there (only a capital or a plural "
                    "'s' may differ), or rename it here to match"
                )
                yield Problem(("exercises", index, "name"), message)


def first_names(exercises: Entries) -> dict[str, tuple[int, str]]:
    """Each id's position and name; for an id written twice, the first entry's (the second is usually a copy)."""
    named: dict[str, tuple[int, str]] = {}
    for index, exercise in exercises:
        entry_id, name = text(exercise.get("id")), text(exercise.get("name"))
        if entry_id and name:
            named.setdefault(entry_id, (index, name))
    return named


def missing_images(exercises: Entries, docs_dir: Path) -> Iterator[Problem]:
    """A picture must be a file of docs/ itself: a symbolic link would publish whatever it points at."""
    for index, exercise in exercises:
        illustration = exercise.get("illustration")
        image = text(illustration.get("image")) if isinstance(illustration, dict) else None
        where = ("exercises", index, "illustration", "image")
        # A path the model refuses (absolute, or with '..') is explained there.
        inward = image is not None and not Path(image).is_absolute() and ".." not in Path(image).parts
        linked = (
            next((step for step in steps(docs_dir, image) if step.is_symlink()), None) if image and inward else None
        )
        if linked is not None:
            shown = linked.relative_to(docs_dir).as_posix()
            yield Problem(where, f"docs/{shown} is a symbolic link; copy the picture into docs/ instead")
        elif image and inside(docs_dir, image) and not (docs_dir / image).is_file():
            yield Problem(where, f"file not found: docs/{image}{did_you_mean(image, neighbours(docs_dir, image))}")


def steps(docs_dir: Path, image: str) -> list[Path]:
    """The folders and file the path goes through, from docs/ down."""
    parts = Path(image).parts
    return [docs_dir.joinpath(*parts[:depth]) for depth in range(1, len(parts) + 1)]


def inside(docs_dir: Path, image: str) -> bool:
    """Whether the path stays inside docs/; the model explains paths that do not."""
    return (docs_dir / image).resolve().is_relative_to(docs_dir.resolve())


def neighbours(docs_dir: Path, image: str) -> list[str]:
    """The files next to where the picture was expected, to suggest a near miss."""
    folder = (docs_dir / image).parent
    return (
        [path.relative_to(docs_dir).as_posix() for path in folder.iterdir() if path.is_file()]
        if folder.is_dir()
        else []
    )
