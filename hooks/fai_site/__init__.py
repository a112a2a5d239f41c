"""The site generator, MkDocs-free: `exercises.yaml` in, the site's generated files and handout PDFs out.

The packages, in the order a build runs them, each importing only those after it:

- `catalogue`: read the YAML, validate it against the model (the pose vocabulary
  included), and report every problem at its line (also the field guide the editor's
  guide prints, and doses in words);
- `pictures`: draw each exercise's pose as a still and a moving SVG, and describe it in words;
- `handouts`: the printed sheet from its own templates, its A4 and Letter PDFs, their QR
  codes and paper sizes;
- `pages`: render exercise pages, indexes, handout pages, the builder and the companion
  from the templates, and the pages only `mkdocs serve` shows;
- `cache`: keep the validated catalogue and its pages between builds.

`project` is the composition root: the run's settings, read once, and the build's state,
which the MkDocs hooks, `cli` (`make check`, `make schema`, `make generate`) and the tests
all use; `generated_tree` writes the generated files as an ordinary tree for engines without
hooks. Below them all sit three leaves: `site_settings`, `templating` (the one Jinja2 setup)
and `files` (cache files written whole). `pyproject.toml`'s import-linter contracts hold the
order.
"""
