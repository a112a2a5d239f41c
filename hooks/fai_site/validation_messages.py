"""pydantic's validation errors, reworded for editors who are not programmers."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from fai_site.problems import Problem, did_you_mean


def problems_from(error: ValidationError, model: type[BaseModel], data: Any) -> list[Problem]:
    return [Problem(clean_path(detail["loc"]), plain_message(detail, model, data)) for detail in error.errors()]


def clean_path(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Drop pydantic's union-branch labels, which name classes, not fields."""
    return tuple(part for part in loc if not (isinstance(part, str) and (part[:1].isupper() or part.startswith("function-"))))


def plain_message(detail: ErrorDetails, model: type[BaseModel], data: Any) -> str:
    kind = detail["type"]
    context = detail.get("ctx", {})
    got = f" (got {shown(detail['input'])})"
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        field = str(detail["loc"][-1])
        return f"unknown field '{field}'{did_you_mean(field, allowed_fields(model, detail['loc']))}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"must be a whole number{got}"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"must be {'at least' if kind == 'greater_than_equal' else 'at most'} {context.get('ge', context.get('le'))}{got}"
    if kind == "enum":
        return f"must be one of: {context.get('expected', '')}{got}{did_you_mean(str(detail['input']), allowed_values(context))}"
    if kind == "string_pattern_mismatch":
        return pattern_message(str(detail["loc"][-1]), detail["input"])
    if kind == "too_short":
        return f"needs at least {context.get('min_length')} item(s)" if isinstance(detail["input"], list | dict) else f"must not be empty{got}"
    if kind == "too_long":
        return f"is too long: at most {context.get('max_length')}{' items' if isinstance(detail['input'], list) else ' characters'}"
    if kind in {"string_type", "list_type", "dict_type", "model_type", "model_attributes_type", "bool_parsing", "bool_type", "date_from_datetime_parsing", "date_parsing", "date_type"}:
        return f"{expected_type(kind)}{got}"
    if kind == "value_error":
        return str(context.get("error", detail["msg"]))
    return f"{detail['msg']}{got}"


def expected_type(kind: str) -> str:
    if kind.startswith("string"):
        return "must be text"
    if kind.startswith("list"):
        return "must be a list (lines starting with '- ', or [a, b])"
    if kind.startswith(("dict", "model")):
        return "must be a mapping of 'field: value' lines"
    if kind.startswith("bool"):
        return "must be true or false"
    return "must be a date written as YYYY-MM-DD"


def pattern_message(field: str, value: Any) -> str:
    if field in {"id", "easier", "harder", "references"} or isinstance(value, str) and not value.startswith(("10.", "http")):
        return f"must be a lowercase id of letters, digits and single hyphens, like 'glute-bridge' (got {shown(value)})"
    return f"is not in the expected form (got {shown(value)})"


def allowed_values(context: dict[str, Any]) -> list[str]:
    return [part.strip().strip("'") for part in str(context.get("expected", "")).replace(" or ", ",").split(",")]


def allowed_fields(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """Field names valid where an unknown field was found, for the 'did you mean' hint."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = innermost_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def innermost_model(annotation: Any) -> Any:
    """The model class inside `list[X]`, `X | None` and similar annotations."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = innermost_model(argument)
        if found is not None:
            return found
    return None


def shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "…"
