"""The composition root: settings read once from the config and the environment, and a build's state on its object.

The hooks, `make check` and `make generate` all go through `Project` and `SiteBuild`, so
these tests hold the promises they share: both ways of reading mkdocs.yml give the same
project, a build made in-process gives the generator's own files, and what a build keeps
(the last good catalogue, the problems shown while serving) lives on the object that
made it, never on the next one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from mkdocs.config import load_config

from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.problems import CatalogueError
from fai_site.pages.serve_banner import Banner
from fai_site.pages.site_pages import generated_files
from fai_site.project import Project, SiteBuild
from fai_site.site_settings import PREVIEW_URL, Clinic

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
BAD_DOSE = MINIMAL.replace("sets: 3, reps: 12", "sets: 0, reps: 12")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The minimal catalogue in a folder of its own, with an empty docs/."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "exercises.yaml").write_text(MINIMAL, encoding="utf-8")
    return Project.from_config(
        config_file=tmp_path / "mkdocs.yml",
        docs_dir=tmp_path / "docs",
        site_url="https://hips.example.org/",
        directory_urls=True,
        extra={"clinic": {"name": "Hip Clinic", "phone": "555 0100", "colour": "red"}},
        environ={},
    )


def test_the_settings_come_from_the_config_and_the_environment_once(tmp_path: Path) -> None:
    made = Project.from_config(
        config_file=tmp_path / "mkdocs.yml",
        docs_dir=tmp_path / "docs",
        site_url=None,
        directory_urls=False,
        extra={"clinic": {"name": "Hip Clinic", "phone": 5550100, "logo": ""}},
        environ={"HANDOUT_PDFS": "0", "SOURCE_DATE_EPOCH": "1765000000"},
    )
    assert made.catalogue_file == tmp_path / "exercises.yaml"
    assert made.source_date_epoch == "1765000000"
    assert made.settings.site_url == PREVIEW_URL
    assert made.settings.directory_urls is False
    assert made.settings.handout_pdfs is False
    assert made.settings.clinic == Clinic(name="Hip Clinic", phone="5550100")
    assert made.settings.qr_cache == tmp_path / ".cache" / "qr-codes"
    assert Project.from_config(
        config_file=tmp_path / "mkdocs.yml",
        docs_dir=tmp_path / "docs",
        site_url=None,
        directory_urls=True,
        extra={},
        environ={},
    ).settings.handout_pdfs


def test_make_generate_reads_mkdocs_yml_as_the_hooks_see_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """`Project.read` (no MkDocs) and the hooks' `from_config` (MkDocs' own reading) agree on the real config."""
    monkeypatch.setenv("SITE_URL", "https://hips.example.org/")
    environ = {"HANDOUT_PDFS": "1", "SOURCE_DATE_EPOCH": "1765000000"}
    config = load_config(str(ROOT / "mkdocs.yml"))
    by_mkdocs = Project.from_config(
        config_file=Path(config.config_file_path),
        docs_dir=Path(config.docs_dir),
        site_url=config.site_url,
        directory_urls=config.use_directory_urls,
        extra=config.extra,
        environ=environ,
    )
    assert Project.read(ROOT / "mkdocs.yml", environ=environ) == by_mkdocs
    assert by_mkdocs.settings.site_url == "https://hips.example.org/"


def test_a_build_made_in_process_gives_the_generators_files(project: Project) -> None:
    build = SiteBuild()
    build.load(project)
    catalogue = load_catalogue(project.catalogue_file, docs_dir=project.docs_dir)
    assert build.generated_files() == generated_files(catalogue, project.settings)
    assert build.serve_files() == []
    assert (project.folder / ".cache" / "generator").is_dir()


def test_serving_keeps_the_last_good_catalogue_and_shows_the_problem(project: Project) -> None:
    build = SiteBuild(serving=True)
    good = build.load(project)
    assert good.notes and build.banner == Banner.from_report(good.notes, blocking=False)
    project.catalogue_file.write_text(BAD_DOSE, encoding="utf-8")
    with pytest.raises(CatalogueError, match="sets"):
        build.load(project)
    assert build.kept == good
    assert build.banner is not None and build.banner.blocking and build.banner.earlier_pages
    assert "Still serving the last good pages" in build.still_serving()
    page = build.with_problems("<html><body><p>Page</p></body></html>", site_path="/")
    assert page.index("sets") < page.index("<p>Page</p>")
    assert {file.path for file in build.serve_files()} >= {"_serve/catalogue-problems.css", "editors-guide-pictures.md"}
    project.catalogue_file.write_text(MINIMAL, encoding="utf-8")
    build.load(project)
    assert build.banner == Banner.from_report(good.notes, blocking=False)
    assert SiteBuild().with_problems("<body>Page</body>", site_path="/") == "<body>Page</body>"


def test_a_build_keeps_nothing_for_the_next_one(project: Project) -> None:
    """A published build forgets a bad catalogue at once, and a new build starts with nothing kept."""
    first = SiteBuild()
    first.load(project)
    project.catalogue_file.write_text(BAD_DOSE, encoding="utf-8")
    with pytest.raises(CatalogueError):
        first.load(project)
    assert first.kept is None and first.banner is None
    fresh = SiteBuild(serving=True)
    assert fresh.kept is None and fresh.banner is None
    with pytest.raises(CatalogueError):
        fresh.load(project)
    assert "No page made from exercises.yaml can be shown yet" in fresh.still_serving()
    assert [file.path for file in fresh.serve_files()] == ["_serve/catalogue-problems.css"]
