"""The pages' templates (`templates/`), and the filters that make catalogue text safe in a Markdown source.

Catalogue text is never trusted as markup: HTML templates autoescape it, and
Markdown templates pass it through `md_text`, which also neutralises Markdown syntax.
The environment also finds the handouts' templates, so the builder's page prints the
program handouts' own parts.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import yaml
from markupsafe import Markup

from fai_site import templating
from fai_site.catalogue import dosage_text
from fai_site.catalogue.model import Category, Phase
from fai_site.handouts import templating as handout_templating
from fai_site.pictures.picture import animation

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).parent / "templates"
# Escaped wherever they stand: each can start syntax inside a line (a backslash escape, code,
# emphasis, a link or image, an attribute list, a heading's closing hashes, a table cell).
# Backslash first, so the backslashes added for the others are not escaped again. Other
# punctuation is syntax only where it opens a block (see LEADING_SYNTAX): a `(` or `!` is
# inert once `[` is escaped, and each needless escape costs Python-Markdown a pattern match.
MARKDOWN_SPECIALS = "\\`*_{}[]#|"
# Where the text may open a line: `-`/`+` would start a list item or a rule, `1.` an ordered list.
LEADING_SYNTAX = re.compile(r"^(\s*)(?:([-+])|(\d+)\.)")
# libyaml's emitter writes the same front matter as PyYAML's pure-Python one, several times faster.
FrontMatterDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def md_text(value: Any) -> Markup:
    """Plain text made safe for a Markdown source, anywhere on a line: HTML-escaped, and backslashed only where Markdown
    would read syntax."""
    text = html.escape(str(value), quote=False).replace("\n", " ")
    # One str.replace per character present: several times faster than re.sub with a group reference.
    for special in MARKDOWN_SPECIALS:
        if special in text:
            text = text.replace(special, "\\" + special)
    return Markup(LEADING_SYNTAX.sub(escaped_block_start, text, count=1))


def escaped_block_start(match: re.Match[str]) -> str:
    """`- x` → `\\- x`, `1. x` → `1\\. x`: the text reads as text even where it starts a line."""
    return match[1] + (f"\\{match[2]}" if match[2] else f"{match[3]}\\.")


def html_text(value: Any) -> Markup:
    """Plain text for raw HTML inside a Markdown page, which Markdown passes through unparsed: escaped as Markdown
    would print it, on one line, so no blank line can end the HTML block and let Markdown read the rest."""
    return Markup(html.escape(str(value), quote=False).replace("\n", " "))


def front_matter(**fields: Any) -> Markup:
    """A YAML front-matter block; `title` is HTML-escaped because themes print it as markup."""
    if "title" in fields:
        fields["title"] = html.escape(fields["title"], quote=False)
    values = {k: v for k, v in fields.items() if v is not None}
    dumped = yaml.dump(values, Dumper=FrontMatterDumper, allow_unicode=True, sort_keys=False, width=10_000)
    return Markup(f"---\n{dumped}---\n")


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/.;-_:")


@cache
def environment() -> Environment:
    env = templating.environment(TEMPLATES, handout_templating.TEMPLATES)
    env.filters["md"] = md_text
    env.filters["text"] = html_text
    env.filters["doi_url"] = doi_url
    env.filters.update(handout_templating.FILTERS)
    env.globals.update(
        handout_templating.GLOBALS,
        front_matter=front_matter,
        describe_dosage=dosage_text.describe,
        phases=list(Phase),
        categories=list(Category),
        animation=animation,
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
