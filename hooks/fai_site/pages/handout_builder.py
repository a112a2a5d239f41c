"""The handout builder (handouts/builder/): what its page needs, made at build time from the catalogue.

The builder runs only in the browser: a clinician composes a patient's program, prints it
and shares it as a link, and nothing is sent anywhere. So that it never drifts from the
catalogue, everything it knows comes from the validated `Catalogue` and the model: the
exercises as a JSON data block, the dose fields with the model's own limits, and the
sheet and each exercise's card from the same partials as the program handouts. What the
page already says is not repeated in the data: an exercise's name is on its card, the
phases' and types' names in the filters, the base positions' in the form for a clinic's
own exercise, whose picture is the base position drawn (`pictures.base_picture`).

A program travels in the URL fragment, in the format `program_link` describes; the page
carries that module's limits (`link_rules`), so the browser reads links as the model would.
"""

from __future__ import annotations

from typing import Any

from fai_site.catalogue.model import Catalogue, Exercise
from fai_site.catalogue.warning_signs import printed_safety
from fai_site.handouts.paper import BUDGET_EXERCISES, BUDGET_PAGES, LARGE_PRINT_BUDGET_PAGES, LARGE_PRINT_MIN_PT
from fai_site.handouts.phone_link import PHONE_LINE
from fai_site.handouts.sheet import HandoutItem
from fai_site.pages.program_link import DEFAULT_TITLE, DOSE_FIELDS, item_code, link_rules
from fai_site.pages.structured_data import script_text
from fai_site.pages.templating import render
from fai_site.pictures.base_picture import FOLDER as BASE_FOLDER
from fai_site.pictures.base_picture import base_pictures
from fai_site.site_settings import NOT_REVIEWED, Clinic

# The builder's page, by its path without extension, and its scripts in the order they run (each needs the ones
# before it).
PAGE = "handouts/builder"
SCRIPTS = [
    "javascripts/on-demand.js",
    "javascripts/data-schema.js",
    "javascripts/program-link.js",
    "javascripts/dose-words.js",
    "javascripts/handout-builder.js",
]
# What only some visits need, loaded when first wanted: a clinic's own exercises; the templates' and clinic packs'
# files and the logo; the QR codes (lean-qr, vendored, and the code that draws with it), once the program has an
# exercise.
ON_DEMAND = ["javascripts/builder-custom.js", "javascripts/builder-library.js", "javascripts/builder-qr.js"]
# A built program has no rules of its own in the catalogue; these stand in for them. When
# every exercise has the same frequency, the sheet states it once instead, as a program's does.
HOW_OFTEN = "As each exercise says."
MOVE_ON = "When your therapist says so."
# What the clinician fills in for the patient: kept on the device, never in a link or in storage.
PATIENT_FIELDS = [
    ("patient", "Patient's name"),
    ("date", "Date given"),
    ("clinician", "Clinician"),
    ("next-visit", "Next appointment"),
]
# The clinic's own details: kept in this browser's storage between visits, printed in the header.
CLINIC_FIELDS = [("name", "Clinic name"), ("phone", "Phone"), ("address", "Address"), ("web", "Web address")]
CLINIC_MAX_LENGTH = 120
# Templates kept in this browser: more than a clinic keeps, few enough that reading them stays instant. A clinic's own
# exercises likewise.
MAX_TEMPLATES = 200
MAX_CUSTOM = 200
# A clinic's logo chosen in the builder is kept in this browser's storage, which holds about 5 MB for the whole site.
LOGO_MAX_BYTES = 200 * 1024
LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"]


# ---- The data block -------------------------------------------------------------------


def builder_data(catalogue: Catalogue, *, companion_url: str | None = None) -> str:
    """The catalogue as the builder's script reads it, safe inside `<script type="application/json">`."""
    data: dict[str, Any] = {
        "exercises": [exercise_data(exercise) for exercise in catalogue.exercises],
        "rules": link_rules(),
        "clinicMaxLength": CLINIC_MAX_LENGTH,
        "maxTemplates": MAX_TEMPLATES,
        "maxCustom": MAX_CUSTOM,
        "logo": {"maxBytes": LOGO_MAX_BYTES, "types": LOGO_TYPES},
        "budgetExercises": BUDGET_EXERCISES,
        "budgetPages": BUDGET_PAGES,
        "companionUrl": companion_url,
    }
    return script_text(data)


def exercise_data(exercise: Exercise) -> str:
    """'clamshell.s3.r12.e.t1.d5 strength early': the exercise and its usual dose as a program link writes them
    (`program-link.js` reads it back), then its type and phases."""
    return " ".join([item_code(exercise.id, exercise.dosage, None), exercise.category.value, *exercise.phase])


# ---- The page ---------------------------------------------------------------------------


def builder_page(
    catalogue: Catalogue,
    *,
    clinic: Clinic,
    root: str,
    public_url: str | None,
    companion_href: str = "../../program/",
    companion_url: str | None = None,
    review: str = NOT_REVIEWED,
) -> str:
    """The builder's page source: the controls, the empty sheet, and a card template per exercise.

    `companion_href` is the "My program" page, which the builder's "Start this program" link opens with the
    program's fragment; `companion_url` is that page on the public site, which the patient's link and the sheet's
    QR code open (None for a local build: the patient's link is then this site's own). `review` is the catalogue's
    clinical sign-off in words, which its sheet prints.
    """
    rules = link_rules()
    return render(
        "handout_builder_page.md.j2",
        catalogue=catalogue,
        data=builder_data(catalogue, companion_url=companion_url),
        cards=[HandoutItem(exercise, exercise.dosage, "") for exercise in catalogue.exercises],
        dose_fields=DOSE_FIELDS,
        patient_fields=PATIENT_FIELDS,
        clinic_fields=CLINIC_FIELDS,
        notes_max_length=rules["notesMaxLength"],
        clinic_max_length=CLINIC_MAX_LENGTH,
        budget_exercises=BUDGET_EXERCISES,
        budget_pages=BUDGET_PAGES,
        large_print_pages=LARGE_PRINT_BUDGET_PAGES,
        large_print_pt=LARGE_PRINT_MIN_PT,
        title_max_length=rules["titleMaxLength"],
        texts=rules["texts"],
        custom=rules["custom"],
        bases=base_pictures(),
        base_folder=BASE_FOLDER,
        logo_max_kb=LOGO_MAX_BYTES // 1024,
        note_max_length=rules["noteMaxLength"],
        default_title=DEFAULT_TITLE,
        how_often=HOW_OFTEN,
        move_on=MOVE_ON,
        qr_caption=f"{PHONE_LINE}.",
        clinic=clinic,
        safety=printed_safety(catalogue.safety, clinic.emergency_number),
        review=review,
        root=root,
        public_url=public_url,
        companion_href=companion_href,
        scripts=SCRIPTS,
    )
