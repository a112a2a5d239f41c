"""`make check`, `make schema`, `make generate` and `make fingerprints`: the catalogue's own commands, without
building the site.

Run as `python -m fai_site.cli check exercises.yaml` with `hooks/` on PYTHONPATH. They
print the same messages as the build, so a pre-commit hook or an editor's terminal
shows exactly what `mkdocs build` would. `generate OUT` writes the site's sources, the
generated pages as files, into OUT for an engine that runs no hooks (Zensical).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fai_site.catalogue.model import Catalogue
from fai_site.catalogue.problems import CatalogueError, Level, count
from fai_site.project import CONFIG_NAME, Project
from fai_site.source_checks import UnsafeSourceError


def check(catalogue_file: Path, docs_dir: Path | None = None, *, cache_dir: Path | None = None) -> int:
    """0 when the build would accept the catalogue and the files of docs/; otherwise 1, every problem on standard error.

    Warnings and problems in drafts are printed too, as the build prints them, but pass as they pass there.
    With `cache_dir`, reading grades are kept there (the build's own file), so only changed texts are measured.
    """
    project = Project.of_catalogue(catalogue_file, docs_dir=docs_dir)
    # docs/ is published as it is: a link to a file elsewhere would publish that file.
    unsafe = project.unsafe_sources()
    try:
        checked = project.check(grades_dir=cache_dir)
    except CatalogueError as error:
        print(error.report(), file=sys.stderr)
        if unsafe:
            print(UnsafeSourceError(unsafe).report(), file=sys.stderr)
        return 1
    if unsafe:
        print(UnsafeSourceError(unsafe).report(), file=sys.stderr)
        return 1
    if checked.notes:
        print(checked.report(), file=sys.stderr)
    catalogue = checked.catalogue
    drafts = f" ({count(len(checked.drafts), 'draft')} left out)" if checked.drafts else ""
    print(
        f"{catalogue_file.name}: OK — {count(len(catalogue.exercises), 'exercise')} and "
        f"{count(len(catalogue.programs), 'program')} to publish{drafts}."
    )
    warnings = sum(problem.level is Level.WARNING for problem in checked.notes)
    if warnings:
        # Said last, where the eye lands: a warning passes here, but fails this project's tests for its own catalogue.
        blocks = "it blocks" if warnings == 1 else "they block"
        print(
            f"Before you commit, fix the {count(warnings, 'warning')} above: {blocks} no build, but this project's "
            "tests accept none in its own catalogue.",
            file=sys.stderr,
        )
    return 0


def schema_text() -> str:
    """The JSON Schema editors' tools use for completion, from the same models as the build."""
    schema = Catalogue.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Hip Impingement & PT exercise catalogue"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def generate(project: Project, out: Path) -> int:
    """Write the site's sources into `out`; 1, with every problem on standard error, for a bad catalogue."""
    from fai_site.generated_tree import TreeFolderError, write_tree

    try:
        tree = write_tree(project, out)
    except CatalogueError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except (TreeFolderError, ValueError) as error:
        # A bad setting in mkdocs.yml (the emergency number, a sign-off) or a marker naming no sign, located.
        print(error, file=sys.stderr)
        return 1
    pdfs = f", {len(tree.pdfs)} handout PDFs" if tree.pdfs else ""
    print(
        f"{out}: docs/ with {len(tree.generated)} generated pages and pictures{pdfs}, and {tree.config.name} without "
        "hooks."
    )
    return 0


def print_fingerprints(project: Path) -> int:
    """Each article's and the catalogue's fingerprint now, as the `signed:` lines of a sign-off in mkdocs.yml."""
    from fai_site.catalogue.clinical_signoff import fingerprints

    print("      signed:  # keep only the texts the reviewer read")
    for key, value in fingerprints(project=project, docs_dir=project / "docs").items():
        print(f"        {key}: {value}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fai_site.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", help="validate the catalogue and print every problem")
    check_command.add_argument("catalogue", type=Path)
    check_command.add_argument(
        "--docs-dir", type=Path, help="where pictures are looked up (default: docs/ next to the catalogue)"
    )
    check_command.add_argument(
        "--cache-dir", type=Path, help="where to keep reading grades between runs (default: nowhere)"
    )
    schema_command = commands.add_parser("schema", help="write the JSON Schema")
    schema_command.add_argument("output", type=Path)
    generate_command = commands.add_parser(
        "generate",
        help="write docs/ with every generated page and picture, and a mkdocs.yml without hooks, into a folder",
    )
    generate_command.add_argument("output", type=Path, help="the folder to write (emptied first); not inside docs/")
    generate_command.add_argument(
        "--project", type=Path, default=Path(), help="the folder with mkdocs.yml and exercises.yaml (default: here)"
    )
    fingerprints_command = commands.add_parser(
        "fingerprints", help="print each article's and the catalogue's fingerprint, for a clinical sign-off"
    )
    fingerprints_command.add_argument("--project", type=Path, default=Path(), help="the folder with mkdocs.yml")
    arguments = parser.parse_args(argv)
    if arguments.command == "fingerprints":
        return print_fingerprints(arguments.project)
    if arguments.command == "check":
        return check(arguments.catalogue, arguments.docs_dir, cache_dir=arguments.cache_dir)
    if arguments.command == "generate":
        # HANDOUT_PDFS=0 leaves the PDFs out (and the pages' links to them), as it does for a build.
        try:
            project = Project.read(arguments.project / CONFIG_NAME)
        except ValueError as error:  # a setting no page may print: the emergency number, a sign-off
            print(error, file=sys.stderr)
            return 1
        return generate(project, arguments.output)
    arguments.output.write_text(schema_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
