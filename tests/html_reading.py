"""Reading built pages with a real HTML5 parser, as a browser would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import tinyhtml5

XHTML = "{http://www.w3.org/1999/xhtml}"


def parse(html: str) -> Element:
    return tinyhtml5.parse(html)


def elements(tree: Element, tag: str) -> Iterator[Element]:
    return tree.iter(f"{XHTML}{tag}")


def text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def by_class(tree: Element, class_name: str) -> list[Element]:
    return [e for e in tree.iter() if class_name in (e.get("class") or "").split()]


def article(tree: Element) -> Element:
    """The page's main content, without the site's navigation."""
    return by_class(tree, "md-content__inner")[0]


def local_targets(tree: Element) -> Iterator[str]:
    """Every href and src that points inside the site."""
    for element in tree.iter():
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value and not value.startswith(("http:", "https:", "mailto:", "tel:", "#", "data:", "javascript:")):
                yield value


def resolve(site: Path, page: Path, target: str) -> Path:
    """The file a relative link from `page` leads to, as a static server would serve it."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    base = site if path.startswith("/") else page.parent
    resolved = (base / path.lstrip("/")).resolve() if path else page
    return resolved / "index.html" if resolved.is_dir() else resolved


def loaded_files(site: Path, page: Path) -> list[str]:
    """The stylesheets and scripts `page` loads, in order, as paths in the site ("stylesheets/site.css")."""
    tree = parse(page.read_text(encoding="utf-8"))
    targets = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction: it loads nothing
        tag = element.tag.removeprefix(XHTML)
        if tag == "link" and "stylesheet" in (element.get("rel") or "").split():
            targets.append(element.get("href", ""))
        elif tag == "script" and element.get("src"):
            targets.append(element.get("src", ""))
    root = site.resolve()
    return [resolve(site, page, target).relative_to(root).as_posix() for target in targets]
