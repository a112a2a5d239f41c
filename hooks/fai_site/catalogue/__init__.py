"""The catalogue: `exercises.yaml` read with line numbers (`yaml_source`), checked against the
model (`model`, with the pose vocabulary in `pose`), turned into located messages (`messages`,
`problems`), checked across entries (`cross_references`) and for content (`content_rules`, with
`reading_grade` for plain language), and described field by field for editors (`field_guide`).
`loader` runs them in order and is the one entry point. `dosage_text` words a dose as pages and
handouts print it."""
