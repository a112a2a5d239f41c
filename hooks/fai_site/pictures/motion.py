"""Motion: a pose's frames → the in-between bodies and the timing of one loop of the exercise.

The catalogue gives a few key positions (start, end, sometimes steps between). An
animation needs the bodies between them: every joint angle moves evenly from one frame
to the next, eased at both ends, and each in-between posture is put on the floor exactly
like a catalogue frame (`body.place`), so limbs keep their lengths, the supporting foot,
knee or back stays down and no joint leaves its range (each angle lies between two valid ones).

The timing follows the dose: a hold is held, a stretch eases in and stays, repetitions
go and come back briskly, and minutes of cardio keep a steady rhythm.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from fai_site.catalogue.pose import RESTING_BASES, Motion, Pose, Posture
from fai_site.pictures.body import FrameFigure, place

STEPS_BETWEEN = 8  # in-between bodies per pair of catalogue frames, besides the two ends
# Seconds of each phase of the loop: (go, stay at the end, come back, rest at the start).
REPS_TIMING = (1.2, 0.5, 1.2, 0.6)
HOLD_TIMING = (1.2, 2.5, 1.2, 0.8)
STRETCH_TIMING = (2.4, 3.0, 1.8, 0.8)
STEADY_TIMING = (0.9, 0.0, 0.9, 0.0)
SQUEEZE_TIMING = (0.6, 2.0, 0.6, 0.8)


@dataclass(frozen=True)
class Timeline:
    """One loop: which in-between body shows at each key time (0 … 1), and the loop's length."""

    frames: tuple[int, ...]  # an index into the motion's bodies, at each key time
    times: tuple[float, ...]  # 0 … 1, as long as `frames`, never falling
    seconds: float


# ---- Public API -----------------------------------------------------------------------------


def in_between_postures(pose: Pose, *, steps: int = STEPS_BETWEEN) -> list[Posture]:
    """The catalogue's frames with `steps` eased postures between each pair (start and end included)."""
    postures = pose.postures()
    if pose.motion is Motion.SQUEEZE:
        return postures[:1]
    limbs = (
        tuple(part.value.replace("-", "_") + "." for part in pose.moving if part.value.endswith(("-leg", "-arm")))
        if pose.base in RESTING_BASES
        else ()
    )
    out = [postures[0]]
    for before, after in zip(postures, postures[1:]):
        for i in range(1, steps + 1):
            out.append(blend(before, after, ease(i / (steps + 1)), staggering=limbs))
        out.append(after)
    return out


def motion_bodies(pose: Pose) -> list[FrameFigure]:
    """Every body of the animation, on the floor: start, in-betweens, end (cached by the pose)."""
    return list(_bodies(pose.model_dump_json()))


def timeline(pose: Pose, *, timing: tuple[float, float, float, float]) -> Timeline:
    """Start → end → back → start, with the pauses `timing` gives (seconds of go, stay, back, rest)."""
    count = len(motion_bodies(pose))
    go, stay, back, rest = timing
    seconds = go + stay + back + rest
    if count == 1:  # a squeeze: nothing moves (the effort marks pulse instead)
        return Timeline(frames=(0, 0), times=(0.0, 1.0), seconds=seconds)
    keys = [(go * k / (count - 1), k) for k in range(count)]
    if stay:
        keys.append((go + stay, count - 1))
    keys += [(go + stay + back * k / (count - 1), count - 1 - k) for k in range(1, count)]
    if rest:
        keys.append((seconds, 0))
    return Timeline(
        frames=tuple(k for _, k in keys), times=tuple(round(t / seconds, 4) for t, _ in keys), seconds=seconds
    )


def ease(t: float) -> float:
    """Smooth start and stop (smoothstep): limbs speed up and slow down like a person's."""
    return t * t * (3 - 2 * t)


def blend(before: Posture, after: Posture, t: float, *, staggering: tuple[str, ...] = ()) -> Posture:
    """A posture `t` of the way from `before` to `after`: angles and heights move evenly
    (in the moving limbs named by `staggering`, the near end of the limb leads)."""
    angles = {
        key: before.angles[key]
        + (after.angles[key] - before.angles[key]) * (staggered(key, t) if key.startswith(staggering) else t)
        for key in before.angles
    }
    nearer = before if t < 0.5 else after
    return replace(
        nearer,
        angles=angles,  # type: ignore[arg-type]  # floats between two whole-degree frames
        off_floor=before.off_floor + (after.off_floor - before.off_floor) * t,  # type: ignore[arg-type]
        slide=before.slide + (after.slide - before.slide) * t,  # type: ignore[arg-type]
    )


# Lying or on all fours, the hip and shoulder lead and the knee, elbow and ankle follow, as a
# person moves: a leg swung back from all fours lifts clear of the floor before it straightens.
# Standing, a knee lifts with hip and knee bending together.
LAGGING_JOINTS = (".knee", ".elbow", ".ankle")
LAG = 0.35


def staggered(key: str, t: float) -> float:
    """How far along a moving limb's joint is when the whole move is `t` of the way."""
    if key.endswith(LAGGING_JOINTS):
        return min(1.0, max(0.0, (t - LAG) / (1 - LAG)))
    return min(1.0, t / (1 - LAG))


# ---- Cache ----------------------------------------------------------------------------------


@lru_cache(maxsize=128)
def _bodies(pose_json: str) -> tuple[FrameFigure, ...]:
    pose = Pose.model_validate_json(pose_json)
    return tuple(place(pose, posture) for posture in in_between_postures(pose))


def pace(*, stretch: bool, hold: bool, steady: bool, squeeze: bool) -> tuple[float, float, float, float]:
    """The loop's timing for a kind of exercise: (seconds of go, stay at the end, come back, rest)."""
    if squeeze:
        return SQUEEZE_TIMING
    if stretch:
        return STRETCH_TIMING
    if hold:
        return HOLD_TIMING
    if steady:
        return STEADY_TIMING
    return REPS_TIMING
