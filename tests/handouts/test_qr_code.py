"""QR codes for the handouts, and the folder that keeps them between builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from fai_site.handouts import qr_code

URL = "https://hips.example.org/handouts/calm-symptoms/"


def test_a_kept_code_is_the_drawn_code(tmp_path: Path) -> None:
    assert qr_code.kept_qr_svg(URL, cache_dir=tmp_path) == qr_code.qr_svg(URL)
    assert len(list(tmp_path.glob("*.svg"))) == 1


def test_a_kept_code_is_not_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = qr_code.kept_qr_svg(URL, cache_dir=tmp_path)

    def never(url: str) -> str:
        raise AssertionError(f"drew {url} again")

    monkeypatch.setattr(qr_code, "qr_svg", never)
    assert qr_code.kept_qr_svg(URL, cache_dir=tmp_path) == first


def test_without_a_folder_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stored: list[Path] = []
    monkeypatch.setattr(qr_code, "store", lambda path, content: stored.append(path))
    monkeypatch.chdir(tmp_path)
    assert qr_code.kept_qr_svg(URL, cache_dir=None) == qr_code.qr_svg(URL)
    assert stored == []
    assert not any(tmp_path.iterdir())
