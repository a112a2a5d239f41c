"""The "My program" companion (program/): a patient's own exercise helper on the phone, made at build time.

A program opens from a link: the page's address with a program fragment, in the handout
builder's format (`handout_builder`'s docstring; a ready-made program's is
`handout_builder.program_fragment`). The page reads the fragment once, keeps the program
in the browser's own storage and takes the fragment off the address. Everything the
patient enters (sets done, pain, notes) stays in that storage: it is never put in an
address and never sent. So that it never drifts from the catalogue, the exercises, the
dose codes, the pain rule and the red flags all come from the validated `Catalogue`.

The page works offline once visited: a service worker (`program/sw.js`) keeps the page,
its files and every exercise picture. Its cache is named after a hash of what the build
put into the page, so a changed site brings a new worker, which fetches the new files
and drops the old cache. Stored data is not in that cache, so nothing is lost.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fai_site.catalogue import dosage_text
from fai_site.catalogue.model import LOAD_RULE, Catalogue, Exercise
from fai_site.catalogue.warning_signs import printed_safety
from fai_site.pages.program_link import limit, link_rules
from fai_site.pages.structured_data import script_text
from fai_site.pages.templating import render
from fai_site.pictures.picture import picture as picture_of
from fai_site.site_settings import DEFAULT_EMERGENCY_NUMBER, NOT_REVIEWED

# The companion's page, by its path without extension, and its own files beside it.
PAGE = "program"
WORKER = f"{PAGE}/sw.js"
MANIFEST = f"{PAGE}/manifest.json"
ICON = f"{PAGE}/icon.svg"
# The companion's own scripts, in the order they run (each needs those before it), and its stylesheet: static files
# in docs/.
SCRIPTS = [
    "javascripts/data-schema.js",
    "javascripts/program-link.js",
    "javascripts/companion-store.js",
    "javascripts/companion.js",
]
STYLESHEET = "stylesheets/companion.css"
TITLE = "My program"
# Rest between holds, in seconds, when an exercise's dose says nothing of rests.
REST_SECONDS = 5
# The site's pain rule (the handouts' "Use pain as your guide"), applied to what the patient enters.
OK_PAIN = 4
PAIN_MAX = 10
# What the patient may keep: a note a session, and more programs and sessions than a recovery
# takes (a session a day for 13 years), so the limits only ever stop a hostile file.
SESSION_NOTE_MAX_LENGTH = 300
MAX_PROGRAMS = 100
MAX_SESSIONS = 5000
# localStorage holds about 5 MB a site: a bigger file could never be kept.
MAX_FILE_BYTES = 5 * 1024 * 1024
PAIN_RULE = {
    "ok": "Good. Mild pain up to 4 is OK if it settles by the next day.",
    "high": (
        "That is more than 4. Stop any exercise that hurts like this. If it stays up, do less next time, and tell "
        "your therapist."
    ),
    "settled": "Good. Your hip settled. Keep going as planned.",
    "stayed": "Pain stayed up: do less next time, and tell your therapist.",
}


# ---- The data block -------------------------------------------------------------------


def companion_data(catalogue: Catalogue, *, root: str) -> str:
    """What the companion's script reads, safe inside `<script type="application/json">`."""
    data: dict[str, Any] = {
        "exercises": [exercise_data(exercise, root=root) for exercise in catalogue.exercises],
        "rules": store_rules(),
        "loadRule": LOAD_RULE,
        "restSeconds": REST_SECONDS,
        "okPain": OK_PAIN,
        "painRule": PAIN_RULE,
    }
    return script_text(data)


def store_rules() -> dict[str, Any]:
    """The link's limits and those of what the page keeps (`companion-store.js`), from the model where it has them."""
    return link_rules() | {
        "nameMaxLength": limit(Exercise, "name", "maxLength"),
        "painMax": PAIN_MAX,
        "sessionNoteMaxLength": SESSION_NOTE_MAX_LENGTH,
        "maxPrograms": MAX_PROGRAMS,
        "maxSessions": MAX_SESSIONS,
        "maxFileBytes": MAX_FILE_BYTES,
    }


def exercise_data(exercise: Exercise, *, root: str) -> dict[str, Any]:
    picture = picture_of(exercise)
    return {
        "id": exercise.id,
        "name": exercise.name,
        "picture": root + picture.path if picture else None,
        "alt": picture.alt if picture else None,
        "steps": list(exercise.steps),
        "precautions": list(exercise.precautions),
        "addLoad": exercise.add_load,
        "dose": exercise.dosage.model_dump(exclude_none=True),
        "amount": dosage_text.amount(exercise.dosage),
    }


# ---- The page and its files -------------------------------------------------------------


def companion_page(
    catalogue: Catalogue,
    *,
    root: str,
    handouts_href: str,
    offline_ready: bool,
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
    review: str = NOT_REVIEWED,
) -> str:
    """The page source; `offline_ready` (directory URLs) lets it install its service worker, which must sit beside it.

    The warning signs are the handouts' own, with the site's emergency number written in, under the catalogue's
    clinical sign-off in words (`review`)."""
    return render(
        "companion_page.md.j2",
        title=TITLE,
        data=companion_data(catalogue, root=root),
        safety=printed_safety(catalogue.safety, emergency_number),
        review=review,
        ok_pain=OK_PAIN,
        pain_max=PAIN_MAX,
        session_note_max_length=SESSION_NOTE_MAX_LENGTH,
        scripts=SCRIPTS,
        handouts_href=handouts_href,
        worker="sw.js" if offline_ready else None,
        manifest="manifest.json" if offline_ready else None,
    )


def assets_hash(docs_dir: Path) -> str:
    """A hash of the companion's scripts and stylesheet as they are in `docs_dir` (empty where missing)."""
    digest = hashlib.sha256()
    for path in (*SCRIPTS, STYLESHEET):
        source = docs_dir / path
        digest.update(source.read_bytes() if source.is_file() else b"")
    return digest.hexdigest()[:12]


def offline_files(catalogue: Catalogue, page: str, *, extra: list[str]) -> dict[str, str]:
    """The service worker, the web app manifest and its icon, as paths in the site → content.

    `page` is the companion's page source (and anything else whose change must reach
    phones at once, such as a hash of its script): its hash names the cache. `extra` lists files
    (relative to the site root) the page needs besides the pictures; the worker also keeps
    whatever the page itself links to (Material's hashed bundles), read when it installs.
    """
    pictures = [picture.path for exercise in catalogue.exercises if (picture := picture_of(exercise))]
    keep = ["./", *(f"../{path}" for path in [*extra, *pictures]), "manifest.json", "icon.svg"]
    version = hashlib.sha256((page + json.dumps(keep)).encode("utf-8")).hexdigest()[:12]
    return {
        WORKER: render("companion_sw.js.j2", version=version, keep=json.dumps(keep)),
        MANIFEST: render("companion_manifest.json.j2", title=TITLE),
        ICON: render("companion_icon.svg.j2"),
    }
