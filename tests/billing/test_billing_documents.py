"""Invoice PDF (WeasyPrint, read back with pypdf), the run's ZIP and the CSV export."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from pypdf import PdfReader

from billing import pdf
from billing.models import Invoice
from billing.selectors import with_details
from billing.services import credit_notes, run_zips, runs
from portal.pdf import fonts_url
from tests.billing.helpers import register

MARCH = date(2025, 3, 31)


@pytest.fixture
def invoice(network, allocation):
    network.street, network.postal_code, network.municipality = (
        "Kortrijksesteenweg 1",
        "9000",
        "Gent",
    )
    network.enterprise_number = "0123456749"
    network.save()
    register(allocation, date(2025, 3, 5), 150, prep=60, work_form="workshop")
    run = runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1))
    return with_details(Invoice.objects.filter(run=run)).get()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_shows_number_pseudocode_hours_unit_price_and_total(invoice):
    text = pdf_text(pdf.invoice_pdf(invoice))

    assert invoice.number in text
    assert "726994" in text
    assert "vindplaatsgericht werken – voorbereiding" in text
    assert "86,69" in text  # unit price, Dutch decimal comma
    assert "260,07" in text  # 3 h × 86,69 total
    assert "\n3 " in text or " 3 " in text


def test_pdf_shows_payer_payee_itemisation_carry_and_footer(invoice, settings):
    settings.INVOICE_FOOTER = "Vrijgesteld van btw – art. 44 §1 W.btw"

    text = pdf_text(pdf.invoice_pdf(invoice))

    for expected in (
        "Het PAKT",
        "Kortrijksesteenweg 1",
        "9000 Gent",
        "0123.456.749",
        invoice.payee_riziv_number,
        "05/03/2025",
        "Toelichting / vorming / workshop",
        "30 min",
        "art. 44 §1 W.btw",
    ):
        assert expected in text, expected


def set_language(invoice, language: str) -> None:
    invoice.psychologist.user.language = language
    invoice.psychologist.user.save(update_fields=["language"])


def test_pdf_of_a_french_psychologist_is_in_french_whoever_asks(invoice):
    set_language(invoice, "fr-be")
    with translation.override("nl-be"):
        text = pdf_text(pdf.invoice_pdf(invoice))
    assert f"Facture {invoice.number}" in text
    assert "Prix unitaire" in text
    assert "86,69 €" in text  # the French way of writing an amount
    assert "Factuur" not in text


def test_pdf_of_a_dutch_psychologist_is_in_dutch_from_a_french_page(invoice):
    with translation.override("fr-be"):
        text = pdf_text(pdf.invoice_pdf(invoice))
    assert f"Factuur {invoice.number}" in text
    assert "€ 86,69" in text
    assert "Facture" not in text


def test_credit_note_pdf_is_in_the_psychologists_language(invoice):
    set_language(invoice, "fr-be")
    note = credit_notes.issue_credit_note(invoice.items.get(), reason="double")
    text = pdf_text(pdf.invoice_pdf(with_details(Invoice.objects.filter(pk=note.pk)).get()))
    assert f"Note de crédit {note.number}" in text


def test_pdf_uses_the_fonts_shipped_with_the_project(invoice):
    reader = PdfReader(io.BytesIO(pdf.invoice_pdf(invoice)))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }

    # "Invoice Sans" is the @font-face family over static/fonts/DejaVuSans*.ttf: no
    # system font has that name, so the embedded fonts are the shipped files.
    assert fonts and all("Invoice-Sans" in name for name in fonts)
    assert (Path(fonts_url().removeprefix("file://")) / "DejaVuSans.ttf").exists()


def test_run_zip_holds_one_pdf_per_invoice(invoice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    run_zips.request_run_zip(invoice.run)
    path = run_zips.build_run_zip(invoice.run_id)

    with zipfile.ZipFile(tmp_path / path) as archive:
        assert archive.namelist() == [f"{invoice.number}.pdf"]
    invoice.run.refresh_from_db()
    assert invoice.run.zip_path == path
