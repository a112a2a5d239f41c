"""Rules about what an exercise says, checked by the validator so no test knows a rule an editor cannot see.

They read the YAML data as written, like the cross-reference checks, and skip values of
the wrong type: the model reports those.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fai_site.catalogue.problems import Problem

# The pain rule ("mild discomfort up to about 4 out of 10 is OK if it settles by the next day"),
# however it is worded: a score out of 10, a pain score or scale, or an ache gone by the next day.
PAIN_RULE = re.compile(r"\bout of (?:10|ten)\b|\b(?:10|[0-9])\s*/\s*10\b|\bpain (?:score|scale)\b|\bby the next day\b", re.IGNORECASE)


# A source is about the hip when its title says so.
HIP_TITLE = re.compile(r"\bhip\b|femoroacetabular|\bFAI\b", re.IGNORECASE)


def content_problems(data: dict[str, Any]) -> list[Problem]:
    exercises = data.get("exercises")
    if not isinstance(exercises, list):
        return []
    references = data.get("references") if isinstance(data.get("references"), dict) else {}
    return [
        problem
        for index, entry in enumerate(exercises)
        if isinstance(entry, dict)
        for problem in [*restated_pain_rule(index, entry), *sources_off_the_hip(index, entry, references)]
    ]


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
            message = f"'{key}' is not about the hip (its title names no hip, FAI or femoroacetabular), so it cannot support a hip exercise; cite a hip source instead"
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
