"""The clinical safety record (CLINICAL-SAFETY.md) cannot go stale.

Each hazard names the tests that hold its control, by pytest node id. Every one must exist
and be collected: a test renamed or deleted without the log changing would leave a hazard
with a control that nothing checks, and the log would still read as if it did.
"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, build_env

RECORD = ROOT / "CLINICAL-SAFETY.md"
NODE_ID = re.compile(r"`(tests/[\w/]+\.py::\w+)`")
HAZARD = re.compile(r"^### (H\d+)\. (.+)$", re.MULTILINE)


def named_tests(text: str) -> list[str]:
    return NODE_ID.findall(text)


def collected(files: list[str]) -> set[str]:
    """The node ids pytest collects from `files`, as `pytest --collect-only -q` lists them."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-p", "no:cacheprovider", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=build_env(),
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {line.strip() for line in result.stdout.splitlines() if "::" in line}


def test_every_test_the_hazard_log_names_exists_and_is_collected() -> None:
    names = named_tests(RECORD.read_text(encoding="utf-8"))
    assert len(names) >= 20
    found = collected(sorted({name.split("::")[0] for name in names}))
    missing = [name for name in names if not any(node == name or node.startswith(f"{name}[") for node in found)]
    assert missing == []


def test_every_hazard_names_its_cause_control_and_tests() -> None:
    text = RECORD.read_text(encoding="utf-8")
    hazards = HAZARD.findall(text)
    assert [number for number, _ in hazards] == [f"H{index}" for index in range(1, len(hazards) + 1)]
    sections = HAZARD.split(text)[1:]
    for number, title, body in zip(sections[::3], sections[1::3], sections[2::3], strict=True):
        assert "**Controls:**" in body and "**Tests:**" in body, number
        assert named_tests(body), f"{number} ({title}) names no test"


def test_the_record_names_no_reviewer_the_site_does_not() -> None:
    """The log and the site agree: nobody has signed, so nobody is named."""
    text = RECORD.read_text(encoding="utf-8")
    assert "**None named yet.**" in text and "**Nobody has signed yet.**" in text
    assert "clinical_signoff: []" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
