"""A build writes into a fresh folder, which replaces the published one only once the whole build has succeeded.

MkDocs empties `site/` first and fills it page by page: a build that fails half-way (a
PDF that cannot be drawn, a handout over its page budget, which `--strict` turns into a
failure only once every page is written) would leave an empty or half-new `site/`, and a
host syncing it would publish that. So the build goes into a new folder beside `site/`,
and `publish` swaps it in at the end; a failed build's folder is deleted and `site/`
stays byte for byte as it was.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

# The new folder's name beside the site's: hidden, and ignored by git (.gitignore).
BUILDING = ".{name}.building-{token}"
REPLACED = ".{name}.replaced-{token}"


@dataclass(frozen=True)
class FreshFolder:
    """Where this build writes (`folder`), and the folder it will replace (`site`)."""

    site: Path
    folder: Path

    @classmethod
    def beside(cls, site: Path, *, keep_files: bool = False) -> FreshFolder:
        """A new, empty folder next to `site` (so the swap is a rename); with `keep_files`, a copy of `site`."""
        site.parent.mkdir(parents=True, exist_ok=True)
        folder = site.parent / BUILDING.format(name=site.name, token=uuid.uuid4().hex[:12])
        if keep_files and site.is_dir():
            shutil.copytree(site, folder, symlinks=True)
        else:
            folder.mkdir()
        return cls(site, folder)

    def publish(self) -> None:
        """The new folder becomes `site`; the old one is deleted once it is out of the way."""
        replaced = None
        if self.site.exists() or self.site.is_symlink():
            replaced = self.site.parent / REPLACED.format(name=self.site.name, token=uuid.uuid4().hex[:12])
            os.replace(self.site, replaced)
        os.replace(self.folder, self.site)
        if replaced is not None:
            remove(replaced)

    def discard(self) -> None:
        remove(self.folder)


def remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
