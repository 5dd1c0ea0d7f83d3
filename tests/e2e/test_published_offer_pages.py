"""The published offer in real Chromium, as a first-line actor meets it: axe-clean at
desktop width and on a phone (375 px), no sideways scrolling, the chart drawn, no login."""

import pytest
from django.urls import reverse

from tests import pages
from tests.e2e.conftest import axe_violations
from tests.e2e.test_accessibility import RULES
from tests.e2e.test_pages_on_a_phone import CELLS_OFF_SCREEN

PHONE = 375


def offer_urls() -> list[str]:
    return [reverse("demand:offer"), reverse("demand:offer_network", args=["ADS"])]


@pytest.mark.parametrize("width", [1280, PHONE], ids=["desktop", "phone"])
def test_the_offer_pages_pass_axe_and_fit_the_screen(page, width):
    pages.load_demo()
    page.set_viewport_size({"width": width, "height": 800})
    problems = {}
    for url in offer_urls():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page, tags=RULES)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        off_screen = page.evaluate(CELLS_OFF_SCREEN)
        if violations or scroll_width > width or off_screen:
            problems[url] = (scroll_width, off_screen, sorted(v["id"] for v in violations))
    assert problems == {}


def test_a_first_line_actor_finds_the_offer_of_aalst_and_the_ask_button(phone_page):
    pages.load_demo()
    phone_page.goto(reverse("demand:offer"))
    phone_page.get_by_role("link", name="GG ADS").click()

    assert phone_page.get_by_role("heading", level=1).inner_text() == "Aanbod van GG ADS"
    assert phone_page.locator("svg.offer-chart rect").count() >= 1
    assert phone_page.get_by_text("Dirk Claes").is_visible()  # listed in the demo
    button = phone_page.get_by_role("link", name="Ondersteuning vragen").first
    assert button.get_attribute("href") == "/vraag/"
    assert button.bounding_box()["x"] + button.bounding_box()["width"] <= PHONE
