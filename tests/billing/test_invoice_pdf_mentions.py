"""What a Belgian bookkeeper looks for on the invoice and credit-note PDF (read back with
pypdf): both parties with address and enterprise number, number, dates and period, the
VAT exemption, self-billing, the due date and structured communication, and the
activities registered late (docs/invoice-document.md)."""

import re
from datetime import date

import pytest
from stdnum.be import ogm_vcs

from billing.services import credit_notes
from tests.billing.helpers import register
from tests.billing.invoice_pdf_helpers import (
    BIC,
    allocation_of,
    complete_network,
    complete_psychologist,
    issue_march_invoice,
    loaded,
    pdf_text,
)

COMMUNICATION = re.compile(r"\+\+\+(\d{3}/\d{4}/\d{5})\+\+\+")
LATE_DAY = date(2025, 2, 20)  # February, billed by the March run: registered late
IN_PERIOD_DAY = date(2025, 3, 5)


@pytest.fixture
def psychologist(network):
    complete_network(network)
    return complete_psychologist(network)


@pytest.fixture
def invoice(network, psychologist):
    allocation = allocation_of(psychologist, network)
    register(allocation, LATE_DAY, 45)
    register(allocation, IN_PERIOD_DAY, 150, prep=60, work_form="workshop")
    return issue_march_invoice(network)


@pytest.fixture
def credit_note(invoice):
    item = invoice.items.get(registration__date=IN_PERIOD_DAY)
    note = credit_notes.issue_credit_note(
        item, reason="Dubbel geregistreerd", issue_date=date(2025, 4, 3)
    )
    return loaded(note)


def french(invoice):
    invoice.psychologist.user.language = "fr-be"
    invoice.psychologist.user.save(update_fields=["language"])
    return invoice


def test_invoice_names_the_psychologist_as_issuer_with_address_numbers_and_bank(invoice):
    text = pdf_text(invoice)

    for expected in (
        "Dienstverrichter (psycholoog)",
        invoice.payee_name,
        "Veldstraat 10",
        "9000 Gent",
        "Ondernemingsnummer: 0812.345.702",
        f"RIZIV-nummer: {invoice.payee_riziv_number}",
        "IBAN: BE68 5390 0754 7034",
        f"BIC: {BIC}",
    ):
        assert expected in text, expected


def test_invoice_names_the_network_as_customer_with_address_and_enterprise_number(invoice):
    text = pdf_text(invoice)

    assert "Afnemer (netwerk) Het PAKT Kortrijksesteenweg 1 9000 Gent" in text
    assert "Ondernemingsnummer: 0123.456.749" in text


def test_invoice_shows_its_number_issue_date_and_period(invoice):
    text = pdf_text(invoice)

    assert f"Factuur {invoice.number}" in text
    assert f"Factuurnummer {invoice.number}" in text
    assert "Datum van uitgifte 01/04/2025" in text
    assert "Periode 01/03/2025 – 31/03/2025" in text


def test_invoice_shows_quantity_unit_price_and_amount(invoice):
    text = pdf_text(invoice)

    # 45 + 150 + 60 prep = 255 min: 4 h billed, 15 min carried.
    assert "726994 — vindplaatsgericht werken – voorbereiding 4 € 86,69 € 346,76" in text
    assert "Totaal € 346,76" in text


def test_invoice_states_the_vat_exemption_on_every_page(invoice, settings):
    settings.INVOICE_FOOTER = "Vrijgesteld van btw – art. 44 §1 W.btw"

    assert "Vrijgesteld van btw – art. 44 §1 W.btw" in pdf_text(invoice)


def test_invoice_says_it_is_self_billing_drawn_up_by_the_network_for_the_psychologist(invoice):
    text = pdf_text(invoice)

    assert text.startswith("Autofacturatie Factuur")
    assert (
        f"Opgesteld door Het PAKT in naam en voor rekening van {invoice.payee_name}, "
        "met diens akkoord (autofacturatie)."
    ) in text


def test_invoice_shows_its_due_date(invoice):
    assert invoice.due_date == date(2025, 5, 1)

    assert "Vervaldatum 01/05/2025" in pdf_text(invoice)


def test_invoice_shows_a_valid_structured_communication(invoice):
    printed = COMMUNICATION.findall(pdf_text(invoice))

    assert printed and set(printed) == {ogm_vcs.format(invoice.structured_communication)}
    assert ogm_vcs.is_valid(printed[0])


def test_invoice_says_the_network_transfers_to_the_iban_by_the_due_date_with_the_communication(
    invoice,
):
    communication = ogm_vcs.format(invoice.structured_communication)

    assert (
        "Het netwerk schrijft € 346,76 over op rekening BE68 5390 0754 7034 van de psycholoog, "
        f"uiterlijk op 01/05/2025, met de gestructureerde mededeling +++{communication}+++."
    ) in pdf_text(invoice)


def test_invoice_lists_the_activities_up_to_the_period_end(invoice):
    text = pdf_text(invoice)

    assert "Activiteiten tot en met 31/03/2025" in text
    assert "2 05/03/2025 1 Toelichting / vorming / workshop 150 60" in text


def test_an_activity_dated_before_the_period_is_marked_late_and_the_mark_explained(invoice):
    text = pdf_text(invoice)

    assert "1 20/02/2025 * 1" in text
    assert "* Geregistreerd na de afsluiting van de maand van de activiteit, nu gefactureerd." in (
        text
    )


def test_an_activity_in_the_period_is_not_marked_late(invoice):
    text = pdf_text(invoice)

    assert "05/03/2025 1" in text
    assert "05/03/2025 *" not in text


def test_an_invoice_without_late_activities_has_no_late_legend(network, psychologist):
    register(allocation_of(psychologist, network), IN_PERIOD_DAY, 60)

    text = pdf_text(issue_march_invoice(network))

    assert "Activiteiten tot en met 31/03/2025" in text
    assert "*" not in text


def test_credit_note_is_a_self_billed_credit_note(credit_note):
    text = pdf_text(credit_note)

    assert text.startswith(f"Autofacturatie Creditnota {credit_note.number}")
    assert "in naam en voor rekening van" in text
    assert f"Factuur {credit_note.number}" not in text


def test_credit_note_names_the_invoice_it_corrects_and_why(credit_note, invoice):
    text = pdf_text(credit_note)

    assert f"Crediteert factuur {invoice.number} van 01/04/2025" in text
    assert "Reden Dubbel geregistreerd" in text
    assert "Gecrediteerde registratie" in text


def test_credit_note_shares_the_numbering_series_of_the_invoice(credit_note, invoice):
    prefix, year, sequence = invoice.number.rsplit("-", 2)

    assert credit_note.number == f"{prefix}-{year}-{int(sequence) + 1:05d}"


def test_credit_note_shows_negative_amounts(credit_note):
    # 210 min credited from a pool carrying 15: 4 h less, 45 min carried.
    assert credit_note.amount < 0

    text = pdf_text(credit_note)

    assert "726994 — vindplaatsgericht werken – voorbereiding -4 € 86,69 € -346,76" in text
    assert "Totaal € -346,76" in text


def test_credit_note_has_no_due_date_and_asks_no_transfer(credit_note):
    assert credit_note.due_date is None

    text = pdf_text(credit_note)

    assert "Vervaldatum" not in text
    assert "Het netwerk schrijft" not in text
    assert "+++" not in text


def test_credit_note_marks_no_activity_late(network, psychologist):
    register(allocation_of(psychologist, network), LATE_DAY, 60)
    invoice = issue_march_invoice(network)
    note = credit_notes.issue_credit_note(invoice.items.get(), issue_date=date(2025, 4, 3))

    assert "20/02/2025 *" in pdf_text(invoice)
    assert "*" not in pdf_text(loaded(note))


def test_french_invoice_carries_every_mention_in_french(invoice):
    text = pdf_text(french(invoice))
    communication = ogm_vcs.format(invoice.structured_communication)

    for expected in (
        "Autofacturation",
        f"Facture {invoice.number}",
        f"Établie par Het PAKT au nom et pour le compte de {invoice.payee_name}, "
        "avec son accord (autofacturation).",
        "Prestataire (psychologue)",
        "Client (réseau)",
        "Numéro d’entreprise: 0812.345.702",
        "Numéro d’entreprise: 0123.456.749",
        f"Numéro de facture {invoice.number}",
        "Date d’émission 01/04/2025",
        "Période 01/03/2025 – 31/03/2025",
        "Échéance 01/05/2025",
        f"Communication structurée +++{communication}+++",
        "Le réseau vire 346,76 € sur le compte BE68 5390 0754 7034 du psychologue, au plus "
        f"tard le 01/05/2025, avec la communication structurée +++{communication}+++.",
        "Activités jusqu’au 31/03/2025 inclus",
        "20/02/2025 *",
        "* Enregistrée après la clôture du mois de l’activité, facturée maintenant.",
        "Exonéré de TVA – art. 44, § 1er du Code de la TVA",
        "Page 1 sur 1",
    ):
        assert expected in text, expected
    assert "Autofacturatie" not in text


def test_french_credit_note_says_note_de_credit(credit_note):
    text = pdf_text(french(credit_note))

    assert text.startswith(f"Autofacturation Note de crédit {credit_note.number}")
