"""Network staff bill a month, mark two invoices paid at once, download the SEPA file of
the rest; the psychologist sees "betaald". On a desktop and on a phone (375 px)."""

import xml.etree.ElementTree as ET
from datetime import date

from billing.models import Invoice
from tests.billing.helpers import register
from tests.e2e.conftest import axe_violations, login
from tests.factories import AllocationFactory, NetworkFactory, PsychologistFactory, StaffFactory

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
IBANS = ("BE71096123456769", "BE02068241735040", "BE31735482193755")


def setup_month():
    """Het PAKT (with its bank account) and three psychologists with an hour in March 2025."""
    network = NetworkFactory(code="PAKT", name="Het PAKT", iban="BE13363195270639", bic="BBRUBEBB")
    psychologists = []
    for index, iban in enumerate(IBANS):
        psychologist = PsychologistFactory(networks=[network], iban=iban)
        allocation = AllocationFactory(application__psychologist=psychologist)
        register(allocation, date(2025, 3, 5 + index), 60)
        psychologists.append(psychologist)
    return network, psychologists


def start_march_run(page) -> None:
    page.goto("/facturatie/")
    page.get_by_label("Netwerk").select_option(label="Het PAKT")
    page.get_by_label("Maand").fill("2025-03")
    page.get_by_role("button", name="Run starten").click()
    page.get_by_role("heading", name="Run Het PAKT – maart 2025").wait_for()


def tick(page, invoice: Invoice) -> None:
    page.get_by_label(f"{invoice.number} als betaald markeren").check()


def test_staff_mark_two_paid_export_the_rest_and_the_psychologist_sees_paid(page):
    network, (first, second, third) = setup_month()
    login(page, StaffFactory(networks=[network]))
    start_march_run(page)
    paid = [Invoice.objects.get(psychologist=p) for p in (first, second)]
    rest = Invoice.objects.get(psychologist=third)

    page.goto("/facturatie/facturen/")
    for invoice in paid:
        tick(page, invoice)
    page.get_by_role("button", name="Markeer als betaald").click()
    page.get_by_role("heading", name="2 facturen als betaald gemarkeerd").wait_for()

    page.goto(f"/facturatie/runs/{rest.run_id}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="SEPA-bestand downloaden").click()
    download = download_info.value
    assert download.suggested_filename == "overschrijvingen-PAKT-2025-03.xml"
    with open(download.path(), "rb") as file:
        root = ET.parse(file).getroot()  # noqa: S314 - the file the portal just wrote
    assert root.find(".//p:GrpHdr/p:NbOfTxs", NS).text == "1"
    assert [e.text for e in root.iterfind(".//p:EndToEndId", NS)] == [rest.number]
    assert root.find(".//p:CdtrAcct/p:Id/p:IBAN", NS).text == IBANS[2]
    assert root.find(".//p:Strd/p:CdtrRefInf/p:Ref", NS).text == rest.structured_communication

    page.context.clear_cookies()
    login(page, first.user)
    page.goto("/facturatie/mijn-facturen/")
    row = page.get_by_role("row").filter(has_text=paid[0].number)
    row.get_by_text("betaald", exact=True).wait_for()


def test_the_invoice_list_and_marking_paid_work_on_a_phone(phone_page):
    network, psychologists = setup_month()
    login(phone_page, StaffFactory(networks=[network]))
    start_march_run(phone_page)
    invoice = Invoice.objects.get(psychologist=psychologists[0])

    phone_page.goto("/facturatie/facturen/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(phone_page) == []
    tick(phone_page, invoice)
    phone_page.get_by_role("button", name="Markeer als betaald").click()

    phone_page.get_by_role("heading", name="1 factuur als betaald gemarkeerd").wait_for()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.goto(f"/facturatie/runs/{invoice.run_id}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
