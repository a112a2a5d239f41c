"""The order the two workers take the test files in: the longest first.

`--dist loadfile` hands out whole files, one at a time, to whichever worker is free. Handed out
in the order they were collected, a long file collected last ran alone at the end while the
other core sat idle (test_serve_reload.py, for 80 s of a 595 s run). Longest first, the last
files are short and both cores stay busy to the end.

The ranking is measured, not worked out: a stale one costs time, never a result. A file
named here that no longer exists stops the run, so the list cannot rot quietly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

# Seconds of test time per file on 2 cores (`pytest --durations=0`, 2026-12-08), longest first; the rest are shorter.
LONGEST_FIRST = (
    "tests/site/test_accessibility.py",  # 121
    # Second, though shorter: its own build runs beside the first file's wait for the run's shared build.
    "tests/site/test_reproducible.py",  # 35
    "tests/pages/test_builder.py",  # 108
    "tests/pictures/test_exercise_motion.py",  # 71
    "tests/handouts/test_handout_pdf.py",  # 45
    "tests/pages/test_hostile_data.py",  # 41
    "tests/handouts/test_handout_print.py",  # 41
    "tests/site/test_safe_builds.py",  # 40
    "tests/site/test_privacy.py",  # 33
    "tests/pages/test_builder_clinic.py",  # 30
    "tests/pages/test_companion.py",  # 30
    "tests/site/test_serve_reload.py",  # 28
    "tests/pages/test_companion_plan.py",  # 25
    "tests/pages/test_clinic_settings.py",  # 24
    "tests/site/test_content_policy.py",  # 21
    "tests/handouts/test_handout_tag_layout.py",  # 17
    "tests/site/test_offline.py",  # 16
    "tests/handouts/test_handout_tags.py",  # 14
)


def longest_first(items: list[pytest.Item], root: Path) -> None:
    """Put the files of LONGEST_FIRST first, in its order; the others keep theirs, after them."""
    missing = [name for name in LONGEST_FIRST if not (root / name).is_file()]
    if missing:
        raise pytest.UsageError(f"tests/scheduling.py names test files that are gone: {', '.join(missing)}")
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))
