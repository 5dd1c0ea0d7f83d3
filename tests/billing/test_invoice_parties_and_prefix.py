"""An invoice takes the network's address, enterprise number and invoice prefix at issue: a
later change of the settings never changes it, and a year's series keeps its prefix."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from billing.models import Invoice, InvoiceSequence
from billing.services import credit_notes, numbering, runs
from portal.network_settings import update_network_settings
from tests.billing.helpers import register
from tests.factories import NetworkFactory, StaffFactory

MARCH = date(2025, 3, 31)
APRIL = date(2025, 4, 30)


@pytest.fixture
def staff(network):
    return StaffFactory(networks=[network])


def settle(network, staff, **settings) -> None:
    update_network_settings(network, settings, actor=staff)
    network.refresh_from_db()


def test_the_invoice_takes_the_networks_address_and_enterprise_number_at_issue(
    network, staff, allocation
):
    settle(
        network,
        staff,
        street="Voorbeeldlaan 12",
        postal_code="9000",
        municipality="Gent",
        enterprise_number="0812345702",
    )
    register(allocation, date(2025, 3, 5), 60)
    invoice = Invoice.objects.get(run=runs.run_billing(network, MARCH))

    settle(network, staff, street="Nieuwstraat 1", enterprise_number="0745821122")
    register(allocation, date(2025, 4, 5), 60)
    later = Invoice.objects.get(run=runs.run_billing(network, APRIL))

    invoice.refresh_from_db()
    assert (invoice.payer_address, invoice.payer_company_number) == (
        "Voorbeeldlaan 12\n9000 Gent",
        "0812.345.702",
    )
    assert (later.payer_address, later.payer_company_number) == (
        "Nieuwstraat 1\n9000 Gent",
        "0745.821.122",
    )


def test_a_prefix_set_before_the_years_first_invoice_numbers_that_year(network, staff):
    settle(network, staff, invoice_prefix="GGPAKT")
    assert numbering.next_number(network, 2025) == "GGPAKT-2025-00001"


def test_a_prefix_changed_mid_year_starts_with_the_next_years_series(network, staff):
    assert numbering.next_number(network, 2025) == "PAKT-2025-00001"

    settle(network, staff, invoice_prefix="GGPAKT")

    assert numbering.next_number(network, 2025) == "PAKT-2025-00002"
    assert numbering.next_number(network, 2026) == "GGPAKT-2026-00001"


def test_a_credit_note_keeps_the_series_of_its_year(network, staff, allocation):
    register(allocation, date(2025, 3, 5), 60)
    run = runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1))
    invoice = Invoice.objects.get(run=run)
    assert invoice.number == "PAKT-2025-00001"
    settle(network, staff, invoice_prefix="GGPAKT")

    note = credit_notes.issue_credit_note(
        invoice.items.get(), reason="fout", issue_date=date(2025, 4, 2)
    )

    assert note.number == "PAKT-2025-00002"


def test_two_series_of_one_year_never_share_a_prefix(network):
    other = NetworkFactory(code="ADS")
    InvoiceSequence.objects.create(network=network, year=2025, prefix="X")

    with pytest.raises(IntegrityError), transaction.atomic():
        InvoiceSequence.objects.create(network=other, year=2025, prefix="X")
