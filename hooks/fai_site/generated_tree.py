"""`make generate`: the site's sources as ordinary files, for an engine that runs no hooks.

The folder holds `docs/` with every generated page and picture written in (and the
safety and exercise lists of hand-written pages filled in), the project's `overrides/`, and a
`mkdocs.yml` without `hooks:`. Plain MkDocs, ProperDocs and Zensical build it as it is;
an editor reads in it exactly what the generator made.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fai_site.catalogue.loader import load_catalogue
from fai_site.pages.clinical_signoff import read_signoffs, review_note, review_status
from fai_site.pages.render import with_catalogue_lists
from fai_site.pages.site_pages import GeneratedFile, SiteSettings, generated_files

CONFIG_NAME = "mkdocs.yml"
CATALOGUE_NAME = "exercises.yaml"
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


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml read as MkDocs reads it, as far as the generated pages need: `!ENV` resolved."""


def environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, …, default]`: the first variable set, else the default (MkDocs' rule)."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)  # type: ignore[arg-type]
    return next((os.environ[name] for name in names if name in os.environ), default)


ConfigLoader.add_constructor("!ENV", environment_value)


# ---- The tree ---------------------------------------------------------------------------


def write_tree(project: Path, out: Path, *, handout_pdfs: bool = False) -> Tree:
    """Write the project's site sources into `out` (an earlier tree there is replaced), with PDFs rendered in when `handout_pdfs`."""
    check_folder(out, project=project)
    config_text = (project / CONFIG_NAME).read_text(encoding="utf-8")
    config = yaml.load(config_text, Loader=ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    docs = project / config.get("docs_dir", "docs")
    settings = settings_from(config, docs=docs, handout_pdfs=handout_pdfs, qr_cache=project / ".cache" / "qr-codes")
    catalogue = load_catalogue(project / CATALOGUE_NAME, docs_dir=docs)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(docs, out / "docs")
    overrides = project / "overrides"
    if overrides.is_dir():
        shutil.copytree(overrides, out / "overrides")
    signoffs = read_signoffs(config.get("extra") or {}, project=project, docs_dir=docs)
    for page in sorted((out / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        source = page.relative_to(out / "docs").as_posix()
        filled = with_catalogue_lists(text, catalogue, source=source, emergency_number=settings.clinic.emergency_number)
        reviewed = last_reviewed(text)
        if reviewed is not None:
            filled += review_note(reviewed, review_status(source, text, signoffs))
        if filled != text:
            page.write_text(filled, encoding="utf-8")
    files = generated_files(catalogue, settings)
    for generated in files:
        write_file(out / "docs" / generated.path, generated.content)
    pdfs = (
        rendered_pdfs(catalogue, settings, out / "docs", cache_dir=project / ".cache" / "handout-pdfs")
        if handout_pdfs
        else []
    )
    config_file = out / CONFIG_NAME
    config_file.write_text(config_without_hooks(config_text, files, site_url=settings.site_url), encoding="utf-8")
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


def settings_from(config: dict[str, Any], *, docs: Path, handout_pdfs: bool, qr_cache: Path | None) -> SiteSettings:
    """The settings the hooks would take from the same mkdocs.yml (site_hooks.site_settings)."""
    return SiteSettings.from_config(
        site_url=config.get("site_url"),
        directory_urls=config.get("use_directory_urls", True),
        extra=config.get("extra") or {},
        docs_dir=docs,
        handout_pdfs=handout_pdfs,
        qr_cache=qr_cache,
    )


def last_reviewed(text: str) -> datetime.date | None:
    """A hand-written article's `last_reviewed` date from its front matter, as MkDocs reads it; None for other pages."""
    found = FRONT_MATTER.match(text)
    meta = yaml.safe_load(found[1]) if found else None
    reviewed = meta.get("last_reviewed") if isinstance(meta, dict) else None
    return reviewed if isinstance(reviewed, datetime.date) else None


def rendered_pdfs(catalogue: Any, settings: SiteSettings, docs: Path, *, cache_dir: Path) -> list[str]:
    """The handout PDFs, drawn from the written tree and copied into it; imported here as WeasyPrint is slow to load."""
    from fai_site.handouts.pdf import handout_pdfs

    def content(path: str) -> bytes | None:
        source = docs / path
        return source.read_bytes() if source.is_file() else None

    pdfs = handout_pdfs(
        catalogue,
        settings,
        resources=content,
        cache_dir=cache_dir,
        source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"),
    )
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
    """mkdocs.yml with no `hooks:`, the address written out, and the generated pages the hooks keep out of the nav kept out."""
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
