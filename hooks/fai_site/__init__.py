"""The site generator, MkDocs-free: `exercises.yaml` in, the site's generated files and handout PDFs out.

The pipeline, in the order a build runs it:

- `catalogue`: read the YAML, validate it against the model, and report every problem
  at its line (also the field guide the editor's guide prints);
- `pictures`: draw each exercise's pose as a still and a moving SVG, and describe it in words;
- `pages`: render exercise pages, indexes, handout pages, the builder and the companion
  from the templates, and the pages only `mkdocs serve` shows;
- `handouts`: the printed sheet, its A4 and Letter PDFs, their QR codes and paper sizes;
- `cache`: keep the validated catalogue and its pages between builds.

`cli` runs `make check`, `make schema` and `make generate`; `generated_tree` writes the
generated files as an ordinary tree for engines without hooks.
"""
