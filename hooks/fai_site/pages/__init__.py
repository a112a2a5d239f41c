"""The pages: every file the catalogue adds to the site (`site_pages`), their sources (`render`)
rendered from the templates (`templating`, `templates/`), schema.org data (`structured_data`),
the handout builder and its data (`handout_builder`), the patient's companion (`companion`), and
what only `mkdocs serve` shows (`serve_banner`, `serve_pages`)."""
