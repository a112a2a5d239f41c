"""The pages: every file the catalogue adds to the site (`site_pages`), rendered from the
templates (`render`, `templates/`), with doses in words (`dosage_text`), schema.org data
(`structured_data`), the handout builder and its data (`handout_builder`), the patient's
companion (`companion`), and what only `mkdocs serve` shows (`serve_banner`, `serve_pages`)."""
