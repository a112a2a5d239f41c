"""pydantic's validation errors, reworded for editors who are not programmers."""

from __future__ import annotations

import difflib
import re
import reprlib
import typing
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from fai_site.catalogue.field_guide import models_in, models_under
from fai_site.catalogue.model import Slug
from fai_site.catalogue.problems import FieldPath, Problem, did_you_mean

SLUG_PATTERN = TypeAdapter(Slug).json_schema()["pattern"]
WHOLE_NUMBER_KINDS = {
    "int_parsing",
    "int_parsing_size",
    "int_type",
    "int_from_float",
    "greater_than_equal",
    "less_than_equal",
    "greater_than",
    "less_than",
}
TYPE_WORDS = {
    "list_type": "must be a list (lines starting with '- ', or [a, b])",
    "dict_type": "must be a mapping of 'field: value' lines",
    "model_type": "must be a mapping of 'field: value' lines",
    "model_attributes_type": "must be a mapping of 'field: value' lines",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
}
# Labels pydantic adds to a location for union branches and validators; they name no field.
LABEL = re.compile(r"[a-z-]+\[.*\]|\[key\]")


def problems_from(error: ValidationError, model: type[BaseModel], data: Any) -> list[Problem]:
    """One problem per pydantic error, at the path the editor wrote, in plain words."""
    models = {found.__name__: found for found in models_under(model)}
    problems = []
    for detail in meant_branches(error.errors(), models, data):
        path = clean_path(detail["loc"], set(models))
        problems.append(Problem(path, plain_message(detail, model, path)))
    return with_indentation_hints(problems, model)


# ---- Indentation ------------------------------------------------------------------------


def with_indentation_hints(problems: list[Problem], model: type[BaseModel]) -> list[Problem]:
    """An unknown field that is a field one level up or down was almost surely indented wrongly: say so,
    and tell the 'is required but missing' it causes where the field was written."""
    moved = {
        problem.path: home
        for problem in problems
        if problem.message.startswith("unknown field") and (home := one_level_up(model, problem.path))
    }
    hinted = []
    for problem in problems:
        if problem.path in moved:
            problem = replace(
                problem,
                message=(
                    f"unknown field '{problem.path[-1]}' here; it belongs one level up, beside "
                    f"'{container_key(problem.path)}:' — check the indentation"
                ),
            )
        elif problem.message == "is required but missing" and (
            written := next((path for path, home in moved.items() if home == problem.path), None)
        ):
            problem = Problem(
                problem.path,
                f"is required but missing; '{problem.path[-1]}:' on line {{see_line}} is indented too far — check "
                "the indentation",
                see=written,
            )
        elif problem.message.startswith("unknown field") and (parent := one_level_down(model, problem.path)):
            problem = replace(
                problem,
                message=(
                    f"unknown field '{problem.path[-1]}' here; it belongs under '{parent}:' — check the indentation"
                ),
            )
        hinted.append(problem)
    return hinted


def one_level_up(model: type[BaseModel], path: FieldPath) -> FieldPath | None:
    """Where the unknown field at `path` is a field: the mapping that holds its mapping, if it is one there."""
    name, container = path[-1], list(path[:-1])
    while container and isinstance(container[-1], int):
        container.pop()
    if not container or not isinstance(name, str):
        return None
    outer = list(container[:-1])
    fields = allowed_fields(model, tuple(outer))
    return (*outer, name) if name in fields and name != container[-1] else None


def one_level_down(model: type[BaseModel], path: FieldPath) -> str | None:
    """The field of this mapping whose own mapping has the unknown field at `path`, such as 'dosage' for 'sets'."""
    name = path[-1]
    for found in models_at(model, path[:-1]):
        for field_name, info in found.model_fields.items():
            if typing.get_origin(info.annotation) is not list and any(
                name in nested.model_fields for nested in models_in(info.annotation)
            ):
                return field_name
    return None


def container_key(path: FieldPath) -> str:
    """The last field name before the unknown one: the key it was indented under."""
    return next((str(part) for part in reversed(path[:-1]) if isinstance(part, str)), "")


def meant_branches(details: list[ErrorDetails], models: dict[str, type[BaseModel]], data: Any) -> list[ErrorDetails]:
    """The errors, keeping for each value that fits no branch of a union only the branch
    the editor most likely meant, so an image is not also told it lacks a `pose`."""
    branches: dict[tuple[int | str, ...], dict[str, list[ErrorDetails]]] = {}
    for detail in details:
        label = next(
            (index for index, part in enumerate(detail["loc"]) if isinstance(part, str) and part in models), None
        )
        if label is not None:
            branches.setdefault(detail["loc"][:label], {}).setdefault(str(detail["loc"][label]), []).append(detail)
    dropped: set[int] = set()
    for where, found in branches.items():
        value = value_at(data, clean_path(where, set(models)))
        meant = max(found, key=lambda name: (likeness(value, models[name]), -len(found[name])))
        dropped.update(id(detail) for name, errors in found.items() if name != meant for detail in errors)
    return [detail for detail in details if id(detail) not in dropped]


def likeness(value: Any, model: type[BaseModel]) -> int:
    """How many of the keys written are the model's fields, or near misses of them."""
    fields = list(model.model_fields)
    keys = [key for key in value if isinstance(key, str)] if isinstance(value, dict) else []
    return sum(1 for key in keys if key in fields or difflib.get_close_matches(key, fields, n=1, cutoff=0.6))


def value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def clean_path(loc: tuple[int | str, ...], model_names: set[str]) -> FieldPath:
    """The field path as the editor wrote it, without pydantic's union-branch and validator labels."""
    return tuple(part for part in loc if not (isinstance(part, str) and (part in model_names or LABEL.fullmatch(part))))


def plain_message(detail: ErrorDetails, model: type[BaseModel], path: FieldPath) -> str:
    kind = detail["type"]
    context = detail.get("ctx", {})
    value = detail["input"]
    got = f" (got {shown(value)})"
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        name = str(path[-1])
        return f"unknown field '{name}'{did_you_mean(name, allowed_fields(model, path[:-1]))}"
    if kind in WHOLE_NUMBER_KINDS:
        return f"must be {whole_number(field_at(model, path))}{got}"
    if kind == "enum":
        hint = did_you_mean(value, allowed_values(context)) if isinstance(value, str) else ""
        return f"must be one of: {context.get('expected', '')}{got}{hint}"
    if kind == "string_pattern_mismatch":
        return pattern_message(str(context.get("pattern")), field_at(model, path), value)
    if kind == "string_type":
        return f"must be text{' — put it in quotes' if isinstance(value, bool | int | float) else ''}{got}"
    if kind in TYPE_WORDS:
        return f"{TYPE_WORDS[kind]}{got}"
    if kind.startswith("date"):
        reason = f": {context['error']}" if "error" in context else ""
        return f"must be a real date written as YYYY-MM-DD (got {shown(value)}{reason})"
    return length_message(kind, context, value) or other_message(detail, got)


def length_message(kind: str, context: dict[str, Any], value: Any) -> str | None:
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long: at most {context.get('max_length')} characters (it has {len(str(value))})"
    if kind == "too_short":
        return f"needs at least {count(context.get('min_length', 1), 'entry', 'entries')}"
    if kind == "too_long":
        return f"has too many entries: at most {context.get('max_length')} (it has {context.get('actual_length')})"
    return None


def other_message(detail: ErrorDetails, got: str) -> str:
    if detail["type"] == "value_error":
        return str(detail.get("ctx", {}).get("error", detail["msg"]))
    return f"{detail['msg']}{got}"


def whole_number(info: FieldInfo | None) -> str:
    """'a whole number from 1 to 10', with the limits the model sets for the field."""
    low, high = limit(info, "ge"), limit(info, "le")
    if low is not None and high is not None:
        return f"a whole number from {low} to {high}"
    if low is not None:
        return f"a whole number ≥ {low}"
    return "a whole number" if high is None else f"a whole number ≤ {high}"


def limit(info: FieldInfo | None, name: str) -> Any:
    found = [getattr(meta, name) for meta in (info.metadata if info else []) if getattr(meta, name, None) is not None]
    return found[0] if found else None


def pattern_message(pattern: str, info: FieldInfo | None, value: Any) -> str:
    if pattern == SLUG_PATTERN:
        return f"must be a lowercase id of letters, digits and single hyphens, like 'glute-bridge' (got {shown(value)})"
    expected = f": {info.description}" if info and info.description else ""
    return f"is not in the expected form{expected} (got {shown(value)})"


def allowed_values(context: dict[str, Any]) -> list[str]:
    return [part.strip().strip("'") for part in str(context.get("expected", "")).replace(" or ", ",").split(",")]


def allowed_fields(root: type[BaseModel], container: FieldPath) -> list[str]:
    """Field names valid in the mapping at `container`, for the 'did you mean' hint."""
    return [name for model in models_at(root, container) for name in model.model_fields]


def field_at(root: type[BaseModel], path: FieldPath) -> FieldInfo | None:
    """The model field a path ends in; list positions after it (phase[1]) still name it."""
    names = list(path)
    while names and isinstance(names[-1], int):
        names.pop()
    if not names:
        return None
    return next(
        (
            model.model_fields[str(names[-1])]
            for model in models_at(root, tuple(names[:-1]))
            if names[-1] in model.model_fields
        ),
        None,
    )


def models_at(root: type[BaseModel], path: FieldPath) -> list[type[BaseModel]]:
    """The models the object at `path` may be, skipping list positions and mapping keys."""
    models, key_next = [root], False
    for part in path:
        if isinstance(part, int):
            continue
        if key_next:
            key_next = False
            continue
        info = next((model.model_fields[part] for model in models if part in model.model_fields), None)
        if info is None:
            return []
        models, key_next = models_in(info.annotation), typing.get_origin(info.annotation) is dict
    return models


def count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def shown(value: Any) -> str:
    """A value as the message quotes it: short, and cheap even for a huge list."""
    text = reprlib.repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "…"
