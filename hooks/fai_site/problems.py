"""Catalogue problems as an editor reads them: file, line, column, field, what to do.

Every check in the package reports through `Problem`, so the build, `make check` and
the tests all print the same one-line messages.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

PathPart = str | int
FieldPath = tuple[PathPart, ...]
EntryIds = dict[tuple[str, int], str]


@dataclass(frozen=True)
class Problem:
    """One mistake in the catalogue, with where it is once located."""

    path: FieldPath
    message: str
    line: int | None = None
    column: int | None = None

    def located(self, line: int, column: int) -> Problem:
        return replace(self, line=line, column=column)


class CatalogueError(Exception):
    """Raised with every problem found, so an editor fixes them all in one go."""

    def __init__(self, source_name: str, problems: Sequence[Problem], ids: EntryIds | None = None) -> None:
        self.source_name = source_name
        self.problems = sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))
        self.ids = ids or {}
        super().__init__(self.report())

    def lines(self) -> list[str]:
        return [format_problem(self.source_name, problem, self.ids) for problem in self.problems]

    def report(self) -> str:
        count = len(self.problems)
        heading = f"{self.source_name}: {count} problem{'s' if count != 1 else ''} found:"
        return "\n".join([heading, *self.lines()])


def format_problem(source_name: str, problem: Problem, ids: EntryIds) -> str:
    where = source_name if problem.line is None else f"{source_name}:{problem.line}:{problem.column}"
    field = format_path(problem.path, ids)
    return printable(f"{where}: {field}: {problem.message}" if field else f"{where}: {problem.message}")


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


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' — did you mean …?' suffix for a near miss, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""
