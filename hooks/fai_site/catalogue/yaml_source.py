"""Reading `exercises.yaml`: fast on the good path, precise on the bad one.

The data is loaded with PyYAML's C parser. Its constructor runs in Python, so it also
notes keys written twice in one mapping (YAML would silently keep the last one) at
almost no cost. Aliases, which let a few lines stand for an exponentially large
document, are refused before anything walks the data, and text that could nest deeply
enough to crash the C parser goes to the slower pure-Python one. Line numbers for
other problems are only needed when something is wrong, so the node tree is composed
again then, and not on every build.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml
from yaml.constructor import BaseConstructor, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from fai_site.catalogue.problems import FieldPath, PathPart, Problem

# libyaml's composer recurses in C, about 370 bytes of stack a level: 15,000 levels take
# 5.5 MB of the 8 MB main-thread stack Linux gives, and a catalogue needs about 6.
C_PARSER_SAFE_NESTING = 15_000
MERGE_TAG = "tag:yaml.org,2002:merge"
# Every anchor (`&name`) matches; without one, the document cannot hold an alias.
ANCHOR = re.compile(r"&[^\s\[\]{},]")


# ---- Reading -------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """The YAML data, and the keys written twice, which YAML reads without complaint."""

    data: Any
    repeated_keys: list[Problem]


if TYPE_CHECKING:
    # The constructor is only ever mixed into a whole loader (`FastLoader`, `PortableLoader`), so it may use
    # the reader's, resolver's and composer's methods; type-check it as that loader.
    ConstructorBase = yaml.SafeLoader
else:
    ConstructorBase = SafeConstructor


class CatalogueConstruction(ConstructorBase):
    """The safe constructor, made strict where plain YAML quietly loses an editor's text."""

    # `<<` stays an ordinary key (and so an unknown field): merges copy other entries,
    # like aliases, and are refused with them.
    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != MERGE_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # the loader's other bases take the stream
        self.root: Node | None = None
        self.repeats: list[tuple[MappingNode, ScalarNode, ScalarNode]] = []
        self.scalar_tags: dict[tuple[str, tuple[bool, bool]], str] = {}

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """A node's tag. A catalogue writes the same keys, numbers and sides thousands of times, so each scalar is
        resolved once."""
        if kind is not ScalarNode:
            resolved: str = super().resolve(kind, value, implicit)
            return resolved
        key = (value, implicit)
        tag = self.scalar_tags.get(key)
        if tag is None:
            tag = self.scalar_tags[key] = super().resolve(kind, value, implicit)
        return tag

    def construct_document(self, node: Node) -> Any:
        self.root = node
        return super().construct_document(node)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        """The mapping, noting repeated keys; skips `SafeConstructor`'s merge step, as merges are off."""
        mapping = BaseConstructor.construct_mapping(self, node, deep=deep)
        if len(mapping) < len(node.value):
            self.repeats.extend((node, key, first) for key, first in repeated_keys(node))
        return mapping

    def construct_yaml_int(self, node: ScalarNode) -> int | str:  # type: ignore[override]  # text, on purpose
        """A number too long for Python stays text, and the model says what is wrong with it."""
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            return str(node.value)

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        """A date that does not exist (2026-13-01) stays text, and the model explains it."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return str(node.value)


CatalogueConstruction.add_constructor("tag:yaml.org,2002:int", CatalogueConstruction.construct_yaml_int)
CatalogueConstruction.add_constructor("tag:yaml.org,2002:timestamp", CatalogueConstruction.construct_yaml_timestamp)


class FastLoader(CatalogueConstruction, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser with the catalogue's constructor."""


class PortableLoader(CatalogueConstruction, yaml.SafeLoader):
    """Pure Python and much slower, but deep nesting raises `RecursionError` instead of crashing."""


def decode(raw: bytes) -> str | Problem:
    """The file's text, or a problem pointing at the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Problem((), "the file is not UTF-8 text; save it as UTF-8 in your editor", line, column)
    return text.removeprefix("\ufeff")


def parse(text: str) -> Document | Problem:
    """The YAML document as Python data, or a located syntax problem."""
    loader = loader_for(text)(text)
    try:
        with collection_paused():
            data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        return syntax_problem(error)
    except yaml.reader.ReaderError as error:
        line, column = line_and_column(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return Problem(
            (),
            f"the file contains an invisible control character (U+{code:04X}) that YAML does not allow; delete it",
            line,
            column,
        )
    except yaml.YAMLError as error:
        return Problem((), f"YAML syntax: {error}")
    except RecursionError:
        return Problem(
            (), "the file is nested far too deeply (brackets inside brackets); a catalogue needs a few levels"
        )
    finally:
        loader.dispose()
    return Document(data, [repeated_key_problem(loader.root, *repeat) for repeat in loader.repeats])


@contextmanager
def collection_paused() -> Iterator[None]:
    """Hold off the garbage collector while the loader builds the node tree.

    Every node is an object the collector tracks, and all of them live until the load
    ends, so each collection on the way scans a growing tree for cycles it cannot hold
    (aliases are refused): at 1,000 exercises, more than half of the load time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def loader_for(text: str) -> type[CatalogueConstruction]:
    """The C parser, unless the text might nest deeply enough to overflow its stack."""
    return FastLoader if nesting_bound(text) <= C_PARSER_SAFE_NESTING else PortableLoader


def nesting_bound(text: str) -> int:
    """An upper bound on how deeply the document nests, cheap enough for every build.

    Block nesting needs indentation, so it stays below the longest line; so does flow
    nesting within one line. Flow nesting across lines is at most the number of opening
    brackets, and when there are too many of those to settle it, `carried_flow_depth`
    counts only what can stay open from one line to the next. The line that opens a flow
    collection may hide openers behind a plain key such as `a]: [`, hence the longest
    line counted three times: block nesting, that line, and the current line.
    """
    within_lines = 3 * max(map(len, text.splitlines()), default=0)
    brackets = text.count("[") + text.count("{")
    if within_lines + brackets <= C_PARSER_SAFE_NESTING:
        return within_lines + brackets
    return within_lines + carried_flow_depth(text)


def carried_flow_depth(text: str) -> int:
    """Nesting that flow collections carry across line ends: at most a line's opening
    brackets minus its closing ones, or all its opening brackets if quotes, a comment or
    a tag could hide closing ones."""
    carried = 0
    for line in text.splitlines():
        if "[" in line or "{" in line:
            opens = line.count("[") + line.count("{")
            hidden = '"' in line or "'" in line or "#" in line or "!" in line
            carried += opens if hidden else max(0, opens - line.count("]") - line.count("}"))
    return carried


# ---- Syntax errors -------------------------------------------------------------------


def syntax_problem(error: yaml.MarkedYAMLError) -> Problem:
    """PyYAML's complaint, placed where the mistake most likely is."""
    mark = error.problem_mark
    started = error.context_mark
    where_it_began = bool(error.context and error.context.startswith(MISTAKE_STARTS_AT_CONTEXT))
    if started is not None and where_it_began and mark is not None and started.line != mark.line:
        message = f"YAML syntax: {syntax_hint(error)} (noticed on line {mark.line + 1})"
        return Problem((), message, started.line + 1, started.column + 1)
    mark = mark or started
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return Problem((), f"YAML syntax: {syntax_hint(error)}", line, column)


# Contexts whose start, not where the parser gave up, is where the editor's mistake is.
MISTAKE_STARTS_AT_CONTEXT = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")
SYNTAX_HINTS = {
    "tab": "YAML needs spaces for indenting, not tabs",
    "mapping values are not allowed": "check the indentation, or put quotes around text that contains ': '",
    "expected ',' or ']'": "a '[' is not closed with ']'",
    "expected ',' or '}'": "a '{' is not closed with '}'",
    "could not find expected ':'": (
        "a line is missing 'field: value', a '- ' needs a space after the dash, or a quote is not closed"
    ),
    "end of stream": "a quote is not closed",
    "expected '-' indicator": "check the indentation: this line must line up with the lines above it",
    "expected <block end>": "check the indentation: this line must line up with the lines above it",
    "did not find expected key": "check the indentation: this line must line up with the fields above it",
    "another document": "remove the '---' line: the catalogue is one document",
    "unhashable key": "a field name must be plain text",
    "could not determine a constructor": "remove the '!' tag and write a plain value",
    "undefined alias": "remove the '*': write the value out in full",
    "expected node content": "a value is missing, or a '[' or '{' is not closed",
}


def syntax_hint(error: yaml.MarkedYAMLError) -> str:
    """PyYAML's message in plain words, with the usual cause of each kind."""
    problem = error.problem or "not valid YAML"
    hints = [hint for phrase, hint in SYNTAX_HINTS.items() if phrase in problem]
    return f"{problem} — {hints[0]}" if hints else problem


# ---- Keys written twice --------------------------------------------------------------


def repeated_keys(node: MappingNode) -> Iterator[tuple[ScalarNode, ScalarNode]]:
    """Each key that repeats an earlier key of the same mapping, with that earlier key."""
    first_seen: dict[tuple[str, Any], ScalarNode] = {}
    for key, _ in node.value:
        if isinstance(key, ScalarNode):
            first = first_seen.setdefault((key.tag, key.value), key)
            if first is not key:
                yield key, first


def repeated_key_problem(root: Node | None, mapping: MappingNode, key: ScalarNode, first: ScalarNode) -> Problem:
    path = (*node_path(root, mapping), key.value)
    message = (
        f"is given twice (first on line {first.start_mark.line + 1}); YAML keeps only the last one, so delete "
        "one of them"
    )
    return Problem(path, message, key.start_mark.line + 1, key.start_mark.column + 1)


def node_path(root: Node | None, target: Node) -> FieldPath:
    """The field path from the document's root to `target`, found by walking the node tree."""
    seen: set[int] = set()
    stack: list[tuple[Node, FieldPath]] = [(root, ())] if root is not None else []
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend((child, (*path, part)) for part, child in children(node))
    return ()


def children(node: Node) -> Iterator[tuple[PathPart, Node]]:
    if isinstance(node, MappingNode):
        yield from ((key.value if isinstance(key, ScalarNode) else "?", value) for key, value in node.value)
    elif isinstance(node, SequenceNode):
        yield from enumerate(node.value)


# ---- Aliases -------------------------------------------------------------------------


def alias_problem(data: Any, text: str) -> Problem | None:
    """A YAML alias (`*name`), refused before anything walks the data.

    Aliases let a few lines stand for an exponentially large document. A text without
    an anchor has none, which settles the common case without walking the data.
    """
    if not ANCHOR.search(text):
        return None
    seen: set[int] = set()
    stack: list[tuple[Any, FieldPath]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if not isinstance(value, dict | list):
            continue
        if id(value) in seen:
            return Problem(path, "uses a YAML alias (*name); write the value out in full instead").located(
                *first_alias(text)
            )
        seen.add(id(value))
        items = list(value.items() if isinstance(value, dict) else enumerate(value))
        stack.extend((child, (*path, key)) for key, child in reversed(items))  # document order
    return None


def first_alias(text: str) -> tuple[int, int]:
    """Where the first alias of a list or mapping is written; the node tree only knows its anchor."""
    anchors: set[str] = set()
    for event in yaml.parse(text, Loader=loader_for(text)):
        if isinstance(event, yaml.CollectionStartEvent) and event.anchor:
            anchors.add(event.anchor)
        elif isinstance(event, yaml.AliasEvent) and event.anchor in anchors and event.start_mark is not None:
            return event.start_mark.line + 1, event.start_mark.column + 1
    return 1, 1


# ---- Locating problems ---------------------------------------------------------------


def locate(text: str, problems: list[Problem]) -> list[Problem]:
    """Give each problem that has no line yet the line and column of the field it names."""
    if all(problem.line is not None and problem.see is None for problem in problems):
        return problems
    loader = loader_for(text)(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    return [located_in(root, problem) for problem in problems]


def located_in(root: Node | None, problem: Problem) -> Problem:
    if problem.see is not None:
        problem = problem.seeing(position(root, problem.see)[0])
    return problem if problem.line is not None else problem.located(*position(root, problem.path))


def position(root: Node | None, path: FieldPath) -> tuple[int, int]:
    """Line and column of the field on `path`: the key for a field, the item for a list entry.

    For a missing or unknown field, the deepest part of the path that exists.
    """
    node = root
    mark_node = root
    for part in path:
        found = child_node(node, part)
        if found is None:
            break
        mark_node, node = found
    if mark_node is None:
        return 1, 1
    return mark_node.start_mark.line + 1, mark_node.start_mark.column + 1


def child_node(node: Node | None, part: PathPart) -> tuple[Node, Node] | None:
    """The node to point at for `part` (its key, in a mapping) and the node holding its value."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == str(part):
                return key, value
        return None
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], node.value[part]
    return None
