"""Staff follow the ZIP of a run being built until they download it; a psychologist corrects
a credited registration and submits it again."""

import time
from datetime import date

from billing import archive
from billing.models import Invoice
from billing.services import credit_notes, runs
from registrations.models import Registration
from tests.billing.helpers import register
from tests.e2e.conftest import login
from tests.factories import AllocationFactory, NetworkFactory, PsychologistFactory, StaffFactory

MARCH = date(2025, 3, 31)


def test_staff_follow_the_zip_being_built_and_download_it(page, settings, monkeypatch):
    # As with `make run`: no broker, the ZIP is built in a thread of the web process.
    settings.EAGER_TASKS_IN_THREAD = True
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    for _ in range(3):
        psychologist = PsychologistFactory(networks=[network])
        register(AllocationFactory(application__psychologist=psychologist), date(2025, 3, 5), 60)
    run = runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1))
    real = archive.invoice_pdf

    def slow_pdf(invoice):
        time.sleep(0.7)  # long enough for the page to show the ZIP being built
        return real(invoice)

    monkeypatch.setattr(archive, "invoice_pdf", slow_pdf)
    login(page, StaffFactory(networks=[network]))

    page.goto(f"/facturatie/runs/{run.pk}/")
    page.get_by_role("button", name="ZIP met alle PDF's maken").click()

    page.get_by_text("Het ZIP-bestand wordt gemaakt.").wait_for()
    assert page.locator("#run-zip progress").count() == 1
    link = page.get_by_role("link", name="ZIP met alle PDF's downloaden")
    link.wait_for()  # swapped in by htmx, without reloading the page
    assert page.get_by_text("Klaar: 3 PDF's.").is_visible()
    with page.expect_download() as download_info:
        link.click()
    with open(download_info.value.path(), "rb") as zipped:
        assert zipped.read(2) == b"PK"


def test_psychologist_corrects_a_credited_registration_and_submits_it_again(page):
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    psychologist = PsychologistFactory(networks=[network])
    allocation = AllocationFactory(application__psychologist=psychologist)
    registration = register(allocation, date(2025, 3, 5), 90)
    run = runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1))
    credit_notes.issue_credit_note(Invoice.objects.get(run=run).items.get(), reason="fout")
    login(page, psychologist.user)

    page.goto("/registraties/")
    page.get_by_role("link", name="gecrediteerd — corrigeer en dien opnieuw in").click()
    page.get_by_text("Gecrediteerd — corrigeer en dien opnieuw in.").wait_for()
    page.get_by_label("Duur").fill("1:15")
    page.get_by_label("Onderwerp / korte omschrijving").fill("Overleg over een casus")
    page.get_by_label("Functie/rol van de aanwezigen").fill("huisartsen")
    page.get_by_role("button", name="Opnieuw indienen").click()

    page.get_by_text("gecorrigeerd en opnieuw ingediend").wait_for()
    registration = Registration.objects.get(pk=registration.pk)
    assert (registration.duration_minutes, registration.is_credited) == (75, False)
