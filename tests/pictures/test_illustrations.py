"""Exercise illustrations: every catalogue pose validates, draws a labelled SVG, and its
geometry is sound — bodies on the floor, limbs of constant length, joints in human range."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from typing import Any

import pytest
import yaml
from conftest import ROOT
from pydantic import ValidationError

from fai_site.catalogue.pose import JOINT_RANGES, Base, Pose, joint_of
from fai_site.pictures.body import LIMB_SEGMENTS, SEGMENT_LENGTHS, FrameFigure
from fai_site.pictures.drawing import draw_scene, illustration_text, render_illustration
from fai_site.pictures.motion import in_between_postures, motion_bodies
from fai_site.pictures.pose_text import describe_pose
from fai_site.pictures.props import door_tie, flat
from fai_site.pictures.scene import build_scene
from fai_site.pictures.svg.arrows import motion_arrows
from fai_site.pictures.svg.style import ACCENT, BAND_AROUND, FAR, PROP_LIGHT, PROP_TOP

SVG = "{http://www.w3.org/2000/svg}"
TOUCH = 1.5  # cm: how close to its surface a supporting point must be
BELOW = 0.05  # cm: how far any point may sink below the floor (rounding only)

CATALOGUE: list[dict[str, Any]] = yaml.safe_load((ROOT / "exercises.yaml").read_text(encoding="utf-8"))["exercises"]
IDS = [exercise["id"] for exercise in CATALOGUE]


def pose_of(exercise_id: str) -> Pose:
    exercise = next(e for e in CATALOGUE if e["id"] == exercise_id)
    return Pose.model_validate(exercise["illustration"]["pose"])


def frames_of(exercise_id: str) -> list[FrameFigure]:
    return build_scene(pose_of(exercise_id)).frames


def minimal(**changes: Any) -> dict[str, Any]:
    """A small valid pose, changed by the test."""
    pose: dict[str, Any] = {"base": "lying-on-back", "moving": ["near-leg"], "frames": [{}, {"near_leg": {"hip": 40}}]}
    pose.update(changes)
    return pose


# ---- The catalogue ------------------------------------------------------------------------------


def test_every_exercise_of_the_catalogue_is_drawn_from_a_pose() -> None:
    # As written in the YAML, so an exercise the loader dropped would still be counted here.
    assert IDS and [exercise["id"] for exercise in CATALOGUE if "pose" in (exercise.get("illustration") or {})] == IDS


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_has_a_valid_pose(exercise_id: str) -> None:
    exercise = next(e for e in CATALOGUE if e["id"] == exercise_id)
    assert "pose" in exercise.get("illustration", {}), f"{exercise_id} has no illustration pose"
    Pose.model_validate(exercise["illustration"]["pose"])


# ---- The SVG ------------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_svg_parses_and_has_a_title_and_a_description(exercise_id: str) -> None:
    exercise = next(e for e in CATALOGUE if e["id"] == exercise_id)
    svg = render_illustration(pose_of(exercise_id), title=exercise["name"], uid=f"fig-{exercise_id}")
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and root.get("role") == "img"
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert title is not None and title.text == exercise["name"]
    assert desc is not None and desc.text and len(desc.text.split()) >= 6
    assert root.get("aria-labelledby", "").split() == [title.get("id"), desc.get("id")]
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert ids and all(i.startswith(f"fig-{exercise_id}-") for i in ids)
    assert root.get("viewBox") and not svg.startswith("<?xml")


def test_several_svgs_on_one_page_share_no_ids() -> None:
    pose = pose_of(IDS[0])
    first = ET.fromstring(render_illustration(pose, title="One", uid="a"))
    second = ET.fromstring(render_illustration(pose, title="Two", uid="b"))
    ids = [e.get("id") for root in (first, second) for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) == 4


def test_the_title_is_escaped() -> None:
    svg = render_illustration(pose_of(IDS[0]), title='Hips <up> & "down"', uid="x")
    assert ET.fromstring(svg).find(SVG + "title").text == 'Hips <up> & "down"'


@pytest.mark.parametrize("uid", ["", "1abc", "a b", 'a"b', "a<b"])
def test_a_bad_uid_is_refused(uid: str) -> None:
    with pytest.raises(ValueError):
        render_illustration(pose_of(IDS[0]), title="T", uid=uid)


def test_an_editors_description_wins() -> None:
    pose = Pose.model_validate(minimal(description="Lie on your back and lift one straight leg."))
    assert illustration_text(pose) == "Lie on your back and lift one straight leg."
    assert "Lie on your back and lift one straight leg." in render_illustration(pose, title="T", uid="u")


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_generated_description_is_plain(exercise_id: str) -> None:
    text = describe_pose(pose_of(exercise_id))
    assert text[0].isupper() and text.endswith(".")
    assert not any(ch.isdigit() for ch in text), "no angles or numbers in the words"
    assert len(text.split()) <= 40


def test_the_description_follows_the_pose() -> None:
    bridge = Pose.model_validate(
        {
            "base": "lying-on-back",
            "moving": ["pelvis"],
            "frames": [{"legs": {"hip": 45, "knee": 87, "ankle": -48}}, {"legs": {"hip": 0, "knee": 95, "ankle": -21}}],
        }
    )
    assert (
        describe_pose(bridge)
        == "Lying on your back with knees bent; lift your hips until your body is straight from shoulders to knees."
    )


# ---- Determinism --------------------------------------------------------------------------------


def test_rendering_twice_gives_identical_bytes() -> None:
    for exercise_id in IDS:
        pose = pose_of(exercise_id)
        assert render_illustration(pose, title="T", uid="u") == render_illustration(pose, title="T", uid="u")


def test_rendering_is_identical_across_processes() -> None:
    """Hash seeds differ between processes; the bytes must not."""
    script = (
        "import sys, yaml, hashlib; sys.path.insert(0, 'hooks');"
        "from fai_site.catalogue.pose import Pose; from fai_site.pictures.drawing import render_illustration;"
        "c = yaml.safe_load(open('exercises.yaml', encoding='utf-8'))['exercises'];"
        "print(hashlib.sha256(''.join(render_illustration(Pose.model_validate(e['illustration']['pose']), "
        "title=e['name'], uid=e['id']) for e in c).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_coordinates_are_rounded_to_one_decimal() -> None:
    svg = render_illustration(pose_of(IDS[0]), title="T", uid="u")
    numbers = [
        token
        for token in svg.replace('"', " ").replace(",", " ").split()
        if token.replace(".", "").lstrip("-").isdigit()
    ]
    assert numbers and all(len(n.partition(".")[2]) <= 1 for n in numbers)


# ---- Geometry -----------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", IDS)
def test_no_body_point_is_below_the_floor(exercise_id: str) -> None:
    for index, frame in enumerate(frames_of(exercise_id)):
        for name in frame.radii:
            assert frame.bottom(name) >= -BELOW, (
                f"frame {index}: {name} is {-frame.bottom(name):.1f} cm below the floor"
            )


def supporting_points(base: Base, frame: FrameFigure) -> list[tuple[str, ...]]:
    """What must touch the floor (or the prop it rests on) in each base position: each
    tuple is satisfied when any one of its points touches."""
    posture = frame.posture
    if base is Base.LYING_ON_BACK:
        return [("neck", "head"), ("pelvis", "near_heel", "far_heel")]
    if base is Base.LYING_FACE_DOWN:
        return [
            ("neck", "head", "near_elbow", "far_elbow", "spine3", "spine4"),
            ("near_toe", "far_toe", "near_knee", "far_knee"),
        ]
    if base is Base.LYING_ON_SIDE:
        return [("far_shoulder", "far_elbow"), ("far_hip_side", "far_knee", "far_toe", "far_ankle", "near_knee")]
    if base is Base.HANDS_AND_KNEES:
        return [("near_hand", "far_hand"), ("near_knee", "far_knee")]
    if base is Base.KNEELING:
        return [("near_knee", "far_knee")]
    if base is Base.HALF_KNEELING:
        return [("near_knee",), ("far_heel",), ("far_toe",)]
    if base is Base.SITTING_ON_FLOOR:
        return [("pelvis",)]
    if base is Base.SITTING:
        return [("near_heel", "near_toe", "far_heel", "far_toe")]
    if posture.off_floor:
        return []
    return [("near_heel", "near_toe", "far_heel", "far_toe")]


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_supporting_points_touch_the_floor(exercise_id: str) -> None:
    pose = pose_of(exercise_id)
    for index, frame in enumerate(build_scene(pose).frames):
        if pose.base is Base.SITTING and "bike" in pose.props:
            continue  # feet on the pedals: checked below
        for group in supporting_points(pose.base, frame):
            lowest = min(frame.bottom(n) - frame.surface(n) for n in group)
            assert any(frame.touches(name, TOUCH) for name in group), (
                f"frame {index}: none of {group} touches (lowest {lowest:.1f} cm up)"
            )


def test_hovering_frames_are_off_the_floor() -> None:
    for exercise_id in IDS:
        pose = pose_of(exercise_id)
        for frame in build_scene(pose).frames:
            if frame.posture.off_floor:
                assert min(frame.bottom(n) for n in frame.radii) == pytest.approx(frame.posture.off_floor, abs=0.01)


# Exact contacts for the positions a patient must copy most carefully.
CONTACTS: dict[str, list[tuple[int, list[str], list[str]]]] = {
    # exercise: [(frame, points that touch, points that are clearly up)]
    "glute-bridge": [
        (0, ["neck", "pelvis", "near_heel", "near_toe"], []),
        (1, ["neck", "near_heel", "near_toe"], ["pelvis"]),
    ],
    "pelvic-tilt": [
        (0, ["neck", "pelvis", "near_heel", "near_toe"], []),
        (1, ["neck", "pelvis", "near_heel", "near_toe"], []),
    ],
    "straight-leg-raise": [(1, ["neck", "pelvis", "far_heel", "far_toe"], ["near_heel"])],
    "quad-set": [
        (0, ["neck", "pelvis", "near_heel", "far_heel", "far_toe"], []),
        (1, ["neck", "pelvis", "near_heel", "far_heel"], []),
    ],
    "dead-bug": [
        (0, ["neck", "pelvis"], ["near_heel", "far_heel", "near_hand"]),
        (1, ["neck", "pelvis"], ["near_heel", "far_heel"]),
    ],
    "bird-dog": [
        (0, ["near_hand", "near_knee", "near_toe"], []),
        (1, ["near_hand", "far_knee"], ["near_knee", "far_hand"]),
    ],
    "front-plank": [(0, ["near_elbow", "near_knee", "pelvis"], []), (1, ["near_elbow", "near_knee"], ["pelvis"])],
    "side-plank": [(0, ["far_elbow", "far_hip_side", "far_knee"], []), (1, ["far_elbow"], ["far_hip_side"])],
    "copenhagen-adductor": [(0, ["far_elbow", "far_hip_side", "near_knee"], []), (1, ["far_elbow"], ["far_hip_side"])],
    "hip-flexor-stretch": [
        (0, ["near_knee", "near_toe", "far_heel", "far_toe"], []),
        (1, ["near_knee", "far_heel", "far_toe"], []),
    ],
    "sit-to-stand": [(0, ["near_heel", "near_toe"], ["pelvis"]), (1, ["near_heel", "near_toe"], [])],
    "step-up": [
        (0, ["near_heel", "near_toe", "far_heel", "far_toe"], []),
        (1, ["near_heel", "near_toe"], ["far_heel"]),
    ],
    "step-down": [(0, ["near_heel", "near_toe"], ["far_heel"]), (1, ["near_heel", "near_toe", "far_heel"], [])],
    "split-squat": [
        (0, ["near_heel", "near_toe", "far_toe"], []),
        (1, ["near_heel", "near_toe", "far_toe"], ["far_knee"]),
    ],
    "single-leg-balance": [(1, ["far_heel", "far_toe"], ["near_heel", "near_toe"])],
    "single-leg-hip-hinge": [(1, ["far_heel", "far_toe"], ["near_toe"])],
    "butterfly-stretch": [(0, ["pelvis", "near_heel", "far_heel"], ["near_knee"]), (1, ["pelvis"], ["near_knee"])],
    "posterior-hip-stretch": [(1, ["neck", "pelvis", "far_heel", "far_toe"], ["near_heel"])],
    "clamshell": [(0, ["far_shoulder", "far_hip_side"], []), (1, ["far_shoulder", "far_hip_side"], ["near_knee"])],
    "prone-hip-extension": [(0, ["near_toe", "far_toe"], []), (1, ["far_toe"], ["near_toe"])],
}


@pytest.mark.parametrize("exercise_id", sorted(CONTACTS))
def test_key_positions_touch_where_they_should(exercise_id: str) -> None:
    frames = frames_of(exercise_id)
    for index, down, up in CONTACTS[exercise_id]:
        frame = frames[index]
        for name in down:
            assert frame.touches(name, TOUCH), (
                f"frame {index}: {name} is {frame.bottom(name) - frame.surface(name):.1f} cm off its surface"
            )
        for name in up:
            assert frame.bottom(name) - frame.surface(name) > 4.0, f"frame {index}: {name} should be off the floor"


def test_the_straight_leg_rises_only_to_the_bent_knee() -> None:
    # The steps say "to the height of your bent knee": a higher lift bends the hip into the pinch.
    lifted = frames_of("straight-leg-raise")[-1]
    ankle, knee = lifted.points["near_ankle"][2], lifted.points["far_knee"][2]
    assert knee - 5.0 <= ankle <= knee + 1.0, f"the lifted ankle is {ankle - knee:+.1f} cm from the bent knee's height"


def test_the_bird_dog_leg_is_level() -> None:
    # Patients copied a leg sloping to the floor; the steps say to reach it straight back, level.
    lifted = frames_of("bird-dog")[-1]
    hip, ankle = lifted.points["near_hip"][2], lifted.points["near_ankle"][2]
    assert abs(ankle - hip) <= 3.0, f"the reaching ankle is {ankle - hip:+.1f} cm from the hip's height"


def test_the_crossed_ankle_rests_on_the_other_knee_and_that_knee_falls_out() -> None:
    # Patients read the side view as a leg held straight up: from above, the ankle lies on the
    # bent knee and the crossed knee is out to the side, below the body in the picture.
    crossed = frames_of("posterior-hip-stretch")[-1]
    ankle, knee = crossed.points["near_ankle"], crossed.points["far_knee"]
    assert crossed.view.value == "above"
    assert abs(ankle[0] - knee[0]) <= 6.0 and abs(ankle[1] - knee[1]) <= 3.0, "the ankle is not over the other knee"
    assert abs(crossed.bottom("near_ankle") - (knee[2] + crossed.radii["far_knee"])) <= TOUCH, (
        "the ankle does not rest on the knee"
    )
    assert crossed.xy("near_knee")[1] < crossed.xy("near_hip")[1] - 10.0, (
        "the crossed knee does not fall out to the side"
    )


def test_the_copenhagen_top_knee_stays_on_the_bench_and_the_bottom_foot_on_the_floor() -> None:
    # Patients saw both legs lying on the bench: only the top knee is on it, in every body.
    for index, body in enumerate(motion_bodies(pose_of("copenhagen-adductor"))):
        assert body.touches("near_knee") and body.surface("near_knee") > 30.0, (
            f"body {index}: the top knee is off the bench"
        )
        assert any(body.touches(n) and body.surface(n) == 0.0 for n in ("far_heel", "far_toe", "far_ankle")), (
            f"body {index}: the bottom foot is off the floor"
        )


HELD_CHAIRS = [i for i in IDS if "chair" in pose_of(i).props and pose_of(i).base is not Base.SITTING]
BESIDE_WALLS = [
    i for i in IDS if "wall" in pose_of(i).props and pose_of(i).base in (Base.STANDING, Base.STANDING_ON_ONE_LEG)
]


@pytest.mark.parametrize("exercise_id", HELD_CHAIRS)
def test_a_hand_that_holds_a_chair_stays_on_its_backrest_and_the_chair_faces_the_bodys_way(exercise_id: str) -> None:
    scene = build_scene(pose_of(exercise_id))
    backrest, _, seat = [shape.points for shape in scene.props if shape.role == "prop-light"][:3]
    top = (sum(x for x, _ in backrest) / len(backrest), max(z for _, z in backrest))
    for index, body in enumerate(motion_bodies(pose_of(exercise_id))):
        hand = body.xy("far_hand")
        assert math.dist(hand, (top[0], top[1] + body.radii["far_hand"])) <= 3.0, (
            f"body {index}: the hand is off the chair"
        )
    assert min(x for x, _ in seat) >= min(x for x, _ in backrest) and max(x for x, _ in seat) > max(
        x for x, _ in backrest
    ), "the seat is ahead of the backrest, as the body faces"


def luminance(colour: str) -> float:
    """WCAG's relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("exercise_id", HELD_CHAIRS)
def test_a_chair_beside_the_body_is_pale_boards_that_a_far_leg_stands_out_against(exercise_id: str) -> None:
    # Patients read the half-kneeling stretch's front leg as part of a chair drawn in grey bars like it.
    chair = [shape for shape in build_scene(pose_of(exercise_id)).props if shape.role == "prop-light"]
    assert chair and all(shape.kind == "polygon" for shape in chair), "the chair is drawn as bars"
    svg = ET.fromstring(render_illustration(pose_of(exercise_id), title="t", uid="t"))
    fills = {e.get("fill") for e in svg.iter(f"{SVG}polygon") if e.get("stroke") == PROP_LIGHT}
    for fill in fills:
        lighter, darker = sorted((luminance(fill), luminance(FAR)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 2.0, f"the chair's {fill} is too close to a far limb's {FAR}"


@pytest.mark.parametrize("exercise_id", BESIDE_WALLS)
def test_a_hand_on_a_wall_reaches_out_onto_it_in_every_body(exercise_id: str) -> None:
    # A hand hanging by the side, hidden by the body, reads as not holding anything.
    wall = next(shape.points for shape in build_scene(pose_of(exercise_id)).props if shape.role == "prop-light")
    for index, body in enumerate(motion_bodies(pose_of(exercise_id))):
        hand = body.xy("far_hand")
        assert min(p[0] for p in wall) < hand[0] < max(p[0] for p in wall) and hand[1] < max(p[1] for p in wall), (
            f"body {index}: the hand is off the wall"
        )
        clear = min(math.dist(hand, body.xy(n)) for n in body.spine())
        assert clear > body.radii["spine0"] + body.radii["far_hand"] + 2.0, (
            f"body {index}: the hand is hidden by the body"
        )


def test_every_exercise_whose_steps_say_to_hold_a_support_shows_the_hand_on_it() -> None:
    # "Hold a chair for balance if you need to" is optional; where the position or steps say
    # to hold or touch a wall, chair, rail or counter without "if", the picture draws it.
    for exercise in CATALOGUE:
        words = " ".join([exercise["position"], *exercise["steps"]]).lower()
        sentences = [
            s
            for s in words.split(".")
            if any(w in s for w in ("hold a", "hold it", "touch the", "hold on")) and "if you need" not in s
        ]
        if any(prop in s for s in sentences for prop in ("wall", "chair", "rail", "counter", "hold it")):
            assert {"wall", "chair"} & set(pose_of(exercise["id"]).props), exercise["id"]


def test_the_balance_foot_is_lifted_clearly() -> None:
    # A foot that hovers by the standing ankle reads as standing on both feet.
    lifted = frames_of("single-leg-balance")[-1]
    assert lifted.bottom("near_heel") >= 20.0 and lifted.bottom("near_toe") >= 20.0


def test_a_slide_is_drawn_as_a_straight_arrow_the_way_it_goes() -> None:
    # A band distraction slides the body back: an arc about the hip read as a turn, a down arrow as a drop.
    scene = build_scene(pose_of("band-hip-distraction"))
    (arrow,) = motion_arrows(scene)
    (x0, y0), (x1, y1) = arrow.points
    first, last = scene.frames[0].xy("near_toe"), scene.frames[-1].xy("near_toe")
    assert y0 == y1 and (x1 - x0) * (last[0] - first[0]) > 0


def test_the_bike_feet_are_on_the_pedals() -> None:
    frames = frames_of("stationary-bike")
    hub = [
        ((f.xy("near_ankle")[0] + f.xy("far_ankle")[0]) / 2, (f.xy("near_ankle")[1] + f.xy("far_ankle")[1]) / 2)
        for f in frames
    ]
    assert hub[0] == pytest.approx(hub[-1], abs=1.0)  # the same crank in every frame
    assert all(f.bottom(n) > 0 for f in frames for n in f.radii)


@pytest.mark.parametrize("exercise_id", IDS)
def test_limb_lengths_are_constant_between_frames(exercise_id: str) -> None:
    for frame in frames_of(exercise_id):
        assert frame.trunk_length == pytest.approx(SEGMENT_LENGTHS["trunk"], abs=1e-6)
        for side in ("near", "far"):
            for segment in LIMB_SEGMENTS:
                assert frame.segment_length(side, segment) == pytest.approx(SEGMENT_LENGTHS[segment], abs=1e-6), (
                    side,
                    segment,
                )


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_joint_angle_is_within_its_human_range(exercise_id: str) -> None:
    for index, posture in enumerate(pose_of(exercise_id).postures()):
        for key, value in posture.angles.items():
            low, high = JOINT_RANGES[joint_of(key)]
            assert low <= value <= high, f"frame {index}: {key} = {value} is outside {low}..{high}"


# ---- Views ----------------------------------------------------------------------------------------


def knee_out(view: str) -> list[FrameFigure]:
    return build_scene(
        Pose.model_validate(
            {
                "base": "lying-on-back",
                "view": view,
                "moving": ["near-leg"],
                "frames": [{"legs": {"hip": 45, "knee": 90}}, {"near_leg": {"hip_abduction": 30}}],
            }
        )
    ).frames


def test_seen_from_above_the_near_side_is_low_in_the_picture_and_a_raised_knee_is_in_front() -> None:
    start, end = knee_out("above")
    assert start.xy("near_hip")[1] < start.xy("far_hip")[1]
    assert end.xy("near_knee")[1] < start.xy("near_knee")[1] - 10.0, (
        "a knee falling out to the near side moves down the picture"
    )
    assert end.depth("near_knee") > end.depth("pelvis") + 6.0, "a raised knee is nearer the reader than the hips"
    assert start.touches("pelvis") and start.touches("near_heel"), (
        "from above the back rests on the floor as in the side view"
    )


def test_seen_from_above_the_picture_keeps_the_bodys_lengths() -> None:
    (start, _), (side, _) = knee_out("above"), knee_out("side")
    assert math.dist(start.xy("neck"), start.xy("pelvis")) == pytest.approx(
        math.dist(side.xy("neck"), side.xy("pelvis")), abs=0.1
    )
    assert start.xy("neck")[0] == pytest.approx(side.xy("neck")[0]) and start.xy("pelvis")[0] == pytest.approx(
        side.xy("pelvis")[0]
    )


def test_only_a_body_lying_on_its_back_or_face_down_is_seen_from_above() -> None:
    for base in ("standing", "lying-on-side", "hands-and-knees"):
        with pytest.raises(ValidationError, match="above"):
            Pose.model_validate(minimal(base=base, view="above"))


def side_lying(view: str) -> FrameFigure:
    return build_scene(
        Pose.model_validate(
            {
                "base": "lying-on-side",
                "view": view,
                "moving": ["near-leg"],
                "frames": [
                    {"far_arm": {"shoulder_abduction": 60, "elbow": 90}, "legs": {"knee": 90}},
                    {"near_leg": {"hip_abduction": 20}},
                ],
            }
        )
    ).frames[0]


def test_lying_on_your_side_seen_level_a_bent_shin_and_a_forearm_on_the_floor_slant() -> None:
    # End-on, a forearm on the floor reads as a straight arm and a shin bent back as a straight leg.
    body = side_lying("front")
    assert body.xy("far_wrist")[0] > body.xy("far_elbow")[0] + 8.0, "the forearm lies under the chest"
    assert body.xy("near_ankle")[0] < body.xy("near_knee")[0] - 8.0, "the shin folds back behind the knee"
    assert body.xy("far_elbow")[1] == pytest.approx(body.xy("far_wrist")[1], abs=1.0), (
        "the forearm stays on the floor, level"
    )


def test_upright_seen_from_in_front_and_above_a_small_squat_shows_as_bent_knees() -> None:
    # Seen square on, hips and knees bent toward the reader read as straight legs.
    def bend(view: str) -> float:
        body = build_scene(
            Pose.model_validate(
                {
                    "base": "standing",
                    "view": view,
                    "moving": ["near-leg"],
                    "frames": [
                        {"legs": {"hip": 30, "knee": 40, "ankle": 20}, "trunk": 10},
                        {"near_leg": {"hip_abduction": 15}},
                    ],
                }
            )
        ).frames[0]
        (hx, hy), (kx, ky), (ax, ay) = body.xy("near_hip"), body.xy("near_knee"), body.xy("near_ankle")
        return abs((kx - hx) * (ay - hy) - (ky - hy) * (ax - hx)) / math.dist(
            (hx, hy), (ax, ay)
        )  # knee off the hip–ankle line

    assert bend("front") < 1.0 and bend("front-above") > 6.0


def test_a_band_around_the_legs_is_drawn_over_them_in_its_own_colour() -> None:
    # Drawn behind the legs in their grey, patients could barely see it.
    colours = [dict(e.attributes).get("stroke") for e in draw_scene(build_scene(pose_of("band-side-steps")))]
    bands = [i for i, colour in enumerate(colours) if colour == BAND_AROUND]
    assert len(bands) == 2, "one band in each of the two positions"
    for before, band in zip([0, *bands], bands):
        assert ACCENT in colours[before:band], "the band comes after the stepping leg it goes around"


def test_a_ball_between_the_knees_is_drawn_in_front_of_the_legs() -> None:
    # Drawn behind them, the adductor squeeze's ball hid behind the knees it is squeezed between.
    elements = draw_scene(build_scene(pose_of("adductor-squeeze")))
    legs = [i for i, e in enumerate(elements) if e.tag == "polyline" and dict(e.attributes).get("stroke") == ACCENT]
    balls = [i for i, e in enumerate(elements) if e.tag == "circle" and dict(e.attributes).get("fill") == PROP_TOP]
    assert legs and len(balls) == 1 and balls[0] > max(legs)


def test_a_band_tied_to_a_door_runs_from_the_door_to_the_hands() -> None:
    # The anti-rotation press: the band is tied beside the body at the height of the hands and held at the chest.
    pose = pose_of("pallof-press")
    scene = build_scene(pose)
    tie = flat(scene.frames[0], door_tie(scene.frames))[0]
    assert all(tie[0] > frame.xy(name)[0] for frame in scene.frames for name in frame.radii), (
        "the door is beside the body"
    )
    lengths = []
    for frame, shapes in zip(scene.frames, scene.frame_props):
        (band,) = [shape for shape in shapes if shape.role == "band"]
        hands = [frame.xy("near_hand"), frame.xy("far_hand")]
        held = ((hands[0][0] + hands[1][0]) / 2, (hands[0][1] + hands[1][1]) / 2)
        assert math.dist(band.points[0], tie) < 0.5 and math.dist(band.points[-1], held) < 0.5
        lengths.append(math.dist(band.points[0], band.points[-1]))
    assert lengths[-1] > lengths[0] + 10.0, "pressing the hands out stretches the band"


def test_a_cushion_lies_under_each_knee_that_falls_out() -> None:
    # The lying butterfly: the knees fall out onto pillows, so the stretch stays gentle.
    scene = build_scene(pose_of("lying-butterfly-stretch"))
    last = scene.frames[-1]
    tops = [shape.points for shape in scene.props if shape.role == "prop-light-top"]
    for side in ("near", "far"):
        x, y = last.xy(f"{side}_knee")
        assert any(
            min(p[0] for p in top) <= x <= max(p[0] for p in top)
            and min(p[1] for p in top) <= y <= max(p[1] for p in top)
            for top in tops
        ), f"no cushion under the {side} knee"


def test_lying_on_your_side_seen_from_a_little_above_the_body_is_square_on() -> None:
    body = side_lying("front-above")
    assert body.azimuth == 0.0 and 0.0 < body.elevation < 45.0
    assert body.xy("near_ankle")[1] > body.xy("near_knee")[1] + 8.0, "a shin bent back rises in the picture"


# ---- In-between frames of the animation ---------------------------------------------------------

MOVING = [i for i in IDS if pose_of(i).motion.value != "squeeze"]


@pytest.mark.parametrize("exercise_id", MOVING)
def test_the_animation_has_at_least_8_in_between_bodies(exercise_id: str) -> None:
    pose = pose_of(exercise_id)
    assert len(motion_bodies(pose)) - len(pose.frames) >= 8


@pytest.mark.parametrize("exercise_id", MOVING)
def test_every_in_between_body_is_sound(exercise_id: str) -> None:
    # The same checks as the catalogue's frames, on every body the animation shows.
    pose = pose_of(exercise_id)
    bike = pose.base is Base.SITTING and "bike" in pose.props
    for index, frame in enumerate(motion_bodies(pose)):
        for name in frame.radii:
            assert frame.bottom(name) >= -BELOW, f"body {index}: {name} is {-frame.bottom(name):.1f} cm below the floor"
        if not bike:
            for group in supporting_points(pose.base, frame):
                lowest = min(frame.bottom(n) - frame.surface(n) for n in group)
                assert any(frame.touches(name, TOUCH) for name in group), (
                    f"body {index}: none of {group} touches (lowest {lowest:.1f} cm up)"
                )
        assert frame.trunk_length == pytest.approx(SEGMENT_LENGTHS["trunk"], abs=1e-6)
        for side in ("near", "far"):
            for segment in LIMB_SEGMENTS:
                assert frame.segment_length(side, segment) == pytest.approx(SEGMENT_LENGTHS[segment], abs=1e-6), (
                    index,
                    side,
                    segment,
                )


@pytest.mark.parametrize("exercise_id", MOVING)
def test_every_in_between_angle_is_within_its_human_range(exercise_id: str) -> None:
    for index, posture in enumerate(in_between_postures(pose_of(exercise_id))):
        for key, value in posture.angles.items():
            low, high = JOINT_RANGES[joint_of(key)]
            assert low <= value <= high, f"body {index}: {key} = {value} is outside {low}..{high}"


# ---- Validation ---------------------------------------------------------------------------------


def error_of(data: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(ValidationError) as caught:
        Pose.model_validate(data)
    return caught.value.errors()[0]


def test_an_angle_outside_the_human_range_is_refused() -> None:
    error = error_of(minimal(frames=[{}, {"near_leg": {"knee": 170}}]))
    assert error["loc"] == ("frames", 1, "near_leg", "knee") and error["type"] == "less_than_equal"
    assert error_of(minimal(frames=[{"trunk": -90}, {}]))["loc"] == ("frames", 0, "trunk")


def test_every_declared_range_is_enforced() -> None:
    leg = {"hip", "hip_abduction", "hip_rotation", "knee", "ankle"}
    arm = {"shoulder", "shoulder_abduction", "elbow"}

    def frame(where: str, value: int) -> dict[str, Any]:
        if where in leg:
            return {"legs": {where: value}}
        if where in arm:
            return {"arms": {where: value}}
        return {where: value}

    base = "standing"
    for joint, (low, high) in JOINT_RANGES.items():
        where = joint.value
        too_high = {"base": base, "moving": ["trunk"], "frames": [{}, frame(where, high + 1)]}
        too_low = {"base": base, "moving": ["trunk"], "frames": [{}, frame(where, low - 1)]}
        assert error_of(too_high)["type"] == "less_than_equal"
        assert error_of(too_low)["type"] == "greater_than_equal"
        Pose.model_validate({"base": base, "moving": ["trunk"], "frames": [frame(where, low), frame(where, high)]})


@pytest.mark.parametrize(
    ("frame", "loc"),
    [
        ({"near_leg": {"elbow": 10}}, ("frames", 1, "near_leg", "elbow")),
        ({"wrist": 10}, ("frames", 1, "wrist")),
        ({"left_leg": {"hip": 10}}, ("frames", 1, "left_leg")),
        ({"arms": {"knee": 10}}, ("frames", 1, "arms", "knee")),
    ],
)
def test_an_unknown_joint_is_refused(frame: dict[str, Any], loc: tuple[Any, ...]) -> None:
    error = error_of(minimal(frames=[{}, frame]))
    assert error["type"] == "extra_forbidden" and error["loc"] == loc


def test_an_unknown_prop_is_refused() -> None:
    error = error_of(minimal(props=["mat", "trampoline"]))
    assert error["type"] == "enum" and error["loc"] == ("props", 1)


@pytest.mark.parametrize(
    ("field", "value"),
    [("base", "floating"), ("view", "top"), ("moving", ["tail"]), ("motion", "wiggle"), ("layout", "grid")],
)
def test_other_unknown_words_are_refused(field: str, value: Any) -> None:
    assert error_of(minimal(**{field: value}))["type"] == "enum"


def test_an_unknown_pose_field_is_refused() -> None:
    assert error_of(minimal(colour="red"))["type"] == "extra_forbidden"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (minimal(frames=[{}]), "at least 2"),
        (minimal(frames=[{}, {}]), "changes nothing"),
        (minimal(frames=[{"trunk": 20}, {}]), "frames[0].trunk"),
        (minimal(base="sitting", frames=[{}, {"near_leg": {"knee": 40}}]), "needs a seat"),
        (minimal(base="lying-on-side", view="side"), "from the front"),
        (minimal(props=["mat", "mat"]), "only once"),
        (minimal(frames=[{"step_foot": "near-leg"}, {}]), "step prop"),
        (minimal(props=["door", "band"]), "door prop is for upright"),
        (minimal(base="standing", props=["door", "band"]), "seen from the front"),
        (minimal(base="standing", view="front", props=["door", "post", "band"]), "door or post"),
        (minimal(base="standing", props=["cushions"]), "cushions prop needs"),
    ],
)
def test_poses_that_cannot_be_drawn_are_refused(data: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Pose.model_validate(data)
    assert words in str(caught.value)


def test_a_squeeze_may_repeat_its_frame() -> None:
    Pose.model_validate(minimal(motion="squeeze", moving=["pelvis"], frames=[{}, {}]))


def test_every_field_is_documented_for_the_editors_guide() -> None:
    schema = Pose.model_json_schema()
    definitions = [schema, *schema.get("$defs", {}).values()]
    for definition in definitions:
        for name, field in definition.get("properties", {}).items():
            assert field.get("description"), f"{definition.get('title')}.{name} has no description"
