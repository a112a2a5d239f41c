"""The text helpers the page templates use, checked without MkDocs."""

from __future__ import annotations

import yaml

from conftest import ROOT

from fai_site.catalogue_loader import load_catalogue
from fai_site.render import front_matter, md_text, programs_using

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")


def test_md_text_escapes_html_and_every_markdown_special_once() -> None:
    assert md_text("a\\b `c` *d* _e_ {f} [g](h) #i +j -k .l !m |n") == (
        "a\\\\b \\`c\\` \\*d\\* \\_e\\_ \\{f\\} \\[g\\]\\(h\\) \\#i \\+j \\-k \\.l \\!m \\|n"
    )
    assert md_text("<b> & </b>\nnext") == "&lt;b&gt; &amp; &lt;/b&gt; next"
    assert md_text("plain words") == "plain words"


def test_front_matter_reads_back_as_the_same_values() -> None:
    fields = {"title": "Knee: 90° — 'lift' \"slowly\" 😀", "description": "# not a heading: [x]", "hide": ["navigation", "toc"]}
    block = front_matter(**fields)
    assert block.startswith("---\n") and block.endswith("---\n")
    assert yaml.safe_load(block.strip("-\n")) == fields


def test_programs_using_lists_each_program_once_in_catalogue_order() -> None:
    for exercise in CATALOGUE.exercises:
        expected = [program for program in CATALOGUE.programs if any(item.id == exercise.id for item in program.exercises)]
        assert programs_using(exercise, CATALOGUE) == expected
