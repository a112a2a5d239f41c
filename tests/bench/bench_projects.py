"""The three kinds of project `make bench` builds from one catalogue.

- generator: the real mkdocs.yml, docs, overrides and hooks, with a synthetic catalogue;
- floor: the same config without hooks, and the generator's own pages
  (`generated_files()`) written out as ordinary files, with the same nav rules;
- plain: the same pages under Material with the same theme settings but none of the
  project's templates, CSS or JavaScript: the baseline for page weight.
"""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "hooks"
# The plain baseline keeps these blocks of mkdocs.yml as they are: the same text, nav, rules and
# Material settings (palette, features, icons), but none of the project's templates, CSS or JS.
PLAIN_KEEPS = (
    "site_name",
    "site_description",
    "site_url",
    "theme",
    "markdown_extensions",
    "nav",
    "not_in_nav",
    "plugins",
)
CUSTOM_DIR = re.compile(r"^[ \t]+custom_dir:.*\n", re.M)


@dataclass(frozen=True)
class Project:
    folder: Path

    @property
    def config(self) -> Path:
        return self.folder / "mkdocs.yml"

    @property
    def catalogue(self) -> Path:
        return self.folder / "exercises.yaml"

    @property
    def docs(self) -> Path:
        return self.folder / "docs"


# ---- Projects ---------------------------------------------------------------------------


def generator_project(folder: Path, catalogue_text: str) -> Project:
    """The real site's files around a given catalogue; `hooks/` is a link to the real generator."""
    project = Project(folder)
    copy_site_sources(folder)
    (folder / "hooks").symlink_to(HOOKS, target_is_directory=True)
    project.catalogue.write_text(catalogue_text, encoding="utf-8")
    shutil.copy2(ROOT / "mkdocs.yml", project.config)
    return project


def floor_project(folder: Path, generator: Project) -> Project:
    """The generator's pages as plain files, built by MkDocs + Material with no hooks."""
    project = Project(folder)
    copy_site_sources(folder)
    files = generated_files_of(generator)
    for generated in files:
        target = project.docs / generated.path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_content(target, generated.content)
    tree = generated_tree()
    blocks = tree.config_blocks(generator.config.read_text(encoding="utf-8"))
    blocks.pop("hooks", None)
    blocks["not_in_nav"] = tree.not_in_nav_block(blocks.get("not_in_nav", ""), files)
    project.config.write_text("".join(blocks.values()), encoding="utf-8")
    return project


def plain_project(folder: Path, floor: Project, *, pages: list[str]) -> Project:
    """The given pages of the floor under the same Material settings, without overrides, extra CSS or JS."""
    project = Project(folder)
    for page in pages:
        target = project.docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(floor.docs / page, target)
    blocks = generated_tree().config_blocks(floor.config.read_text(encoding="utf-8"))
    kept = {key: text for key, text in blocks.items() if key in PLAIN_KEEPS}
    kept["theme"] = CUSTOM_DIR.sub("", blocks["theme"])
    project.config.write_text("".join(kept.values()), encoding="utf-8")
    return project


# ---- Helpers ----------------------------------------------------------------------------


def copy_site_sources(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copytree(ROOT / "overrides", folder / "overrides")


def generated_tree():
    """The core's mkdocs.yml handling, shared with `make generate` (hooks/ goes on the path first)."""
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    from fai_site import generated_tree as module

    return module


def generated_files_of(generator: Project) -> list:
    """The generator's own list of pages for this project, with the settings its hooks would use."""
    from fai_site.catalogue.loader import load_catalogue
    from fai_site.pages.site_pages import generated_files

    catalogue = load_catalogue(generator.catalogue, docs_dir=generator.docs)
    return generated_files(catalogue, site_project(generator).settings)


def site_project(project: Project):
    """The composition root's view of a bench project, as its hooks would read it (hooks/ goes on the path first)."""
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    from fai_site.project import Project as SiteProject

    return SiteProject.read(project.config)


def write_content(target: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
