"""One set of rules: what `make check` accepts, the build accepts, and the content tests' rules hold.

Each edit below is one an editor makes by hand. For every edit, `make check`'s code and a
real `mkdocs build --strict` must agree, print the same located lines, and whatever they
accept must satisfy the rules the content tests used to know alone (links both ways,
known sources, no restated pain rule, a picture or a warning about it, instructions at
reading grade 8 or below, articles calling an exercise by its name, a strength exercise saying how
to add load), and the exercise guide's phase lists, filled in from the catalogue, must list each
exercise under its phases. An article's warning-sign markers must name real signs, and no article
may give a listed sign an urgency of its own: those edits, too, are judged alike by `make check`
and the build, at the article's line. Drafts are checked and reported, block nothing, and are
never published.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SiteBuilder, fixture_text, make_project
from readability import grade

from fai_site.catalogue.content_rules import MAX_READING_GRADE, PAIN_RULE
from fai_site.catalogue.loader import check_catalogue
from fai_site.catalogue.model import Catalogue, Category, Exercise, Phase
from fai_site.catalogue.reading_grade import as_sentences
from fai_site.cli import check

PICTURED = fixture_text("pictured.yaml")
DRAFT_EXERCISE = """  - id: towel-curl
    draft: true
    name: Towel curl
    summary: Curl a towel with your toes.
    steps: [Curl your toes.]
"""
DRAFT_PROGRAM = """  - id: bridge-week
    draft: true
    title: A week of bridges
    phase: early
    weeks: "0–1"
    audience: People trying the bridge.
    goal: Learn the bridge.
    frequency: {days_per_week: 7}
    move_on: When it is easy.
    exercises: [glute-bridge]
"""
SQUEEZE_STEPS = "      - Squeeze your buttocks together.\n      - Hold for five seconds.\n      - Let go slowly.\n"
COLLEGE_STEPS = (
    "      - Isometrically contract the gluteal musculature bilaterally, maintaining continuous diaphragmatic "
    "respiration.\n"
    "      - Sustain the contraction for approximately five seconds, monitoring compensatory lumbopelvic activation.\n"
    "      - Relax the musculature gradually and deliberately.\n"
)
# The exercise guide of the fixture projects: one catalogue list per phase, under a heading named for it,
# after a sentence that links to an exercise by its name, as articles do.
GUIDE = "# Exercises by phase\n\nStart with a few [glute bridges](exercises/glute-bridge.md).\n\n" + "".join(
    f"## {phase.value}\n\n<!-- exercises: {phase.value} -->\n\n" for phase in Phase
)


@dataclass(frozen=True)
class Edit:
    name: str
    change: Callable[[str], str]
    accepted: bool
    # An article written beside the catalogue (docs/look-alikes.md), for the rules about articles.
    article: str | None = None


# An article about night pain, as the warning-sign rules judge it (the fixtures' sign: night-or-rest-pain).
NIGHT_PAIN = "# Sleeping\n\nAching in bed is common with hip impingement.\n\n{}\n"


def replaced(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


EDITS = [
    Edit("unchanged", lambda text: text, True),
    Edit("a link written on one side only", replaced("    easier: [glute-squeeze]\n", ""), True),
    Edit(
        "an exercise without a picture",
        lambda text: (
            text.split("    illustration:\n", 1)[0]
            + "    category:"
            + text.split("    illustration:\n", 1)[1].split("    category:", 1)[1]
        ),
        True,
    ),
    Edit("a draft, half written", replaced("programs:\n", DRAFT_EXERCISE + "programs:\n"), True),
    Edit("a draft program", lambda text: text + DRAFT_PROGRAM, True),
    Edit(
        "the pain rule in a precaution",
        replaced("[Do not arch your low back.]", "[Stop if pain goes above 4 out of 10.]"),
        False,
    ),
    Edit(
        "an unknown source",
        replaced(
            "references: [terrell-2021]\n  - id: glute-bridge", "references: [terrell-2012]\n  - id: glute-bridge"
        ),
        False,
    ),
    Edit("an id written twice", replaced("  - id: glute-bridge", "  - id: glute-squeeze"), False),
    Edit(
        "a field indented too far",
        replaced("    feel: Your buttocks working.\n", "      feel: Your buttocks working.\n"),
        False,
    ),
    Edit(
        "a program that lists a draft",
        replaced("    easier: [glute-squeeze]\n", "    easier: [glute-squeeze]\n    draft: true\n"),
        False,
    ),
    Edit("an exercise written at college level", replaced(SQUEEZE_STEPS, COLLEGE_STEPS), False),
    Edit(
        "one line written at college level",
        replaced(
            "    feel: Your buttocks working.\n",
            "    feel: Predominantly posterior chain musculature, particularly the gluteus maximus, contributing "
            "synergistically.\n",
        ),
        False,
    ),
    Edit("an exercise moved to another phase", replaced("    phase: [early, middle]\n", "    phase: late\n"), True),
    Edit(
        "a strength exercise that never adds load",
        replaced("    add_load: Lift your hips with one foot on the floor.\n", ""),
        False,
    ),
    Edit(
        "a stretch that says how to add load",
        replaced(
            "    category: strength\n    phase: [early, middle]\n",
            "    category: stretch\n    phase: [early, middle]\n",
        ),
        True,
    ),
    Edit("a program's weeks written as a date", replaced('    weeks: "0–4"\n', '    weeks: "until March"\n'), False),
    Edit("a program's weeks typed with a hyphen", replaced('    weeks: "0–4"\n', '    weeks: "0-4"\n'), True),
    Edit(
        "an exercise renamed, but not in an article",
        replaced("    name: Glute bridge\n", "    name: Hip bridge\n"),
        False,
    ),
    Edit(
        "an article shows a warning sign with its marker",
        lambda text: text,
        True,
        NIGHT_PAIN.format("Pain at night that keeps you awake is different:\n\n<!-- signs: night-or-rest-pain -->"),
    ),
    Edit(
        "an article gives a warning sign its own urgency",
        lambda text: text,
        False,
        NIGHT_PAIN.format("If you have pain at night, see your doctor soon."),
    ),
    Edit(
        "a marker names no warning sign",
        lambda text: text,
        False,
        NIGHT_PAIN.format("<!-- signs: night-pain -->"),
    ),
]


def content_rule_breaks(catalogue: Catalogue, docs: Path) -> list[str]:
    """The rules the content tests held before the validator knew them, as they read them."""
    breaks = [
        f"{e.id} → {o}: one way"
        for e in catalogue.exercises
        for o in e.harder
        if e.id not in catalogue.exercise(o).easier
    ]
    breaks += [
        f"{e.id} ← {o}: one way"
        for e in catalogue.exercises
        for o in e.easier
        if e.id not in catalogue.exercise(o).harder
    ]
    breaks += [
        f"{e.id}: unknown source" for e in catalogue.exercises if not set(e.references) <= set(catalogue.references)
    ]
    breaks += [f"{e.id}: pain rule" for e in catalogue.exercises for p in e.precautions if PAIN_RULE.search(p)]
    breaks += [f"{e.id}: no load" for e in catalogue.exercises if e.category is Category.STRENGTH and not e.add_load]
    breaks += [
        f"{e.id}: reading grade"
        for e in catalogue.exercises
        if grade(as_sentences(instruction_lines(e))) > MAX_READING_GRADE
    ]
    links = [
        link
        for article in docs.glob("*.md")
        for link in re.findall(r"\[([^\]]+)\]\(exercises/([a-z0-9-]+)\.md", article.read_text(encoding="utf-8"))
    ]
    names = {e.id: e.name.lower() for e in catalogue.exercises}
    breaks += [
        f"{i}: called {t!r} in an article"
        for t, i in links
        if i in names and t.lower() not in {names[i], f"{names[i]}s"}
    ]
    return breaks


def instruction_lines(exercise: Exercise) -> list[str]:
    """What a patient reads to do the exercise, as the content test measured it."""
    return [
        exercise.summary,
        exercise.position,
        *exercise.steps,
        exercise.feel,
        *exercise.mistakes,
        *exercise.precautions,
    ]


def guide_lists(site: Path) -> dict[str, set[str]]:
    """The built exercise guide's exercise links, by the phase heading they sit under."""
    page = (site / "exercise-guide" / "index.html").read_text(encoding="utf-8")
    parts = re.split(r'<h2 id="([a-z-]+)"', page)[1:]
    return {
        heading: set(re.findall(r'href="\.\./exercises/([a-z0-9-]+)/"', body))
        for heading, body in zip(parts[::2], parts[1::2], strict=True)
    }


def phase_lists(catalogue: Catalogue) -> dict[str, set[str]]:
    return {
        phase.value: {exercise.id for exercise in catalogue.exercises if phase in exercise.phase} for phase in Phase
    }


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.name)
def test_check_build_and_content_rules_agree(
    edit: Edit, tmp_path: Path, capsys: pytest.CaptureFixture[str], site_builder: SiteBuilder
) -> None:
    config = make_project(tmp_path, edit.change(PICTURED))
    (tmp_path / "docs" / "exercise-guide.md").write_text(GUIDE, encoding="utf-8")
    if edit.article is not None:
        (tmp_path / "docs" / "look-alikes.md").write_text(edit.article, encoding="utf-8")
    catalogue_file = tmp_path / "exercises.yaml"
    checked = check(catalogue_file, docs_dir=tmp_path / "docs") == 0
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith(("exercises.yaml:", "docs/"))]
    built = site_builder(config, tmp_path / "site")
    assert (checked, built.returncode == 0) == (edit.accepted, edit.accepted), built.output
    assert all(line in built.output for line in said), (
        f"the build prints what the check prints:\n{said}\n{built.output}"
    )
    if checked:
        catalogue = check_catalogue(catalogue_file, docs_dir=tmp_path / "docs").catalogue
        assert content_rule_breaks(catalogue, tmp_path / "docs") == []
        assert guide_lists(tmp_path / "site") == phase_lists(catalogue), (
            "the guide lists each exercise under its own phases"
        )
    else:
        assert said, "a refusal says why"


def test_a_link_written_once_shows_on_both_pages(tmp_path: Path) -> None:
    (tmp_path / "exercises.yaml").write_text(PICTURED.replace("    easier: [glute-squeeze]\n", ""), encoding="utf-8")
    catalogue = check_catalogue(tmp_path / "exercises.yaml", docs_dir=tmp_path).catalogue
    assert catalogue.exercise("glute-bridge").easier == ["glute-squeeze"]
    assert catalogue.exercise("glute-squeeze").harder == ["glute-bridge"]


def test_a_missing_picture_is_a_located_warning_that_blocks_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "exercises.yaml").write_text(fixture_text("minimal.yaml"), encoding="utf-8")
    assert check(tmp_path / "exercises.yaml", docs_dir=tmp_path) == 0
    err = capsys.readouterr().err
    assert (
        "exercises.yaml:11:5: warning: exercises[0: glute-squeeze]: has no picture; add 'illustration: {pose: …}'"
        in err
    )
    # Warnings pass, but this project's tests refuse them in its own catalogue (test_content.py): the check says so
    # last.
    assert err.splitlines()[-1].startswith("Before you commit, fix the 2 warnings above: they block no build")


def test_drafts_block_nothing_and_are_published_nowhere(tmp_path: Path, site_builder: SiteBuilder) -> None:
    text = (
        PICTURED.replace("programs:\n", DRAFT_EXERCISE + "programs:\n").replace("Glute bridge", "Glute bridge lift")
        + DRAFT_PROGRAM
    )
    config = make_project(tmp_path, text)
    built = site_builder(config, tmp_path / "site")
    assert built.returncode == 0, built.output
    assert "draft, blocks nothing: exercises[2: towel-curl].category: is required but missing" in built.output
    site = tmp_path / "site"
    assert "Glute bridge lift" in (site / "exercises" / "glute-bridge" / "index.html").read_text(encoding="utf-8"), (
        "the rest of the edit is published"
    )
    assert not (site / "exercises" / "towel-curl").exists() and not (site / "handouts" / "bridge-week").exists()
    published = [
        path for path in site.rglob("*") if path.is_file() and path.suffix in {".html", ".json", ".xml", ".svg", ".js"}
    ]
    mentions = [
        str(path.relative_to(site))
        for path in published
        if any(
            word in path.read_text(encoding="utf-8", errors="replace")
            for word in ("towel-curl", "Towel curl", "bridge-week", "A week of bridges")
        )
    ]
    assert mentions == []


def test_too_many_steps_is_a_located_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = PICTURED.replace("      - Lower them slowly.\n", "      - Lower them slowly.\n" + "      - Rest.\n" * 4)
    (tmp_path / "exercises.yaml").write_text(text, encoding="utf-8")
    assert check(tmp_path / "exercises.yaml", docs_dir=tmp_path) == 0
    line = text[: text.index("    steps:\n      - Squeeze your buttocks.\n      - Lift")].count("\n") + 1
    assert (
        f"exercises.yaml:{line}:5: warning: exercises[1: glute-bridge].steps: has 7 steps; 3 to 6 read best"
        in capsys.readouterr().err
    )
