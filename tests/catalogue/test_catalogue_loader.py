"""Loading and validating catalogues: good ones load, bad ones say where and what.

The corpus of bad catalogues is in test_bad_catalogues.py; these tests pin the
loader's own behaviour: what runs together, what is refused early, and that it reads
what plain YAML reads. Its speed is measured by `make bench`, not here.
"""

from __future__ import annotations

import datetime
import gc
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, build_env, fixture_text

from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.problems import CatalogueError
from fai_site.catalogue.yaml_source import Document, parse
from fai_site.pages import render

PLAIN_C_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
C_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_text(tmp_path: Path, text: str | bytes) -> list[str]:
    """The error lines for a catalogue, or [] when it loads."""
    path = tmp_path / "exercises.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    try:
        load_catalogue(path, docs_dir=tmp_path)
    except CatalogueError as error:
        return error.lines()
    return []


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_the_real_catalogue_loads_every_entry_it_publishes() -> None:
    # Counted from the plain YAML, not hard-coded: an editor adding an exercise changes both sides alike.
    written = yaml.safe_load((ROOT / "exercises.yaml").read_text(encoding="utf-8"))
    catalogue = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")
    for kind, loaded in (("exercises", catalogue.exercises), ("programs", catalogue.programs)):
        published = [entry["id"] for entry in written[kind] if not entry.get("draft")]
        assert published and [entry.id for entry in loaded] == published


def test_the_minimal_fixture_loads(tmp_path: Path) -> None:
    assert load_text(tmp_path, fixture_text("minimal.yaml")) == []


def test_a_wrong_type_names_line_column_field_and_range(tmp_path: Path) -> None:
    text = fixture_text("minimal.yaml").replace("dosage: {sets: 3, reps: 12}", "dosage: {sets: three, reps: 12}")
    [message] = load_text(tmp_path, text)
    where = f"exercises.yaml:{line_of(text, 'sets: three')}:14"
    assert (
        message == f'{where}: exercises[1: glute-bridge].dosage.sets: must be a whole number from 1 to 10 (got "three")'
    )


def test_model_and_cross_reference_problems_come_together_in_file_order(tmp_path: Path) -> None:
    text = (
        fixture_text("minimal.yaml")
        .replace("dosage: {sets: 3, reps: 12}", "dosage: {sets: 0, reps: 500}")
        .replace("category: strength\n    phase: early", "category: strenght\n    phase: early")
        .replace("      - id: glute-bridge", "      - id: glute-brige")
        .replace("easier: [glute-squeeze]", "easier: [glute-sqeeze]")
    )
    messages = load_text(tmp_path, text)
    assert [message.split(":")[1] for message in messages] == sorted(
        (message.split(":")[1] for message in messages), key=int
    )
    assert len(messages) == 5
    assert any("must be a whole number from 1 to 10 (got 0)" in m for m in messages)
    assert any("must be a whole number from 1 to 50 (got 500)" in m for m in messages)
    assert any("did you mean 'strength'" in m for m in messages)
    assert any("unknown exercise 'glute-sqeeze' — did you mean 'glute-squeeze'?" in m for m in messages)
    assert any(
        "unknown exercise 'glute-brige' in program 'starter' — did you mean 'glute-bridge'?" in m for m in messages
    )


def test_a_value_the_model_rejects_is_not_reported_again_as_a_broken_link(tmp_path: Path) -> None:
    text = fixture_text("minimal.yaml").replace("easier: [glute-squeeze]", "easier: [Glute Squeeze]")
    [message] = load_text(tmp_path, text)
    assert "easier[0]: must be a lowercase id" in message


def test_keys_written_twice_are_found_at_every_level(tmp_path: Path) -> None:
    text = (
        fixture_text("minimal.yaml")
        .replace('version: "test-1"\n', 'version: "test-1"\nversion: "test-2"\n')
        .replace("dosage: {sets: 3, reps: 12}", "dosage: {sets: 3, reps: 12, sets: 4}")
    )
    messages = load_text(tmp_path, text)
    assert messages == [
        "exercises.yaml:2:1: version: is given twice (first on line 1); YAML keeps only the last one, so delete one "
        "of them",
        f"exercises.yaml:{line_of(text, 'sets: 4')}:33: exercises[1: glute-bridge].dosage.sets: is given twice "
        f"(first on line {line_of(text, 'sets: 4')}); YAML keeps only the last one, so delete one of them",
    ]


def test_an_illustration_that_fits_no_kind_is_judged_as_the_kind_the_editor_meant(tmp_path: Path) -> None:
    picture = (
        "    illustration:\n      image: assets/images/hip-joint.svg\n      licence: CC BY 4.0\n"
        "      source: own work\n      author: The editors\n"
    )
    text = fixture_text("minimal.yaml").replace("    equipment: [mat]\n", "    equipment: [mat]\n" + picture)
    path = tmp_path / "exercises.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path, docs_dir=ROOT / "docs")
    assert raised.value.lines() == [
        f"exercises.yaml:{line_of(text, 'illustration:')}:5: exercises[1: glute-bridge].illustration.alt: is required "
        "but missing"
    ]


def test_merge_keys_are_refused_like_aliases(tmp_path: Path) -> None:
    text = fixture_text("minimal.yaml").replace("dosage: {sets: 3, reps: 12}", "dosage: {<<: {sets: 3}, reps: 12}")
    assert any("dosage.<<: unknown field '<<'" in message for message in load_text(tmp_path, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            b"exercises: [\n",
            "exercises.yaml:2:1: YAML syntax: did not find expected node content — a value is missing, or a '[' or "
            "'{' is not closed",
        ),
        (b"\xff\xfeversion: 1\n", "exercises.yaml:1:1: the file is not UTF-8"),
        (b"", "exercises.yaml:1:1: the file is empty"),
        (b"   \n", "exercises.yaml:1:1: the file is empty"),
        (b"version: x\n\texercises: []\n", "tabs"),
        (b"- just\n- a list\n", "exercises.yaml:1:1: the file must be a mapping"),
        (b"a: 1\n---\nb: 2\n", "exercises.yaml:2:1: YAML syntax: but found another document"),
        (b"a: !!python/object:os.system x\n", "remove the '!' tag"),
    ],
)
def test_files_that_are_not_a_catalogue_are_explained(tmp_path: Path, text: bytes, expected: str) -> None:
    [message] = load_text(tmp_path, text)
    assert expected in message


def test_yaml_aliases_are_refused_before_they_can_blow_up(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    [message] = load_text(tmp_path, bomb)
    assert message.startswith("exercises.yaml:2:8: b[0]: uses a YAML alias")


def test_a_list_that_contains_itself_is_refused(tmp_path: Path) -> None:
    [message] = load_text(tmp_path, "version: &v [*v]\n")
    assert message.startswith("exercises.yaml:1:14: version[0]: uses a YAML alias")


def test_dates_and_numbers_python_cannot_hold_stay_text_for_the_model_to_explain(tmp_path: Path) -> None:
    text = (
        fixture_text("minimal.yaml")
        .replace("last_reviewed: 2026-01-15", "last_reviewed: 2026-02-30")
        .replace("reps: 12}", f"reps: {'9' * 5000}}}")
    )
    messages = load_text(tmp_path, text)
    assert any('last_reviewed: must be a real date written as YYYY-MM-DD (got "2026-02-30"' in m for m in messages)
    assert any('dosage.reps: must be a whole number from 1 to 50 (got "99999' in m for m in messages)


def test_control_characters_in_the_catalogue_cannot_reach_the_terminal(tmp_path: Path) -> None:
    text = fixture_text("minimal.yaml").replace("  - id: glute-bridge", '  - id: "glute\\e[2Jbridge\\u202e"')
    messages = load_text(tmp_path, text)
    assert messages and all(message.isprintable() for message in messages)
    assert any("glute\\x1b[2Jbridge\\u202e" in message for message in messages)


def test_deep_nesting_is_refused_without_crashing_the_parser(tmp_path: Path) -> None:
    """libyaml's composer recurses in C; 40,000 levels would overflow the stack, so they go to the Python one."""
    bombs = {
        "flow.yaml": "a: " + '["]", ' * 40_000 + "x" + "]" * 40_000,
        "lines.yaml": "a:\n" + " [ # ]\n" * 40_000 + " x" + "]" * 40_000,
        "block.yaml": "a:\n" + "- " * 40_000 + "x\n",
    }
    for name, text in bombs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    script = (
        "import sys; from fai_site.cli import check; sys.exit(max(check(__import__('pathlib').Path(n)) for n in "
        "sys.argv[1:]))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script, *bombs],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=build_env(),
        timeout=120,
    )
    assert completed.returncode == 1, completed.stderr
    assert completed.stderr.count("nested far too deeply") == len(bombs)


def test_deep_nesting_the_c_parser_can_hold_is_reported_like_any_wrong_value(tmp_path: Path) -> None:
    """Nothing walks the data recursively, so 3,000 levels (past Python's recursion limit) are just a list where text
    belongs."""
    deep = "equipment:\n" + "      - [\n" + "        [\n" * 3_000 + "        mat\n" + "        ]\n" * 3_001
    text = fixture_text("minimal.yaml").replace("    equipment: [mat]\n", f"    {deep}")
    [message] = load_text(tmp_path, text)
    assert message.startswith(
        f"exercises.yaml:{line_of(text, '      - [')}:9: exercises[1: glute-bridge].equipment[0]: must be text (got "
        "[[[[[[[...]]]]]]])"
    )


def test_the_reader_gives_what_plain_yaml_gives() -> None:
    """Its strict constructor and once-per-scalar tags change no value PyYAML would read."""
    text = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    document = parse(text)
    assert isinstance(document, Document)
    assert document.data == yaml.load(text, Loader=PLAIN_C_LOADER)  # noqa: S506


def test_the_same_scalar_plain_and_quoted_keeps_its_own_type() -> None:
    document = parse('a: 10\nb: "10"\nc: 10\nd: yes\ne: "yes"\nf: 2026-01-15\ng: "2026-01-15"\n')
    assert isinstance(document, Document)
    assert document.data == {
        "a": 10,
        "b": "10",
        "c": 10,
        "d": True,
        "e": "yes",
        "f": datetime.date(2026, 1, 15),
        "g": "2026-01-15",
    }


@pytest.mark.parametrize("text", ["version: '1'\n", "version: [unclosed\n"], ids=["good", "syntax error"])
def test_the_garbage_collector_is_back_as_it_was_after_a_load(text: str) -> None:
    """The reader pauses the collector while it builds the node tree, and must always hand it back."""
    parse(text)
    assert gc.isenabled()
    gc.disable()
    try:
        parse(text)
        assert not gc.isenabled()
    finally:
        gc.enable()


# The editor's guide shows how to add an exercise, a program and a warning sign; its examples must load.
GUIDE_EXAMPLES = {
    "Add an exercise": ("exercises",),
    "Add a home program": ("programs",),
    "The warning signs": ("safety", "signs"),
}


def guide_yaml_blocks() -> dict[str, list[str]]:
    """The guide's YAML code blocks, by the heading they stand under."""
    blocks: dict[str, list[str]] = {}
    for section in re.split(r"^## ", render.editors_guide(), flags=re.MULTILINE)[1:]:
        heading, _, body = section.partition("\n")
        found = re.findall(r"^```yaml\n(.*?)^```", body, flags=re.MULTILINE | re.DOTALL)
        if found:
            blocks[heading.strip()] = found
    return blocks


def catalogue_with_guide_examples() -> dict[str, Any]:
    data = yaml.load((ROOT / "exercises.yaml").read_text(encoding="utf-8"), Loader=PLAIN_C_LOADER)  # noqa: S506
    for heading, blocks in guide_yaml_blocks().items():
        section = data
        for key in GUIDE_EXAMPLES[heading]:
            section = section[key]
        for block in blocks:
            section.extend(yaml.safe_load(block))
    return data


def test_every_yaml_example_in_the_editors_guide_is_a_worked_example() -> None:
    assert set(guide_yaml_blocks()) == set(GUIDE_EXAMPLES)


def test_the_editors_guide_examples_load_when_added_to_the_real_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "exercises.yaml"
    path.write_text(
        yaml.dump(catalogue_with_guide_examples(), Dumper=C_DUMPER, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    catalogue = load_catalogue(path, docs_dir=ROOT / "docs")
    assert (
        len(catalogue.exercises) == len(load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs").exercises) + 1
    )


def test_the_editors_guide_sample_message_is_what_the_check_prints(tmp_path: Path) -> None:
    sample = re.search(r"```text\n(exercises\.yaml:.*)\n```", render.editors_guide())
    assert sample is not None
    data = catalogue_with_guide_examples()
    example = data["exercises"][-1]
    example["dosage"]["sets"] = 0
    path = tmp_path / "exercises.yaml"
    path.write_text(yaml.dump(data, Dumper=C_DUMPER, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path, docs_dir=ROOT / "docs")
    [message] = raised.value.lines()
    assert re.sub(r"\d+", "N", message) == re.sub(r"\d+", "N", sample[1])


# ---- Messages that name the cause -----------------------------------------------------


def test_a_copy_that_keeps_its_id_is_explained_by_the_repeated_id_alone(tmp_path: Path) -> None:
    lines = load_text(
        tmp_path, (ROOT / "tests" / "fixtures" / "bad" / "copied-entry-keeps-its-id.yaml").read_text(encoding="utf-8")
    )
    assert len(lines) == 2, lines
    assert not any("links to itself" in line or "did you mean" in line for line in lines)


def test_an_unrelated_look_alike_id_is_not_suggested(tmp_path: Path) -> None:
    text = fixture_text("minimal.yaml").replace("    easier: [glute-squeeze]\n", "    easier: [glute-release]\n")
    [line] = load_text(tmp_path, text)
    assert line.endswith("unknown exercise 'glute-release'"), line


def test_a_near_miss_id_is_still_suggested(tmp_path: Path) -> None:
    text = fixture_text("minimal.yaml").replace("    easier: [glute-squeeze]\n", "    easier: [glute-sqeeze]\n")
    [line] = load_text(tmp_path, text)
    assert line.endswith("— did you mean 'glute-squeeze'?"), line


def test_a_draft_with_every_problem_blocks_nothing_but_an_all_draft_catalogue_has_nothing_to_publish(
    tmp_path: Path,
) -> None:
    draft = "  - id: heel-slide\n    draft: true\n    nmae: Heel slide\n    steps: nothing\n"
    assert load_text(tmp_path, fixture_text("minimal.yaml").replace("programs:\n", draft + "programs:\n")) == []
    everything = (
        fixture_text("minimal.yaml")
        .replace("    name: Glute", "    draft: true\n    name: Glute")
        .replace("    title: Starter", "    draft: true\n    title: Starter")
    )
    assert [line.split(": ", 1)[1] for line in load_text(tmp_path, everything)] == [
        "exercises: without its drafts, the catalogue has nothing to publish: finish at least one exercise"
    ]
