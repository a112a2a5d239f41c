"""Catalogue problems as an editor reads them: file, line, column, field, what to do.

Every check in the package reports through `Problem`, so the build, `make check` and
the tests all print the same one-line messages.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

PathPart = str | int
FieldPath = tuple[PathPart, ...]
EntryIds = dict[tuple[str, int], str]


class Level(str, Enum):
    """How much a problem stops: an error stops the build, the others are only shown."""

    ERROR = "error"
    # Publishable, but worse than it should be (an exercise without a picture).
    WARNING = "warning"
    # A mistake inside an entry marked `draft: true`: drafts are never published, so it blocks nothing.
    DRAFT = "draft"


# What a line says before the field, so an editor tells a warning from an error at a glance.
LEVEL_WORDS = {Level.ERROR: "", Level.WARNING: "warning: ", Level.DRAFT: "draft, blocks nothing: "}


@dataclass(frozen=True)
class Problem:
    """One mistake in the catalogue, with where it is once located."""

    path: FieldPath
    message: str
    line: int | None = None
    column: int | None = None
    level: Level = Level.ERROR
    # Another field the message names by its line, as `{see_line}` (the first of two equal ids).
    see: FieldPath | None = None
    # For a problem in another file than the catalogue (an article, "docs/look-alikes.md"): that file, at `line`.
    file: str | None = None

    def located(self, line: int, column: int) -> Problem:
        return replace(self, line=line, column=column)

    def seeing(self, line: int) -> Problem:
        """The message with the line of the field it refers to filled in."""
        return replace(self, message=self.message.replace("{see_line}", str(line)), see=None)

    def as_level(self, level: Level) -> Problem:
        return replace(self, level=level)

    @property
    def blocking(self) -> bool:
        return self.level is Level.ERROR


class CatalogueError(Exception):
    """Raised with every problem found, so an editor fixes them all in one go."""

    def __init__(self, source_name: str, problems: Sequence[Problem], ids: EntryIds | None = None) -> None:
        self.source_name = source_name
        self.problems = sorted(problems, key=in_file_order)
        self.ids = ids or {}
        super().__init__(self.report())

    def lines(self) -> list[str]:
        return [format_problem(self.source_name, problem, self.ids) for problem in self.problems]

    def report(self) -> str:
        return report(self.source_name, self.problems, self.ids)


def report(source_name: str, problems: Sequence[Problem], ids: EntryIds) -> str:
    """A heading that counts what blocks and what does not, then one line per problem in file order (the catalogue
    first, then the articles)."""
    ordered = sorted(problems, key=in_file_order)
    return "\n".join(
        [heading(source_name, ordered), *(format_problem(source_name, problem, ids) for problem in ordered)]
    )


def in_file_order(problem: Problem) -> tuple[str, int, int]:
    return (problem.file or "", problem.line or 0, problem.column or 0)


def heading(source_name: str, problems: Sequence[Problem]) -> str:
    errors = sum(problem.level is Level.ERROR for problem in problems)
    if any(problem.file is not None for problem in problems):
        source_name = f"{source_name} and the articles"
    others = [
        count(number, word)
        for word, number in (
            ("warning", sum(problem.level is Level.WARNING for problem in problems)),
            ("problem in drafts", sum(problem.level is Level.DRAFT for problem in problems)),
        )
        if number
    ]
    if not errors:
        return (
            f"{source_name}: {' and '.join(others)}; {'this blocks' if len(problems) == 1 else 'these block'} nothing:"
        )
    extra = f", and {' and '.join(others)} that block nothing" if others else ""
    return f"{source_name}: {count(errors, 'problem')} found{extra}:"


def count(number: int, word: str) -> str:
    """'1 warning', '2 warnings', '2 problems in drafts'."""
    noun, _, rest = word.partition(" ")
    return f"{number} {noun}{'s' if number != 1 else ''}{' ' + rest if rest else ''}"


def format_problem(source_name: str, problem: Problem, ids: EntryIds) -> str:
    if problem.file is not None:
        return printable(f"{problem.file}:{problem.line}: {LEVEL_WORDS[problem.level]}{problem.message}")
    where = source_name if problem.line is None else f"{source_name}:{problem.line}:{problem.column}"
    field = format_path(problem.path, ids)
    what = f"{field}: {problem.message}" if field else problem.message
    return printable(f"{where}: {LEVEL_WORDS[problem.level]}{what}")


def format_path(path: FieldPath, ids: EntryIds) -> str:
    """Render a field path, naming exercises and programs by id where the id is known."""
    text = ""
    for position, part in enumerate(path):
        if isinstance(part, int):
            known = ids.get((str(path[0]), part)) if position == 1 else None
            text += f"[{part}]" if known is None else f"[{part}: {known}]"
        else:
            text += part if not text else f".{part}"
    return text


def printable(line: str) -> str:
    """The line with control characters spelt out, so catalogue text cannot drive the terminal."""
    if line.isprintable():
        return line
    return "".join(character if character.isprintable() else ascii(character)[1:-1] for character in line)


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
    """A ' — did you mean …?' suffix for a near miss, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f" — did you mean '{close[0]}'?" if close else ""
