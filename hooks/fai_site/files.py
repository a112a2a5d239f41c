"""Writing into the build caches under `.cache/`, which several builds may share: a leaf every package may use."""

from __future__ import annotations

import os
from pathlib import Path


def store(target: Path, content: bytes) -> None:
    """Write through a temporary file, so an interrupted build never leaves half a file to be read back."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    partial.write_bytes(content)
    partial.replace(target)
