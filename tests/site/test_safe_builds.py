"""A bad catalogue stops the build with a located message and leaves the last good site alone."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BuildResult, SiteBuilder, build_env, fixture_text, make_project
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
    """Catalogue text reaches every page and the search index as text, never as markup; the handout PDFs are drawn
    from it too, and the build must not stop on them."""
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


# ---- What a build may publish, and a build that fails at any step (#25) -------------------

SECRET = "BUILD_TOKEN=never-publish-this"
LONG_LINE = "Keep your back flat and your hips level the whole time, and stop at once if it starts to hurt. " * 4


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory, pdf_site_builder: SiteBuilder) -> Path:
    """A fixture project with its site built, PDFs included; each test works on a copy."""
    folder = tmp_path_factory.mktemp("good")
    result = pdf_site_builder(make_project(folder, fixture_text("minimal.yaml")), folder / "site")
    assert result.returncode == 0, result.output
    return folder


@dataclass(frozen=True)
class Copy:
    """A copy of the good project, its site as built, and a folder outside it holding a secret."""

    project: Path
    outside: Path
    before: dict[str, str]
    builder: SiteBuilder

    @property
    def site(self) -> Path:
        return self.project / "site"

    def build(self, **env: str) -> BuildResult:
        return self.builder(self.project / "mkdocs.yml", self.site, **env)

    def check(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fai_site.cli", "check", "exercises.yaml"],
            cwd=self.project,
            capture_output=True,
            text=True,
            env=build_env(),
            check=False,
        )

    def assert_site_as_it_was(self, result: BuildResult) -> None:
        assert result.returncode != 0
        assert "Traceback" not in result.output
        assert digest(self.site) == self.before, "site/ changed"
        leftovers = [
            path.name for path in self.project.iterdir() if ".building-" in path.name or ".replaced-" in path.name
        ]
        assert not leftovers, leftovers


@pytest.fixture
def copy(good_project: Path, tmp_path: Path, pdf_site_builder: SiteBuilder) -> Copy:
    project = tmp_path / "project"
    shutil.copytree(good_project, project, symlinks=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "picture.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg"><title>{SECRET}</title></svg>', encoding="utf-8"
    )
    return Copy(project, outside, digest(project / "site"), pdf_site_builder)


def link_a_file(copy: Copy) -> str:
    (copy.project / "docs" / "leak.txt").symlink_to(copy.outside / "secret.txt")
    return "docs/leak.txt: is a symbolic link"


def link_a_folder(copy: Copy) -> str:
    (copy.project / "docs" / "more").symlink_to(copy.outside, target_is_directory=True)
    return "docs/more: is a symbolic link"


def link_inside_docs(copy: Copy) -> str:
    (copy.project / "docs" / "again.md").symlink_to(copy.project / "docs" / "index.md")
    return "docs/again.md: is a symbolic link"


def link_an_exercise_picture(copy: Copy) -> str:
    images = copy.project / "docs" / "assets" / "images"
    images.mkdir(parents=True)
    (images / "bridge.svg").symlink_to(copy.outside / "picture.svg")
    catalogue = copy.project / "exercises.yaml"
    picture = (
        "    illustration:\n      image: assets/images/bridge.svg\n      alt: A bridge.\n"
        "      licence: CC BY 4.0\n      source: own work\n      author: Test\n"
    )
    text = catalogue.read_text(encoding="utf-8").replace(
        "    category: strength\n    phase: [early, middle]\n",
        picture + "    category: strength\n    phase: [early, middle]\n",
    )
    catalogue.write_text(text, encoding="utf-8")
    return "illustration.image: docs/assets/images/bridge.svg is a symbolic link"


LINKS = {
    "a file linked to one outside": link_a_file,
    "a folder linked to one outside": link_a_folder,
    "a page linked to another of docs": link_inside_docs,
    "an exercise picture linked outside": link_an_exercise_picture,
}


@pytest.mark.parametrize("make_link", LINKS.values(), ids=LINKS.keys())
def test_a_symbolic_link_fails_check_and_build_and_site_stays(copy: Copy, make_link: Callable[[Copy], str]) -> None:
    message = make_link(copy)
    checked = copy.check()
    assert checked.returncode == 1 and message in checked.stderr, checked.stderr
    result = copy.build()
    assert message in result.output
    assert "site/ was left as it was" in result.output
    copy.assert_site_as_it_was(result)
    assert not any(SECRET.encode() in path.read_bytes() for path in copy.site.rglob("*") if path.is_file())


def set_logo(copy: Copy, logo: str) -> None:
    config = copy.project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"extra:\n  clinic:\n    logo: {logo}\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("assets/missing.svg", "extra.clinic.logo: file not found: docs/assets/missing.svg"),
        ("../exercises.yaml", "extra.clinic.logo: must be a path inside docs/"),
        ("/etc/hostname", "extra.clinic.logo: must be a path inside docs/"),
        ("linked-logo.svg", "extra.clinic.logo: docs/linked-logo.svg is a symbolic link"),
    ],
)
def test_a_bad_clinic_logo_fails_before_site_is_touched(copy: Copy, logo: str, message: str) -> None:
    (copy.project / "docs" / "linked-logo.svg").symlink_to(copy.outside / "picture.svg")
    set_logo(copy, logo)
    result = copy.build()
    assert f"mkdocs.yml: {message}" in result.output, result.output
    copy.assert_site_as_it_was(result)


@pytest.mark.parametrize("epoch", ["yesterday", "1.5", "99999999999999999999", "-86400"])
def test_a_bad_source_date_epoch_fails_before_site_is_touched(copy: Copy, epoch: str) -> None:
    result = copy.build(SOURCE_DATE_EPOCH=epoch)
    assert "SOURCE_DATE_EPOCH: must be a whole number of seconds since 1970" in result.output, result.output
    copy.assert_site_as_it_was(result)


def test_a_handout_over_its_page_budget_leaves_site_as_it_was(copy: Copy) -> None:
    """`--strict` fails the build only once every page is written: those pages must not be published."""
    catalogue = copy.project / "exercises.yaml"
    long_list = "".join(f"      - {LONG_LINE.strip()}\n" for _ in range(40))
    text = catalogue.read_text(encoding="utf-8").replace(
        "    precautions: [Do not arch your low back.]\n", f"    precautions:\n{long_list}"
    )
    catalogue.write_text(text, encoding="utf-8")
    assert copy.check().returncode == 0, "make check cannot see a page count"
    result = copy.build()
    assert re.search(
        r"handouts/starter(-letter)?\.pdf has \d+ pages; a program of 2 exercises must fit on 3", result.output
    )
    copy.assert_site_as_it_was(result)


def test_a_pdf_that_cannot_be_kept_leaves_site_as_it_was(copy: Copy) -> None:
    pdf_cache = copy.project / ".cache" / "handout-pdfs"
    shutil.rmtree(pdf_cache)
    pdf_cache.write_text("not a folder", encoding="utf-8")
    (copy.project / "docs" / "index.md").write_text("# index\n\nChanged.\n", encoding="utf-8")
    result = copy.build()
    assert "Handout PDF: cannot keep the PDFs" in result.output, result.output
    copy.assert_site_as_it_was(result)


def test_a_good_build_replaces_the_site_whole(copy: Copy) -> None:
    stale = copy.site / "stale.html"
    stale.write_text("left from an old build", encoding="utf-8")
    mode = copy.site.stat().st_mode
    (copy.project / "docs" / "index.md").write_text("# index\n\nA new first page.\n", encoding="utf-8")
    result = copy.build()
    assert result.returncode == 0, result.output
    assert "A new first page." in result.page("index.html")
    assert not stale.exists()
    assert copy.site.stat().st_mode == mode
    assert [path.name for path in copy.project.iterdir() if path.name.startswith(".site")] == []
