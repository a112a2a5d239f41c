"""The early phase keeps out of the pinch: no exercise there is drawn with a hip bent deeply while the thigh crosses
the body or turns in (flexion with adduction and internal rotation, the position that provokes impingement).

The drawings are made from each exercise's pose, and the pose is what the steps describe: a pose
that reaches the pinch is an exercise that asks for it (Wall 2016; the brief's precautions).
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import Exercise, Phase, PoseIllustration

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
EARLY = [
    exercise
    for exercise in CATALOGUE.exercises
    if Phase.EARLY in exercise.phase and isinstance(exercise.illustration, PoseIllustration)
]
# A square corner between thigh and trunk: from here on, crossing or turning in closes the front of the hip.
DEEP_FLEXION = 90


@pytest.mark.parametrize("exercise", EARLY, ids=lambda exercise: exercise.id)
def test_no_early_exercise_is_drawn_in_the_pinch(exercise: Exercise) -> None:
    assert isinstance(exercise.illustration, PoseIllustration)
    pinched = [
        (frame, leg, angles[f"{leg}.hip"])
        for frame, posture in enumerate(exercise.illustration.pose.postures())
        for leg in ("near_leg", "far_leg")
        if (angles := posture.angles)[f"{leg}.hip"] >= DEEP_FLEXION
        and (angles.get(f"{leg}.hip_abduction", 0) < 0 or angles.get(f"{leg}.hip_rotation", 0) < 0)
    ]
    assert pinched == [], f"frame, leg and hip bend in the pinch: {pinched}"


def test_the_rule_has_early_exercises_to_hold() -> None:
    assert len(EARLY) >= 5
