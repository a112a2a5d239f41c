"""The text helpers the page templates use, checked without MkDocs."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

from fai_site.catalogue.loader import load_catalogue
from fai_site.pages.render import programs_using, with_catalogue_lists
from fai_site.pages.templating import front_matter, html_text, md_text

CATALOGUE = load_catalogue(ROOT / "exercises.yaml", docs_dir=ROOT / "docs")


def test_md_text_escapes_html_and_every_inline_markdown_special_once() -> None:
    assert md_text("a\\b `c` *d* _e_ {f} [g](h) #i |n") == "a\\\\b \\`c\\` \\*d\\* \\_e\\_ \\{f\\} \\[g\\](h) \\#i \\|n"
    assert md_text("<b> & </b>\nnext") == "&lt;b&gt; &amp; &lt;/b&gt; next"
    assert md_text("plain words") == "plain words"


def test_md_text_leaves_punctuation_that_is_no_syntax_where_it_stands() -> None:
    """Each escape costs Python-Markdown a pattern match: prose punctuation stays as typed."""
    assert (
        md_text("Slowly (3 s), then rest. Done! 1-2 sets + more - or less.")
        == "Slowly (3 s), then rest. Done! 1-2 sets + more - or less."
    )


def test_md_text_escapes_what_would_open_a_block_at_the_start() -> None:
    assert md_text("- not a list") == "\\- not a list"
    assert md_text("+ not a list") == "\\+ not a list"
    assert md_text("12. not a list") == "12\\. not a list"
    assert md_text("---") == "\\---"


# Every place a template puts catalogue text, and text that would be syntax there.
POSITIONS = (
    "{}",
    "- {}",
    "1. {}",
    "## {}",
    "[{}](page.md)",
    "![{}](picture.svg)",
    "| a | b |\n|---|---|\n| {} | x |",
    '!!! warning "Safety"\n\n    - {}',
)
TRICKY = (
    "- a list?",
    "+ a list?",
    "3. a list?",
    "---",
    "# heading?",
    "1) two",
    "a *b* _c_ `d` **e**",
    "[link](javascript:alert(1))",
    "![image](x.png)",
    "<script>alert(1)</script>",
    "&amp; &copy;",
    "a | b",
    "{ .class }",
    "x {: #id }",
    "end #",
    "back\\slash \\*",
    "(brackets) [square] !bang",
    "<http://example.org>",
    "a  \nb",
)


def test_md_text_reads_back_as_the_same_text_in_every_template_position() -> None:
    """The same HTML elements as plain words give there, and the text shown as typed."""
    import html
    import re

    import markdown

    def converted(position: str, value: str) -> str:
        return markdown.markdown(
            position.format(md_text(value)),
            extensions=["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"],
        )

    def tags(page: str) -> list[str]:
        return re.findall(r"<(\w+)", page)

    for position in POSITIONS:
        plain = tags(converted(position, "plain words"))
        for value in TRICKY:
            page = converted(position, value)
            assert tags(page) == plain, (position, value, page)
            shown = html.unescape(re.sub(r"<[^>]+>", " ", page) + " ".join(re.findall(r'alt="([^"]*)"', page)))
            assert " ".join(value.split()) in " ".join(shown.split()), (position, value, page)


def test_html_text_keeps_a_raw_html_block_one_block() -> None:
    """In an HTML list Markdown does not parse, text is escaped HTML on one line: a blank line would hand the rest to
    Markdown."""
    import markdown

    value = "Step one.\n\n* not a list <script>alert(1)</script> [x](javascript:alert(1))"
    assert html_text(value) == "Step one.  * not a list &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))"
    page = markdown.markdown(f"<ol>\n<li>{html_text(value)}</li>\n</ol>\n", extensions=["md_in_html"])
    assert "<script" not in page and "<a " not in page and page.count("<li>") == 1


def test_front_matter_reads_back_as_the_same_values() -> None:
    fields = {
        "title": "Knee: 90° — 'lift' \"slowly\" 😀",
        "description": "# not a heading: [x]",
        "hide": ["navigation", "toc"],
    }
    block = front_matter(**fields)
    assert block.startswith("---\n") and block.endswith("---\n")
    assert yaml.safe_load(block.strip("-\n")) == fields


def test_programs_using_lists_each_program_once_in_catalogue_order() -> None:
    for exercise in CATALOGUE.exercises:
        expected = [
            program for program in CATALOGUE.programs if any(item.id == exercise.id for item in program.exercises)
        ]
        assert programs_using(exercise, CATALOGUE) == expected


def test_a_phase_list_links_from_the_page_it_is_on_and_keeps_its_indentation() -> None:
    filled = with_catalogue_lists(
        "Intro\n\n    <!-- exercises: return-to-activity -->\n", CATALOGUE, source="guides/sport.md"
    )
    assert "    - [Agility and hop drills](../exercises/hop-drills.md): Quick steps" in filled
    assert "    From the earlier phases, keep doing: [Leg swings](../exercises/leg-swings.md)." in filled


def test_a_phase_list_escapes_catalogue_text() -> None:
    exercise = CATALOGUE.exercises[0]
    renamed = CATALOGUE.model_copy(update={"exercises": [exercise.model_copy(update={"name": "Tilt *now* <b>"})]})
    filled = with_catalogue_lists(f"<!-- exercises: {exercise.phase[0].value} -->", renamed, source="guide.md")
    assert "\n- [Tilt \\*now\\* &lt;b&gt;](exercises/" in filled


def test_a_marker_naming_no_phase_names_the_page_and_the_phases() -> None:
    with pytest.raises(
        ValueError,
        match="guide.md: '<!-- exercises: erly -->' names no phase; use one of early, middle, late, return-to-activity",
    ):
        with_catalogue_lists("<!-- exercises: erly -->", CATALOGUE, source="guide.md")
