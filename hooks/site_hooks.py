"""MkDocs events that wire the catalogue into the site.

Only this module knows MkDocs; everything it calls lives in the `fai_site` package,
which does not import MkDocs, so it can move to another engine unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from fai_site.catalogue_loader import load_catalogue
from fai_site.model import Catalogue
from fai_site.problems import CatalogueError
from fai_site.render import TEMPLATES, Clinic
from fai_site.site_pages import SiteSettings, generated_files

CATALOGUE_NAME = "exercises.yaml"

log = get_plugin_logger(__name__)

# The catalogue validated by the last good `on_config`. `mkdocs serve` keeps it through a
# bad edit, so the preview keeps showing the last good pages instead of stalling.
catalogue: Catalogue | None = None
# Set once `mkdocs serve` watches for changes. `mkdocs build` never sets it, so a bad
# catalogue always fails the build there.
serving = False


# ---- Hooks ----------------------------------------------------------------------------

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate before MkDocs cleans `site/`, so a bad edit never costs the last good site.

    While serving, a bad edit is logged and the last good catalogue kept: a rebuild that
    raises would leave MkDocs 1.6's server holding every page request until a good one.
    """
    global catalogue
    try:
        catalogue = load_catalogue(catalogue_path(config), docs_dir=Path(config.docs_dir))
    except CatalogueError as error:
        if not serving or catalogue is None:
            catalogue = None
            raise PluginError(f"{error.report()}\nNothing was built, and site/ was left as it was.") from None
        log.error("%s\nStill serving the last good pages; save a fixed %s to update them.", error.report(), CATALOGUE_NAME)
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Add the exercise pages, illustrations, indexes and handouts as virtual files."""
    assert catalogue is not None, "on_config validates the catalogue first"
    for generated in generated_files(catalogue, site_settings(config)):
        inclusion = InclusionLevel.UNDEFINED if generated.listed else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, generated.path, content=generated.content, inclusion=inclusion))
    return files


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Rebuild when the catalogue or the generator's templates change (pictures are in docs/, watched already)."""
    global serving
    serving = True
    server.watch(str(catalogue_path(config)))
    server.watch(str(TEMPLATES))
    return server


# ---- Helpers --------------------------------------------------------------------------

def catalogue_path(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / CATALOGUE_NAME


def site_settings(config: MkDocsConfig) -> SiteSettings:
    clinic = config.extra.get("clinic") or {}
    return SiteSettings(
        site_url=config.site_url or "http://127.0.0.1:8000/",
        directory_urls=config.use_directory_urls,
        clinic=Clinic(**{key: str(value) for key, value in clinic.items() if value and key in Clinic.__dataclass_fields__}),
    )
