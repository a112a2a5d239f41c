"""The editor's guide's field tables, read from the models so they never drift from the code."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo


@dataclass(frozen=True)
class GuideSection:
    title: str
    intro: str
    rows: list[FieldRow]


@dataclass(frozen=True)
class FieldRow:
    name: str
    required: bool
    kind: str
    description: str


def guide_sections(root: type[BaseModel]) -> list[GuideSection]:
    """One table per model reachable from `root`, in the order an editor meets them."""
    return [GuideSection(model.__name__, first_line(model.__doc__), field_rows(model)) for model in models_under(root)]


def models_under(root: type[BaseModel]) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    pending = [root]
    while pending:
        model = pending.pop(0)
        if model in found:
            continue
        found.append(model)
        pending.extend(nested for info in model.model_fields.values() for nested in models_in(info.annotation))
    return found


def models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in models_in(argument)]


def first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if text and text.strip() else ""


def field_rows(model: type[BaseModel]) -> list[FieldRow]:
    return [
        FieldRow(name, info.is_required(), kind_of(info.annotation), describe(info))
        for name, info in model.model_fields.items()
    ]


def describe(info: FieldInfo) -> str:
    limits = [f"{word} {value}" for word, value in limits_of(info)]
    return info.description or "" if not limits else f"{info.description} ({', '.join(limits)})"


def limits_of(info: FieldInfo) -> list[tuple[str, Any]]:
    words = {"ge": "at least", "le": "at most", "min_length": "at least", "max_length": "at most"}
    found = []
    for meta in info.metadata:
        for attribute, word in words.items():
            value = getattr(meta, attribute, None)
            if value is not None:
                unit = " items" if attribute.endswith("length") and kind_of(info.annotation).startswith("list") else ""
                unit = " characters" if attribute.endswith("length") and kind_of(info.annotation) == "text" else unit
                found.append((word, f"{value}{unit}"))
    return found


def kind_of(annotation: Any) -> str:
    """A plain-words type: 'whole number', 'list of text', 'one of: a, b'."""
    origin = typing.get_origin(annotation)
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        return " or ".join(kind_of(argument) for argument in arguments)
    if origin is list:
        return f"list of {kind_of(arguments[0])}"
    if origin is dict:
        return f"mapping of id → {kind_of(arguments[1])}"
    if origin is typing.Annotated:
        return kind_of(arguments[0])
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of: " + ", ".join(str(member.value) for member in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"{annotation.__name__} (see below)"
    return {int: "whole number", str: "text", bool: "true or false"}.get(
        annotation, getattr(annotation, "__name__", str(annotation))
    )
