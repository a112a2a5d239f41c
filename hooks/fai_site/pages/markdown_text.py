"""Catalogue text made safe for a Markdown source: the one escaping every generated page and marker uses."""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup

# Escaped wherever they stand: each can start syntax inside a line (a backslash escape, code,
# emphasis, a link or image, an attribute list, a heading's closing hashes, a table cell).
# Backslash first, so the backslashes added for the others are not escaped again. Other
# punctuation is syntax only where it opens a block (see LEADING_SYNTAX): a `(` or `!` is
# inert once `[` is escaped, and each needless escape costs Python-Markdown a pattern match.
MARKDOWN_SPECIALS = "\\`*_{}[]#|"
# Where the text may open a line: `-`/`+` would start a list item or a rule, `1.` an ordered list.
LEADING_SYNTAX = re.compile(r"^(\s*)(?:([-+])|(\d+)\.)")


def md_text(value: Any) -> Markup:
    """Plain text made safe for a Markdown source, anywhere on a line: HTML-escaped, and backslashed only where Markdown would read syntax."""
    text = html.escape(str(value), quote=False).replace("\n", " ")
    # One str.replace per character present: several times faster than re.sub with a group reference.
    for special in MARKDOWN_SPECIALS:
        if special in text:
            text = text.replace(special, "\\" + special)
    return Markup(LEADING_SYNTAX.sub(escaped_block_start, text, count=1))


def escaped_block_start(match: re.Match[str]) -> str:
    """`- x` → `\\- x`, `1. x` → `1\\. x`: the text reads as text even where it starts a line."""
    return match[1] + (f"\\{match[2]}" if match[2] else f"{match[3]}\\.")
