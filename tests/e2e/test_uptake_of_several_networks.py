"""A coordinator of the three networks of Oost-Vlaanderen on the uptake page: a line per
network, then one network's chart and tables, on a desktop and on a phone."""

from django.utils import timezone

from tests.coordination.conftest import make_allocation
from tests.e2e.conftest import login
from tests.factories import CoordinatorFactory, NetworkFactory, RegistrationFactory

PHONE = 375


def oost_vlaanderen():
    networks = [
        NetworkFactory(code="PAKT", name="Het PAKT"),
        NetworkFactory(code="ADS", name="GG ADS"),
        NetworkFactory(code="RADAR", name="RADAR"),
    ]
    start = timezone.localdate().replace(month=1, day=1)
    for network, minutes in zip(networks, (60, 120, 180), strict=True):
        allocation = make_allocation(network, start=start)
        RegistrationFactory(allocation=allocation, date=start, duration_minutes=minutes)
    return networks, CoordinatorFactory(networks=networks)


def compare_and_open_radar(page):
    (pakt, ads, radar), coordinator = oost_vlaanderen()
    login(page, coordinator)
    page.goto("/coordinatie/benutting/")

    lines = page.locator("#uptake-networks tbody tr")
    assert lines.all_inner_texts()[0].startswith("GG ADS")
    assert lines.count() == 3
    assert page.locator(f"#network-{ads.pk}").is_visible()  # the first, by name
    assert page.locator(f"#network-{pakt.pk}").count() == 0

    page.locator("#uptake-networks").get_by_role("link", name="RADAR").click()
    page.locator(f"#network-{radar.pk}").wait_for()
    assert page.locator(f"#network-{ads.pk}").count() == 0
    current = page.locator("#uptake-networks [aria-current='true']")
    assert current.inner_text() == "RADAR"
    assert page.locator(f"#network-{radar.pk} ~ p.fw-semibold").first.inner_text().startswith("3")


def test_a_coordinator_of_three_networks_compares_them_and_opens_one(page):
    compare_and_open_radar(page)


def test_the_lines_per_network_and_one_networks_tables_fit_a_phone(phone_page):
    compare_and_open_radar(phone_page)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE
