"""Plain words for a pose: the picture's description for people who cannot see it.

The sentence is built from the pose alone — the base position, the props, the moving
parts and what changes between the first and the last frame — in short, everyday
words (about grade 6), e.g. "Lying on your back with knees bent; lift your hips until
your body is straight from shoulders to knees." Editors can write their own with the
pose's `description:` field when the picture needs more.
"""

from __future__ import annotations

from fai_site.catalogue.pose import Base, BodyPart, Motion, Pose, Posture, Prop
from fai_site.pictures.scene import build_scene

# Angles (degrees) that count as "bent" and as a real change between frames.
BENT = 45
CHANGE = 8

SEATS = {Prop.CHAIR: "a chair", Prop.BENCH: "a bench", Prop.BIKE: "an exercise bike", Prop.BALL: "an exercise ball"}


# ---- Public API -----------------------------------------------------------------------------


def describe_pose(pose: Pose) -> str:
    """One or two plain sentences: the starting position, then what to do."""
    postures = pose.postures()
    position = starting_position(pose, postures[0])
    action = what_to_do(pose, postures)
    return f"{position}; {action}." if action else f"{position}."


# ---- The starting position ------------------------------------------------------------------


def starting_position(pose: Pose, start: Posture) -> str:
    base = pose.base
    text = {
        Base.LYING_ON_BACK: "Lying on your back",
        Base.LYING_ON_SIDE: "Lying on your side",
        Base.LYING_FACE_DOWN: "Lying face down",
        Base.HANDS_AND_KNEES: "On your hands and knees",
        Base.KNEELING: "Kneeling",
        Base.HALF_KNEELING: "Kneeling on one knee with the other foot flat in front",
        Base.SITTING: "Sitting on " + next((SEATS[p] for p in pose.props if p in SEATS), "a seat"),
        Base.SITTING_ON_FLOOR: "Sitting on the floor",
        Base.STANDING: "Standing",
        Base.STANDING_ON_ONE_LEG: "Standing on one leg",
    }[base]
    return text + leg_detail(pose, start) + prop_detail(pose, start)


def leg_detail(pose: Pose, start: Posture) -> str:
    a = start.angles
    near_bent, far_bent = (a[f"{side}_leg.knee"] >= BENT for side in ("near", "far"))
    if pose.base is Base.SITTING_ON_FLOOR and min(a["near_leg.hip_rotation"], a["far_leg.hip_rotation"]) >= 30:
        return " with the soles of your feet together"
    if (
        pose.base is Base.LYING_FACE_DOWN
        and min(a["near_arm.elbow"], a["far_arm.elbow"]) >= 60
        and a["near_arm.shoulder"] >= 60
    ):
        return " propped on your forearms" + (" and knees" if near_bent and far_bent else " and toes")
    if pose.base in (Base.LYING_ON_SIDE,) and (a["trunk_side"] >= 10 or a["far_arm.shoulder_abduction"] < 120):
        return " propped on your forearm" + (" with knees bent" if near_bent and far_bent else "")
    if pose.base in (Base.LYING_ON_BACK, Base.LYING_ON_SIDE):
        if a["near_leg.hip"] >= 70 and a["far_leg.hip"] >= 70:
            return " with your legs up and knees bent"
        if near_bent and far_bent:
            return " with knees bent"
        if near_bent or far_bent:
            return " with one knee bent"
        return " with your legs straight"
    if pose.base is Base.STANDING and start.step_foot is not None:
        return " with one foot on a step" if abs(a["near_leg.hip"] - a["far_leg.hip"]) > 20 else " on a step"
    return ""


def prop_detail(pose: Pose, start: Posture) -> str:
    props = set(pose.props)
    parts = []
    if Prop.BAND in props:
        parts.append(
            "a band from your ankle to a fixed post"
            if Prop.POST in props
            else "a band around your legs above the knees"
        )
    if Prop.BENCH in props and pose.base is not Base.SITTING:
        parts.append("your top knee on a bench")
    if Prop.CHAIR in props and pose.base is not Base.SITTING:
        return ", holding a chair" + ("" if not parts else " and with " + " and ".join(parts))
    if Prop.WALL in props and pose.base in (Base.STANDING, Base.STANDING_ON_ONE_LEG):
        return " with one hand on a wall" + ("" if not parts else ", and with " + " and ".join(parts))
    if Prop.WALL in props and pose.base is not Base.SITTING:
        return " next to a wall" + ("" if not parts else ", with " + " and ".join(parts))
    return ", with " + " and ".join(parts) if parts else ""


# ---- What to do ----------------------------------------------------------------------------------


def what_to_do(pose: Pose, postures: list[Posture]) -> str:
    start, end = postures[0], postures[-1]
    if pose.motion is Motion.SQUEEZE:
        return squeeze(pose)
    body = whole_body(pose, postures)
    limbs = limb_moves(pose, start, end)
    if body:  # the whole-body move already says what the legs do
        limbs = [c for c in limbs if "arm" in c]
    clauses = list(dict.fromkeys(c for c in (body, *limbs) if c))
    if len(clauses) == 2 and all(c.startswith("reach ") for c in clauses):
        clauses[1] = clauses[1].removeprefix("reach ")
    text = " and ".join(clauses)
    if any(p.water_depth for p in postures) and not start.water_depth:
        text += ", or do the same in water" if text else "then do the same in water"
    return text


def squeeze(pose: Pose) -> str:
    if BodyPart.PELVIS in pose.moving:
        return "squeeze your buttocks together and hold, without moving"
    names = ", ".join(part_name(part) for part in pose.moving)
    return f"tighten the muscles of your {names} and hold, without moving"


def part_name(part: BodyPart) -> str:
    return {BodyPart.HEAD: "neck", BodyPart.TRUNK: "trunk", BodyPart.PELVIS: "hips"}.get(part, part.value.split("-")[1])


def whole_body(pose: Pose, postures: list[Posture]) -> str:
    """Moves of the whole body: hips up or down, standing up, lowering, hopping, leaning, sliding."""
    start, end = postures[0], postures[-1]
    a, b = start.angles, end.angles
    if any(p.off_floor for p in postures):
        return "hop up and land softly with your knees bent"
    if start.slide != end.slide:
        return (
            "slide your body away until the band pulls gently on your leg"
            if Prop.BAND in pose.props
            else "slide your body along the floor"
        )
    if pose.base is Base.HALF_KNEELING and b["near_leg.hip"] < a["near_leg.hip"] - CHANGE:
        return "tuck your pelvis under and shift forward until you feel a stretch at the front of the back hip"
    if (
        BodyPart.PELVIS in pose.moving
        and b["pelvis_tilt"] - a["pelvis_tilt"] >= CHANGE
        and pose.base in (Base.LYING_ON_BACK, Base.LYING_FACE_DOWN)
    ):
        return "tip your pelvis back so your low back presses gently into the floor"
    if Prop.BIKE in pose.props:
        return "pedal at an easy pace"
    if is_walking(a, b):
        return "walk with short, even steps"
    rise = hip_height(pose, -1) - hip_height(pose, 0)
    if pose.base in (Base.LYING_ON_BACK, Base.LYING_FACE_DOWN, Base.LYING_ON_SIDE, Base.HANDS_AND_KNEES):
        if rise > 5:
            target = {Base.LYING_ON_BACK: "from shoulders to knees", Base.LYING_ON_SIDE: "from head to knees"}.get(
                pose.base, ""
            )
            return f"lift your hips until your body is straight {target}".rstrip()
        return ""
    if b["trunk"] - a["trunk"] >= 30 and pose.base in (Base.STANDING, Base.STANDING_ON_ONE_LEG):
        return "tip your body forward from the hip as your free leg reaches back, then stand tall again"
    if rise > 25 and pose.base is Base.SITTING:
        return "lean forward and stand up tall, then sit down slowly"
    if start.step_foot is not None and rise > 8:
        return "step up onto the step and stand tall"
    if start.step_foot is not None and rise < -5:
        return "bend your standing knee slowly to touch the other heel to the floor, then push back up"
    if rise < -8:
        return "bend your knees to lower your body straight down, then push back up"
    return ""


def is_walking(a: dict[str, int], b: dict[str, int]) -> bool:
    """The legs swap places: one leg forward, then the same stride with the other."""
    stride = abs(a["near_leg.hip"] - a["far_leg.hip"])
    return (
        stride >= 20
        and abs(a["near_leg.hip"] - b["far_leg.hip"]) <= 5
        and abs(a["far_leg.hip"] - b["near_leg.hip"]) <= 5
    )


def hip_height(pose: Pose, index: int) -> float:
    return build_scene(pose).frames[index].points["pelvis"][2]


def limb_moves(pose: Pose, start: Posture, end: Posture) -> list[str]:
    """What each moving arm or leg does, from its change in angles."""
    clauses = []
    for part in sorted(pose.moving, key=lambda p: p.value.endswith("arm")):
        if part in (BodyPart.NEAR_LEG, BodyPart.FAR_LEG):
            clauses.append(leg_move(pose, part, start, end))
        elif part in (BodyPart.NEAR_ARM, BodyPart.FAR_ARM):
            clauses.append(arm_move(pose, part, start, end))
    # two legs doing the same thing are one clause
    return [c for c in clauses if c]


def leg_move(pose: Pose, part: BodyPart, start: Posture, end: Posture) -> str:
    side = part.value.split("-")[0]
    key = f"{side}_leg."
    a, b = start.angles, end.angles
    d_hip = b[key + "hip"] - a[key + "hip"]
    d_out = b[key + "hip_abduction"] - a[key + "hip_abduction"]
    knee_bent = b[key + "knee"] >= BENT
    other = "far" if side == "near" else "near"
    both = BodyPart(f"{other}-leg") in pose.moving
    if pose.base is Base.SITTING_ON_FLOOR and d_out >= CHANGE:
        return "let your knees drop slowly toward the floor"
    if pose.base is Base.LYING_ON_SIDE:
        if d_out >= CHANGE:
            return (
                "lift your top knee, keeping your heels together"
                if knee_bent
                else "lift your top leg a little above hip height"
            )
        return ""
    if pose.base in (Base.STANDING, Base.STANDING_ON_ONE_LEG) and pose.shown_view.value != "side" and d_out >= CHANGE:
        return "step out to the side against the band" if Prop.BAND in pose.props else "move your leg out to the side"
    if both:
        return ""
    if pose.base is Base.LYING_ON_BACK:
        if d_hip >= CHANGE and b[key + "hip_rotation"] >= 30 and knee_bent:
            return "cross one ankle over the other knee and let that knee fall out to the side"
        if d_hip >= CHANGE and not knee_bent:
            return "lift your straight leg to the height of the bent knee"
        if d_hip <= -CHANGE:
            return "lower one foot toward the floor"
        return ""
    if pose.base is Base.LYING_FACE_DOWN and d_hip <= -CHANGE:
        return "lift one leg a little with the knee straight"
    if pose.base is Base.HANDS_AND_KNEES and d_hip <= -CHANGE:
        return "reach one leg back"
    if pose.base in (Base.STANDING, Base.STANDING_ON_ONE_LEG):
        if pose.motion is Motion.BACK_AND_FORTH:
            return "swing one leg forward and back"
        if start.step_foot is None and foot_lift(pose, side) > 5:
            return "lift one foot off the floor and hold your balance"
    return ""


def foot_lift(pose: Pose, side: str) -> float:
    """How far a foot rises from the first frame to the last, in cm."""
    frames = build_scene(pose).frames
    return frames[-1].bottom(f"{side}_heel") - frames[0].bottom(f"{side}_heel")


def arm_move(pose: Pose, part: BodyPart, start: Posture, end: Posture) -> str:
    key = part.value.split("-")[0] + "_arm."
    d = end.angles[key + "shoulder"] - start.angles[key + "shoulder"]
    if d >= CHANGE and end.angles[key + "shoulder"] >= 150:
        return (
            "reach the other arm forward"
            if pose.base is Base.HANDS_AND_KNEES
            else "reach the other arm back over your head"
        )
    return ""
