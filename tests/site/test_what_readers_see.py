"""What a person meets in the browser: the exercise pictures' places, patient details kept in the page. Each exercise
page's picture is seen on the one visit to it in tests/pictures/test_exercise_motion.py, and the disclaimer on each
page's visits in tests/site/test_accessibility.py (light, dark and phone).

These are promises made in the README, checked where they are kept: in Chromium, on the
built site, not in the HTML. Each test gets a fresh browser context, so nothing one test
types or stores can help or hide another.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Request
from site_tour import BUILDER, CATALOGUE, tour_id


def test_the_exercise_index_holds_each_pictures_place_before_it_loads(
    site_server: str, context: BrowserContext
) -> None:
    # On a slow phone the cards must not jump as their pictures arrive: with the pictures held
    # back, each one's box is already the drawing's 3:2 panel.
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.route("**/illustrations/*.svg", lambda route: route.abort())
    page.goto(f"{site_server}exercises/", wait_until="load")
    boxes = page.locator("article img.fai-thumb").evaluate_all(
        "images => images.map(image => [image.clientWidth, image.clientHeight])"
    )
    assert boxes, "the index shows no pictures"
    for width, height in boxes:
        assert width > 100 and abs(height - width * 2 / 3) <= 1, f"a {width} × {height} box before the picture loads"


# ---- Patient details stay in the page ---------------------------------------------------

PATIENT_INPUTS = {
    f"handouts/{CATALOGUE.programs[0].id}/": ".fai-handout__field-input",
    BUILDER: "[data-patient]",
}


@pytest.mark.parametrize("path", PATIENT_INPUTS, ids=tour_id)
def test_patient_details_typed_in_are_never_sent_linked_or_stored(
    site_server: str, context: BrowserContext, path: str
) -> None:
    sent: list[str] = []

    def record(request: Request) -> None:
        sent.append(" ".join([request.url, request.post_data or "", *request.headers.values()]))

    context.on("request", record)
    page = context.new_page()
    page.add_init_script("window.print = () => {};")
    page.goto(site_server + path, wait_until="networkidle")
    fields = page.locator(PATIENT_INPUTS[path])
    count = fields.count()
    assert count == 4
    typed = [f"Qx{index}Patientdetail" for index in range(count)]
    for index, value in enumerate(typed):
        fields.nth(index).click()
        page.keyboard.press("Control+a")  # the builder fills in today's date
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    assert [fields.nth(index).input_value() for index in range(count)] == typed
    page.get_by_role("button", name="Print", exact=False).first.click()
    page.wait_for_load_state("networkidle")
    kept = page.evaluate(
        "JSON.stringify([location.href, document.cookie, {...localStorage}, {...sessionStorage}, history.state])"
    )
    page.reload(wait_until="networkidle")
    kept += page.evaluate(
        "JSON.stringify([location.href, document.cookie, {...localStorage}, {...sessionStorage}, history.state])"
    )
    kept += str(context.storage_state(indexed_db=True))
    for value in typed:
        assert not [request for request in sent if value in request], f"{value} was sent"
        assert value not in kept, f"{value} was kept in the address or in storage"
