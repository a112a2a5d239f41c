"""The handout builder (handouts/builder/): what its page needs, made at build time from the catalogue.

The builder runs only in the browser: a clinician composes a patient's program, prints it
and shares it as a link, and nothing is sent anywhere. So that it never drifts from the
catalogue, everything it knows comes from the validated `Catalogue` and the model: the
exercises as a JSON data block, the dose fields with the model's own limits, and the
sheet and each exercise's card from the same partials as the program handouts.

A program travels in the URL fragment, which browsers never send to a server:
`#title=Hip+program&notes=Ice+after&x=glute-bridge.s2.r10.t1.d5_Go+slowly&x=clamshell.s3.r15.e.t1.d5`.
`notes` (the sheet's general notes) may be left out. Each `x` is one exercise, in order:
its id, then a letter and a number per dose field (`DOSE_FIELDS`; the letter alone for
"each side"), then `_` and the note, if any. Patient details are never part of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel

from fai_site.catalogue.model import Catalogue, Category, Dosage, DosageChange, Exercise, Phase, Program, ProgramItem
from fai_site.catalogue.warning_signs import printed_safety
from fai_site.handouts.paper import BUDGET_EXERCISES, BUDGET_PAGES
from fai_site.handouts.sheet import HandoutItem, handout_items
from fai_site.pages.structured_data import script_text
from fai_site.pages.templating import render
from fai_site.site_settings import NOT_REVIEWED, Clinic

# The builder's page, by its path without extension.
PAGE = "handouts/builder"
DEFAULT_TITLE = "Your home exercise program"
# A built program has no rules of its own in the catalogue; these stand in for them. When
# every exercise has the same frequency, the sheet states it once instead, as a program's does.
HOW_OFTEN = "As each exercise says."
MOVE_ON = "When your therapist says so."
QR_CAPTION = "Scan to open this program on your phone."
# What the clinician fills in for the patient: kept on the device, never in a link or in storage.
PATIENT_FIELDS = [
    ("patient", "Patient's name"),
    ("date", "Date given"),
    ("clinician", "Clinician"),
    ("next-visit", "Next appointment"),
]
# The clinic's own details: kept in this browser's storage between visits, printed in the header.
CLINIC_FIELDS = [("name", "Clinic name"), ("phone", "Phone"), ("address", "Address"), ("web", "Web address")]
# General notes print beside the pain box, travel in the link and in templates; this many characters fit there.
NOTES_MAX_LENGTH = 200


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


# ---- The data block -------------------------------------------------------------------


def builder_data(catalogue: Catalogue, *, public_url: str | None) -> str:
    """The catalogue as the builder's script reads it, safe inside `<script type="application/json">`."""
    data: dict[str, Any] = {
        "exercises": [exercise_data(exercise) for exercise in catalogue.exercises],
        "phases": {phase.value: phase.label for phase in Phase},
        "categories": {category.value: category.label for category in Category},
        "doseFields": [field_data(field) for field in DOSE_FIELDS],
        "maxExercises": schema_limit(Program, "exercises", "maxItems"),
        "budgetExercises": BUDGET_EXERCISES,
        "budgetPages": BUDGET_PAGES,
        "titleMaxLength": schema_limit(Program, "title", "maxLength"),
        "noteMaxLength": schema_limit(ProgramItem, "note", "maxLength"),
        "notesMaxLength": NOTES_MAX_LENGTH,
        "defaultTitle": DEFAULT_TITLE,
        "howOften": HOW_OFTEN,
        "publicUrl": public_url,
    }
    return script_text(data)


def exercise_data(exercise: Exercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "phases": [phase.value for phase in exercise.phase],
        "category": exercise.category.value,
        "dose": exercise.dosage.model_dump(exclude_none=True),
    }


def field_data(field: DoseField) -> dict[str, Any]:
    return {
        "name": field.name,
        "code": field.code,
        "kind": field.kind.value,
        "low": field.low,
        "high": field.high,
        "default": field.default,
    }


# ---- Program links ----------------------------------------------------------------------


def program_fragment(program: Program, catalogue: Catalogue) -> str:
    """The URL fragment (without '#') that opens the builder with a program of the catalogue, doses and notes too."""
    items = handout_items(program, catalogue)
    return urlencode(
        [("title", program.title), *(("x", item_code(item.exercise.id, item.dosage, item.note)) for item in items)]
    )


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


# ---- The page ---------------------------------------------------------------------------


def builder_page(
    catalogue: Catalogue,
    *,
    clinic: Clinic,
    root: str,
    public_url: str | None,
    companion_href: str = "../../program/",
    review: str = NOT_REVIEWED,
) -> str:
    """The builder's page source: the controls, the empty sheet, and a card template per exercise.

    `companion_href` is the "My program" page, which the builder's "Start this program" link opens with the
    program's fragment; `review` is the catalogue's clinical sign-off in words, which its sheet prints.
    """
    return render(
        "handout_builder_page.md.j2",
        catalogue=catalogue,
        data=builder_data(catalogue, public_url=public_url),
        cards=[HandoutItem(exercise, exercise.dosage, "") for exercise in catalogue.exercises],
        dose_fields=DOSE_FIELDS,
        patient_fields=PATIENT_FIELDS,
        clinic_fields=CLINIC_FIELDS,
        notes_max_length=NOTES_MAX_LENGTH,
        budget_exercises=BUDGET_EXERCISES,
        budget_pages=BUDGET_PAGES,
        title_max_length=schema_limit(Program, "title", "maxLength"),
        note_max_length=schema_limit(ProgramItem, "note", "maxLength"),
        default_title=DEFAULT_TITLE,
        how_often=HOW_OFTEN,
        move_on=MOVE_ON,
        qr_caption=QR_CAPTION,
        clinic=clinic,
        safety=printed_safety(catalogue.safety, clinic.emergency_number),
        review=review,
        root=root,
        public_url=public_url,
        companion_href=companion_href,
    )
