"""The handouts' templates (`templates/`): the sheet, its parts (which the builder's page shares) and the
PDF's wrapper."""

from __future__ import annotations

import datetime
import html
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from fai_site import templating
from fai_site.catalogue import dosage_text
from fai_site.catalogue.model import LOAD_RULE
from fai_site.pictures.picture import picture

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).parent / "templates"


def long_date(day: datetime.date) -> str:
    """'27 November 2026': the month as a word, so no reader mistakes day for month."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def break_after_slashes(url: str) -> Markup:
    """The address with a line-break chance after each '/' and '.', so it wraps between its parts, never inside
    a word."""
    escaped = html.escape(url)
    return Markup(re.sub(r"([/.])(?=.)", r"\1<wbr>", escaped))


# What the sheet's templates use; an environment that imports the sheet's parts (the builder's page) adds them too.
FILTERS = {"long_date": long_date, "break_after_slashes": break_after_slashes}
GLOBALS = {
    "picture": picture,
    "dosage_amount": dosage_text.amount,
    "dosage_frequency": dosage_text.frequency,
    "load_rule": LOAD_RULE,
}


@cache
def environment() -> Environment:
    env = templating.environment(TEMPLATES)
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
