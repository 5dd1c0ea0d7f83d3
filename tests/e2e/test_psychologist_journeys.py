"""A psychologist applies, a partner confirms, activities are registered and exported."""

from datetime import timedelta

from django.utils import timezone

from applications import partner
from applications.models import Application, ApplicationStatus, ExtraHoursRequest
from portal.models import FindplaceKind
from registrations.models import Registration
from tests.e2e.conftest import axe_violations, login
from tests.factories import (
    ApplicationFactory,
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    RegistrationFactory,
)
from tests.psychologist.psy_helpers import PDF_BYTES, make_allocation


def psychologist():
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    return PsychologistFactory(networks=[network])


def yesterday() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


def test_apply_for_call1_with_a_structural_offer_and_see_it_submitted(page):
    kpko = psychologist()
    FindplaceFactory(network=kpko.networks.first(), name="Huisartsenpraktijk De Linde")
    login(page, kpko.user)

    page.goto("/aanvragen/oproep/1/")
    page.get_by_label("Zoek op naam of gemeente").fill("Linde")
    page.get_by_label("Huisartsenpraktijk De Linde").check()
    offer = page.get_by_role("group", name="terugkerend, vast aanbod")
    offer.get_by_label("Ja").check()
    page.get_by_label("Functie 2").check()
    page.get_by_label("Naam van uw contactpersoon").fill("Dr. De Linde")
    page.get_by_label("E-mailadres van die contactpersoon").fill("linde@example.org")
    page.get_by_label("Gewenste startdatum").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Indienen").click()

    page.get_by_text("Uw aanvraag is ingediend").wait_for()
    assert page.get_by_text("Wacht op bevestiging door de partner").is_visible()
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED


def test_apply_for_call3_with_a_signed_pdf(page):
    kpko = psychologist()
    login(page, kpko.user)

    page.goto("/aanvragen/oproep/3/")
    page.get_by_label("Naam van de partner").fill("OCMW Aalst")
    page.get_by_label("Soort partner").select_option(FindplaceKind.SOCIAL_SERVICE)
    page.get_by_label("E-mailadres van de partner").fill("ocmw@example.org")
    page.get_by_label("Minimaal aantal uren").fill("20")
    page.get_by_label("Regelmaat").fill("Maandelijks")
    page.get_by_label("Advies en kennisdeling").check()
    page.get_by_label("Wijze van contacteren").fill("Telefonisch")
    page.get_by_label("Afspraken over de evaluatie").fill("Jaarlijks gesprek")
    page.get_by_label("Datum van de volgende evaluatie").fill(
        (timezone.localdate() + timedelta(days=200)).isoformat()
    )
    page.get_by_label("Ondertekende overeenkomst").set_input_files(
        {"name": "overeenkomst.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_label("Portfolio").fill("Tien jaar intervisie in de eerste lijn.")
    for group in page.locator("fieldset:has(legend:text('Uitsluitingen')) fieldset").all():
        group.get_by_label("Nee").check()
    page.get_by_label("Gewenste startdatum").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Indienen").click()

    page.get_by_text("Uw aanvraag is ingediend").wait_for()
    assert page.get_by_role("link", name="Ondertekende overeenkomst (PDF)").is_visible()
    assert Application.objects.get().agreement.signed_pdf


def test_partner_confirms_through_the_link(page):
    application = ApplicationFactory(
        psychologist=psychologist(),
        partner_name="Dr. De Linde",
        partner_email="linde@example.org",
        status=ApplicationStatus.SUBMITTED,
        partner_confirmed_at=None,
    )

    page.goto(f"/partner/{partner.make_token(application)}/")
    page.get_by_role("button", name="Ik bevestig de samenwerking").click()

    page.get_by_text("U heeft deze samenwerking bevestigd").wait_for()
    application.refresh_from_db()
    assert application.partner_confirmed_at is not None


def fill_activity(page, *, work_form=None, duration="60", attendees="4"):
    page.get_by_label("Datum").fill(yesterday())
    page.get_by_label("Beginuur").fill("10:00")
    page.get_by_label("Duur").fill(duration)
    if work_form:
        page.get_by_label("Werkvorm").select_option(work_form)
    page.get_by_label("Aantal aanwezigen").fill(attendees)
    page.get_by_label("Functie/rol van de aanwezigen").fill("huisartsen")
    page.get_by_label("Onderwerp").fill("Afspraken doorverwijzing")


def test_register_an_activity_and_see_the_remaining_hours_drop(page):
    kpko = psychologist()
    allocation = make_allocation(kpko, 1)
    login(page, kpko.user)

    page.goto(f"/registraties/nieuw/{allocation.pk}/")
    fill_activity(page, duration="90")
    page.get_by_test_id("preview-left").filter(has_text="2 u 30 min").wait_for()
    page.get_by_role("button", name="Registreren").click()

    page.get_by_text("Op deze toekenning blijft nog 2 u 30 min over").wait_for()
    assert page.get_by_text("1 u 30 min gebruikt van 4 u").is_visible()


def test_refused_registration_shows_its_reason_and_keeps_the_input(page):
    kpko = psychologist()
    allocation = make_allocation(kpko, 3)
    login(page, kpko.user)

    page.goto(f"/registraties/nieuw/{allocation.pk}/")
    fill_activity(page, work_form="workshop", duration="180", attendees="2")
    page.get_by_role("button", name="Registreren").click()

    page.get_by_text("minstens 3 eerstelijnsactoren").first.wait_for()
    assert page.get_by_label("Aantal aanwezigen").input_value() == "2"
    assert page.get_by_label("Onderwerp").input_value() == "Afspraken doorverwijzing"
    assert not Registration.objects.exists()


def test_request_extra_hours(page):
    kpko = psychologist()
    allocation = make_allocation(kpko, 1)
    login(page, kpko.user)

    page.goto(f"/mijn/toekenningen/{allocation.pk}/")
    page.get_by_label("Aantal extra uren").fill("2")
    page.get_by_label("Motivatie").fill("Extra overleg over groepsaanbod")
    page.get_by_role("button", name="Extra uren aanvragen").click()

    page.get_by_text("doorgestuurd naar uw lokale coördinator").wait_for()
    assert page.get_by_text("2 u gevraagd op").is_visible()
    assert ExtraHoursRequest.objects.get().requested_minutes == 120


def test_export_registrations_as_csv(page):
    kpko = psychologist()
    RegistrationFactory(allocation=make_allocation(kpko, 1), subject="Overleg team")
    login(page, kpko.user)

    page.goto("/registraties/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exporteren (CSV)").click()

    download = download_info.value
    assert download.suggested_filename == "registraties.csv"
    with open(download.path(), encoding="utf-8-sig") as csv_file:
        lines = csv_file.read().splitlines()
    assert len(lines) == 2 and "Overleg team" in lines[1]


def test_overview_and_register_form_pass_label_and_contrast_checks_on_a_phone(phone_page):
    kpko = psychologist()
    allocation = make_allocation(kpko, 3)
    RegistrationFactory(allocation=allocation, work_form="advice")
    ApplicationFactory(psychologist=kpko, status=ApplicationStatus.CHANGES_REQUESTED)
    login(phone_page, kpko.user)

    for url in ("/mijn/", f"/registraties/nieuw/{allocation.pk}/"):
        phone_page.goto(url)
        phone_page.wait_for_load_state("networkidle")
        assert axe_violations(phone_page) == [], url
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375, url
