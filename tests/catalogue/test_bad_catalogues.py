"""A corpus of bad catalogues: each one is explained, located, and harmless.

Every file in fixtures/bad/ is minimal.yaml with one kind of mistake (many-problems.yaml
has several). Its first lines say what must be reported, as `# expect: LINE: fragment`:
some message must name that line and contain the fragment, which holds the field path
and, where one applies, the suggestion. All of them are checked through `make check`'s
code in-process, which is fast; a few also go through a real `mkdocs build` over a site
built before, to prove the build fails cleanly and leaves that site byte for byte.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, SiteBuilder, fixture_text, make_project

from fai_site.cli import check

BAD = FIXTURES / "bad"
EXPECTATION = re.compile(rb"^# expect: (\d+): (.+)$", re.MULTILINE)
THROUGH_THE_BUILD = [
    "syntax-unclosed-bracket",
    "alias-bomb",
    "injection-attempt",
    "id-outside-the-site",
    "duplicate-key",
    "many-problems",
    "invisible-characters",
]


@dataclass(frozen=True)
class Expected:
    line: int
    fragment: str


def expectations(path: Path) -> list[Expected]:
    return [Expected(int(line), fragment.decode("utf-8")) for line, fragment in EXPECTATION.findall(path.read_bytes())]


def bad_catalogues() -> list[Path]:
    return sorted(BAD.glob("*.yaml"))


def assert_reported(output: str, source_name: str, path: Path) -> None:
    assert "Traceback" not in output
    lines = output.splitlines()
    for expected in expectations(path):
        located = [line for line in lines if line.startswith(f"{source_name}:{expected.line}:")]
        assert any(expected.fragment in line for line in located), (
            f"{path.name}: no message on line {expected.line} with {expected.fragment!r}:\n{output}"
        )


def digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_corpus_covers_at_least_twenty_mistakes_each_with_an_expectation() -> None:
    assert len(bad_catalogues()) >= 20
    assert all(expectations(path) for path in bad_catalogues())
    assert {f"{name}.yaml" for name in THROUGH_THE_BUILD} <= {path.name for path in bad_catalogues()}


@pytest.mark.parametrize("path", bad_catalogues(), ids=lambda path: path.stem)
def test_make_check_locates_and_explains(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(path, docs_dir=tmp_path) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_reported(captured.err, path.name, path)


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory, site_builder: SiteBuilder) -> Path:
    """A fixture project with its site built from the good catalogue, copied by each test."""
    folder = tmp_path_factory.mktemp("good")
    config = make_project(folder, fixture_text("minimal.yaml"))
    result = site_builder(config, folder / "site")
    assert result.returncode == 0, result.output
    return folder


@pytest.mark.parametrize("name", THROUGH_THE_BUILD)
def test_mkdocs_build_stops_cleanly_and_keeps_the_last_good_site(
    name: str, good_project: Path, tmp_path: Path, site_builder: SiteBuilder
) -> None:
    project = tmp_path / "project"
    shutil.copytree(good_project, project)
    before = digest(project / "site")
    bad = BAD / f"{name}.yaml"
    (project / "exercises.yaml").write_bytes(bad.read_bytes())
    result = site_builder(project / "mkdocs.yml", project / "site")
    assert result.returncode != 0
    assert_reported(result.output, "exercises.yaml", bad)
    assert "\x1b" not in result.output, "catalogue text must not reach the terminal as control characters"
    assert "Nothing was built, and site/ was left as it was." in result.output
    assert digest(project / "site") == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project"], "nothing may be written outside the project"
