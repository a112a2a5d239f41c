"""The handout sheet: a program's exercises as its cards print them, and the sheet's HTML.

One fragment serves the handout page, both PDFs and the builder's cards, so every copy of
a sheet says the same: the program's one frequency under "How often", and on a card only
where the program changes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from fai_site.catalogue import dosage_text
from fai_site.catalogue.model import Catalogue, Dosage, DosageChange, Exercise, Program
from fai_site.catalogue.warning_signs import printed_safety
from fai_site.handouts.phone_link import PHONE_LINE, phone_url
from fai_site.handouts.qr_code import kept_qr_svg, qr_svg
from fai_site.handouts.templating import render
from fai_site.site_settings import NOT_REVIEWED, Clinic, SiteSettings


@dataclass(frozen=True)
class HandoutItem:
    """An exercise as a program prescribes it; a card says how often only where the sheet's "How often" does not."""

    exercise: Exercise
    dosage: Dosage
    note: str | None
    own_frequency: bool = True


def handout_items(program: Program, catalogue: Catalogue) -> list[HandoutItem]:
    """The program's exercises: the program's frequency on every card, then the program's own changes to each."""
    schedule = DosageChange(**program.frequency.model_dump())
    items = []
    for item in program.exercises:
        exercise = catalogue.exercise(item.id)
        dosage = exercise.dosage.changed(schedule).changed(item.dosage)
        own = (dosage.times_per_day, dosage.days_per_week) != (
            program.frequency.times_per_day,
            program.frequency.days_per_week,
        )
        items.append(HandoutItem(exercise, dosage, item.note, own_frequency=own))
    return items


def how_often(program: Program, items: list[HandoutItem]) -> str:
    """The sheet's one statement of how often: the program's frequency, its advice, and a pointer to any card that
    differs."""
    sentences = [dosage_text.frequency(program.frequency).capitalize() + "."]
    if program.how_often:
        sentences.append(program.how_often)
    if any(item.own_frequency for item in items):
        sentences.append("An exercise that says how often follows its own.")
    return " ".join(sentences)


def handout_html(
    program: Program,
    catalogue: Catalogue,
    *,
    clinic: Clinic,
    root: str,
    public_url: str | None,
    qr_code: Markup | None = None,
    phone_url: str | None = None,
    review: str = NOT_REVIEWED,
) -> str:
    """The handout sheet itself: one HTML fragment for the page and the PDFs; a QR code only for a public address,
    opening the program on the patient's phone (`phone_url`).

    `review` is the catalogue's clinical sign-off in words, printed in the footer."""
    items = handout_items(program, catalogue)
    return render(
        "handout.html.j2",
        program=program,
        items=items,
        how_often=how_often(program, items),
        catalogue=catalogue,
        safety=printed_safety(catalogue.safety, clinic.emergency_number),
        review=review,
        clinic=clinic,
        root=root,
        public_url=public_url,
        qr_code=qr_code or (qr_svg(phone_url) if phone_url else None),
        phone_caption=f"{PHONE_LINE}, or type:",
    )


def handout_sheet(program: Program, catalogue: Catalogue, settings: SiteSettings) -> str:
    """The sheet as the page at handouts/<id>/ shows it; the PDFs wrap this same HTML."""
    path = f"handouts/{program.id}"
    phone = phone_url(program, catalogue, settings)
    return handout_html(
        program,
        catalogue,
        clinic=settings.clinic,
        root=settings.root_from(path),
        public_url=settings.public_url(path),
        qr_code=kept_qr_svg(phone, cache_dir=settings.qr_cache) if phone else None,
        phone_url=phone,
        review=settings.catalogue_review,
    )
