"""The site's Content-Security-Policy and the headers that go with it, for every page and every host.

A page may run scripts from the site itself and, inline, only the scripts it was built
with: the policy names each inline script by the hash of its text, computed from the
finished page (`with_policy`), so it follows Material's snippets wherever they change. No
inline event handler, no plugin, no `<base>`, and nothing from another host: a slip in
escaping somewhere can no longer run a script, and a patient's log can no longer be sent
anywhere. The policy travels in a `<meta http-equiv>` tag, so it holds on any host, under
`mkdocs serve` and from a folder opened at `file://`.

What a meta tag cannot carry (who may frame the site, `nosniff`, the referrer policy for
hosts, …) is in `HEADERS`, written as the `_headers` file Netlify and Cloudflare Pages
read (`headers_file`); the README says what to add on nginx and Apache.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Scripts the browser runs: no type, a JavaScript type, or a module. JSON data blocks are not.
SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<text>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.IGNORECASE)
SOURCE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Where the policy goes: after the charset (which must come first), before any script it governs.
HEAD = re.compile(r"<head\b[^>]*>\s*(?:<meta charset=[^>]*>)?", re.IGNORECASE)
POLICY_TAG = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\s*<meta name="referrer"[^>]*>')

# Everything from the site itself; images also as data: URLs (Material's icons in its CSS).
# `'self'` also matches the offline copy's own files under file://.
DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}
# Links to sources on other sites name no page of this one: nothing to learn where a patient reads.
REFERRER_POLICY = "no-referrer"
# Only a header can say these; `frame-ancestors` keeps the site, and a patient's program, out of other sites' frames.
HEADERS: dict[str, str] = {
    "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": REFERRER_POLICY,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HEADERS_FILE = "_headers"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run, as it stands in the page."""
    scripts = []
    for match in SCRIPT.finditer(html):
        attributes = match["attributes"]
        found = TYPE.search(attributes)
        if SOURCE.search(attributes) or (found["type"].lower() if found else "") not in RUNNABLE_TYPES:
            continue
        scripts.append(match["text"])
    return scripts


def script_hash(text: str) -> str:
    """A CSP source for one inline script: the base64 SHA-256 of its UTF-8 text."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def policy(html: str) -> str:
    """The page's policy: the site's own sources, and a hash for each of its inline scripts."""
    hashes = list(dict.fromkeys(script_hash(text) for text in inline_scripts(html)))
    directives = {name: sources + hashes if name == "script-src" else sources for name, sources in DIRECTIVES.items()}
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def with_policy(html: str) -> str:
    """The page with its policy and referrer policy first in `<head>`, after the charset; made anew if it was there."""
    html = POLICY_TAG.sub("", html, count=1)
    head = HEAD.search(html)
    if head is None:
        return html
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
        f'<meta name="referrer" content="{REFERRER_POLICY}">'
    )
    return html[: head.end()] + tags + html[head.end() :]


def headers_file() -> str:
    """`_headers` for Netlify and Cloudflare Pages: every path gets the headers a meta tag cannot send."""
    lines = ["/*", *(f"  {name}: {value}" for name, value in HEADERS.items())]
    return "\n".join(lines) + "\n"
