"""The SEPA credit-transfer file of a run: valid pain.001.001.03, what it holds (the unpaid
invoices for what is still due, with the structured communication as Strd), what it leaves
out and why, the refusals, and its download."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from billing import sepa
from billing.models import Invoice
from billing.services import credit_notes, runs
from billing.services.payments import mark_paid
from portal.models import Network
from tests.billing.helpers import register
from tests.factories import NetworkFactory, PsychologistFactory, StaffFactory

MARCH = date(2025, 3, 31)
ISSUED = date(2025, 4, 1)
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
NETWORK_IBAN = "BE02068241735040"
BELGIAN = "BE71096123456769"  # Belfius: GKCCBEBB
DUTCH = "NL91ABNA0417164300"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def network(db):
    return NetworkFactory(code="PAKT", name="Het PAKT", iban=NETWORK_IBAN, bic="GKCCBEBB")


@pytest.fixture
def staff(network):
    return StaffFactory(networks=[network])


def psychologist_billed(make_allocation, network, minutes=60, **fields):
    psychologist = PsychologistFactory(networks=[network], **fields)
    allocation = make_allocation(psychologist)
    register(allocation, date(2025, 3, 5), minutes)
    return psychologist


def bill(network, issue_date=ISSUED):
    return runs.run_billing(network, MARCH, issue_date=issue_date)


def invoice_of(run, psychologist) -> Invoice:
    return Invoice.objects.get(run=run, psychologist=psychologist)


def parse(xml: bytes) -> ET.Element:
    return ET.fromstring(xml)  # noqa: S314 - our own file


def transactions(root) -> dict[str, ET.Element]:
    """The transactions by end-to-end id (the invoice number)."""
    return {
        tx.find("p:PmtId/p:EndToEndId", NS).text: tx for tx in root.iterfind(".//p:CdtTrfTxInf", NS)
    }


@pytest.fixture
def two_invoices(network, make_allocation):
    belgian = psychologist_billed(make_allocation, network, 60, iban=BELGIAN)
    dutch = psychologist_billed(make_allocation, network, 120, iban=DUTCH, bic="ABNANL2A")
    run = bill(network)
    return run, invoice_of(run, belgian), invoice_of(run, dutch)


def test_the_file_is_valid_against_the_pain_001_001_03_schema(two_invoices, today):
    run, _belgian, _dutch = two_invoices

    xml = sepa.credit_transfer(run, today).xml

    xmlschema.XMLSchema(str(XSD)).validate(xml.decode())


def test_the_header_counts_the_transactions_and_sums_their_amounts(two_invoices, today):
    run, belgian, dutch = two_invoices

    root = parse(sepa.credit_transfer(run, today).xml)

    assert root.find("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", NS).text == "2"
    control_sum = root.find("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", NS).text
    assert Decimal(control_sum) == belgian.amount + dutch.amount == Decimal("260.07")


def test_the_debtor_is_the_networks_account(two_invoices, today):
    run, _belgian, _dutch = two_invoices

    payment = parse(sepa.credit_transfer(run, today).xml).find(".//p:PmtInf", NS)

    assert payment.find("p:Dbtr/p:Nm", NS).text == "Het PAKT"
    assert payment.find("p:DbtrAcct/p:Id/p:IBAN", NS).text == NETWORK_IBAN
    assert payment.find("p:DbtrAgt/p:FinInstnId/p:BIC", NS).text == "GKCCBEBB"


def test_each_creditor_is_paid_on_the_iban_of_their_invoice(two_invoices, today):
    run, belgian, dutch = two_invoices

    found = transactions(parse(sepa.credit_transfer(run, today).xml))

    assert {number: tx.find("p:CdtrAcct/p:Id/p:IBAN", NS).text for number, tx in found.items()} == {
        belgian.number: BELGIAN,
        dutch.number: DUTCH,
    }
    assert found[dutch.number].find("p:Amt/p:InstdAmt", NS).text == "173.38"
    assert found[dutch.number].find("p:Cdtr/p:Nm", NS).text == dutch.payee_name


def test_each_transfer_repeats_the_structured_communication_as_a_scor_reference(
    two_invoices, today
):
    run, belgian, dutch = two_invoices

    found = transactions(parse(sepa.credit_transfer(run, today).xml))

    for invoice in (belgian, dutch):
        remittance = found[invoice.number].find("p:RmtInf", NS)
        assert remittance.find("p:Ustrd", NS) is None
        reference = remittance.find("p:Strd/p:CdtrRefInf", NS)
        assert reference.find("p:Tp/p:CdOrPrtry/p:Cd", NS).text == "SCOR"
        assert reference.find("p:Tp/p:Issr", NS).text == "BBA"
        assert reference.find("p:Ref", NS).text == invoice.structured_communication
        assert len(invoice.structured_communication) == 12


def test_a_belgian_iban_without_bic_gets_the_bic_of_its_bank(two_invoices, today):
    run, belgian, _dutch = two_invoices

    found = transactions(parse(sepa.credit_transfer(run, today).xml))

    assert found[belgian.number].find("p:CdtrAgt/p:FinInstnId/p:BIC", NS).text == "GKCCBEBB"


def test_a_foreign_iban_without_bic_is_sent_without_creditor_agent(network, make_allocation, today):
    psychologist = psychologist_billed(make_allocation, network, iban=DUTCH)
    run = bill(network)

    found = transactions(parse(sepa.credit_transfer(run, today).xml))

    assert found[invoice_of(run, psychologist).number].find("p:CdtrAgt", NS) is None


def test_paid_and_credited_invoices_are_not_in_the_file(network, make_allocation, staff, today):
    paid, credited, unpaid = (
        psychologist_billed(make_allocation, network, iban=BELGIAN) for _ in range(3)
    )
    run = bill(network)
    mark_paid(invoice_of(run, paid), paid_on=ISSUED, actor=staff)
    credit_notes.issue_credit_note(invoice_of(run, credited).items.get(), issue_date=ISSUED)

    found = transactions(parse(sepa.credit_transfer(run, today).xml))

    assert list(found) == [invoice_of(run, unpaid).number]


def test_a_partially_credited_invoice_is_paid_for_what_is_still_due(
    network, make_allocation, today
):
    psychologist = PsychologistFactory(networks=[network], iban=BELGIAN)
    allocation = make_allocation(psychologist)
    register(allocation, date(2025, 3, 5), 60)
    register(allocation, date(2025, 3, 6), 60)
    run = bill(network)
    invoice = invoice_of(run, psychologist)
    credit_notes.issue_credit_note(invoice.items.first(), issue_date=ISSUED)

    found = transactions(parse(sepa.credit_transfer(run, today).xml))

    assert found[invoice.number].find("p:Amt/p:InstdAmt", NS).text == "86.69"


def issued_with_iban(run, psychologist, iban: str) -> None:
    """The invoice as one issued before a run checked the IBAN (billing.readiness) was."""
    Invoice.objects.filter(run=run, psychologist=psychologist).update(payee_iban=iban)


def test_an_invoice_without_a_valid_iban_is_left_out_and_reported(network, make_allocation, today):
    good = psychologist_billed(make_allocation, network, iban=BELGIAN)
    bad = psychologist_billed(make_allocation, network, iban=BELGIAN)
    run = bill(network)
    issued_with_iban(run, bad, "BE00123")

    transfer = sepa.credit_transfer(run, today)

    assert list(transactions(parse(transfer.xml))) == [invoice_of(run, good).number]
    assert [item.invoice for item in transfer.plan.left_out] == [invoice_of(run, bad)]
    assert transfer.plan.left_out[0].code == "sepa_payee_iban_invalid"
    assert "BE00123" in transfer.plan.left_out[0].reason


def test_names_are_written_in_the_sepa_character_set(network, make_allocation, today):
    psychologist = psychologist_billed(
        make_allocation, network, iban=BELGIAN, user__first_name="Zoë & Çédric", user__last_name="Ø"
    )
    run = bill(network)

    found = transactions(parse(sepa.credit_transfer(run, today).xml))

    assert found[invoice_of(run, psychologist).number].find("p:Cdtr/p:Nm", NS).text == (
        "Zoe   Cedric O"
    )


def test_the_execution_date_is_today_once_the_due_date_is_past(two_invoices, today):
    run, _belgian, _dutch = two_invoices

    root = parse(sepa.credit_transfer(run, today).xml)

    assert root.find(".//p:PmtInf/p:ReqdExctnDt", NS).text == today.isoformat()


def test_the_execution_date_is_the_due_date_while_it_is_ahead(network, make_allocation, today):
    psychologist_billed(make_allocation, network, iban=BELGIAN)
    run = bill(network, issue_date=today)

    root = parse(sepa.credit_transfer(run, today).xml)

    expected = today + timedelta(days=network.payment_term_days)
    assert root.find(".//p:PmtInf/p:ReqdExctnDt", NS).text == expected.isoformat()


def refusal_codes(run, today) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        sepa.credit_transfer(run, today)
    return [item.code for item in refused.value.error_list]


def test_a_network_without_iban_is_refused(two_invoices, network, today):
    Network.objects.filter(pk=network.pk).update(iban="")
    run = two_invoices[0]
    run.network.refresh_from_db()

    assert refusal_codes(run, today) == ["sepa_network_iban_missing"]


def test_a_network_without_bic_is_refused(two_invoices, network, today):
    Network.objects.filter(pk=network.pk).update(bic="")
    run = two_invoices[0]
    run.network.refresh_from_db()

    assert refusal_codes(run, today) == ["sepa_network_bic_missing"]


def test_a_run_with_nothing_left_to_pay_is_refused(two_invoices, staff, today):
    run, belgian, dutch = two_invoices
    for invoice in (belgian, dutch):
        mark_paid(invoice, paid_on=ISSUED, actor=staff)

    assert refusal_codes(run, today) == ["sepa_nothing_to_pay"]


# --- The download ----------------------------------------------------------------------


def test_staff_download_the_file_as_an_attachment(client, staff, two_invoices):
    run = two_invoices[0]
    client.force_login(staff)

    response = client.get(reverse("billing:run_sepa", args=[run.pk]))

    assert response["Content-Type"] == "application/xml"
    assert 'filename="overschrijvingen-PAKT-2025-03.xml"' in response["Content-Disposition"]
    assert parse(response.content).find(".//p:NbOfTxs", NS).text == "2"


def test_another_networks_run_has_no_file(client, two_invoices):
    client.force_login(StaffFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")]))

    response = client.get(reverse("billing:run_sepa", args=[two_invoices[0].pk]))

    assert response.status_code == 404


def test_a_refused_file_goes_back_to_the_run_saying_what_to_do(client, staff, two_invoices):
    run = two_invoices[0]
    Network.objects.filter(pk=run.network_id).update(bic="")
    client.force_login(staff)

    response = client.get(reverse("billing:run_sepa", args=[run.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("billing:run_detail", args=[run.pk])
    assert "instellingenpagina van het netwerk" in response.content.decode()


def test_the_run_page_lists_the_invoices_the_file_leaves_out(
    client, staff, network, make_allocation
):
    bad = psychologist_billed(make_allocation, network, iban=BELGIAN)
    run = bill(network)
    issued_with_iban(run, bad, "")
    client.force_login(staff)

    page = client.get(reverse("billing:run_detail", args=[run.pk])).content.decode()

    assert "staat niet in het overschrijvingsbestand" in page
    assert invoice_of(run, bad).number in page
