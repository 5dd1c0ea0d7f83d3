"""A local coordinator reviews and decides in real Chromium: filter, verdict, approve with
fewer hours, approve without the partner's answer, reject with a reason, grant extra
hours, and read the audit trail."""

from datetime import timedelta

from django.utils import timezone

from applications import services
from applications.models import ApplicationStatus
from tests.e2e.conftest import axe_violations, login
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    CoordinatorFactory,
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    RegistrationFactory,
)


def setup_network():
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    return network, CoordinatorFactory(networks=[network])


def submitted(network, psychologist, findplace_name):
    """A call-1 application asking 4 h, submitted by the psychologist through the service
    and confirmed by its partner."""
    application = ApplicationFactory(
        psychologist=psychologist,
        status=ApplicationStatus.DRAFT,
        start_date=timezone.localdate(),
        findplace=FindplaceFactory(network=network, name=findplace_name),
    )
    services.submit_application(application, actor=psychologist.user, absolute_url=str)
    return services.record_partner_answer(application, accept=True)


def test_coordinator_filters_reviews_and_approves_fewer_hours_than_asked(page):
    network, coordinator = setup_network()
    anna = PsychologistFactory(
        networks=[network], user__first_name="Anna", user__last_name="Verhulst"
    )
    submitted(network, anna, "Huisartsenpraktijk De Linde")
    submitted(network, PsychologistFactory(networks=[network]), "Wijkgezondheidscentrum Rabot")
    login(page, coordinator)

    page.goto("/coordinatie/")
    page.get_by_label("Psycholoog").fill("Verhulst")
    page.get_by_role("button", name="Filteren").click()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    page.get_by_role("link", name="Anna Verhulst").click()

    page.get_by_text("Deze aanvraag voldoet aan alle voorwaarden van de oproep.").wait_for()
    assert page.locator("#grantable").inner_text() == "4 u"
    page.get_by_label("Toe te kennen uren").fill("2.5")
    page.locator("#approve-form").get_by_role("button", name="Goedkeuren").click()

    page.get_by_text("De aanvraag is goedgekeurd.").wait_for()
    trail = page.locator("#audit-trail").inner_text()
    assert "Concept → Ingediend" in trail
    assert "Ingediend → Goedgekeurd" in trail
    assert "Uren toegekend: 4 u → 2 u 30 min" in trail

    page.get_by_role("button", name="Afmelden").click()
    login(page, anna.user)
    page.goto("/mijn/")
    allocations = page.locator("#my-allocations").locator("..").inner_text()
    assert "Huisartsenpraktijk De Linde" in allocations
    assert "2 u 30 min" in allocations


def test_coordinator_approves_without_the_partner_only_with_a_motivated_override(page):
    network, coordinator = setup_network()
    application = ApplicationFactory(
        psychologist=PsychologistFactory(networks=[network]),
        start_date=timezone.localdate(),
        findplace=FindplaceFactory(network=network, name="Huisartsenpraktijk De Linde"),
    )
    application.partner_confirmed_at = None
    application.save()
    login(page, coordinator)

    page.goto(f"/coordinatie/aanvraag/{application.pk}/")
    page.get_by_text("Deze aanvraag voldoet niet aan alle voorwaarden van de oproep.").wait_for()
    assert axe_violations(page) == []
    page.locator("#approve-form").get_by_role("button", name="Goedkeuren").click()
    page.get_by_text("De partner heeft de samenwerking nog niet bevestigd.").first.wait_for()
    page.get_by_label("Goedkeuren zonder bevestiging van de partner").check()
    page.get_by_label("Waarom keurt u goed zonder bevestiging van de partner?").fill(
        "De huisarts bevestigde telefonisch."
    )
    page.locator("#approve-form").get_by_role("button", name="Goedkeuren").click()

    page.get_by_text("De aanvraag is goedgekeurd.").wait_for()
    assert "De huisarts bevestigde telefonisch." in page.locator("#partner-override").inner_text()
    trail = page.locator("#audit-trail").inner_text()
    assert "Goedgekeurd zonder bevestiging van de partner" in trail


def test_coordinator_rejects_with_a_reason(page):
    network, coordinator = setup_network()
    application = submitted(network, PsychologistFactory(networks=[network]), "Buurthuis")
    login(page, coordinator)

    page.goto(f"/coordinatie/aanvraag/{application.pk}/")
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#reject-form").get_by_role("button", name="Afwijzen").click()
    page.get_by_text("Geef een motivering op.").wait_for()
    page.get_by_label("Reden van de afwijzing").fill("Geen structureel aanbod op de vindplaats.")
    page.locator("#reject-form").get_by_role("button", name="Afwijzen").click()

    page.get_by_text("De aanvraag is afgewezen.").wait_for()
    assert page.locator("#application-status").inner_text() == "Afgewezen"
    trail = page.locator("#audit-trail").inner_text()
    assert "Ingediend → Afgewezen" in trail
    assert "Geen structureel aanbod op de vindplaats." in trail


def test_coordinator_grants_extra_hours_and_the_remaining_hours_rise(page):
    network, coordinator = setup_network()
    psychologist = PsychologistFactory(networks=[network])
    allocation = AllocationFactory(
        application__psychologist=psychologist,
        application__start_date=timezone.localdate() - timedelta(days=30),
    )
    RegistrationFactory(allocation=allocation, duration_minutes=60)
    services.request_extra_hours(
        allocation, actor=psychologist.user, minutes=120, motivation="Veel vragen."
    )
    login(page, coordinator)

    page.goto("/coordinatie/")
    page.locator("#extra-hours").get_by_role("link", name=psychologist.name).click()
    assert page.locator("#remaining").inner_text() == "3 u"
    page.get_by_label("Extra uren toe te kennen").fill("2")
    page.get_by_role("button", name="Toekennen").click()

    page.get_by_text("De extra uren zijn toegekend.").wait_for()
    assert page.locator("#remaining").inner_text() == "5 u"
    page.get_by_role("link", name="Aanvraag oproep 1 bekijken").click()
    trail = page.locator("#audit-trail").inner_text()
    assert "Extra uren gevraagd: 2 u" in trail
    assert "Beslissing extra uren: 2 u → 2 u" in trail


def test_review_page_passes_label_and_contrast_checks_on_a_phone(phone_page):
    network, coordinator = setup_network()
    application = submitted(network, PsychologistFactory(networks=[network]), "Jeugdhuis")
    login(phone_page, coordinator)

    phone_page.goto(f"/coordinatie/aanvraag/{application.pk}/")
    assert axe_violations(phone_page) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.goto("/coordinatie/")
    assert axe_violations(phone_page) == []
