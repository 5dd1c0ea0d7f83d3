"""A psychologist registers a weekly presence series in real Chromium: the preview shows
one date refused with its reason, registering keeps the others; at desktop width and on a
phone."""

from datetime import time, timedelta

from django.utils import timezone

from registrations.models import Registration
from tests.e2e.conftest import axe_violations, login
from tests.e2e.test_pages_on_a_phone import PHONE
from tests.factories import NetworkFactory, PsychologistFactory, RegistrationFactory
from tests.psychologist.psy_helpers import make_allocation

OVERLAP = "U heeft op dat moment al een andere activiteit geregistreerd."


def presence_with_one_busy_week():
    """A call-2 allocation, and an activity on the second Monday of the series at 14:30."""
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    kpko = PsychologistFactory(networks=[network])
    today = timezone.localdate()
    allocation = make_allocation(kpko, 2, start=today - timedelta(days=60))
    first = today - timedelta(days=21)
    RegistrationFactory(
        allocation=allocation, date=first + timedelta(days=7), start_time=time(14, 30)
    )
    return kpko, allocation, first


def test_a_weekly_presence_series_with_one_date_refused(page):
    register_series_with_one_date_refused(page, phone=False)


def test_a_weekly_presence_series_with_one_date_refused_on_a_phone(phone_page):
    register_series_with_one_date_refused(phone_page, phone=True)


def register_series_with_one_date_refused(page, *, phone: bool):
    kpko, allocation, first = presence_with_one_busy_week()
    login(page, kpko.user)

    page.goto(f"/registraties/nieuw/{allocation.pk}/")
    page.get_by_role("link", name="Registreer een wekelijkse reeks").click()
    page.get_by_label("Eerste datum").fill(first.isoformat())
    page.get_by_label("Laatste datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Beginuur").fill("14:00")
    page.get_by_label("Duur").fill("2:00")
    page.get_by_label("Aantal aanwezigen").fill("1")
    page.get_by_label("Functie/rol van de aanwezigen").fill("bezoekers")
    page.get_by_label("Onderwerp").fill("Aanwezig in de ontmoetingsruimte")
    page.get_by_role("button", name="Voorbeeld bekijken").click()

    dates = page.get_by_test_id("series-date")
    dates.first.wait_for()
    assert dates.count() == 4
    refused = page.locator("[data-testid='series-date'].list-group-item-danger")
    assert refused.count() == 1
    assert OVERLAP in refused.inner_text()
    assert (first + timedelta(days=7)).strftime("%d/%m/%Y") in refused.inner_text()
    assert not Registration.objects.filter(work_form="presence").exists()
    assert axe_violations(page) == []
    if phone:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE

    page.get_by_role("button", name="Reeks registreren").click()
    page.get_by_text("3 activiteiten van de reeks zijn geregistreerd.").wait_for()
    assert page.get_by_text("1 datum werd geweigerd").is_visible()
    assert Registration.objects.filter(work_form="presence").count() == 3
