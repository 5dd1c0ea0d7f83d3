"""Network staff start a billing run, open the invoice and download its PDF."""

from datetime import date

from tests.billing.helpers import register
from tests.e2e.conftest import axe_violations, login
from tests.factories import AllocationFactory, NetworkFactory, PsychologistFactory, StaffFactory


def test_staff_runs_billing_and_downloads_an_invoice_pdf(page):
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    psychologist = PsychologistFactory(networks=[network])
    allocation = AllocationFactory(application__psychologist=psychologist)
    register(allocation, date(2025, 3, 5), 90)
    login(page, StaffFactory(networks=[network]))

    page.goto("/facturatie/")
    page.get_by_label("Netwerk").select_option(label="Het PAKT")
    page.get_by_label("Maand").fill("2025-03")
    page.get_by_role("button", name="Run starten").click()

    page.get_by_text("De facturatierun is gestart.").wait_for()
    page.get_by_role("heading", name="Run Het PAKT – maart 2025").wait_for()
    page.get_by_role("link", name="PAKT-").first.click()
    page.get_by_role("heading", name="Factuur PAKT-").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF downloaden").click()

    download = download_info.value
    assert download.suggested_filename.startswith("PAKT-") and download.suggested_filename.endswith(
        ".pdf"
    )
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_runs_page_passes_label_and_contrast_checks_on_a_phone(phone_page):
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    login(phone_page, StaffFactory(networks=[network]))

    phone_page.goto("/facturatie/")

    assert axe_violations(phone_page) == []
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
