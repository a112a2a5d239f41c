"""Reading `exercises.yaml`: fast on the good path, precise on the bad one.

The data is loaded with PyYAML's C loader when it is available. Line numbers are
only needed when something is wrong, so the node tree is composed then, and not
on every build.
"""

from __future__ import annotations

from typing import Any

import yaml

from fai_site.problems import FieldPath, Problem

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def decode(raw: bytes) -> str | Problem:
    """The file's text, or a problem pointing at the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Problem((), "the file is not UTF-8 text; save it as UTF-8 in your editor", line, column)
    return text.removeprefix("\ufeff")


def parse(text: str) -> Any | Problem:
    """The YAML document as Python data, or a located syntax problem."""
    try:
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return Problem((), f"YAML syntax: {syntax_hint(error)}", line, column)
    except yaml.YAMLError as error:
        return Problem((), f"YAML syntax: {error}")


def syntax_hint(error: yaml.MarkedYAMLError) -> str:
    """PyYAML's message in plain words, with the usual cause of each kind."""
    problem = error.problem or "not valid YAML"
    if "\\t" in problem or "tab" in problem:
        return f"{problem} — YAML needs spaces for indenting, not tabs"
    if "mapping values are not allowed" in problem:
        return f"{problem} — check the indentation, or put quotes around text that contains ': '"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return f"{problem} — a bracket is not closed"
    if "could not find expected ':'" in problem:
        return f"{problem} — a line is missing 'field: value', or a quote is not closed"
    return problem


def shared_node_path(data: Any) -> FieldPath | None:
    """The path of the first value reached twice: a YAML alias (`*name`).

    Aliases let a few lines stand for an exponentially large document, so they are
    refused before anything walks the data.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, FieldPath]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if not isinstance(value, dict | list):
            continue
        if id(value) in seen:
            return path
        seen.add(id(value))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        stack.extend((child, (*path, key)) for key, child in items)
    return None


def locate(text: str, problems: list[Problem]) -> list[Problem]:
    """Give each problem the line and column of the field it names."""
    root = yaml.compose(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
    return [problem.located(*position(root, problem.path)) for problem in problems]


def position(root: yaml.Node | None, path: FieldPath) -> tuple[int, int]:
    """Line and column of the deepest node on `path`; for an unknown or missing key, its mapping."""
    node = root
    for part in path:
        child = child_node(node, part)
        if child is None:
            break
        node = child
    if node is None:
        return 1, 1
    return node.start_mark.line + 1, node.start_mark.column + 1


def child_node(node: yaml.Node | None, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part:
                return value
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None

