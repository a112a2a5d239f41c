"""What the generator made from a catalogue, kept between builds and named by what it was made from.

Most rebuilds leave the catalogue as it was: an editor fixes an article under `mkdocs
serve`, a clinic runs `make build` again. Reading and validating a 1,000-exercise
catalogue, then drawing and rendering its pages, takes seconds, and the result depends
only on the catalogue's text, the generator's code, templates and libraries, and the
site settings. So the validated catalogue and the generated files are kept in a folder
named by a hash of those inputs, and read back while they match. After an edit to the
catalogue, only the pictures of the exercises that changed are drawn again.

The catalogue is kept as the model's own JSON and validated again as it is read, so a
damaged or outdated cache file costs a rebuild, never a wrong site.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fai_site.catalogue.loader import check_articles, checked_from_text, read_text
from fai_site.catalogue.model import Catalogue, Exercise, ImageIllustration, PoseIllustration
from fai_site.catalogue.reading_grade import GRADES_FILE, MEASURING_LIBRARIES, ReadingGrades
from fai_site.files import store
from fai_site.pages.site_pages import GeneratedFile, drawing, generated_files
from fai_site.site_settings import SiteSettings

# The whole generator: its code and templates in every subpackage.
PACKAGE = Path(__file__).parent.parent
# What the output depends on besides the package's own files.
LIBRARIES = ("pydantic", "pydantic-core", "jinja2", "markupsafe", "pyyaml", "segno", *MEASURING_LIBRARIES)
CATALOGUE_FILE = "catalogue.json"
# The warnings and draft problems the check printed, kept with the catalogue so a cached build prints them too.
NOTES_FILE = "notes.txt"
# Beside the catalogues' folders: one file of pictures, named by the generator that drew them.
DRAWINGS_PREFIX = "drawings-"
# Catalogues kept besides the current one, so undoing an edit under `mkdocs serve` is quick too.
KEPT_EARLIER = 2


@dataclass(frozen=True)
class KeptCatalogue:
    """A validated catalogue; the hash of what it was made from names everything made from it."""

    catalogue: Catalogue
    digest: str
    generator: str
    # Warnings and draft problems, as the build prints them.
    notes: str | None = None


def load(path: Path, *, docs_dir: Path, cache_dir: Path) -> KeptCatalogue:
    """The validated catalogue, read back from the cache if this text passed with this generator before.

    Whether the pictures it names are in `docs_dir`, and the articles' warning-sign rules, are checked on every
    build: they can change without the text.
    """
    text = read_text(path)
    generator = generator_fingerprint()
    digest = hash_of(generator, text)
    folder = cache_dir / digest
    kept, notes = kept_catalogue(folder / CATALOGUE_FILE), kept_notes(folder / NOTES_FILE)
    if kept is not None and notes is not None and images_present(kept, docs_dir):
        check_articles(kept, name=path.name, docs_dir=docs_dir)
        with contextlib.suppress(OSError):
            os.utime(folder)
        return KeptCatalogue(kept, digest, generator, notes or None)
    grades = ReadingGrades(cache_dir / GRADES_FILE)
    try:
        checked = checked_from_text(text, name=path.name, docs_dir=docs_dir, grades=grades)
    finally:
        grades.save()
    report = checked.report()
    if kept_for_later(folder / NOTES_FILE, (report or "").encode()) and kept_for_later(
        folder / CATALOGUE_FILE, checked.catalogue.model_dump_json().encode()
    ):
        prune(cache_dir, current=folder)
    check_articles(checked.catalogue, name=path.name, docs_dir=docs_dir)
    return KeptCatalogue(checked.catalogue, digest, generator, report)


def files(kept: KeptCatalogue, settings: SiteSettings, *, cache_dir: Path) -> list[GeneratedFile]:
    """`generated_files`, read back from the cache if made from the same catalogue with the same settings."""
    target = cache_dir / kept.digest / f"files-{settings_digest(settings)}.json"
    found = kept_files(target)
    if found is not None:
        return found
    drawings = KeptDrawings(cache_dir / f"{DRAWINGS_PREFIX}{kept.generator[:16]}.json")
    made = generated_files(kept.catalogue, settings, draw=drawings.draw)
    drawings.save()
    kept_for_later(target, json.dumps([file_entry(file) for file in made], ensure_ascii=False).encode())
    return made


def file_entry(file: GeneratedFile) -> list[Any]:
    """A generated file as JSON holds it: bytes (a PNG icon) as base64 under a key of their own."""
    path, content, listed = dataclasses.astuple(file)
    return [
        path,
        {"base64": base64.b64encode(content).decode("ascii")} if isinstance(content, bytes) else content,
        listed,
    ]


def from_entry(path: str, content: str | dict[str, str], listed: bool) -> GeneratedFile:
    return GeneratedFile(path, base64.b64decode(content["base64"]) if isinstance(content, dict) else content, listed)


class KeptDrawings:
    """The pictures drawn by the last build with this generator, by a hash of what each is drawn from.

    After an edit to the catalogue, the pages are made again, but only the pictures of
    exercises whose pose, name or id changed are drawn again: drawing is the costly part.
    """

    def __init__(self, source: Path) -> None:
        self.source = source
        self.earlier = kept_json(source) or {}
        self.used: dict[str, str] = {}

    def draw(self, exercise: Exercise, illustration: PoseIllustration) -> str:
        key = hash_of(illustration.pose.model_dump_json(), exercise.name, exercise.id)
        svg = self.earlier.get(key)
        if not isinstance(svg, str):
            svg = drawing(exercise, illustration)
        self.used[key] = svg
        return svg

    def save(self) -> None:
        """Keep the pictures this build used, and none that another generator drew."""
        if self.used != self.earlier and kept_for_later(
            self.source, json.dumps(self.used, ensure_ascii=False).encode()
        ):
            for other in self.source.parent.glob(f"{DRAWINGS_PREFIX}*.json"):
                if other != self.source:
                    other.unlink(missing_ok=True)


def generator_fingerprint() -> str:
    """A hash of the generator's code as this process loaded it, its templates as they are now, and its libraries.

    Templates are hashed on every build, as `mkdocs serve` reloads them; the code only once (`LOADED_CODE`).
    """
    return hash_of(sys.version, LOADED_CODE, *(f"{name}=={version(name)}" for name in LIBRARIES), files_hash("*.j2"))


def files_hash(pattern: str) -> str:
    """A hash of the package's files matching `pattern`, by their paths and contents."""
    parts = []
    for source in sorted(PACKAGE.rglob(pattern)):
        if source.is_file():
            parts += [source.relative_to(PACKAGE).as_posix(), hashlib.sha256(source.read_bytes()).hexdigest()]
    return hash_of(*parts)


def settings_digest(settings: SiteSettings) -> str:
    """The settings that shape the pages; where QR codes are kept does not."""
    shaping = {key: value for key, value in dataclasses.asdict(settings).items() if key != "qr_cache"}
    return hash_of(json.dumps(shaping, sort_keys=True))[:16]


def hash_of(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


# The generator's Python, hashed once, as this module is imported with the rest of the generator.
# `mkdocs serve` never reloads Python: after an edit to the code, what draws the pages is still
# the code as it was loaded, so it is the loaded code that names what it made, never the files' new text.
LOADED_CODE = files_hash("*.py")


def kept_for_later(target: Path, content: bytes) -> bool:
    """Store in the cache; one that cannot be written (a read-only folder, a full disk) only costs time."""
    try:
        store(target, content)
    except OSError:
        return False
    return True


def kept_catalogue(source: Path) -> Catalogue | None:
    try:
        return Catalogue.model_validate_json(source.read_bytes())
    except (OSError, ValidationError):
        return None


def kept_notes(source: Path) -> str | None:
    try:
        return source.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def kept_files(source: Path) -> list[GeneratedFile] | None:
    try:
        return [from_entry(*entry) for entry in json.loads(source.read_bytes())]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def kept_json(source: Path) -> dict[str, str] | None:
    try:
        found = json.loads(source.read_bytes())
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def images_present(catalogue: Catalogue, docs_dir: Path) -> bool:
    return all(
        (docs_dir / exercise.illustration.image).is_file()
        for exercise in catalogue.exercises
        if isinstance(exercise.illustration, ImageIllustration)
    )


def prune(cache_dir: Path, *, current: Path) -> None:
    """Drop all but the most recently used catalogues' folders: each can hold megabytes of pages."""
    others = [folder for folder in cache_dir.iterdir() if folder.is_dir() and folder != current]
    others.sort(key=last_used, reverse=True)
    for folder in others[KEPT_EARLIER:]:
        shutil.rmtree(folder, ignore_errors=True)


def last_used(folder: Path) -> float:
    """When a build last read or wrote the folder; 0 if another build has just removed it."""
    try:
        return folder.stat().st_mtime
    except OSError:
        return 0.0
