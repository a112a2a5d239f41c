"""The JSON Schema that gives editors completion and inline errors in their editor."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from fai_site.catalogue.model import Catalogue, Category, Phase
from fai_site.cli import schema_text

SCHEMA_FILE = ROOT / "exercises.schema.json"
# Mistakes a JSON Schema can express (a wrong type, an unknown field, a number out of range,
# a value outside a closed set, a missing field, a bad id, an empty list), so an editor's
# tool must flag them as the build does. Other bad fixtures need the loader (duplicate keys,
# unknown ids, missing picture files) or do not load as YAML at all.
SCHEMA_EXPRESSIBLE = [
    "wrong-type-sets",
    "version-not-text",
    "steps-not-a-list",
    "unknown-field",
    "unknown-top-level-field",
    "too-many-reps",
    "zero-sets",
    "program-dosage-out-of-range",
    "category-typo",
    "phase-typo",
    "missing-field",
    "id-not-a-slug",
    "empty-program",
    "strength-without-load",
]


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def validator() -> Draft202012Validator:
    """The committed schema as an editor's tool reads it, with `format: date` checked too."""
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json(catalogue_file: Path) -> Any:
    """The YAML as the JSON an editor's tool validates: YAML dates become YYYY-MM-DD text."""
    data = yaml.safe_load(catalogue_file.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=iso_date))


def iso_date(value: object) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no JSON form")


def schema_errors(data: Any) -> list[str]:
    return [error.message for error in validator().iter_errors(data)]


def assert_both_reject(data: Any) -> None:
    """The schema must refuse what the model refuses, or editors see no mistake until the build."""
    with pytest.raises(ValidationError):
        Catalogue.model_validate(data)
    assert schema_errors(data), "the model rejects this catalogue but the JSON Schema accepts it"


def test_the_committed_schema_matches_the_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "the models changed: run `make schema` and commit exercises.schema.json"
    )


def test_the_catalogue_points_editors_at_the_schema() -> None:
    first_line = (ROOT / "exercises.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./exercises.schema.json"


def test_closed_sets_are_listed_and_unknown_fields_refused() -> None:
    definitions = schema()["$defs"]
    assert definitions["Category"]["enum"] == [category.value for category in Category]
    assert definitions["Phase"]["enum"] == [phase.value for phase in Phase]
    objects = [definition for definition in definitions.values() if definition.get("type") == "object"]
    assert objects and all(definition["additionalProperties"] is False for definition in objects)


def test_the_short_forms_the_build_accepts_are_not_marked_as_mistakes() -> None:
    """`phase: early` and a program exercise written as a bare id are fine, so the editor must not flag them."""
    definitions = schema()["$defs"]
    assert {"$ref": "#/$defs/Phase"} in definitions["Exercise"]["properties"]["phase"]["anyOf"]
    program_items = definitions["Program"]["properties"]["exercises"]["items"]["anyOf"]
    assert any(item.get("type") == "string" for item in program_items)
    assert {"$ref": "#/$defs/ProgramItem"} in program_items


def test_the_committed_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize(
    "catalogue_file", [ROOT / "exercises.yaml", FIXTURES / "minimal.yaml"], ids=lambda path: path.name
)
def test_good_catalogues_pass_the_schema(catalogue_file: Path) -> None:
    assert schema_errors(as_json(catalogue_file)) == []


@pytest.mark.parametrize("name", SCHEMA_EXPRESSIBLE)
def test_the_schema_rejects_bad_catalogues_the_model_rejects(name: str) -> None:
    assert_both_reject(as_json(FIXTURES / "bad" / f"{name}.yaml"))


def minimal() -> dict[str, Any]:
    return as_json(FIXTURES / "minimal.yaml")


@pytest.mark.parametrize("count", [0, 13])
def test_the_schema_keeps_a_programs_exercise_count(count: int) -> None:
    """Bare ids are allowed in a program's list, which once made the schema drop its 1–12 limit."""
    data = minimal()
    data["programs"][0]["exercises"] = ["glute-squeeze"] * count
    assert_both_reject(data)


def test_the_schema_refuses_an_empty_phase_list() -> None:
    """`phase: early` is allowed, which once made the schema drop the list's at-least-one rule."""
    data = minimal()
    data["exercises"][0]["phase"] = []
    assert_both_reject(data)


def test_the_schema_allows_the_limits_themselves() -> None:
    data = minimal()
    data["programs"][0]["exercises"] = ["glute-squeeze"] * 12
    data["exercises"][0]["phase"] = ["early"]
    Catalogue.model_validate(data)
    assert schema_errors(data) == []


@pytest.mark.parametrize("key", ["Bad Key", "terrell_2021", "terrell--2021", "x" * 61])
def test_the_schema_refuses_a_reference_key_that_is_not_a_slug(key: str) -> None:
    """Pydantic moves a key's pattern into `patternProperties`, which once let any other key through."""
    data = minimal()
    data["references"][key] = data["references"]["terrell-2021"]
    assert_both_reject(data)


def test_every_mapping_with_key_patterns_refuses_other_keys() -> None:
    """`patternProperties` alone only describes matching keys; without `additionalProperties: false` the rest pass."""
    found = list(mappings_with_key_patterns(schema()))
    assert found, "the catalogue's references are such a mapping"
    assert all(mapping.get("additionalProperties") is False for mapping in found)


def mappings_with_key_patterns(node: Any) -> Any:
    if isinstance(node, dict):
        if "patternProperties" in node:
            yield node
        for child in node.values():
            yield from mappings_with_key_patterns(child)
    elif isinstance(node, list):
        for child in node:
            yield from mappings_with_key_patterns(child)
