"""The generator cache: an unchanged catalogue is read back, anything else is made and checked anew.

A wrong cache is worse than none: it would publish pages the catalogue no longer
says, or let a bad edit through. So besides the hit, these tests change each input
the cache depends on (the text, the generator's files, the settings, the pictures in
docs/, the cache file itself) and check that the result is what a fresh build gives.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SiteBuilder, make_project

from fai_site.cache import generator_cache
from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import Catalogue, Exercise, PoseIllustration
from fai_site.catalogue.problems import CatalogueError
from fai_site.pages.site_pages import drawing, generated_files
from fai_site.site_settings import SiteSettings

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
SETTINGS = SiteSettings(site_url="https://example.org/", handout_pdfs=False)
# One build in a process of its own, as `mkdocs serve` runs them; it prints an exercise's picture.
# Given a file and two texts, it first edits the generator's code on disk, after loading it.
ONE_BUILD = """
import sys
from pathlib import Path

from fai_site.project import Project, SiteBuild

folder, edit = Path(sys.argv[1]), sys.argv[2:]
if edit:
    source = Path(edit[0])
    source.write_text(source.read_text(encoding="utf-8").replace(edit[1], edit[2]), encoding="utf-8")
config = folder / "mkdocs.yml"
project = Project.from_config(
    config_file=config, docs_dir=folder / "docs", site_url=None, directory_urls=True, extra={}, environ={}
)
build = SiteBuild(serving=True)
build.load(project)
sys.stdout.write({file.path: file.content for file in build.generated_files()}["illustrations/glute-bridge.svg"])
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with the minimal catalogue and an empty docs/."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "exercises.yaml").write_text(MINIMAL, encoding="utf-8")
    return tmp_path


def load(project: Path) -> generator_cache.KeptCatalogue:
    return generator_cache.load(project / "exercises.yaml", docs_dir=project / "docs", cache_dir=project / "cache")


def refuse(*_: object, **__: object) -> None:
    raise AssertionError("made afresh although the cache holds it")


@pytest.mark.parametrize(
    "catalogue_file", [ROOT / "exercises.yaml", FIXTURES / "minimal.yaml"], ids=["real", "minimal"]
)
def test_the_kept_json_gives_back_the_same_catalogue(catalogue_file: Path) -> None:
    catalogue = load_catalogue(catalogue_file, docs_dir=ROOT / "docs")
    assert Catalogue.model_validate_json(catalogue.model_dump_json()) == catalogue


def test_an_unchanged_catalogue_is_read_back_without_parsing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load(project)
    monkeypatch.setattr(generator_cache, "checked_from_text", refuse)
    second = load(project)
    assert second == first
    assert second.catalogue == load_catalogue(project / "exercises.yaml", docs_dir=project / "docs")


def test_an_edit_is_validated_again(project: Path) -> None:
    first = load(project)
    catalogue_file = project / "exercises.yaml"
    catalogue_file.write_text(MINIMAL.replace("sets: 3, reps: 12", "sets: 0, reps: 12"), encoding="utf-8")
    with pytest.raises(CatalogueError, match="sets"):
        load(project)
    catalogue_file.write_text(MINIMAL.replace("Glute bridge", "Bridge"), encoding="utf-8")
    edited = load(project)
    assert edited.digest != first.digest
    assert edited.catalogue.exercise("glute-bridge").name == "Bridge"


def test_a_damaged_cache_file_is_made_again(project: Path) -> None:
    first = load(project)
    kept = project / "cache" / first.digest / generator_cache.CATALOGUE_FILE
    kept.write_text('{"version": "cut off', encoding="utf-8")
    assert load(project) == first
    assert Catalogue.model_validate_json(kept.read_bytes()) == first.catalogue


def test_a_picture_removed_from_docs_is_reported_although_the_text_is_cached(tmp_path: Path) -> None:
    (tmp_path / "exercises.yaml").write_bytes((FIXTURES / "bad" / "missing-illustration-file.yaml").read_bytes())
    picture = tmp_path / "docs" / "assets" / "images" / "glute-bridge.svg"
    picture.parent.mkdir(parents=True)
    picture.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    load(tmp_path)
    picture.unlink()
    with pytest.raises(CatalogueError) as raised:
        load(tmp_path)
    assert "file not found: docs/assets/images/glute-bridge.svg" in raised.value.report()


def test_a_changed_template_changes_the_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "fai_site"
    shutil.copytree(generator_cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(generator_cache, "PACKAGE", package)
    before = generator_cache.generator_fingerprint()
    assert generator_cache.generator_fingerprint() == before
    template = package / "pages" / "templates" / "exercise_page.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert generator_cache.generator_fingerprint() != before


def test_code_edited_while_serving_never_passes_off_the_old_codes_pictures(tmp_path: Path) -> None:
    """`mkdocs serve` keeps running the code it loaded: what it draws after an edit must not be kept as the new code's.

    The first process loads the generator, then its drawing code is edited on disk (a new
    accent colour) and it builds; the second, started after the edit as a restart would be,
    must draw with the new code instead of reading back the first one's pictures.
    """
    hooks = tmp_path / "hooks"
    shutil.copytree(ROOT / "hooks", hooks, ignore=shutil.ignore_patterns("__pycache__"))
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "exercises.yaml").write_bytes((FIXTURES / "pictured.yaml").read_bytes())
    style = hooks / "fai_site" / "pictures" / "svg" / "style.py"
    old, new = '"#c05621"', '"#2b6cb0"'
    assert f"ACCENT = {old}" in style.read_text(encoding="utf-8")

    def one_build(*edit: object) -> str:
        env = dict(os.environ, PYTHONPATH=str(hooks), PYTHONDONTWRITEBYTECODE="1")
        run = [sys.executable, "-c", ONE_BUILD, str(project), *map(str, edit)]
        return subprocess.run(run, capture_output=True, text=True, env=env, check=True, timeout=300).stdout

    served = one_build(style, f"ACCENT = {old}", f"ACCENT = {new}")
    assert old.strip('"') in served and new.strip('"') not in served
    restarted = one_build()
    assert new.strip('"') in restarted and old.strip('"') not in restarted


def test_generated_files_are_read_back_for_the_same_settings_only(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = load(project)
    made = generator_cache.files(kept, SETTINGS, cache_dir=project / "cache")
    assert made == generated_files(kept.catalogue, SETTINGS)
    monkeypatch.setattr(generator_cache, "generated_files", refuse)
    assert generator_cache.files(kept, SETTINGS, cache_dir=project / "cache") == made
    with pytest.raises(AssertionError, match="made afresh"):
        generator_cache.files(
            kept, SiteSettings(site_url="https://clinic.example/", handout_pdfs=False), cache_dir=project / "cache"
        )


def test_an_edit_draws_again_only_the_pictures_it_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    real = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    (tmp_path / "exercises.yaml").write_text(real, encoding="utf-8")
    generator_cache.files(load(tmp_path), SETTINGS, cache_dir=tmp_path / "cache")
    drawn: list[str] = []

    def counted(exercise: Exercise, illustration: PoseIllustration) -> str:
        drawn.append(exercise.id)
        return drawing(exercise, illustration)

    monkeypatch.setattr(generator_cache, "drawing", counted)
    (tmp_path / "exercises.yaml").write_text(
        real.replace("name: Glute bridge\n", "name: Bridge\n", 1), encoding="utf-8"
    )
    edited = load(tmp_path)
    made = generator_cache.files(edited, SETTINGS, cache_dir=tmp_path / "cache")
    assert drawn == ["glute-bridge"]
    monkeypatch.undo()
    assert made == generated_files(edited.catalogue, SETTINGS)


def test_damaged_or_foreign_drawings_are_drawn_again(project: Path) -> None:
    (project / "exercises.yaml").write_bytes((ROOT / "exercises.yaml").read_bytes())
    kept = load(project)
    current = project / "cache" / f"{generator_cache.DRAWINGS_PREFIX}{kept.generator[:16]}.json"
    foreign = project / "cache" / f"{generator_cache.DRAWINGS_PREFIX}0123456789abcdef.json"
    foreign.write_text("{}", encoding="utf-8")
    current.write_text('{"not": 5}', encoding="utf-8")
    assert generator_cache.files(kept, SETTINGS, cache_dir=project / "cache") == generated_files(
        kept.catalogue, SETTINGS
    )
    assert len(json.loads(current.read_text(encoding="utf-8"))) == len(kept.catalogue.exercises)
    assert not foreign.exists()


def test_a_cache_that_cannot_be_written_only_costs_time(project: Path) -> None:
    blocked = project / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    kept = load(project)
    assert kept.catalogue == load_catalogue(project / "exercises.yaml", docs_dir=project / "docs")
    assert generator_cache.files(kept, SETTINGS, cache_dir=blocked) == generated_files(kept.catalogue, SETTINGS)


def test_only_the_latest_catalogues_are_kept(project: Path) -> None:
    digests = []
    for number in range(6):
        (project / "exercises.yaml").write_text(
            MINIMAL.replace("Glute bridge", f"Glute bridge {number}"), encoding="utf-8"
        )
        digests.append(load(project).digest)
    kept = {folder.name for folder in (project / "cache").iterdir() if folder.is_dir()}
    assert kept == set(digests[-1 - generator_cache.KEPT_EARLIER :])


def test_a_build_from_the_cache_equals_a_fresh_build(tmp_path: Path, pdf_site_builder: SiteBuilder) -> None:
    """The whole site, PDFs included, built twice in one project: the second build reads the caches and must not
    differ."""
    config = make_project(tmp_path / "project", MINIMAL)
    first = pdf_site_builder(config, tmp_path / "first")
    assert first.returncode == 0, first.output
    kept = sorted((tmp_path / "project" / ".cache" / "generator").glob("*/*.json"))
    written = [path.stat().st_mtime_ns for path in kept]
    assert len(kept) == 2
    second = pdf_site_builder(config, tmp_path / "second")
    assert second.returncode == 0, second.output
    assert [path.stat().st_mtime_ns for path in kept] == written
    assert site_bytes(tmp_path / "first") == site_bytes(tmp_path / "second")


def site_bytes(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
