"""The Jinja2 settings every package renders with; a leaf, so pages, handouts and pictures each keep their own
templates.

Everything is autoescaped (catalogue text is never markup), an undefined name is an error
rather than an empty string, and block tags leave no blank lines behind, so what a
template writes is what it shows.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape


def environment(*folders: Path) -> Environment:
    """An environment that finds a template in the first of `folders` that has it."""
    return Environment(
        loader=FileSystemLoader(list(folders)),
        autoescape=select_autoescape(["html", "j2", "md", "svg"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
