"""The unit tests' fixture, as JSON on stdout: the pages' rules and the real catalogue's program links."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from fai_site.catalogue.loader import load_catalogue
from fai_site.handouts.sheet import handout_items
from fai_site.pages.companion import store_rules
from fai_site.pages.program_link import link_rules, program_fragment

ROOT = Path(__file__).resolve().parents[2]


def fixture() -> dict[str, Any]:
    catalogue = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
    return {
        "linkRules": link_rules(),
        "storeRules": store_rules(),
        "exercises": {exercise.id: exercise.dosage.model_dump(exclude_none=True) for exercise in catalogue.exercises},
        "programs": [
            {
                "fragment": program_fragment(program, catalogue),
                "title": program.title,
                "goal": program.goal,
                "phase": program.phase_line,
                "often": program.how_often or "",
                "move": program.move_on,
                "items": [
                    {"id": item.exercise.id, "dose": item.dosage.model_dump(exclude_none=True), "note": item.note or ""}
                    for item in handout_items(program, catalogue)
                ],
            }
            for program in catalogue.programs
        ],
    }


if __name__ == "__main__":
    json.dump(fixture(), sys.stdout)
