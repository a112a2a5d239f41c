"""What a build may read and publish, checked before it starts: files of the project itself, as they are.

MkDocs copies every file of `docs/` into the site, following symbolic links: a link to
`/proc/self/environ` would publish the build machine's environment, and a stranger's pull
request could add one. So a build (and `make check`) refuses any file or folder in
`docs/` that is a symbolic link, is not a plain file, or resolves outside `docs/`, and the
same for the paths the configuration names (`extra.clinic.logo`). The build's date
(`SOURCE_DATE_EPOCH`) is checked here too, so that every mistake an editor or a CI setting
can make is reported before `site/` is touched, with where it is.
"""

from __future__ import annotations

import datetime
import os
import stat
from pathlib import Path, PurePosixPath


class UnsafeSourceError(Exception):
    """Files or settings a build must not use, each message naming where it is."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems

    def report(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'s' if count > 1 else ''} with the site's files or settings:"
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


def docs_problems(docs_dir: Path, project: Path) -> list[str]:
    """Every file or folder in `docs_dir` the site must not publish, as `docs/path: what is wrong`."""
    if docs_dir.is_symlink():
        return [
            f"{shown(docs_dir, project)}: is a symbolic link; the site's pages must be a folder of the project itself"
        ]
    problems = []
    for folder, folders, files in os.walk(docs_dir):
        for entry in sorted([*folders, *files]):
            path = Path(folder, entry)
            problem = file_problem(path, docs_dir)
            if problem:
                problems.append(f"{shown(path, project)}: {problem}")
        folders[:] = [entry for entry in folders if not Path(folder, entry).is_symlink()]
    return problems


def file_problem(path: Path, docs_dir: Path) -> str | None:
    """Why the site must not publish `path`, or None."""
    if path.is_symlink():
        return (
            f"is a symbolic link (to {os.readlink(path)}); the site publishes only files of the project itself: "
            "copy the file in instead"
        )
    mode = path.lstat().st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "is not an ordinary file; delete it"
    if not inside(path, docs_dir):
        return f"leads outside {docs_dir.name}/; copy the file in instead"
    return None


def logo_problems(logo: str | None, *, docs_dir: Path, project: Path, config_name: str) -> list[str]:
    """The clinic's logo (`extra.clinic.logo` in `config_name`): a plain file of `docs/`, or nothing."""
    if logo is None:
        return []
    where = f"{config_name}: extra.clinic.logo"
    parts = PurePosixPath(logo).parts
    if not logo.strip() or PurePosixPath(logo).is_absolute() or ".." in parts or "\\" in logo:
        return [f"{where}: must be a path inside {docs_dir.name}/, without '..' or a leading '/' (got {logo!r})"]
    path = docs_dir / logo
    for step in (docs_dir.joinpath(*parts[:depth]) for depth in range(1, len(parts) + 1)):
        if step.is_symlink():
            return [f"{where}: {shown(step, project)} is a symbolic link; copy the picture in instead"]
    if not path.is_file():
        return [f"{where}: file not found: {shown(path, project)}"]
    if not inside(path, docs_dir):
        return [f"{where}: {shown(path, project)} leads outside {docs_dir.name}/"]
    return []


def source_date_problems(value: str | None) -> list[str]:
    """SOURCE_DATE_EPOCH, which dates the PDFs: whole seconds since 1970, up to the year 9999."""
    if not value:
        return []
    try:
        moment = datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC)
    except (ValueError, OverflowError, OSError):
        moment = None
    if moment is None or moment.year < 1970:
        return [
            "SOURCE_DATE_EPOCH: must be a whole number of seconds since 1970, such as the last commit's time "
            f"(git log -1 --format=%ct); got {value!r}"
        ]
    return []


def inside(path: Path, project: Path) -> bool:
    return path.resolve().is_relative_to(project.resolve())


def shown(path: Path, project: Path) -> str:
    """The path as the editor knows it: from the project's folder."""
    try:
        return path.relative_to(project).as_posix()
    except ValueError:
        return str(path)
