"""The program link: how a program travels from a handout or the builder to the browser, and the limits it keeps.

A program travels in the URL fragment, which browsers never send to a server:
`#title=Hip+program&notes=Ice+after&x=glute-bridge.s2.r10.t1.d5_Go+slowly&x=clamshell.s3.r15.e.t1.d5`.
`notes` (the sheet's general notes) may be left out. Each `x` is one exercise, in order:
its id, then a letter and a number per dose field (`DOSE_FIELDS`; the letter alone for
"each side"), then `_` and the note, if any. A bare id (`x=clamshell`) means the
exercise's usual dose. Patient details are never part of it.

Besides `title` and `notes`, a link may carry what a program's handout prints around its
exercises: the `goal`, the `phase` line ("Middle phase · usually about weeks 4–10"), the
spacing advice `often` ("Leave a rest day between sessions.") and `move` (when to move on);
and `review`, the day the clinician means to review the program (YYYY-MM-DD). A clinic's own
exercise, made in the builder, travels whole, as a `c`: its fields separated by U+001F
(its id, a slug; the base position its picture shows, or nothing; its name; its steps; its
precautions), the lines of a list by U+001E. Every text is cleaned of control characters,
so they never appear inside a field. It takes its place in the program as an `x` whose id
is `~` and that slug, with its dose: a clinic's exercise has no usual dose.

A printed handout's QR code names its program by reference instead (`p=calm-symptoms.1a2b3c4d`,
`handouts.phone_link`): a short code scans at the size of a thumbnail, and the hash tells
"My program" whether the sheet was printed from the program it holds, so a sheet from an
older site never opens a program changed since.

The browser reads and writes the same format in one script, `javascripts/program-link.js`,
for the builder and "My program" alike. So that the two sides never disagree, every limit
that script holds to comes from here, and here from the catalogue's model: `link_rules`
is emitted into both pages' data blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel

from fai_site.catalogue.model import (
    FREQUENCY_WORDS,
    Catalogue,
    Dosage,
    DosageChange,
    Exercise,
    Program,
    ProgramItem,
)
from fai_site.catalogue.pose import Base
from fai_site.handouts.phone_link import program_reference
from fai_site.handouts.sheet import handout_items

DEFAULT_TITLE = "Your home exercise program"
# A program's general notes print beside the pain box; this many characters fit there.
NOTES_MAX_LENGTH = 200
# The program's texts a link carries besides its title and notes, by parameter, and the model field whose length
# each keeps: what a program's handout prints around its exercises.
PROGRAM_TEXTS = {"goal": "goal", "phase": "title", "often": "how_often", "move": "move_on"}
# What "My program" shows of them: the goal, and the spacing advice that says why a day is a rest day.
COMPANION_TEXTS = ["goal", "often"]
# A clinic's own exercise: its id (after `~` in the program), its lines, and how many of them a card holds.
CUSTOM_MARK = "~"
CUSTOM_ID_MAX_LENGTH = 40
CUSTOM_LINE_MAX_LENGTH = 200
CUSTOM_MAX_CARE = 6
FIELD_SEPARATOR = "\x1f"
LINE_SEPARATOR = "\x1e"


class DoseKind(str, Enum):
    """Which exercises a dose field belongs to: sets of reps or holds, timed ones (walking, cycling), or all."""

    COUNTED = "counted"
    TIMED = "timed"
    ANY = "any"


@dataclass(frozen=True)
class DoseField:
    """A dose setting the clinician may change, and its letter in a program link."""

    name: str
    code: str
    label: str
    kind: DoseKind

    @property
    def is_number(self) -> bool:
        return self.name != "each_side"

    @property
    def low(self) -> int | None:
        return schema_limit(DosageChange, self.name, "minimum")

    @property
    def high(self) -> int | None:
        return schema_limit(DosageChange, self.name, "maximum")

    @property
    def default(self) -> Any:
        """The model's default (1 a day, 7 days a week, not each side), which a link may leave out."""
        return Dosage.model_fields[self.name].default


DOSE_FIELDS = [
    DoseField("sets", "s", "Sets", DoseKind.COUNTED),
    DoseField("reps", "r", "Reps", DoseKind.COUNTED),
    DoseField("hold_seconds", "h", "Hold (seconds)", DoseKind.COUNTED),
    DoseField("duration_minutes", "m", "Minutes", DoseKind.TIMED),
    DoseField("each_side", "e", "Each side", DoseKind.COUNTED),
    DoseField("times_per_day", "t", "Times a day", DoseKind.ANY),
    DoseField("days_per_week", "d", "Days a week", DoseKind.ANY),
]


@cache
def schema_limit(model: type[BaseModel], field: str, key: str) -> int | None:
    """A field's limit (`maximum`, `maxLength`, `maxItems`…) as the model's JSON Schema states it.

    The serialization schema, because the validation one shows what an editor may write
    (an id or a mapping), which drops the list's own limits.
    """
    schema = model.model_json_schema(mode="serialization")["properties"][field]
    for branch in [schema, *schema.get("anyOf", [])]:
        if key in branch:
            return int(branch[key])
    return None


def limit(model: type[BaseModel], field: str, key: str) -> int:
    """A limit the model must state: the browser's checks are only as strict as these numbers."""
    found = schema_limit(model, field, key)
    if found is None:
        raise LookupError(f"{model.__name__}.{field} states no {key}")
    return found


# ---- Writing a link ---------------------------------------------------------------------


def program_fragment(program: Program, catalogue: Catalogue, *, companion: bool = False) -> str:
    """The URL fragment (without '#') that opens a program of the catalogue: doses, notes, and what its handout says
    around them; for "My program" (`companion`), without the phase line and when to move on, which only a sheet
    prints."""
    items = handout_items(program, catalogue)
    texts = {"goal": program.goal, "phase": program.phase_line, "often": program.how_often, "move": program.move_on}
    if companion:
        texts = {name: texts[name] for name in COMPANION_TEXTS}
    return urlencode(
        [
            ("title", program.title),
            *((name, text) for name, text in texts.items() if text),
            *(("x", item_code(item.exercise.id, item.dosage, item.note)) for item in items),
        ]
    )


def program_references(catalogue: Catalogue, *, companion: bool = False) -> dict[str, str]:
    """Each program's reference → its link: how "My program" opens a printed code."""
    return {
        program_reference(program, catalogue): program_fragment(program, catalogue, companion=companion)
        for program in catalogue.programs
    }


def item_code(exercise_id: str, dosage: Dosage, note: str | None) -> str:
    """One exercise in a program link: `id.s3.r12.e.t1.d5_note`."""
    parts = [exercise_id]
    for field in DOSE_FIELDS:
        value = getattr(dosage, field.name)
        if value is True:
            parts.append(field.code)
        elif value is not None and value is not False:
            parts.append(f"{field.code}{value}")
    code = ".".join(parts)
    return f"{code}_{note}" if note else code


# ---- The limits, for the browser ----------------------------------------------------------


def field_data(field: DoseField) -> dict[str, Any]:
    return {
        "name": field.name,
        "code": field.code,
        "kind": field.kind.value,
        "low": field.low,
        "high": field.high,
        "default": field.default,
    }


@cache
def longest_link() -> int:
    """The length of the longest fragment the writer can make within the model's limits, a clinic's own exercises
    aside (`longest_custom`).

    Every text at its longest, in a character that takes 9 characters once encoded (as
    most non-Latin letters do), every dose field at its largest: a link longer than this
    was not made by this site, and the browser refuses it before reading it.
    """
    wide = "中"
    longest_id = "a" * limit(ProgramItem, "id", "maxLength")
    dose = ".".join(field.code + ("" if field.high is None else str(field.high)) for field in DOSE_FIELDS)
    item = f"{longest_id}.{dose}_{wide * limit(ProgramItem, 'note', 'maxLength')}"
    fields = [
        ("title", wide * limit(Program, "title", "maxLength")),
        ("notes", wide * NOTES_MAX_LENGTH),
        *((name, wide * limit(Program, field, "maxLength")) for name, field in PROGRAM_TEXTS.items()),
        ("review", "2099-12-31"),
        *[("x", item)] * limit(Program, "exercises", "maxItems"),
    ]
    return len(urlencode(fields))


@cache
def longest_custom() -> int:
    """The length of the longest `c=…` a clinic's own exercise makes, as `longest_link` counts."""
    wide = "中"
    lines = [wide * CUSTOM_LINE_MAX_LENGTH] * limit(Exercise, "steps", "maxItems")
    fields = [
        "a" * CUSTOM_ID_MAX_LENGTH,
        max((base.value for base in Base), key=len),
        wide * limit(Exercise, "name", "maxLength"),
        LINE_SEPARATOR.join(lines),
        LINE_SEPARATOR.join(lines[:CUSTOM_MAX_CARE]),
    ]
    return len(urlencode([("c", FIELD_SEPARATOR.join(fields))]))


def custom_rules() -> dict[str, Any]:
    """A clinic's own exercise, held to the catalogue's limits for an exercise where it has them."""
    return {
        "mark": CUSTOM_MARK,
        "idMaxLength": CUSTOM_ID_MAX_LENGTH,
        "nameMaxLength": limit(Exercise, "name", "maxLength"),
        "lineMaxLength": CUSTOM_LINE_MAX_LENGTH,
        "maxSteps": limit(Exercise, "steps", "maxItems"),
        "maxCare": CUSTOM_MAX_CARE,
        "bases": [base.value for base in Base],
        "linkMaxLength": longest_custom(),
    }


def link_rules() -> dict[str, Any]:
    """What `program-link.js` and `data-schema.js` hold a link, a dose and a stored text to: the model's own limits."""
    return {
        "doseFields": [field_data(field) for field in DOSE_FIELDS],
        "maxExercises": limit(Program, "exercises", "maxItems"),
        "idMaxLength": limit(ProgramItem, "id", "maxLength"),
        "titleMaxLength": limit(Program, "title", "maxLength"),
        "noteMaxLength": limit(ProgramItem, "note", "maxLength"),
        "notesMaxLength": NOTES_MAX_LENGTH,
        "texts": {name: limit(Program, field, "maxLength") for name, field in PROGRAM_TEXTS.items()},
        "custom": custom_rules(),
        # A spacing advice that states a frequency would contradict the doses: the model's own test.
        "frequencyWords": FREQUENCY_WORDS.pattern,
        "linkMaxLength": longest_link(),
        "defaultTitle": DEFAULT_TITLE,
    }
