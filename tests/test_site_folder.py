"""The fresh folder a build writes into: it replaces the site whole, or goes and leaves the site as it was.

The real builds that fail at each step are in tests/site/test_safe_builds.py; these hold the
folder's own promises in-process, `mkdocs build --dirty` (which starts from a copy) too.
"""

from __future__ import annotations

from pathlib import Path

from fai_site.project import SiteBuild
from fai_site.site_folder import FreshFolder


def a_site(folder: Path) -> Path:
    site = folder / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "page.html").write_text("old page", encoding="utf-8")
    return site


def test_a_finished_build_replaces_the_site_whole(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    build = SiteBuild(publishing=True)
    folder = build.build_folder(site)
    assert folder != site and folder.parent == site.parent and not any(folder.iterdir())
    (folder / "index.html").write_text("new page", encoding="utf-8")
    assert (site / "old" / "page.html").is_file(), "the site stays as it was while the build runs"
    build.written()
    build.close()
    assert sorted(path.name for path in site.iterdir()) == ["index.html"]
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


def test_a_failed_or_interrupted_build_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    for end in ("failed", "interrupted"):
        build = SiteBuild(publishing=True)
        (build.build_folder(site) / "index.html").write_text("half a site", encoding="utf-8")
        if end == "failed":
            assert build.failed()
        build.close()
        assert [path.name for path in tmp_path.iterdir()] == ["site"], end
        assert (site / "old" / "page.html").read_text(encoding="utf-8") == "old page", end


def test_a_dirty_build_starts_from_a_copy_and_a_preview_writes_in_place(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    fresh = FreshFolder.beside(site, keep_files=True)
    assert (fresh.folder / "old" / "page.html").read_text(encoding="utf-8") == "old page"
    fresh.discard()
    assert SiteBuild(serving=True).build_folder(site) == site
    assert SiteBuild().build_folder(site) == site


def test_the_first_build_makes_the_site_folder(tmp_path: Path) -> None:
    site = tmp_path / "new" / "site"
    build = SiteBuild(publishing=True)
    (build.build_folder(site) / "index.html").write_text("first", encoding="utf-8")
    build.written()
    build.close()
    assert (site / "index.html").read_text(encoding="utf-8") == "first"
