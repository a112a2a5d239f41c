"""`make generate`: the site's sources as ordinary files, for an engine that runs no hooks.

The folder holds `docs/` with every generated page and picture written in (and the
warning signs and exercise lists of hand-written pages filled in, and each reviewed article's
review note added), the project's `overrides/`, and a
`mkdocs.yml` without `hooks:`. Plain MkDocs, ProperDocs and Zensical build it as it is;
an editor reads in it exactly what the generator made.
"""

from __future__ import annotations

import datetime
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from fai_site.pages.site_pages import GeneratedFile
from fai_site.project import CONFIG_NAME, PageReview, Project, SiteBuild

TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*):")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
# The first line of the config a tree is written with: only a folder that has it is emptied for a new tree.
HEADER = (
    "# Written by `make generate` from mkdocs.yml: the same site, with the generated pages as files and no hooks.\n"
)


class TreeFolderError(ValueError):
    """The folder given for the tree holds something else: it is never emptied."""


@dataclass(frozen=True)
class Tree:
    """What `write_tree` wrote: the folder, its config, and the generated files in it."""

    folder: Path
    config: Path
    generated: list[GeneratedFile]
    pdfs: list[str]


# ---- The tree ---------------------------------------------------------------------------


def write_tree(project: Project, out: Path) -> Tree:
    """Write the project's site sources into `out`, replacing an earlier tree there; PDFs too, unless switched off."""
    check_folder(out, project=project.folder)
    build = SiteBuild()
    build.load(project)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(project.docs_dir, out / "docs")
    overrides = project.folder / "overrides"
    if overrides.is_dir():
        shutil.copytree(overrides, out / "overrides")
    for page in sorted((out / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        reviewed = last_reviewed(text)
        filled = build.catalogue_lists(
            text,
            source=page.relative_to(out / "docs").as_posix(),
            review=PageReview(reviewed, text) if reviewed else None,
        )
        if filled != text:
            page.write_text(filled, encoding="utf-8")
    files = build.generated_files()
    for generated in files:
        content = generated.content
        write_file(
            out / "docs" / generated.path, build.with_moving_pictures(content) if isinstance(content, str) else content
        )
    pdfs = rendered_pdfs(build, out / "docs")
    config_file = out / CONFIG_NAME
    config_text = project.config_file.read_text(encoding="utf-8")
    config_file.write_text(
        config_without_hooks(config_text, files, site_url=project.settings.site_url), encoding="utf-8"
    )
    return Tree(out, config_file, files, pdfs)


def check_folder(out: Path, *, project: Path) -> None:
    """Raise `TreeFolderError` unless `out` is new, empty, or an earlier tree, and outside the project's docs/."""
    folder, home = out.resolve(), project.resolve()
    if folder == home or home.is_relative_to(folder) or folder.is_relative_to(home / "docs"):
        raise TreeFolderError(f"{out}: write the tree into a folder of its own, outside docs/ (e.g. generated/)")
    if not folder.exists() or not any(folder.iterdir()):
        return
    config = folder / CONFIG_NAME
    if not config.is_file() or not config.read_text(encoding="utf-8").startswith(HEADER):
        raise TreeFolderError(
            f"{out}: the folder holds files that `make generate` did not write; name a new folder, or empty this one"
        )


def last_reviewed(text: str) -> datetime.date | None:
    """A hand-written article's `last_reviewed` date from its front matter, as MkDocs reads it; None for other pages."""
    found = FRONT_MATTER.match(text)
    meta = yaml.safe_load(found[1]) if found else None
    reviewed = meta.get("last_reviewed") if isinstance(meta, dict) else None
    return reviewed if isinstance(reviewed, datetime.date) else None


def rendered_pdfs(build: SiteBuild, docs: Path) -> list[str]:
    """The handout PDFs, drawn from the written tree and copied into it."""

    def content(path: str) -> bytes | None:
        source = docs / path
        return source.read_bytes() if source.is_file() else None

    pdfs = build.handout_pdfs(content)
    for pdf in pdfs:
        write_file(docs / pdf.path, pdf.source.read_bytes())
    return [pdf.path for pdf in pdfs]


def write_file(target: Path, content: str | bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


# ---- The config -------------------------------------------------------------------------


def config_without_hooks(text: str, files: list[GeneratedFile], *, site_url: str) -> str:
    """mkdocs.yml with no `hooks:`, the address written out, and the generated pages the hooks keep out of the nav kept
    out."""
    blocks = config_blocks(text)
    blocks.pop("hooks", None)
    if "site_url" in blocks:
        blocks["site_url"] = leading_comments(blocks["site_url"]) + f"site_url: {site_url}\n"
    blocks["not_in_nav"] = not_in_nav_block(blocks.get("not_in_nav", ""), files)
    return HEADER + "".join(blocks.values())


def config_blocks(text: str) -> dict[str, str]:
    """mkdocs.yml cut into its top-level keys (comments go with the key below them), in order."""
    blocks: dict[str, str] = {}
    pending = ""
    key = ""
    for line in text.splitlines(keepends=True):
        match = TOP_LEVEL_KEY.match(line)
        if match:
            key = match.group(1)
            blocks[key] = pending + line
            pending = ""
        elif key and (line.startswith((" ", "\t")) or not line.strip()):
            blocks[key] += line
        else:
            pending += line
    if pending:
        blocks["#trailing"] = pending
    return blocks


def leading_comments(block: str) -> str:
    return "".join(line for line in block.splitlines(keepends=True) if line.startswith("#"))


def not_in_nav_block(existing: str, files: list[GeneratedFile]) -> str:
    """The generated pages that are not listed (one glob per folder), then the config's own not_in_nav patterns.

    The config's own come last, so the listed pages' exceptions (`!/…`) do not undo them.
    """
    own = [line.strip() for line in existing.splitlines()[1:] if line.strip() and not line.lstrip().startswith("#")]
    patterns: list[str] = []
    pages = [generated for generated in files if generated.path.endswith(".md")]
    folders = sorted({str(Path(generated.path).parent) for generated in pages if not generated.listed})
    for folder in folders:
        prefix = "" if folder == "." else f"{folder}/"
        patterns.append(f"/{prefix}*.md")
        patterns.extend(
            f"!/{generated.path}"
            for generated in pages
            if generated.listed and str(Path(generated.path).parent) == folder
        )
    return "not_in_nav: |\n" + "".join(f"  {pattern}\n" for pattern in [*patterns, *own]) + "\n"
