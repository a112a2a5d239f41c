"""Loading and validating catalogues: good ones load, bad ones say where and what."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, fixture_text

from fai_site.catalogue_loader import load_catalogue
from fai_site.problems import CatalogueError


def load_text(tmp_path: Path, text: str | bytes) -> list[str]:
    """The error lines for a catalogue, or [] when it loads."""
    path = tmp_path / "exercises.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    try:
        load_catalogue(path, docs_dir=tmp_path)
    except CatalogueError as error:
        return error.lines()
    return []


def test_the_real_catalogue_loads() -> None:
    catalogue = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
    assert len(catalogue.exercises) >= 4 and catalogue.programs


def test_the_minimal_fixture_loads(tmp_path: Path) -> None:
    assert load_text(tmp_path, fixture_text("minimal.yaml")) == []


def test_a_wrong_type_names_line_column_and_field(tmp_path: Path) -> None:
    text = fixture_text("minimal.yaml").replace("dosage: {sets: 3, reps: 12}", "dosage: {sets: three, reps: 12}")
    line = text.splitlines().index("    dosage: {sets: three, reps: 12}") + 1
    [message] = load_text(tmp_path, text)
    assert message.startswith(f"exercises.yaml:{line}:")
    assert "exercises[1: glute-bridge].dosage.sets: must be a whole number" in message
    assert '(got "three")' in message


def test_an_unknown_field_suggests_the_right_name(tmp_path: Path) -> None:
    text = fixture_text("minimal.yaml").replace("    name: Glute bridge", "    nmae: Glute bridge")
    messages = load_text(tmp_path, text)
    assert any("unknown field 'nmae' — did you mean 'name'?" in message for message in messages)
    assert any("exercises[1: glute-bridge].name: is required" in message for message in messages)


def test_a_misspelt_exercise_in_a_program_gets_a_suggestion(tmp_path: Path) -> None:
    text = fixture_text("minimal.yaml").replace("      - id: glute-bridge", "      - id: glute-brige")
    [message] = load_text(tmp_path, text)
    assert "unknown exercise 'glute-brige' in program 'starter' — did you mean 'glute-bridge'?" in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        fixture_text("minimal.yaml")
        .replace("dosage: {sets: 3, reps: 12}", "dosage: {sets: 0, reps: 500}")
        .replace("category: strength\n    phase: early", "category: strenght\n    phase: early")
    )
    messages = load_text(tmp_path, text)
    assert len(messages) == 3
    assert any("must be at least 1" in m for m in messages) and any("must be at most 50" in m for m in messages)
    assert any("must be one of" in m and "did you mean 'strength'" in m for m in messages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"exercises: [\n", "exercises.yaml:2:1: YAML syntax"),
        (b"\xff\xfeversion: 1\n", "not UTF-8"),
        (b"   \n", "the file is empty"),
        (b"version: x\n\texercises: []\n", "tabs"),
        (b"- just\n- a list\n", "must be a mapping"),
    ],
)
def test_files_that_are_not_a_catalogue_are_explained(tmp_path: Path, text: bytes, expected: str) -> None:
    [message] = load_text(tmp_path, text)
    assert expected in message


def test_yaml_aliases_are_refused_before_they_can_blow_up(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    [message] = load_text(tmp_path, bomb)
    assert "YAML alias" in message
