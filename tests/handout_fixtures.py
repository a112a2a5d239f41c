"""Fixture projects for the handout tests: the worst case a clinic could print.

The "wordiest" program holds the 6 exercises of the real catalogue (the page budget's
count) whose handout text (name, start position, every step and precaution) is longest, with the longest program texts,
with or without a picture for each exercise, for a clinic that fills in every detail.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from conftest import FIXTURES, ROOT, make_project

from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import Catalogue, Exercise
from fai_site.handouts.paper import BUDGET_EXERCISES
from fai_site.handouts.pdf import ResourceLookup
from fai_site.pages.site_pages import generated_files
from fai_site.site_settings import SiteSettings

WORDIEST = "wordiest"
PICTURE = "pictures/start-end.svg"
LOGO = "pictures/clinic-logo.svg"
# The logo's one colour (tests/fixtures/clinic-logo.svg), which nothing else on a handout uses: found on paper, it is
# the logo.
LOGO_RGB = (0xD0, 0x1C, 0x8B)
PROGRAM_TEXTS = ("audience", "goal", "how_often", "move_on")
CLINIC_DETAILS = {
    "name": "Riverside Physical Therapy and Sports Rehabilitation",
    "phone": "+1 555 0142 0199",
    "address": "1200 Mill Lane, Suite 4, Springfield",
    "web": "riversidept.example.org",
}
CLINIC = """\
extra:
  clinic:
    name: Riverside Physical Therapy and Sports Rehabilitation
    phone: "+1 555 0142 0199"
    address: 1200 Mill Lane, Suite 4, Springfield
    web: riversidept.example.org
    logo: pictures/clinic-logo.svg
"""


def sheet_length(exercise: Exercise) -> int:
    """How much text the exercise puts on a handout: all of it is printed, the line on adding load too."""
    return (
        len(exercise.name)
        + len(exercise.position)
        + sum(len(step) for step in exercise.steps)
        + sum(len(care) for care in exercise.precautions)
        + len(exercise.add_load or "")
    )


def wordiest_catalogue(*, pictures: bool, count: int = BUDGET_EXERCISES) -> dict[str, Any]:
    """The real catalogue cut down to its `count` wordiest exercises and one program of them all."""
    catalogue = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
    chosen = {exercise.id for exercise in sorted(catalogue.exercises, key=sheet_length, reverse=True)[:count]}
    data = yaml.safe_load((ROOT / "exercises.yaml").read_text(encoding="utf-8"))
    exercises = [entry for entry in data["exercises"] if entry["id"] in chosen]
    for entry in exercises:
        entry["easier"], entry["harder"] = [], []
        if not pictures:
            entry.pop("illustration", None)
        elif "illustration" not in entry:
            entry["illustration"] = {
                "image": PICTURE,
                "alt": "Start and end position",
                "licence": "CC0",
                "source": "own work",
                "author": "tests",
            }
    program = {
        "id": WORDIEST,
        "title": "Seven exercises with the longest texts",
        "phase": "late",
        "weeks": "10+",
        "frequency": {"times_per_day": 2, "days_per_week": 7},
        **{field: max((entry[field] for entry in data["programs"]), key=len) for field in PROGRAM_TEXTS},
        "exercises": [entry["id"] for entry in exercises],
    }
    return {**data, "exercises": exercises, "programs": [program]}


def wordiest_project(directory: Path, *, pictures: bool) -> Path:
    """A project around the wordiest program, styled like the real site; returns its mkdocs.yml."""
    text = yaml.safe_dump(wordiest_catalogue(pictures=pictures), allow_unicode=True, sort_keys=False)
    config = make_project(directory, text)
    picture = directory / "docs" / PICTURE
    picture.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / "picture-3x2.svg", picture)
    shutil.copyfile(FIXTURES / "clinic-logo.svg", directory / "docs" / LOGO)
    with config.open("a", encoding="utf-8") as settings:
        settings.write("extra_css: [stylesheets/site.css]\n" + CLINIC)  # handout.css: overrides/handout.html
    return config


def site_files(catalogue: Catalogue, settings: SiteSettings) -> ResourceLookup:
    """What the hook's file lookup gives: the generated files first, then the docs folder."""
    generated = {
        file.path: file.content if isinstance(file.content, bytes) else file.content.encode()
        for file in generated_files(catalogue, settings)
    }

    def lookup(path: str) -> bytes | None:
        file = ROOT / "docs" / path
        return generated.get(path) or (file.read_bytes() if file.is_file() else None)

    return lookup
