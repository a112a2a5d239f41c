"""The pictures' Jinja2 templates (`templates/`): the still and the moving SVG are written out through them."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from fai_site import templating

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    return templating.environment(TEMPLATES)
