"""The animation's timing (fai_site.pictures.motion): start → end → back, a hold held, a stretch staying."""

from __future__ import annotations

import pytest

from fai_site.catalogue.pose import Pose
from fai_site.pictures.motion import (
    HOLD_TIMING,
    REPS_TIMING,
    STEADY_TIMING,
    STRETCH_TIMING,
    motion_bodies,
    pace,
    timeline,
)

LEG_RAISE = Pose.model_validate(
    {"base": "lying-on-back", "moving": ["near-leg"], "frames": [{}, {"near_leg": {"hip": 40}}]}
)


def seconds_at(loop, index: int) -> list[float]:
    return [t * loop.seconds for t, i in zip(loop.times, loop.frames) if i == index]


@pytest.mark.parametrize("timing", [REPS_TIMING, HOLD_TIMING, STRETCH_TIMING, STEADY_TIMING])
def test_the_loop_goes_to_the_end_and_back(timing: tuple[float, float, float, float]) -> None:
    loop = timeline(LEG_RAISE, timing=timing)
    last = len(motion_bodies(LEG_RAISE)) - 1
    assert loop.frames[0] == 0 and loop.frames[-1] == 0 and last in loop.frames
    assert loop.times[0] == 0 and loop.times[-1] == 1 and list(loop.times) == sorted(loop.times)
    assert loop.seconds == pytest.approx(sum(timing))


@pytest.mark.parametrize("timing", [HOLD_TIMING, STRETCH_TIMING])
def test_a_hold_or_a_stretch_stays_at_the_end(timing: tuple[float, float, float, float]) -> None:
    loop = timeline(LEG_RAISE, timing=timing)
    at_end = seconds_at(loop, len(motion_bodies(LEG_RAISE)) - 1)
    assert max(at_end) - min(at_end) == pytest.approx(timing[1], abs=0.01)


def test_a_stretch_eases_in_slower_than_a_repetition() -> None:
    assert (
        pace(stretch=True, hold=True, steady=False, squeeze=False)[0]
        > pace(stretch=False, hold=False, steady=False, squeeze=False)[0]
    )


def test_a_squeeze_is_one_body() -> None:
    squeeze = Pose.model_validate(
        {"base": "lying-on-back", "moving": ["pelvis"], "motion": "squeeze", "frames": [{}, {}]}
    )
    assert len(motion_bodies(squeeze)) == 1
