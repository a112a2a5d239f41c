"""The browser modules' unit tests, under Node's own test runner (`node --test`), as part of `make test`.

The pure functions of the builder's and My program's scripts (the program link, the data
checks, what My program keeps and how a file merges into it) are tested in JavaScript,
where they run. They read the pages' rules and the catalogue's programs from a fixture
this test writes from the Python side, so both sides are held to the same numbers.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from js_fixture import fixture

HERE = Path(__file__).parent
TEST_FILES = sorted(path.name for path in HERE.glob("*.test.js"))


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pages' rules and the catalogue's programs, written once for every file."""
    path = tmp_path_factory.mktemp("js") / "fixture.json"
    path.write_text(json.dumps(fixture()), encoding="utf-8")
    return path


@pytest.mark.parametrize("test_file", TEST_FILES)
def test_the_browser_modules_pass_their_unit_tests(data: Path, test_file: str) -> None:
    """Each file runs on its own, so a file emptied or skipped fails by name: Node counts an empty file as one
    passing test, named by its path, so only the tests it names count."""
    node = shutil.which("node")
    assert node, "Node.js is missing: run 'sudo apt-get install nodejs' (Debian/Ubuntu), then 'make test' again."
    completed = subprocess.run(
        [node, "--test", "--test-reporter=tap", str(HERE / test_file)],
        check=False,
        capture_output=True,
        text=True,
        env=dict(os.environ, FAI_JS_FIXTURE=str(data)),
        timeout=300,
    )
    output = completed.stdout + completed.stderr
    failed = re.search(r"^# fail (\d+)$", output, re.MULTILINE)
    assert completed.returncode == 0 and failed and failed[1] == "0", output
    named = [name for name in re.findall(r"^# Subtest: (.+)$", output, re.MULTILINE) if not name.endswith(".test.js")]
    assert named, f"{test_file} holds no test:\n{output}"
