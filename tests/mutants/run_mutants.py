"""`make mutants`: break the product on a copy of the tree, one edit at a time, and see which edits the tests catch.

Each mutant is one product-breaking edit (a template, a stylesheet, a script, the model,
the renderer, the offline config) and the part of the suite that should notice it. The
tree (tracked and new files, with the build caches) is copied once; each edit is applied
to the copy, its tests run there and stop at the first failure, and the file is put back.
The failures are then run once more on the unbroken copy: a test that fails there too
caught nothing. A table shows every edit and what caught it; the exit status is 1 if
any edit survived.

    tests/mutants/run_mutants.py             # every mutant (about 10 minutes on 2 cores)
    tests/mutants/run_mutants.py --list      # their names
    tests/mutants/run_mutants.py NAME ...    # only these

It is a developer's tool, not part of `make test`: run it before closing an issue that adds behaviour.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The whole file, for edits that empty one.
WHOLE_FILE = None
# A mutant's tests get this long before the edit counts as surviving.
TIMEOUT_SECONDS = 420
FAILED_LINE = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Mutant:
    """One edit that breaks a promise of the product, and the tests that keep that promise."""

    name: str
    path: str
    old: str | None
    new: str
    tests: tuple[str, ...]

    def apply(self, tree: Path) -> str:
        """Edit the copy; returns the original text, to put back."""
        file = tree / self.path
        original = file.read_text(encoding="utf-8")
        if self.old is WHOLE_FILE:
            file.write_text(self.new, encoding="utf-8")
        else:
            count = original.count(self.old)
            if count != 1:
                raise SystemExit(
                    f"{self.name}: the text to edit is in {self.path} {count} times, not once; update the mutant"
                )
            file.write_text(original.replace(self.old, self.new), encoding="utf-8")
        return original


# A program's sheet and the builder's, part by part, for the mutants that move the warning box to the end.
HANDOUT_BOX = "{{ parts.red_flags(program.id, safety, 1) }}\n"
HANDOUT_HOW = "{{ parts.how(program.id, how_often, program.move_on, 1) }}\n"
HANDOUT_LOG = "{{ parts.closing(program.id, items, qr_code, phone_caption, public_url, catalogue, review, 1) }}\n"
HANDOUT_SHEET_PARTS = HANDOUT_BOX + HANDOUT_LOG + HANDOUT_HOW + "{{ parts.exercises(program.id, items, root, 1) }}\n"
BUILDER_BOX = '{{ parts.red_flags("fai-sheet", safety, 2) }}\n'
BUILDER_SHEET_PARTS = (
    BUILDER_BOX
    + '{{ parts.closing("fai-sheet", [], "slot" if public_url else none, qr_caption, none, catalogue, review, 2) }}\n'
    + '{{ parts.how("fai-sheet", how_often, move_on, 2, notes_slot=true) }}\n'
    + '{{ parts.exercises("fai-sheet", [], root, 2) }}\n'
)

MUTANTS = [
    Mutant(
        "sheet drops a step",
        "hooks/fai_site/handouts/templates/handout_parts.html.j2",
        "{% for step in item.exercise.steps %}",
        "{% for step in item.exercise.steps[1:] %}",
        ("tests/handouts/test_handout_sheet.py::test_every_step_and_precaution_is_on_paper",),
    ),
    Mutant(
        "sheet drops the red-flag box",
        "hooks/fai_site/handouts/templates/handout.html.j2",
        "{{ parts.red_flags(program.id, safety, 1) }}",
        "",
        ("tests/handouts/test_handout_sheet.py", "-k", "triage"),
    ),
    Mutant(
        "sheet drops the clinic's name",
        "hooks/fai_site/handouts/templates/handout_parts.html.j2",
        '<p class="fai-handout__clinic-name">{{ clinic.name }}</p>',
        '<p class="fai-handout__clinic-name"></p>',
        ("tests/handouts/test_handout_print.py", "-k", "clinic"),
    ),
    Mutant(
        "sheet drops the clinic's logo",
        "hooks/fai_site/handouts/templates/handout_parts.html.j2",
        "{% if clinic.logo %}",
        "{% if false %}",
        ("tests/handouts/test_handout_print.py", "-k", "clinic"),
    ),
    Mutant(
        "PDF ignores the paper size",
        "hooks/fai_site/handouts/templates/handout_pdf.html.j2",
        "<style>@page { size: {{ paper.value }}; }</style>",
        "",
        ("tests/handouts/test_handout_pdf.py", "-k", "within_the_page_budget"),
    ),
    Mutant(
        "PDF date ignores the review date",
        "hooks/fai_site/handouts/pdf.py",
        "return datetime.datetime.combine(catalogue.last_reviewed, datetime.time(), tzinfo=datetime.UTC)",
        "return datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)",
        ("tests/handouts/test_handout_pdf.py", "-k", "date"),
    ),
    Mutant(
        "sheet drops the clinic's phone",
        "hooks/fai_site/handouts/templates/handout_parts.html.j2",
        '{% for key in ["phone", "address", "web"] %}',
        '{% for key in ["address", "web"] %}',
        ("tests/handouts/test_handout_print.py", "-k", "clinic"),
    ),
    Mutant(
        "sheet prints in the machine's own font",
        "docs/stylesheets/handout.css",
        'src: url("../assets/fonts/LiberationSans-Regular.woff2") format("woff2");',
        "src: local(Arial);",
        ("tests/handouts/test_handout_pdf.py", "-k", "alike_on_a_machine"),
    ),
    Mutant(
        "PDFs drawn untagged",
        "hooks/fai_site/handouts/pdf_renderer.py",
        "return RenderedPdf(finish_tags(document.write_pdf(pdf_variant=PDF_VARIANT)), len(document.pages))",
        "return RenderedPdf(document.write_pdf(), len(document.pages))",
        ("tests/handouts/test_handout_tags.py", "-k", "pdfinfo"),
    ),
    Mutant(
        "PDF margins read as content",
        "hooks/fai_site/handouts/pdf_tags.py",
        "        if orphans:",
        "        if False:",
        ("tests/handouts/test_handout_tags.py", "-k", "margins"),
    ),
    Mutant(
        "the QR block may split across pages",
        "docs/stylesheets/handout.css",
        "  column-gap: 0.6em;\n  break-inside: avoid;\n}",
        "  column-gap: 0.6em;\n}",
        ("tests/handouts/test_handout_pdf.py", "-k", "qr_block_at_a_pages_foot"),
    ),
    Mutant(
        "large print shrunk to the standard size",
        "docs/stylesheets/handout.css",
        "  .fai-large-print .fai-handout {\n    font-size: 16pt;",
        "  .fai-large-print .fai-handout {\n    font-size: 11pt;",
        ("tests/handouts/test_large_print.py", "-k", "under_16_pt"),
    ),
    Mutant(
        "large print drops the precautions",
        "docs/stylesheets/handout.css",
        "  .fai-large-print .fai-handout__note {",
        "  .fai-large-print .fai-handout__precautions {\n    display: none;\n  }\n\n"
        "  .fai-large-print .fai-handout__note {",
        ("tests/handouts/test_large_print.py", "-k", "every_step"),
    ),
    Mutant(
        "large print lets the warning box start at the foot of the first page",
        "docs/stylesheets/handout.css",
        "  .fai-large-print .fai-handout__stop {\n    break-before: page;\n",
        "  .fai-large-print .fai-handout__stop {\n",
        ("tests/handouts/test_large_print.py", "-k", "warning_box"),
    ),
    Mutant(
        "read aloud skips the precautions",
        "hooks/fai_site/pages/templates/exercise_page.md.j2",
        'data-read=".fai-read-heading, .fai-position, .fai-steps > li, .fai-take-care li"',
        'data-read=".fai-read-heading, .fai-position, .fai-steps > li"',
        ("tests/pages/test_read_aloud.py", "-k", "exercise_page_reads"),
    ),
    Mutant(
        "read aloud uses a voice that sends the text away",
        "docs/javascripts/read-aloud.js",
        "voice.localService && ",
        "",
        ("tests/pages/test_read_aloud.py", "-k", "hidden"),
    ),
    Mutant(
        "disclaimer faded out",
        "docs/stylesheets/site.css",
        ".fai-disclaimer {\n",
        ".fai-disclaimer {\n  opacity: 0;\n",
        ("tests/site/test_accessibility.py", "-k", "disclaimer_is_in_sight and home"),
    ),
    Mutant(
        "disclaimer hidden by CSS",
        "docs/stylesheets/site.css",
        ".fai-disclaimer {\n",
        ".fai-disclaimer {\n  display: none;\n",
        ("tests/site/test_accessibility.py", "-k", "disclaimer_is_in_sight and home"),
    ),
    Mutant(
        "exercise page drops its picture",
        "hooks/fai_site/pages/templates/exercise_page.md.j2",
        '{{ moving_picture(shown, moving, "../" ~ shown.path) }}',
        "",
        ("tests/pictures/test_exercise_motion.py", "-k", "plays_over"),
    ),
    Mutant(
        "exercise page never draws its moving picture in",
        "hooks/fai_site/pages/render.py",
        'if "<svg data-moving-picture=" not in page:',
        "if True:",
        ("tests/pictures/test_exercise_motion.py", "-k", "holds_the_still_and_the_animation"),
    ),
    Mutant(
        "the animation's Pause button back in the search index",
        "hooks/fai_site/pages/templates/moving_picture.md.j2",
        '<div class="fai-motion__player" hidden data-search-exclude>',
        '<div class="fai-motion__player" hidden>',
        ("tests/site/test_search.py", "-k", "only_name_summary"),
    ),
    Mutant(
        "exercise picture hidden by CSS",
        "docs/stylesheets/site.css",
        ".md-typeset .fai-illustration {\n",
        ".md-typeset .fai-illustration,\n.md-typeset .fai-motion__player svg {\n  visibility: hidden;\n}\n\n"
        ".md-typeset .fai-illustration {\n",
        ("tests/pictures/test_exercise_motion.py", "-k", "plays_over"),
    ),
    Mutant(
        "index files every exercise under the first phase",
        "hooks/fai_site/pages/templates/exercise_index.md.j2",
        "{% for exercise in by_phase[phase] %}",
        "{% for exercise in by_phase[phases[0]] %}",
        ("tests/pages/test_site_build.py", "-k", "index"),
    ),
    Mutant(
        "guide leaves out the exercises kept on from earlier phases",
        "hooks/fai_site/pages/templates/phase_exercises.md.j2",
        "{% if earlier %}",
        "{% if false %}",
        ("tests/site/test_content.py", "-k", "guide"),
    ),
    Mutant(
        "check lets instructions above grade 8 through",
        "hooks/fai_site/catalogue/content_rules.py",
        "MAX_READING_GRADE = 8.0",
        "MAX_READING_GRADE = 80.0",
        ("tests/catalogue/test_bad_catalogues.py", "-k", "college"),
    ),
    Mutant(
        "check lets a line above grade 12 through",
        "hooks/fai_site/catalogue/content_rules.py",
        "MAX_LINE_GRADE = 12.0",
        "MAX_LINE_GRADE = 120.0",
        ("tests/catalogue/test_bad_catalogues.py", "-k", "college"),
    ),
    Mutant(
        "check lets an article keep an exercise's old name",
        "hooks/fai_site/catalogue/cross_references.py",
        "if index is not None and match[1].lower() not in",
        "if index is None and match[1].lower() not in",
        ("tests/catalogue/test_editing_rules.py", "-k", "renamed"),
    ),
    Mutant(
        "builder script emptied",
        "docs/javascripts/handout-builder.js",
        WHOLE_FILE,
        "",
        ("tests/site/test_offline.py", "-k", "builder"),
    ),
    Mutant(
        "builder keeps the patient's name in storage",
        "docs/javascripts/handout-builder.js",
        'on(".fai-builder__patient", "input", () => showPatient(builder));',
        'on(".fai-builder__patient", "input", () => { showPatient(builder); '
        'sessionStorage.setItem("patient", builder.find(\'[data-patient="patient"]\').value); });',
        ("tests/site/test_what_readers_see.py", "-k", "patient"),
    ),
    Mutant(
        "PDFs drawn on every core come back out of order",
        "hooks/fai_site/handouts/pdf.py",
        "yield from pool.map(draw_with_weasyprint, jobs)",
        "yield from pool.map(draw_with_weasyprint, jobs[::-1])",
        ("tests/handouts/test_handout_pdf.py", "-k", "alike_on_every_core"),
    ),
    Mutant(
        "offline PDFs drawn for the copy's own addresses",
        "hooks/fai_site/handouts/pdf.py",
        "    settings = replace(settings, directory_urls=True)\n",
        "",
        ("tests/site/test_offline.py", "-k", "draws_none_again or same_pdfs"),
    ),
    Mutant(
        "handout print script emptied",
        "docs/javascripts/handout.js",
        WHOLE_FILE,
        "",
        ("tests/site/test_offline.py", "-k", "handout_shows"),
    ),
    Mutant(
        "keyboard access script emptied",
        "docs/javascripts/keyboard-access.js",
        WHOLE_FILE,
        "",
        ("tests/site/test_accessibility.py", "-k", "menu_and_search"),
    ),
    Mutant(
        "offline copy built without the offline plugin",
        "mkdocs-offline.yml",
        "  - offline\n",
        "",
        ("tests/site/test_offline.py", "-k", "search"),
    ),
    Mutant(
        "offline copy loads the worker shim from a CDN",
        "mkdocs-offline.yml",
        "  polyfills:\n    - javascripts/vendor/iframe-worker-shim.js\n",
        "",
        ("tests/site/test_offline.py", "-k", "search"),
    ),
    Mutant(
        "Markdown text no longer escapes HTML",
        "hooks/fai_site/pages/templating.py",
        "text = html.escape(str(value), quote=False)",
        "text = str(value)",
        ("tests/pages/test_render.py",),
    ),
    Mutant(
        "editor's guide leaves out a field",
        "hooks/fai_site/catalogue/field_guide.py",
        "for name, info in model.model_fields.items()",
        "for name, info in list(model.model_fields.items())[1:]",
        ("tests/pages/test_site_build.py", "-k", "editors_guide"),
    ),
    # ---- #24: one entry per warning sign, everywhere ------------------------------------
    Mutant(
        "a sign's tier changed on the sheets only",
        "hooks/fai_site/handouts/sheet.py",
        "safety=printed_safety(catalogue.safety, clinic.emergency_number),",
        "safety=printed_safety(catalogue.safety.model_copy(update={'signs': [s.model_copy(update={'tier': "
        "type(s.tier)('today')}) if s.id == 'strangulated-hernia' else s for s in catalogue.safety.signs]}), "
        "clinic.emergency_number),",
        ("tests/handouts/test_handout_sheet.py", "-k", "triage"),
    ),
    Mutant(
        "My program drops the emergency tier",
        "hooks/fai_site/pages/templates/companion_page.md.j2",
        "{% for group in safety.adults %}",
        "{% for group in safety.adults[1:] %}",
        ("tests/pages/test_companion.py", "-k", "red_flags"),
    ),
    Mutant(
        "a marker renders its signs without their tier's action",
        "hooks/fai_site/pages/sign_markers.py",
        "title = md_text(light + group.heading)",
        'title = md_text(light + "Warning signs")',
        ("tests/catalogue/test_warning_signs.py", "-k", "marker_shows"),
    ),
    Mutant(
        "a marker naming no sign passes",
        "hooks/fai_site/catalogue/article_rules.py",
        "    unknown = unknown_in_marker(ids, safety)\n",
        "    unknown = []\n",
        ("tests/catalogue/test_warning_signs.py", "-k", "marker"),
    ),
    Mutant(
        "the urgency rule disabled",
        "hooks/fai_site/catalogue/article_rules.py",
        "    for breach in breaches(text, names):",
        "    for breach in breaches(text, []):",
        ("tests/catalogue/test_editing_rules.py", "-k", "urgency"),
    ),
    Mutant(
        "the urgency rule skipped when the catalogue comes from the cache",
        "hooks/fai_site/cache/generator_cache.py",
        "        check_articles(kept, name=path.name, docs_dir=docs_dir)\n",
        "",
        ("tests/catalogue/test_warning_signs.py", "-k", "rebuild"),
    ),
    Mutant(
        "the urgency rule forgets the section's heading",
        "hooks/fai_site/catalogue/urgency_rule.py",
        "                ids, named = earlier if earlier[0] else section",
        "                ids, named = earlier",
        ("tests/catalogue/test_warning_signs.py", "-k", "reviews_cases"),
    ),
    Mutant(
        "the box moved after the exercises, where a page break can split it",
        "hooks/fai_site/handouts/templates/handout.html.j2",
        HANDOUT_SHEET_PARTS,
        HANDOUT_SHEET_PARTS.replace(HANDOUT_BOX, "") + HANDOUT_BOX,
        ("tests/handouts/test_handout_sheet.py", "-k", "whole_on_the_first_page"),
    ),
    Mutant(
        "the builder's box moved after the exercises, where a page break can split it",
        "hooks/fai_site/pages/templates/handout_builder.html.j2",
        BUILDER_SHEET_PARTS,
        BUILDER_SHEET_PARTS.replace(BUILDER_BOX, "") + BUILDER_BOX,
        ("tests/pages/test_builder.py", "-k", "stays_whole"),
    ),
    Mutant(
        "how to do the program back above the log, so a full first page pushes the taller block on",
        "hooks/fai_site/handouts/templates/handout.html.j2",
        HANDOUT_LOG + HANDOUT_HOW,
        HANDOUT_HOW + HANDOUT_LOG,
        ("tests/handouts/test_handout_print.py", "-k", "ships_pdfs_within"),
    ),
    Mutant(
        "paper hides the children's amber tier",
        "docs/stylesheets/handout.css",
        "  .fai-handout__tier--child-red {\n    margin-top: 0.25em;\n  }\n",
        "  .fai-handout__tier--child-red {\n    margin-top: 0.25em;\n  }\n\n"
        "  .fai-handout__tier--child-amber {\n    display: none;\n  }\n",
        ("tests/handouts/test_handout_sheet.py", "-k", "whole_on_the_first_page"),
    ),
    Mutant(
        "the emergency number setting ignored",
        "hooks/fai_site/site_settings.py",
        "    return found.strip() if isinstance(found, str) and found.strip() else DEFAULT_EMERGENCY_NUMBER",
        "    return DEFAULT_EMERGENCY_NUMBER",
        ("tests/pages/test_clinic_settings.py", "-k", "emergency_number"),
    ),
    Mutant(
        "an unquoted emergency number accepted",
        "hooks/fai_site/site_settings.py",
        "    if not isinstance(found, str):",
        "    if False:",
        ("tests/catalogue/test_warning_signs.py", "-k", "quoted_text"),
    ),
    Mutant(
        "a sign-off shown where nobody has signed",
        "hooks/fai_site/catalogue/clinical_signoff.py",
        "        if self.signoff is None:\n            return NOT_REVIEWED",
        '        if self.signoff is None:\n            return "Clinically reviewed by the editors."',
        ("tests/pages/test_clinic_settings.py", "-k", "no_reviewer"),
    ),
    Mutant(
        "a sign-off still shown after the page changed",
        "hooks/fai_site/catalogue/clinical_signoff.py",
        "ReviewStatus(covering[-1], changed=True)",
        "ReviewStatus(covering[-1], changed=False)",
        ("tests/pages/test_clinic_settings.py", "-k", "changed_after"),
    ),
    Mutant(
        "the hazard log names a test that is gone",
        "CLINICAL-SAFETY.md",
        "`tests/catalogue/test_warning_signs.py::test_the_sites_own_articles_keep_the_rule`",
        "`tests/catalogue/test_warning_signs.py::test_the_sites_articles_keep_the_rule`",
        ("tests/site/test_clinical_safety.py",),
    ),
    Mutant(
        "the stop rule during exercise forgets chest pain",
        "exercises.yaml",
        "chest pain, faintness, or being very short of breath.",
        "faintness, or being very short of breath.",
        ("tests/catalogue/test_warning_signs.py", "-k", "stop_rule"),
    ),
    Mutant(
        "a strength exercise may leave out how to add load",
        "hooks/fai_site/catalogue/model.py",
        'if value is None and info.data.get("category") is Category.STRENGTH:',
        "if False:",
        ("tests/catalogue/test_bad_catalogues.py", "tests/catalogue/test_editing_rules.py", "-k", "load"),
    ),
    Mutant(
        "sheet drops the line on adding load",
        "hooks/fai_site/handouts/templates/handout_parts.html.j2",
        "{% if item.exercise.add_load %}",
        "{% if false %}",
        ("tests/handouts/test_handout_sheet.py", "-k", "every_step or add_load"),
    ),
    Mutant(
        "exercise page drops the line on adding load",
        "hooks/fai_site/pages/templates/exercise_page.md.j2",
        "{% if exercise.add_load %}",
        "{% if false %}",
        ("tests/pages/test_site_build.py", "-k", "every_field"),
    ),
    Mutant(
        "My program hides the line on adding load",
        "docs/javascripts/companion.js",
        'part(".fai-companion__load").hidden = !exercise.addLoad;',
        'part(".fai-companion__load").hidden = true;',
        ("tests/pages/test_companion.py", "-k", "add_load"),
    ),
    Mutant(
        "the seated butterfly goes back to the early phase",
        "exercises.yaml",
        "    phase: [middle]\n    muscles: [inner thigh muscles (adductors)]\n    equipment: [mat, wall]\n",
        "    phase: [early, middle]\n    muscles: [inner thigh muscles (adductors)]\n    equipment: [mat, wall]\n",
        ("tests/catalogue/test_clinical_promises.py",),
    ),
    Mutant(
        "the seated butterfly loses its pinch warning",
        "exercises.yaml",
        "      - Stop if you feel a pinch at the front or side of your hip.\n"
        "      - Keep it gentle. Never force your knees down.\n",
        "      - Keep it gentle. Never force your knees down.\n",
        ("tests/catalogue/test_clinical_promises.py",),
    ),
    Mutant(
        "the anti-rotation press leaves the middle program",
        "exercises.yaml",
        "      - pallof-press\n      - step-up\n",
        "      - step-up\n",
        ("tests/catalogue/test_clinical_promises.py",),
    ),
    Mutant(
        "phase labels give the weeks as fixed",
        "hooks/fai_site/catalogue/model.py",
        'Phase.EARLY: "Early (usually about weeks 0–4)",',
        'Phase.EARLY: "Early (weeks 0–4)",',
        ("tests/catalogue/test_clinical_promises.py",),
    ),
    Mutant(
        "handouts print a program's weeks as fixed",
        "hooks/fai_site/catalogue/model.py",
        "return f\"usually about weeks {found['first']}–{found['last']}\"",
        "return f\"weeks {found['first']}–{found['last']}\"",
        ("tests/handouts/test_handout_sheet.py", "-k", "weeks"),
    ),
    Mutant(
        "the ball between the knees is drawn behind them",
        "hooks/fai_site/pictures/svg/frame.py",
        'props = [s for s in scene.props if s.role not in ("floor", "prop-over")]',
        'props = [s for s in scene.props if s.role != "floor"]',
        ("tests/pictures/test_illustrations.py", "-k", "ball"),
    ),
    Mutant(
        "the door's band ends at the shoulders, not the hands",
        "hooks/fai_site/pictures/props.py",
        'hands = midpoint(frame.points["near_hand"], frame.points["far_hand"])',
        'hands = midpoint(frame.points["near_shoulder"], frame.points["far_shoulder"])',
        ("tests/pictures/test_illustrations.py", "-k", "door"),
    ),
    Mutant(
        "editor's pose page back in the search index",
        "hooks/fai_site/pages/templates/pose_guide.md.j2",
        ', search={"exclude": True}) }}',
        ") }}",
        ("tests/site/test_search.py", "-k", "internal_pages_are_built_but_not_searchable"),
    ),
    Mutant(
        "sport page no longer asks the jogging question a patient types",
        "docs/sport-and-running.md",
        "## Can I go jogging or running again?\n",
        "## Are you ready to run?\n",
        ("tests/site/test_search.py", "-k", "lay_words and jogging"),
    ),
    Mutant(
        "model allows 11 sets",
        "hooks/fai_site/catalogue/model.py",
        'ge=1, le=10, description="How many sets (1–10).")',
        'ge=1, le=11, description="How many sets (1–10).")',
        ("tests/catalogue/test_catalogue_loader.py", "tests/catalogue/test_schema.py"),
    ),
    Mutant(
        "generator cache names pictures by the code on disk",
        "hooks/fai_site/cache/generator_cache.py",
        "return hash_of(sys.version, LOADED_CODE,",
        'return hash_of(sys.version, files_hash("*.py"),',
        ("tests/cache/test_generator_cache.py", "-k", "edited_while_serving"),
    ),
    Mutant(
        "copy of a Material partial drifts from Material's",
        "overrides/partials/toc.html",
        "{% set toc = page.toc %}",
        "{% set toc = page.toc or [] %}",
        ("tests/site/test_material_partials.py",),
    ),
    # ---- #25: the program link and the data check (unit tests under node --test)
    Mutant(
        "program link reads s1e1 as ten sets",
        "docs/javascripts/program-link.js",
        r"/^\d{1,4}$/.test(digits)",
        "!Number.isNaN(Number(digits))",
        ("tests/javascripts/test_units.py",),
    ),
    Mutant(
        "program link keeps any number of exercises",
        "docs/javascripts/program-link.js",
        "if (items.length === rules.maxExercises) {",
        "if (false) {",
        ("tests/javascripts/test_units.py",),
    ),
    Mutant(
        "program link reads a link of any length",
        "docs/javascripts/program-link.js",
        'if (tooLong(fragment, rules)) return program(rules, new URLSearchParams(), [{ kind: "too-long" }]);',
        "",
        ("tests/pages/test_hostile_data.py", "-k", "5000_exercises_is_refused"),
    ),
    Mutant(
        "data check reads inherited keys",
        "docs/javascripts/data-schema.js",
        "(isRecord(object) && Object.hasOwn(object, key) ? object[key] : undefined)",
        "(isRecord(object) ? object[key] : undefined)",
        ("tests/javascripts/test_units.py",),
    ),
    Mutant(
        "data check takes 2026-02-30 for a date",
        "docs/javascripts/data-schema.js",
        "date.getUTCMonth() === month - 1 && date.getUTCDate() === day",
        "month <= 12 && day <= 31",
        ("tests/javascripts/test_units.py",),
    ),
    Mutant(
        "the unit tests emptied",
        "tests/javascripts/program-link.test.js",
        WHOLE_FILE,
        "",
        ("tests/javascripts/test_units.py",),
    ),
    # ---- #25: import that can only add, stored data that never breaks My program
    Mutant(
        "an older export wipes newer sessions",
        "docs/javascripts/companion-store.js",
        "const sessions = [...here];",
        "const sessions = [];",
        ("tests/pages/test_hostile_data.py", "-k", "older_export"),
    ),
    Mutant(
        "a file is added before the patient says so",
        "docs/javascripts/companion.js",
        "    app.pending = merged.store;\n    showPreview(app, read, merged);",
        "    app.pending = merged.store;\n    addFile(app);",
        ("tests/pages/test_hostile_data.py", "-k", "shown_first"),
    ),
    Mutant(
        "an import keeps no backup",
        "docs/javascripts/companion.js",
        "if (!keep(BACKUP_KEY, store().toText(app.store)) || !keep(STORE_KEY, store().toText(merged))) {",
        "if (!keep(STORE_KEY, store().toText(merged))) {",
        ("tests/pages/test_hostile_data.py", "-k", "brought_back"),
    ),
    Mutant(
        "a file too big for the phone is read",
        "docs/javascripts/companion.js",
        "    if (file.size > limit) return say(",
        "    if (false) return say(",
        ("tests/pages/test_hostile_data.py", "-k", "too_big"),
    ),
    Mutant(
        "unreadable stored data is written over",
        "docs/javascripts/companion.js",
        "app.readOnly = (aside !== null && aside !== raw) || !keep(UNREADABLE_KEY, raw);",
        "app.readOnly = false;",
        ("tests/pages/test_hostile_data.py", "-k", "hostile_stored_data"),
    ),
    Mutant(
        "a newer version's data is written over",
        "docs/javascripts/companion.js",
        'app.readOnly = read.status === "newer";',
        "app.readOnly = false;",
        ("tests/pages/test_hostile_data.py", "-k", "newer_version_is_left_alone"),
    ),
    Mutant(
        "a removed exercise breaks its program",
        "docs/javascripts/companion.js",
        'fromTemplate(exercise ? "fai-companion-exercise" : "fai-companion-missing")',
        'fromTemplate("fai-companion-exercise")',
        ("tests/pages/test_hostile_data.py", "-k", "removed_exercise"),
    ),
    Mutant(
        "a long word widens the builder on a phone",
        "docs/stylesheets/handout-builder.css",
        "  overflow-wrap: anywhere;\n",
        "",
        ("tests/pages/test_hostile_data.py", "-k", "120_character"),
    ),
    # ---- #25: the Content-Security-Policy
    Mutant(
        "policy lets any inline script run",
        "hooks/fai_site/pages/security_policy.py",
        """    "script-src": ["'self'"],""",
        """    "script-src": ["'self'", "'unsafe-inline'"],""",
        ("tests/site/test_content_policy.py", "-k", "before_any_script"),
    ),
    Mutant(
        "policy names no inline script",
        "hooks/fai_site/pages/security_policy.py",
        "hashes = list(dict.fromkeys(script_hash(text) for text in inline_scripts(html)))",
        "hashes: list[str] = []",
        ("tests/site/test_content_policy.py", "-k", "online and article"),
    ),
    Mutant(
        "mkdocs serve's live reload left out of the policy",
        "hooks/site_hooks.py",
        "    server._inject_js_into_html = policed(server._inject_js_into_html)  # type: ignore[method-assign]\n",
        "",
        ("tests/site/test_content_policy.py", "-k", "mkdocs_serve"),
    ),
    Mutant(
        "offline search frame set up inline",
        "docs/javascripts/vendor/iframe-worker-shim.js",
        '<script src="${q(f)}" data-url="${q(e)}"><\\/script>',
        '<script>window.fromFrame=1<\\/script><script src="${q(f)}" data-url="${q(e)}"><\\/script>',
        ("tests/site/test_offline.py", "-k", "policy_from_the_folder and search"),
    ),
    Mutant(
        "builder prints the patient's name from an inline style",
        "docs/javascripts/handout-builder.js",
        "    nameSheet.replaceSync(name ?",
        '    document.head.append(Object.assign(document.createElement("style"), { textContent: "@page {}" }));\n'
        "    nameSheet.replaceSync(name ?",
        ("tests/site/test_content_policy.py", "-k", "online and builder"),
    ),
    Mutant(
        "Material's first script differs page by page again",
        "overrides/partials/javascripts/base.html",
        "new URL(document.currentScript.dataset.base,location)",
        'new URL("{{ base_url }}",location)',
        ("tests/site/test_content_policy.py", "-k", "same_policy"),
    ),
    Mutant(
        "the headers file lets other sites frame the site",
        "hooks/fai_site/pages/security_policy.py",
        """"Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'none'",""",
        """"Content-Security-Policy": "object-src 'none'; base-uri 'none'",""",
        ("tests/site/test_content_policy.py", "-k", "frames"),
    ),
    # ---- #25: safe builds
    Mutant(
        "a symbolic link in docs/ is published",
        "hooks/fai_site/source_checks.py",
        "    if path.is_symlink():\n        return (",
        "    if False:\n        return (",
        ("tests/site/test_safe_builds.py", "-k", "symbolic_link and file"),
    ),
    Mutant(
        "make check looks only at the catalogue",
        "hooks/fai_site/cli.py",
        "    unsafe = project.unsafe_sources()\n",
        "    unsafe: list[str] = []\n",
        ("tests/site/test_safe_builds.py", "-k", "symbolic_link and folder"),
    ),
    Mutant(
        "a build writes straight into site/",
        "hooks/fai_site/project.py",
        "        if not self.publishing:\n            return site\n",
        "        return site\n",
        ("tests/site/test_safe_builds.py", "-k", "page_budget"),
    ),
    Mutant(
        "the clinic's logo is not checked first",
        "hooks/fai_site/source_checks.py",
        "    if logo is None:\n        return []\n",
        "    return []\n",
        ("tests/site/test_safe_builds.py", "-k", "logo and missing"),
    ),
    Mutant(
        "invisible characters pass the check",
        "hooks/fai_site/catalogue/invisible_characters.py",
        r'    "[\x00-\x08\x0b-\x1f\x7f-\x9f',
        r'    "[\x00-\x00\x7f-\x7f',
        ("tests/catalogue/test_bad_catalogues.py", "-k", "make_check and invisible"),
    ),
    # ---- #26: the builder a clinic would switch to, and "My program" as a patient lives with it
    Mutant(
        "a rest day offers a full session",
        "docs/javascripts/companion-today.js",
        'if (rest) return "rest";',
        "",
        ("tests/pages/test_companion_plan.py", "-k", "rests_on_day_2"),
    ),
    Mutant(
        "pain that built up overnight changes nothing",
        "docs/javascripts/program-plan.js",
        'return last.morning > last.pain ? "ease" : null;',
        "return null;",
        ("tests/pages/test_companion_plan.py", "-k", "rests_on_day_2"),
    ),
    Mutant(
        "a rest day hides when to get help",
        "docs/javascripts/companion-today.js",
        'app.find(".fai-companion__anyway").hidden = open;',
        'app.find(".fai-companion__anyway").hidden = open;\n    app.find(".fai-companion__help").hidden = resting;',
        ("tests/pages/test_companion_plan.py", "-k", "rests_on_day_2"),
    ),
    Mutant(
        "a card drops how often",
        "docs/javascripts/companion.js",
        ". ${words.capitalized(words.frequency(item.dose))}.`;",
        ".`;",
        ("tests/pages/test_companion_plan.py", "-k", "rests_on_day_2"),
    ),
    Mutant(
        "Today forgets what a saved session did",
        "docs/javascripts/companion.js",
        "for (const id of session.done) done.add(id);",
        "",
        ("tests/pages/test_companion_plan.py", "-k", "today_counts"),
    ),
    Mutant(
        "the check-in sinks below the exercise cards",
        "docs/stylesheets/companion.css",
        "html:has(.fai-companion) {",
        ".fai-companion__settle { order: 9; }\n.fai-companion { display: flex; flex-direction: column; }\n"
        "html:has(.fai-companion) {",
        ("tests/pages/test_companion_plan.py", "-k", "before_the_cards"),
    ),
    Mutant(
        "an empty phone cannot load its backup",
        "docs/javascripts/companion.js",
        '[".fai-companion__today", ".fai-companion__after", ".fai-companion__history"]',
        '[".fai-companion__today", ".fai-companion__after", ".fai-companion__history", ".fai-companion__file"]',
        ("tests/pages/test_companion_plan.py", "-k", "empty_phone"),
    ),
    Mutant(
        "a sheet's code opens the handout, not the program on the phone",
        "hooks/fai_site/handouts/sheet.py",
        "qr_code=kept_qr_svg(phone, cache_dir=settings.qr_cache) if phone else None,",
        "qr_code=kept_qr_svg(settings.public_url(path), cache_dir=settings.qr_cache) if phone else None,",
        ("tests/handouts/test_handout_print.py", "-k", "qr_code_on_screen"),
    ),
    Mutant(
        "the builder's patient link is the builder's own",
        "docs/javascripts/handout-builder.js",
        "#${patientCode(builder)}`;\n  }\n\n  // Editors",
        "#${patientCode(builder)}`.replace(/.*/, location.href);\n  }\n\n  // Editors",
        ("tests/pages/test_builder.py", "-k", "patients_link"),
    ),
    Mutant(
        "the calendar file's days are a day out",
        "docs/javascripts/calendar-file.js",
        'const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];',
        'const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];',
        ("tests/pages/test_companion_plan.py", "-k", "calendar"),
    ),
    Mutant(
        "activity scores are asked for every day",
        "docs/javascripts/companion-psfs.js",
        "const due = next <= app.today();",
        "const due = true;",
        ("tests/pages/test_companion_plan.py", "-k", "weekly_activity"),
    ),
    Mutant(
        "My program never asks to keep its data",
        "docs/javascripts/companion-keep.js",
        "if (kept && !app.persistAsked && !app.readOnly) ask(app);",
        "",
        ("tests/pages/test_companion_plan.py", "-k", "keep_its_data"),
    ),
    Mutant(
        "a week of entries brings no backup nudge",
        "docs/javascripts/companion-keep.js",
        "return planner().daysBetween(first, app.today()) >= app.data.backupAfterDays;",
        "return false;",
        ("tests/pages/test_companion_plan.py", "-k", "keep_its_data"),
    ),
    Mutant(
        "the manifest has no id",
        "hooks/fai_site/pages/templates/companion_manifest.json.j2",
        '  "id": "./",\n',
        "",
        ("tests/pages/test_companion_plan.py", "-k", "manifest"),
    ),
    Mutant(
        "no maskable icon",
        "hooks/fai_site/pages/app_icon.py",
        'return "maskable" if self.maskable else "any"',
        'return "any"',
        ("tests/pages/test_companion_plan.py", "-k", "manifest"),
    ),
    Mutant(
        "red flags small on a phone",
        "docs/stylesheets/companion.css",
        "html:has(.fai-companion) {",
        ".md-typeset .fai-companion__help li {\n  font-size: 0.64rem;\n}\n\nhtml:has(.fai-companion) {",
        ("tests/pages/test_companion_plan.py", "-k", "body_size"),
    ),
    Mutant(
        "an article's warning signs in Material's small admonition text",
        "docs/stylesheets/site.css",
        ".md-typeset .admonition.fai-signs {\n  font-size: inherit;\n}",
        ".md-typeset .admonition.fai-signs {\n}",
        ("tests/site/test_accessibility.py", "-k", "warning_signs_read_at_body_size"),
    ),
    Mutant(
        "a clinic's own exercise without a precaution is taken",
        "docs/javascripts/program-link.js",
        "if (!name || !steps || !care || ",
        "if (!name || !steps || ",
        ("tests/pages/test_builder_clinic.py", "-k", "without_a_precaution"),
    ),
    Mutant(
        "a clinic's own exercise is not marked as the clinic's",
        "hooks/fai_site/pages/templates/handout_builder.html.j2",
        '<p class="fai-handout__own">Your clinic\'s own exercise</p>',
        "",
        ("tests/pages/test_builder_clinic.py", "-k", "custom_exercise_goes"),
    ),
    Mutant(
        "a clinic pack replaces the templates here",
        "docs/javascripts/builder-library.js",
        "const templates = Object.assign(storedTemplates(api), pending.newTemplates);",
        "const templates = { ...pending.newTemplates };",
        ("tests/pages/test_builder_clinic.py", "-k", "clinic_pack"),
    ),
    Mutant(
        "the builder's sheet has no signature line",
        "hooks/fai_site/handouts/templates/handout_parts.html.j2",
        '("signature", "Therapist\'s signature")',
        '("signature", "")',
        ("tests/pages/test_builder_clinic.py", "-k", "goal_review"),
    ),
    Mutant(
        "Adapt drops the program's phase line",
        "hooks/fai_site/pages/program_link.py",
        '"phase": program.phase_line,',
        '"phase": "",',
        ("tests/pages/test_builder_clinic.py", "-k", "adapt_this"),
    ),
    Mutant(
        "keyboard focus hides under the header on a phone",
        "docs/stylesheets/companion.css",
        "html:has(.fai-companion) {\n  scroll-padding-top: 3.5rem;",
        "html:has(.fai-companion) {\n  scroll-padding-top: 0;",
        ("tests/pages/test_companion_plan.py", "-k", "keyboard"),
    ),
    Mutant(
        "keyboard focus hides under Material's header",
        "docs/stylesheets/handout-builder.css",
        "  scroll-padding-top: 3.5rem;",
        "  scroll-padding-top: 0;",
        ("tests/pages/test_builder_clinic.py", "-k", "keyboard_focus"),
    ),
    Mutant(
        "mkdocs serve outlasts Ctrl-C by 20 s",
        "hooks/site_hooks.py",
        "    build.close()\n",
        "    build.close()\n    __import__('time').sleep(20)\n",
        ("tests/site/test_serve_reload.py", "-k", "bad_edit"),
    ),
]


@dataclass
class Outcome:
    mutant: Mutant
    caught_by: str | None
    seconds: float


def copy_tree(destination: Path) -> Path:
    """The project's tracked and new files, with its build caches, in `destination/tree`."""
    tree = destination / "tree"
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tree / name)
    if (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", tree / ".cache")
    return tree


def run_tests(tree: Path, arguments: tuple[str, ...], *, stop_at_first: bool = True) -> tuple[int, str]:
    """pytest on the copy, one process (the runner leaves the other core to the browser)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(tree / "hooks"))
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-o",
        "addopts=-rfE --strict-markers",
        "-p",
        "no:cacheprovider",
        *(["-x"] if stop_at_first else []),
        *arguments,
    ]
    try:
        completed = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return -1, "timed out"
    return completed.returncode, completed.stdout + completed.stderr


def first_failure(returncode: int, output: str) -> str | None:
    """The test that failed, or None when the run passed (or caught nothing it could name)."""
    if returncode in (0, 5):  # 5: no test selected, which catches nothing either
        return None
    found = FAILED_LINE.search(output)
    return found.group(1) if found else f"pytest exit {returncode}"


def try_mutant(tree: Path, mutant: Mutant) -> Outcome:
    started = time.monotonic()
    original = mutant.apply(tree)
    try:
        caught_by = first_failure(*run_tests(tree, mutant.tests))
    finally:
        (tree / mutant.path).write_text(original, encoding="utf-8")
    return Outcome(mutant, caught_by, time.monotonic() - started)


def unbroken_failures(tree: Path, outcomes: list[Outcome]) -> set[str]:
    """The catching tests that fail on the unbroken copy too: they caught nothing."""
    node_ids = sorted({outcome.caught_by for outcome in outcomes if outcome.caught_by and "::" in outcome.caught_by})
    if not node_ids:
        return set()
    returncode, output = run_tests(tree, tuple(node_ids), stop_at_first=False)
    return set(FAILED_LINE.findall(output)) if returncode else set()


def table(outcomes: list[Outcome], unbroken: set[str]) -> str:
    rows = ["| # | Edit | File | Caught by | Seconds |", "|---|---|---|---|---|"]
    for number, outcome in enumerate(outcomes, 1):
        if outcome.caught_by is None:
            verdict = "**SURVIVED**"
        elif outcome.caught_by in unbroken or "::" not in outcome.caught_by:
            verdict = f"**not caught** ({outcome.caught_by} fails without the edit too)"
        else:
            verdict = f"`{outcome.caught_by.removeprefix('tests/')}`"
        rows.append(
            f"| {number} | {outcome.mutant.name} | `{outcome.mutant.path}` | {verdict} | {outcome.seconds:.0f} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="run only these mutants (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    options = parser.parse_args()
    if options.list:
        print("\n".join(mutant.name for mutant in MUTANTS))
        return 0
    chosen = [mutant for mutant in MUTANTS if not options.names or mutant.name in options.names]
    if options.names and len(chosen) != len(set(options.names)):
        parser.error("unknown mutant; --list names them")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fai-mutants-") as folder:
        tree = copy_tree(Path(folder))
        outcomes = []
        for mutant in chosen:
            outcome = try_mutant(tree, mutant)
            print(
                f"{mutant.name}: {'caught by ' + outcome.caught_by if outcome.caught_by else 'SURVIVED'} "
                f"({outcome.seconds:.0f} s)",
                flush=True,
            )
            outcomes.append(outcome)
        unbroken = unbroken_failures(tree, outcomes)
    print()
    print(table(outcomes, unbroken))
    caught = sum(
        1
        for outcome in outcomes
        if outcome.caught_by and "::" in outcome.caught_by and outcome.caught_by not in unbroken
    )
    print(f"\n{caught} of {len(outcomes)} edits caught in {(time.monotonic() - started) / 60:.1f} min.")
    return 0 if caught == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
