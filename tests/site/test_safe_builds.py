"""A bad catalogue stops the build with a located message and leaves the last good site alone."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from conftest import BuildResult, SiteBuilder, fixture_text, make_project
from html_reading import article, elements, parse, text

HOSTILE_NAME = '</title><script>alert("name")</script>'
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_fixture_catalogue_builds(tmp_path: Path, site_builder: SiteBuilder) -> None:
    result = site_builder(make_project(tmp_path, fixture_text("minimal.yaml")), tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "Go slowly." in result.page("handouts/starter/index.html")


def test_a_bad_edit_keeps_the_last_good_site_byte_for_byte(tmp_path: Path, site_builder: SiteBuilder) -> None:
    config = make_project(tmp_path, fixture_text("minimal.yaml"))
    good = site_builder(config, tmp_path / "site")
    assert good.returncode == 0, good.output
    before = digest(good.site)
    (tmp_path / "exercises.yaml").write_text(
        fixture_text("minimal.yaml").replace("sets: 3", "sets: lots"), encoding="utf-8"
    )
    bad = site_builder(config, tmp_path / "site")
    assert bad.returncode != 0
    assert "Traceback" not in bad.output
    assert "exercises.yaml:" in bad.output and "dosage.sets: must be a whole number" in bad.output
    assert digest(good.site) == before


def test_catalogue_text_is_never_markup(tmp_path: Path, pdf_site_builder: SiteBuilder) -> None:
    """Catalogue text reaches every page, the search index and the handout PDFs as text, never as markup."""
    hostile = (
        fixture_text("minimal.yaml")
        .replace("name: Glute bridge", f"name: '{HOSTILE_NAME}'")
        .replace(
            "Lift your hips off the floor.", "Lift *your* hips <img src=x onerror=alert(1)> [x](javascript:alert(1))."
        )
    )
    result = pdf_site_builder(make_project(tmp_path, hostile), tmp_path / "site")
    assert result.returncode == 0, result.output
    for page in [
        "exercises/glute-bridge/index.html",
        "exercises/index.html",
        "handouts/starter/index.html",
        "exercises/glute-squeeze/index.html",
    ]:
        assert_inert(result, page)
    tree = parse(result.page("exercises/glute-bridge/index.html"))
    assert text(next(elements(tree, "title"))).startswith(HOSTILE_NAME)
    assert "Lift *your* hips <img src=x onerror=alert(1)> [x](javascript:alert(1))." in text(article(tree))
    assert_search_entries_are_text(result)


def assert_search_entries_are_text(result: BuildResult) -> None:
    """The search UI renders titles as HTML: the hostile name must arrive as escaped text."""
    entries = json.loads(result.page("search/search_index.json"))["docs"]
    titles = [entry["title"] for entry in entries if entry["location"].startswith("exercises/glute-bridge/")]
    assert titles
    for title in titles:
        fragment = parse(f"<p>{title}</p>")
        assert not list(elements(fragment, "script"))
    assert any(text(parse(f"<p>{title}</p>")) == HOSTILE_NAME for title in titles)


def assert_inert(result: BuildResult, page: str) -> None:
    """No script runs catalogue text; data blocks (JSON-LD) may hold it, escaped so it cannot close them."""
    tree = parse(result.page(page))
    for script in elements(tree, "script"):
        if (script.get("type") or "").lower() in EXECUTABLE_SCRIPT_TYPES:
            assert "alert" not in text(script), page
        else:
            assert "<" not in text(script), f"{page}: a data block must escape '<'"
    assert not any(element.get("onerror") for element in tree.iter()), page
    assert not any((anchor.get("href") or "").startswith("javascript:") for anchor in elements(tree, "a")), page
