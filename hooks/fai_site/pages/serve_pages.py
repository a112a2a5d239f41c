"""Pages only `mkdocs serve` makes: every exercise's picture, drafts included, redrawn on each save.

An editor writing a new exercise keeps it a draft until it is done, and a draft has no
page; its pose is the part worth watching as it is saved. So the pictures page draws the
drafts' poses too, straight from the catalogue's text: a draft whose pose is not valid
yet is left out, and its problems are in the box at the top of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fai_site.catalogue.cross_references import is_draft
from fai_site.catalogue.loader import read_text
from fai_site.catalogue.model import Catalogue, PoseIllustration
from fai_site.catalogue.problems import CatalogueError
from fai_site.catalogue.yaml_source import Document, parse
from fai_site.pages import render
from fai_site.pages.site_pages import GeneratedFile
from fai_site.pictures.drawing import render_illustration

PAGE = "editors-guide-pictures"


@dataclass(frozen=True)
class DraftPicture:
    """A draft exercise's pose, drawn for the pictures page."""

    id: str
    # The id made safe for the page's address: a draft's id is not checked yet.
    anchor: str
    name: str
    path: str
    svg: str


def pictures_files(catalogue: Catalogue, catalogue_file: Path) -> list[GeneratedFile]:
    """The pictures page, and the drawings of the drafts it shows."""
    try:
        drafts = draft_pictures(read_text(catalogue_file))
    except CatalogueError:  # the file went away since this build checked it; the next build says so
        drafts = []
    page = GeneratedFile(f"{PAGE}.md", render.pictures_page(catalogue, drafts=drafts))
    return [page, *(GeneratedFile(draft.path, draft.svg) for draft in drafts)]


def draft_pictures(text: str) -> list[DraftPicture]:
    document = parse(text)
    if (
        not isinstance(document, Document)
        or not isinstance(document.data, dict)
        or not isinstance(document.data.get("exercises"), list)
    ):
        return []
    return [picture for entry in document.data["exercises"] if (picture := draft_picture(entry)) is not None]


def draft_picture(entry: Any) -> DraftPicture | None:
    if (
        not isinstance(entry, dict)
        or not is_draft(entry)
        or not isinstance(entry.get("id"), str)
        or not isinstance(entry.get("illustration"), dict)
    ):
        return None
    try:
        illustration = PoseIllustration.model_validate(entry["illustration"])
    except ValidationError:
        return None
    exercise_id = entry["id"].strip()
    name = entry["name"].strip() if isinstance(entry.get("name"), str) and entry["name"].strip() else exercise_id
    anchor = "".join(
        character if character.isascii() and (character.isalnum() or character == "-") else "-"
        for character in exercise_id
    )
    uid = f"draft-{anchor}"
    return DraftPicture(
        exercise_id, anchor, name, f"{PAGE}/{uid}.svg", render_illustration(illustration.pose, title=name, uid=uid)
    )
