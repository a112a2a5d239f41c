"""Two builds of the same sources give the same site, byte for byte, PDFs and sitemap included.

The run's shared build of the real site (from the project, with whatever its caches hold) is
compared with a build of a fresh copy of the project, without caches, in another folder and
with another hash seed, so the copy reuses none of the other's work and no absolute path or
set order can hide. Both honour SOURCE_DATE_EPOCH, as `make build` sets it.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, BuildResult, build_epoch

# What a fresh clone would not have: build output, caches, the environment.
NOT_SOURCES = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".cache",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".import_linter_cache",
    "node_modules",
    "__pycache__",
    "site",
    "site-offline",
    "*.zip",
)


def start_build(mkdocs: list[str], env: dict[str, str], project: Path, hash_seed: str) -> subprocess.Popen[str]:
    """Start a strict build of a fresh copy of the project into `project`/site."""
    shutil.copytree(ROOT, project, ignore=NOT_SOURCES)
    env = env | {
        "PYTHONHASHSEED": hash_seed,
        "PYTHONPATH": str(project / "hooks"),
    }
    command = [
        *mkdocs,
        "build",
        "--strict",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--site-dir",
        str(project / "site"),
    ]
    return subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def two_builds(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    site_engines: dict[str, list[str]],
    pdf_build_env: dict[str, str],
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Both sites as (path → bytes): the shared build's, and a fresh copy's.

    The fresh copy is built before the shared build is asked for: at the start of a run the
    other worker is making the shared one, and this file goes out second (tests/scheduling.py),
    so the two builds run side by side instead of one core waiting for the other.
    """
    project = tmp_path_factory.mktemp("reproducible") / "fresh"
    build = start_build(site_engines["mkdocs"], pdf_build_env, project, hash_seed="2")
    output, _ = build.communicate(timeout=600)
    assert build.returncode == 0, output
    built_site: BuildResult = request.getfixturevalue("built_site")
    return site_files(built_site.site), site_files(project / "site")


def test_two_builds_are_byte_identical(two_builds: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    first, second = two_builds
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"{len(differing)} files differ: {differing[:20]}"


def test_dates_come_from_source_date_epoch(two_builds: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    """The sitemap's lastmod is the one date every page carries; it must be the fixed one."""
    day = datetime.datetime.fromtimestamp(int(build_epoch()), datetime.UTC).date().isoformat()
    sitemap = two_builds[0]["sitemap.xml"].decode()
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{day}</lastmod>") > 0
