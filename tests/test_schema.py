"""The JSON Schema that gives editors completion and inline errors in their editor."""

from __future__ import annotations

import json
from typing import Any

from conftest import ROOT

from fai_site.cli import schema_text
from fai_site.model import Category, Phase

SCHEMA_FILE = ROOT / "exercises.schema.json"


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_the_committed_schema_matches_the_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "the models changed: run `make schema` and commit exercises.schema.json"


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
