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
and drops the old cache. Stored data is not in that cache, so nothing is lost. The web
app manifest names the page (`id`) and its icons, drawn here as PNG at the sizes phones
ask for, one of them with the margin a maskable icon keeps (`app_icon`).

A printed handout's QR code opens the page with a reference to its program
(`program_link.program_reference`); the page finds the program's link in its data
(`programs`), or says the sheet comes from an older version of the program.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fai_site.catalogue import dosage_text
from fai_site.catalogue.model import LOAD_RULE, Catalogue, Exercise
from fai_site.catalogue.warning_signs import printed_safety
from fai_site.handouts.phone_link import COMPANION_PAGE
from fai_site.pages.app_icon import AppIcon
from fai_site.pages.program_link import limit, link_rules, program_references
from fai_site.pages.structured_data import script_text
from fai_site.pages.templating import render
from fai_site.pictures.base_picture import FOLDER as BASE_FOLDER
from fai_site.pictures.base_picture import base_pictures
from fai_site.pictures.picture import picture as picture_of
from fai_site.site_settings import DEFAULT_EMERGENCY_NUMBER, NOT_REVIEWED

# The companion's page, by its path without extension, and its own files beside it.
PAGE = COMPANION_PAGE
WORKER = f"{PAGE}/sw.js"
MANIFEST = f"{PAGE}/manifest.json"
ICON = f"{PAGE}/icon.svg"
# The PNG icons phones ask for, beside the page: 192 and 512 px, and a maskable one (its figure in the safe circle).
APP_ICONS = [AppIcon("icon-192.png", 192), AppIcon("icon-512.png", 512), AppIcon("icon-maskable-512.png", 512, True)]
# The companion's own scripts, in the order they run (each needs those before it), and its stylesheet: static files
# in docs/. The pure modules first (links, stored data, dose words, the plan), then the page's parts. Those it needs on
# some visits only (the summary to print, the calendar file) it loads when they are wanted; the worker keeps them too.
SCRIPTS = [
    "javascripts/on-demand.js",
    "javascripts/data-schema.js",
    "javascripts/program-link.js",
    "javascripts/dose-words.js",
    "javascripts/program-plan.js",
    "javascripts/companion-store.js",
    "javascripts/companion-today.js",
    "javascripts/companion-psfs.js",
    "javascripts/companion-keep.js",
    "javascripts/companion.js",
]
ON_DEMAND = ["javascripts/calendar-file.js", "javascripts/companion-report.js"]
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
# What "Today" suggests: the plan's rest days and the pain rule's answers (program-plan.js `advice`). A rest day
# says why: the program's own spacing advice when it has one, else REST_REASON.
TODAY = {
    "session": "Today is an exercise day.",
    "rest": "Today is a rest day.",
    "anyway": "You can still do a session today if you want to.",
    "stop": "Your pain was above 4 after today's session. Stop for today. Tomorrow, say how your hip settled.",
    "done": "Today's session is done. Well done.",
    "check-in": "First, say how your hip settled after your last session.",
    "pain-rest": "Your pain had not settled this morning. Rest your hip today, and tell your therapist if it stays up.",
    "ease": "Ease back today: do fewer sets, or make each move smaller. Tell your therapist if pain keeps building.",
}
REST_REASON = "Rest days give your muscles time to recover and get stronger."
# "Add to my calendar": the event's length, the reminder's time unless the patient picks one, and its words.
CALENDAR_MINUTES = 30
CALENDAR_TIME = "18:00"
CALENDAR_REMINDER = "Time for your hip exercises. Open My program on your phone."
# The Patient-Specific Functional Scale (Stratford 1995; free to use): up to 3 activities the patient finds hard,
# each rated 0 (cannot do it) to 10 (as well as before the problem), once a week.
PSFS_ACTIVITIES = 3
PSFS_MAX = 10
PSFS_ACTIVITY_MAX_LENGTH = 80
PSFS_EVERY_DAYS = 7
# A backup file is suggested once the patient has entered something on 7 days since the last one.
BACKUP_AFTER_DAYS = 7


# ---- The data block -------------------------------------------------------------------


def companion_data(catalogue: Catalogue, *, root: str) -> str:
    """What the companion's script reads, safe inside `<script type="application/json">`."""
    data: dict[str, Any] = {
        "exercises": [exercise_data(exercise, root=root) for exercise in catalogue.exercises],
        "programs": program_references(catalogue, companion=True),
        "bases": {picture.base.value: picture.words for picture in base_pictures()},
        "basePictures": f"{root}{BASE_FOLDER}/",
        "rules": store_rules(),
        "loadRule": LOAD_RULE,
        "restSeconds": REST_SECONDS,
        "okPain": OK_PAIN,
        "painRule": PAIN_RULE,
        "today": TODAY,
        "restReason": REST_REASON,
        "calendar": {"minutes": CALENDAR_MINUTES, "time": CALENDAR_TIME, "reminder": CALENDAR_REMINDER},
        "psfsEveryDays": PSFS_EVERY_DAYS,
        "backupAfterDays": BACKUP_AFTER_DAYS,
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
        "psfsActivities": PSFS_ACTIVITIES,
        "psfsMax": PSFS_MAX,
        "psfsActivityMaxLength": PSFS_ACTIVITY_MAX_LENGTH,
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
        psfs_activities=PSFS_ACTIVITIES,
        psfs_max=PSFS_MAX,
        psfs_activity_max_length=PSFS_ACTIVITY_MAX_LENGTH,
        session_note_max_length=SESSION_NOTE_MAX_LENGTH,
        scripts=SCRIPTS,
        scripts_root=f"{root}javascripts/",
        handouts_href=handouts_href,
        worker="sw.js" if offline_ready else None,
        manifest="manifest.json" if offline_ready else None,
    )


def assets_hash(docs_dir: Path) -> str:
    """A hash of the companion's scripts and stylesheet as they are in `docs_dir` (empty where missing)."""
    digest = hashlib.sha256()
    for path in (*SCRIPTS, *ON_DEMAND, STYLESHEET):
        source = docs_dir / path
        digest.update(source.read_bytes() if source.is_file() else b"")
    return digest.hexdigest()[:12]


def offline_files(catalogue: Catalogue, page: str, *, extra: list[str]) -> dict[str, str | bytes]:
    """The service worker, the web app manifest and its icons, as paths in the site → content.

    `page` is the companion's page source (and anything else whose change must reach
    phones at once, such as a hash of its script): its hash names the cache. `extra` lists files
    (relative to the site root) the page needs besides the pictures; the worker also keeps
    whatever the page itself links to (Material's hashed bundles), read when it installs.
    """
    pictures = [picture.path for exercise in catalogue.exercises if (picture := picture_of(exercise))]
    pictures += [picture.path for picture in base_pictures()]
    icons = [icon.path for icon in APP_ICONS]
    keep = ["./", *(f"../{path}" for path in [*extra, *pictures]), "manifest.json", "icon.svg", *icons]
    version = hashlib.sha256((page + json.dumps(keep)).encode("utf-8")).hexdigest()[:12]
    return {
        WORKER: render("companion_sw.js.j2", version=version, keep=json.dumps(keep)),
        MANIFEST: render("companion_manifest.json.j2", title=TITLE, icons=APP_ICONS),
        ICON: render("companion_icon.svg.j2"),
        **{f"{PAGE}/{icon.path}": icon.png() for icon in APP_ICONS},
    }
