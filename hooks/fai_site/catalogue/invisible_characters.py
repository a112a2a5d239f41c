"""Characters no reader can see, refused anywhere in the catalogue's text, with where they are.

YAML itself refuses most control characters written into the file, but lets them in as
escapes (`"\\a"`, `"\\u0007"`), and lets direction overrides and zero-width characters in
as they are. None of them shows on a page, yet one in a name makes the SVG picture that
carries it invalid (a blank picture on the page and in the PDF), and direction overrides
can make a line read differently from what it says. Tabs and line breaks are text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fai_site.catalogue.problems import FieldPath, Problem

INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
# No field of a catalogue lies deeper than this; text below it is in a value the model refuses anyway.
MAX_DEPTH = 32


def invisible_character_problems(data: Any) -> list[Problem]:
    """One problem for each text with a character no reader can see, naming the first."""
    return [
        Problem(
            path,
            f"contains an invisible character (U+{ord(found[0]):04X}) that would not show, or would break a picture; "
            "delete it",
        )
        for path, value in texts(data, ())
        if (found := INVISIBLE.search(value))
    ]


def texts(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every string in the data, with its field path; keys too, which name fields and entries."""
    if len(path) > MAX_DEPTH:
        return
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if isinstance(key, str) and INVISIBLE.search(key):
                yield (*path, key), key
            yield from texts(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from texts(inner, (*path, index))
