"""Who has clinically reviewed what: read from `extra.clinical_signoff` in mkdocs.yml, shown on every page and sheet.

A clinic that deploys the site names its own clinician here. Each sign-off says who
(name, role, registration), when, and which texts they read: each article (its path in
docs/) or the catalogue (`exercises.yaml`), with the fingerprint of the text as it was
read. A page is shown as reviewed only while its text still has that fingerprint; a
changed page says so plainly, and the build warns. The fingerprint is taken from the
text itself, so it works alike on a fresh clone, in CI, and without git history.
Where nobody has signed, which is the truth until someone does, the page says so.
"""

from __future__ import annotations

import datetime
import hashlib
import html
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from fai_site.catalogue.messages import problems_from
from fai_site.catalogue.problems import Problem, format_path
from fai_site.catalogue.strict import Strict
from fai_site.site_settings import NOT_REVIEWED

CATALOGUE_KEY = "exercises.yaml"
FINGERPRINT_LENGTH = 12
Fingerprint = Annotated[
    str, Field(pattern=r"^[0-9a-f]{12}$", description="The text's fingerprint (make fingerprints).")
]
Name = Annotated[str, Field(min_length=2, max_length=120)]


class SignOff(Strict):
    """One clinician's review: who they are, when they reviewed, and exactly which texts they read."""

    name: Name = Field(description="The reviewer's name as their register shows it.")
    role: Name = Field(description="Their role, e.g. 'Physiotherapist' or 'Consultant in emergency medicine'.")
    registration: Name = Field(description="Their professional registration, e.g. 'HCPC PH123456' or 'GMC 1234567'.")
    date: datetime.date = Field(description="The day they signed (YYYY-MM-DD).")
    signed: Annotated[dict[str, Fingerprint], Field(min_length=1)] = Field(
        description="Each text they read (an article's path in docs/, or exercises.yaml) → its fingerprint then."
    )


class SignOffConfig(Strict):
    """`extra.clinical_signoff` as mkdocs.yml writes it: a list of sign-offs, empty until someone signs."""

    clinical_signoff: list[SignOff] = Field(default_factory=list)


class SignOffError(ValueError):
    """The sign-off settings cannot be read; the message names mkdocs.yml, the field and what to write."""


def fingerprint(text: str) -> str:
    """The first 12 hex digits of the text's SHA-256, line endings made alike, so a checkout on Windows matches."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def read_signoffs(
    extra: dict[str, Any], *, project: Path, docs_dir: Path, config_name: str = "mkdocs.yml"
) -> list[SignOff]:
    """The sign-offs in `extra`; raises `SignOffError` with every problem, each at its field (a missing text too)."""
    data = {"clinical_signoff": extra.get("clinical_signoff") or []}
    try:
        signoffs = SignOffConfig.model_validate(data).clinical_signoff
    except ValidationError as error:
        raise SignOffError(report(problems_from(error, SignOffConfig, data), config_name)) from None
    missing = list(unknown_texts(signoffs, project=project, docs_dir=docs_dir))
    if missing:
        raise SignOffError(report(missing, config_name))
    return signoffs


def unknown_texts(signoffs: list[SignOff], *, project: Path, docs_dir: Path) -> Iterator[Problem]:
    for index, signoff in enumerate(signoffs):
        for key in signoff.signed:
            if not text_path(key, project=project, docs_dir=docs_dir).is_file():
                yield Problem(
                    ("clinical_signoff", index, "signed", key),
                    f"no text '{key}': name an article by its path in docs/ (e.g. when-to-get-help.md), "
                    f"or {CATALOGUE_KEY}",
                )


def report(problems: list[Problem], config_name: str) -> str:
    lines = [f"{config_name}: extra.{format_path(problem.path, {})}: {problem.message}" for problem in problems]
    return "\n".join([f"{config_name}: the clinical sign-off cannot be read:", *lines])


def text_path(key: str, *, project: Path, docs_dir: Path) -> Path:
    return project / CATALOGUE_KEY if key == CATALOGUE_KEY else docs_dir / key


# ---- What a page or a sheet says ---------------------------------------------------------


@dataclass(frozen=True)
class ReviewStatus:
    """A text's clinical review: the latest sign-off of it (if any), and whether the text changed after it."""

    signoff: SignOff | None = None
    changed: bool = False

    @property
    def sentence(self) -> str:
        """What the page or sheet says, in plain words; never a reviewer for text they did not read."""
        if self.signoff is None:
            return NOT_REVIEWED
        day = self.signoff.date
        who = f"{self.signoff.name}, {self.signoff.role} ({self.signoff.registration}), on {day.day} {day:%B %Y}"
        if self.changed:
            return (
                f"Reviewed by {who}. It has changed since then, and the changes are not yet reviewed by a named "
                "clinician."
            )
        return f"Clinically reviewed by {who}."


def review_status(key: str, text: str, signoffs: list[SignOff]) -> ReviewStatus:
    """The latest sign-off that read this very text; else, if any read it before it changed, the latest, as changed."""
    covering = sorted((signoff for signoff in signoffs if key in signoff.signed), key=lambda signoff: signoff.date)
    if not covering:
        return ReviewStatus()
    current = fingerprint(text)
    still = [signoff for signoff in covering if signoff.signed[key] == current]
    return ReviewStatus(still[-1]) if still else ReviewStatus(covering[-1], changed=True)


def changed_since(signoffs: list[SignOff], *, project: Path, docs_dir: Path) -> list[str]:
    """A line for each signed text that changed after its latest sign-off, for the build to warn about."""
    warnings = []
    for key in sorted({key for signoff in signoffs for key in signoff.signed}):
        text = text_path(key, project=project, docs_dir=docs_dir).read_text(encoding="utf-8")
        status = review_status(key, text, signoffs)
        if status.changed and status.signoff is not None:
            warnings.append(
                f"{key} changed after {status.signoff.name} signed it off on {status.signoff.date.isoformat()} "
                f"(fingerprint {status.signoff.signed[key]}, now {fingerprint(text)}): the page now says its changes "
                "are not yet reviewed. Ask the reviewer to read it again, then record the new fingerprint "
                "(make fingerprints)."
            )
    return warnings


def review_note(last_reviewed: datetime.date | None, status: ReviewStatus) -> str:
    """The line at the end of an article: when the editors last checked it, and its clinical review (HTML, escaped)."""
    checked = f"Page last checked on {last_reviewed.day} {last_reviewed:%B %Y}. " if last_reviewed else ""
    return (
        '\n\n<aside class="fai-review" aria-label="Review" data-search-exclude>\n'
        f"<p>{html.escape(checked + status.sentence)}</p>\n</aside>\n"
    )


def fingerprints(*, project: Path, docs_dir: Path) -> dict[str, str]:
    """Every article's and the catalogue's fingerprint now, for a reviewer's sign-off."""
    texts = {CATALOGUE_KEY: project / CATALOGUE_KEY}
    texts |= {article.relative_to(docs_dir).as_posix(): article for article in sorted(docs_dir.rglob("*.md"))}
    return {key: fingerprint(path.read_text(encoding="utf-8")) for key, path in texts.items() if path.is_file()}
