"""The editor's guide page on poses: every base and every joint drawn by the real drawing code."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import FIXTURES, ROOT

from fai_site.catalogue.loader import load_catalogue
from fai_site.catalogue.pose import Base, BodyPart, Joint, Prop, View
from fai_site.pages import render
from fai_site.pages.site_pages import generated_files
from fai_site.pictures.pose_guide import pose_guide
from fai_site.site_settings import SiteSettings

GUIDE = pose_guide()
SVG = "{http://www.w3.org/2000/svg}"


def test_every_base_position_and_every_joint_is_drawn() -> None:
    assert [base for base, *_ in GUIDE.bases] == list(Base)
    assert {demo.joint for demo, *_ in GUIDE.joints} == set(Joint)
    assert {part for part, *_ in GUIDE.sides} >= {
        BodyPart.NEAR_LEG,
        BodyPart.FAR_LEG,
        BodyPart.NEAR_ARM,
        BodyPart.FAR_ARM,
    }


def test_each_picture_is_an_svg_with_a_title_and_a_description() -> None:
    for drawn in GUIDE.pictures:
        root = ET.fromstring(drawn.svg)
        assert (
            root.tag == f"{SVG}svg" and root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
        ), drawn.name


def test_the_page_shows_each_picture_with_the_yaml_that_draws_it() -> None:
    page = render.pose_guide_page(GUIDE)
    for drawn in GUIDE.pictures:
        assert f"]({drawn.path})" in page and drawn.yaml in page
    assert "near** side is on the **right**" in page


def test_the_page_says_where_every_prop_is_drawn() -> None:
    page = render.pose_guide_page(GUIDE)
    assert [prop.value for prop in Prop if f"| `{prop.value}` | " not in page] == []


def test_the_page_explains_every_view_and_draws_the_view_from_above() -> None:
    page = render.pose_guide_page(GUIDE)
    assert all(f"| `{view.value}` | " in page for view in View)
    assert any("above view" in where for _, where, _ in GUIDE.sides)


def test_the_site_ships_the_page_and_its_pictures_and_the_guide_links_it() -> None:
    catalogue = load_catalogue(FIXTURES / "pictured.yaml", docs_dir=ROOT / "docs")
    paths = {
        file.path
        for file in generated_files(catalogue, SiteSettings(site_url="https://hips.example.org/", handout_pdfs=False))
    }
    assert "editors-guide-poses.md" in paths and {drawn.path for drawn in GUIDE.pictures} <= paths
    assert "(editors-guide-poses.md)" in render.editors_guide()
