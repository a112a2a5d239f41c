"""The composition root: a project's settings, assembled once for the hooks, `make generate` and the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fai_site.pages import companion
from fai_site.site_settings import PREVIEW_URL, Clinic, SiteSettings


def site_settings(
    *,
    site_url: str | None,
    directory_urls: bool,
    extra: dict[str, Any],
    docs_dir: Path,
    handout_pdfs: bool,
    qr_cache: Path | None,
) -> SiteSettings:
    """The settings of a site as its mkdocs.yml states them, for the hooks and for `make generate` alike."""
    clinic = extra.get("clinic") or {}
    return SiteSettings(
        site_url=site_url or PREVIEW_URL,
        directory_urls=directory_urls,
        clinic=Clinic(
            **{key: str(value) for key, value in clinic.items() if value and key in Clinic.__dataclass_fields__}
        ),
        handout_pdfs=handout_pdfs,
        qr_cache=qr_cache,
        companion_assets=companion.assets_hash(docs_dir),
    )
