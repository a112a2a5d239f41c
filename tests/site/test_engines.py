"""One tree, three engines: MkDocs with hooks, ProperDocs with the same hooks, and the generated tree (no hooks)
under MkDocs and Zensical.

PDFs are off (HANDOUT_PDFS=0): the handout tests check them; here they would only cost time.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TEST_SITE_URL
from html_reading import article, parse, text

from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.model import Catalogue

# What may differ between two engines' builds of the same tree: the name and version they print.
GENERATOR_STRINGS = re.compile(
    rb'<meta name="generator" content="[^"]*">|(?:MkDocs|ProperDocs) \d+(?:\.\d+)+|Material for (?:MkDocs|ProperDocs)'
)
# Only the hooks add schema.org data (on_page_context), so only the hooked builds carry it.
JSON_LD = re.compile(rb'<script type="application/ld\+json">.*?</script>\s*', re.S)
# The Content-Security-Policy hashes the finished page's scripts, which only a hook can do.
POLICY = re.compile(
    rb'<meta http-equiv="Content-Security-Policy" content="[^"]*"><meta name="referrer" content="[^"]*">'
)
HOOKS_ONLY = re.compile(JSON_LD.pattern + rb"|" + POLICY.pattern, re.S)
# Where the hooks' data was, the template leaves its indentation: compare with runs of white space as one space.
WHITE_SPACE = re.compile(rb"\s+")


def engine_env() -> dict[str, str]:
    return dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        SITE_URL=TEST_SITE_URL,
        PYTHONPATH=str(ROOT / "hooks"),
        HANDOUT_PDFS="0",
        SOURCE_DATE_EPOCH="1764806400",
    )


def run(command: list[str], *, cwd: Path = ROOT) -> str:
    completed = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=engine_env(), timeout=600, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout + completed.stderr


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def in_page_order(files: dict[str, bytes]) -> dict[str, bytes]:
    """The search index and sitemap with their entries sorted: the hooks add their pages after docs/'s, MkDocs sorts a
    folder's."""
    index = json.loads(files["search/search_index.json"])
    index["docs"].sort(key=lambda entry: entry["location"])
    sitemap = gzip.decompress(files["sitemap.xml.gz"])
    urls = sorted(re.findall(rb"<url>.*?</url>", files["sitemap.xml"], re.S))
    return {
        **files,
        "search/search_index.json": json.dumps(index, sort_keys=True).encode(),
        "sitemap.xml": b"".join(urls),
        "sitemap.xml.gz": b"".join(sorted(re.findall(rb"<url>.*?</url>", sitemap, re.S))),
    }


def differing(first: dict[str, bytes], second: dict[str, bytes], *, ignore: re.Pattern[bytes]) -> list[str]:
    names = sorted(set(first) | set(second))

    def kept(content: bytes) -> bytes:
        return WHITE_SPACE.sub(b" ", ignore.sub(b"", content))

    return [name for name in names if kept(first.get(name, b"missing")) != kept(second.get(name, b"missing"))]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory, site_engines: dict[str, list[str]]) -> Path:
    site = tmp_path_factory.mktemp("mkdocs") / "site"
    run([*site_engines["mkdocs"], "build", "--strict", "--site-dir", str(site)])
    return site


@pytest.fixture(scope="module")
def generated_tree(tmp_path_factory: pytest.TempPathFactory, site_engines: dict[str, list[str]]) -> Path:
    tree = tmp_path_factory.mktemp("generated") / "tree"
    run([*site_engines["generate"], str(tree)])
    return tree


# ---- ProperDocs ---------------------------------------------------------------------------


def test_properdocs_builds_the_same_site_as_mkdocs(
    mkdocs_site: Path, tmp_path: Path, site_engines: dict[str, list[str]]
) -> None:
    site = tmp_path / "site"
    run(
        [
            *site_engines["properdocs"],
            "build",
            "--strict",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ]
    )
    mkdocs, properdocs = site_files(mkdocs_site), site_files(site)
    assert mkdocs.keys() == properdocs.keys()
    assert differing(mkdocs, properdocs, ignore=GENERATOR_STRINGS) == []


# ---- The generated tree -------------------------------------------------------------------


def test_generated_tree_fills_the_safety_lists(generated_tree: Path, catalogue: Catalogue) -> None:
    page = (generated_tree / "docs" / "when-to-get-help.md").read_text(encoding="utf-8")
    assert "<!-- safety:" not in page and "<!-- signs:" not in page
    for sign in catalogue.safety.signs:
        assert " ".join(sign.text.split()).rstrip(".") in page.replace("\\", "")
    assert "Not yet reviewed by a named clinician." in page


def test_generated_tree_fills_the_exercise_guide_lists(generated_tree: Path, catalogue: Catalogue) -> None:
    page = (generated_tree / "docs" / "exercise-guide.md").read_text(encoding="utf-8")
    assert "<!-- exercises:" not in page
    assert all(
        f"- [{exercise.name}](exercises/{exercise.id}.md): {exercise.summary}" in page
        for exercise in catalogue.exercises
    )


def test_generated_tree_has_no_hooks(generated_tree: Path) -> None:
    config = (generated_tree / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nhooks:" not in config
    assert f"site_url: {TEST_SITE_URL}" in config


def test_generate_never_empties_a_folder_it_did_not_write(tmp_path: Path) -> None:
    kept = tmp_path / "notes" / "mine.txt"
    kept.parent.mkdir()
    kept.write_text("keep me", encoding="utf-8")
    for folder in (kept.parent, ROOT, ROOT / "docs" / "tree"):
        completed = subprocess.run(
            [sys.executable, "-m", "fai_site.cli", "generate", str(folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=engine_env(),
            check=False,
        )
        assert completed.returncode == 1 and str(folder) in completed.stderr, completed.stderr
    assert kept.read_text(encoding="utf-8") == "keep me"
    assert not (ROOT / "docs" / "tree").exists()


def test_plain_mkdocs_builds_the_generated_tree_as_the_hooks_build_the_site(
    generated_tree: Path, mkdocs_site: Path, tmp_path: Path, site_engines: dict[str, list[str]]
) -> None:
    """Every page and picture the same, byte for byte, but for the schema.org data and the policy only hooks add."""
    site = tmp_path / "site"
    run([*site_engines["mkdocs"], "build", "--strict", "--site-dir", str(site)], cwd=generated_tree)
    hooked, plain = in_page_order(site_files(mkdocs_site)), in_page_order(site_files(site))
    assert hooked.keys() == plain.keys()
    assert differing(hooked, plain, ignore=HOOKS_ONLY) == []


def test_zensical_builds_the_generated_tree(
    generated_tree: Path, catalogue: Catalogue, site_engines: dict[str, list[str]]
) -> None:
    """Every exercise, index and handout page there, with its text (Zensical runs no hooks, so it needs the tree)."""
    run([*site_engines["zensical"], "build", "--clean"], cwd=generated_tree)
    site = generated_tree / "site"
    pages = {
        "exercises/index.html": [exercise.name for exercise in catalogue.exercises],
        "handouts/index.html": [program.title for program in catalogue.programs],
        "when-to-get-help/index.html": [sign.text for sign in catalogue.safety.signs],
        **{
            f"exercises/{exercise.id}/index.html": [exercise.name, exercise.summary, *exercise.steps]
            for exercise in catalogue.exercises
        },
        **{
            f"handouts/{program.id}/index.html": [
                program.title,
                *(catalogue.exercise(item.id).name for item in program.exercises),
            ]
            for program in catalogue.programs
        },
    }
    missing = []
    for path, words in pages.items():
        assert (site / path).is_file(), f"Zensical built no {path}"
        shown = text(article(parse((site / path).read_text(encoding="utf-8"))))
        missing.extend(f"{path}: {said!r}" for said in words if " ".join(said.split()) not in shown)
    assert missing == []
