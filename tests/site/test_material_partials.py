"""The Material partials this project overrides are Material's own, changed in one place each.

`overrides/partials/` holds whole copies of four of Material's partials, each with one
change that its header comment explains. Material draws every page from its partials, so
after an upgrade that changes one of them, the copy here would go on serving the old
version without a word. Each copy must therefore be the installed Material's partial with
our change applied: when Material changes, this fails and names the file to copy again.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest
from conftest import ROOT

OVERRIDES = ROOT / "overrides" / "partials"
MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials"
MATERIAL_VERSION = version("mkdocs-material")
# Each override's change: the text of Material's partial it replaces (every time it occurs), and ours.
CHANGES: dict[str, list[tuple[str, str]]] = {
    "nav-item.html": [('tabindex="{{ tabindex }}">', '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}>')],
    "search.html": [('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">')],
    # The first inline script reads the base address from an attribute: the same script, so one policy, on every page.
    "javascripts/base.html": [
        (
            '<script>__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location),',
            '<script data-base="{{ config.extra.scope | d(base_url) | e }}">'
            "__md_scope=new URL(document.currentScript.dataset.base,location),",
        )
    ],
    "toc.html": [
        (
            '<label class="md-nav__title" for="__toc">',
            '<label class="md-nav__title" {% if page in nav.pages %}for="__toc"{% endif %}>',
        )
    ],
}
# The comment at the top of a partial: Material's says the file is generated, ours what we changed.
HEADER = re.compile(r"\A\{#-\n.*?-#\}\n", re.DOTALL)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_an_overridden_partial_is_materials_own_with_our_one_change(name: str) -> None:
    upstream = (MATERIAL_PARTIALS / name).read_text(encoding="utf-8")
    ours = (OVERRIDES / name).read_text(encoding="utf-8")
    stale = (
        f"Material {MATERIAL_VERSION} changed partials/{name}: copy it into overrides/partials/ again, make the "
        "change its header describes, name the new version there, and update CHANGES here"
    )
    header = HEADER.match(ours)
    assert header is not None and f"Material {MATERIAL_VERSION}'s" in header.group(), stale
    for original, changed in CHANGES[name]:
        assert original in upstream, stale
        upstream = upstream.replace(original, changed)
    assert HEADER.sub("", ours) == HEADER.sub("", upstream), stale


def test_every_copy_of_a_material_partial_is_checked() -> None:
    copied = {
        partial.relative_to(OVERRIDES).as_posix()
        for partial in OVERRIDES.rglob("*.html")
        if (MATERIAL_PARTIALS / partial.relative_to(OVERRIDES)).is_file()
    }
    assert copied == set(CHANGES)
