"""Rules about what an exercise says, checked by the validator so no test knows a rule an editor cannot see.

They read the YAML data as written, like the cross-reference checks, and skip values of
the wrong type: the model reports those.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fai_site.catalogue.problems import FieldPath, Problem
from fai_site.catalogue.reading_grade import ReadingGrades, as_sentences

# The pain rule ("mild discomfort up to about 4 out of 10 is OK if it settles by the next day"),
# however it is worded: a score out of 10, a pain score or scale, or an ache gone by the next day.
PAIN_RULE = re.compile(
    r"\bout of (?:10|ten)\b|\b(?:10|[0-9])\s*/\s*10\b|\bpain (?:score|scale)\b|\bby the next day\b", re.IGNORECASE
)


# A source is about the hip when its title says so.
HIP_TITLE = re.compile(r"\bhip\b|femoroacetabular|\bFAI\b", re.IGNORECASE)

# The US school grade every page of the site is written to (tests/site/test_content.py measures the
# articles with the same function): a patient follows an exercise alone, at home.
MAX_READING_GRADE = 8.0
# One line may read harder than the whole (a short line with one long word scores high), but a line
# above the end of high school hides in an easy whole, and a patient stops at it.
MAX_LINE_GRADE = 12.0
# What a patient reads to do an exercise, in the order the page gives it.
INSTRUCTIONS = ("summary", "position", "steps", "feel", "mistakes", "precautions")
PLAINER = "use shorter sentences and everyday words"


def content_problems(data: dict[str, Any], *, grades: ReadingGrades) -> list[Problem]:
    """Every rule about what each exercise says, as written; `grades` may hold grades measured in an earlier run."""
    exercises = data.get("exercises")
    if not isinstance(exercises, list):
        return []
    written = data.get("references")
    references = written if isinstance(written, dict) else {}
    return [
        problem
        for index, entry in enumerate(exercises)
        if isinstance(entry, dict)
        for problem in [
            *restated_pain_rule(index, entry),
            *sources_off_the_hip(index, entry, references),
            *hard_to_read(index, entry, grades),
        ]
    ]


def instructions(exercise: dict[str, Any]) -> list[tuple[FieldPath, str]]:
    """Each piece of text a patient reads to do the exercise, with where it is written; other types are the model's to
    report."""
    parts: list[tuple[FieldPath, str]] = []
    for field in INSTRUCTIONS:
        value = exercise.get(field)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        parts += [
            ((field,) if position is None else (field, position), text.strip())
            for position, text in items
            if isinstance(text, str) and text.strip()
        ]
    return parts


def instructions_grade(exercise: dict[str, Any], *, grades: ReadingGrades) -> float | None:
    """The grade of the exercise's instructions read as a whole, as the page gives them; None when there is no text."""
    parts = instructions(exercise)
    return grades.of(as_sentences([text for _, text in parts])) if parts else None


def hard_to_read(index: int, exercise: dict[str, Any], grades: ReadingGrades) -> Iterator[Problem]:
    """Instructions above the site's reading grade, located at their hardest line, where rewriting helps most;
    and any line far above it, however easy the rest."""
    lines = [(path, grades.of(as_sentences([text]))) for path, text in instructions(exercise)]
    whole = instructions_grade(exercise, grades=grades)
    if whole is None:
        return
    hardest = max(lines, key=lambda line: line[1])[0]
    for path, figure in lines:
        if path == hardest and whole > MAX_READING_GRADE:
            message = (
                f"the exercise's instructions read at US school grade {whole:.1f}, above the site's limit of "
                f"{MAX_READING_GRADE:g}; "
                f"this line is the hardest (grade {figure:.1f}): {PLAINER}, starting here"
            )
        elif figure > MAX_LINE_GRADE:
            message = (
                f"this line reads at US school grade {figure:.1f}, above the limit of {MAX_LINE_GRADE:g} for any "
                f"one line: {PLAINER}"
            )
        else:
            continue
        yield Problem(("exercises", index, *path), message)


def sources_off_the_hip(index: int, exercise: dict[str, Any], references: dict[str, Any]) -> Iterator[Problem]:
    """A source must support the exercise beside it: a knee study may back the pain rule, which
    every page adds itself, but not a hip exercise. Unknown keys are the cross-reference check's."""
    keys = exercise.get("references")
    if not isinstance(keys, list):
        return
    for position, key in enumerate(keys):
        source = references.get(key) if isinstance(key, str) else None
        title = source.get("title") if isinstance(source, dict) else None
        if isinstance(title, str) and not HIP_TITLE.search(title):
            message = (
                f"'{key}' is not about the hip (its title names no hip, FAI or femoroacetabular), so it cannot "
                "support a hip exercise; cite a hip source instead"
            )
            yield Problem(("exercises", index, "references", position), message)


def restated_pain_rule(index: int, exercise: dict[str, Any]) -> Iterator[Problem]:
    """Each page adds the pain rule under 'Safety' and each handout has a pain box; handouts print
    every precaution, so a repeat there costs space and says it twice."""
    precautions = exercise.get("precautions")
    if not isinstance(precautions, list):
        return
    for position, precaution in enumerate(precautions):
        if isinstance(precaution, str) and PAIN_RULE.search(precaution):
            message = (
                "restates the pain rule (up to about 4 out of 10, settled by the next day); every page and handout "
                "already gives it, so take it out and keep any other advice"
            )
            yield Problem(("exercises", index, "precautions", position), message)
