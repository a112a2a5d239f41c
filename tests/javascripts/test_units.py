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

from js_fixture import fixture

HERE = Path(__file__).parent
# Fewer than this many passing tests means files were skipped or emptied.
AT_LEAST = 25


def test_the_browser_modules_pass_their_unit_tests(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is missing: run 'sudo apt-get install nodejs' (Debian/Ubuntu), then 'make test' again."
    data = tmp_path / "fixture.json"
    data.write_text(json.dumps(fixture()), encoding="utf-8")
    completed = subprocess.run(
        [node, "--test", "--test-reporter=tap", str(HERE)],
        check=False,
        capture_output=True,
        text=True,
        env=dict(os.environ, FAI_JS_FIXTURE=str(data)),
        timeout=300,
    )
    output = completed.stdout + completed.stderr
    passed = re.search(r"^# pass (\d+)$", output, re.MULTILINE)
    failed = re.search(r"^# fail (\d+)$", output, re.MULTILINE)
    assert completed.returncode == 0 and failed and failed[1] == "0", output
    assert passed and int(passed[1]) >= AT_LEAST, output
