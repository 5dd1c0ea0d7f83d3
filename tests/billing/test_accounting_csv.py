"""The accounting CSV of a run: one row per document (the run's invoices and their credit
notes issued so far), the columns a bookkeeper imports, payment state, formula safety."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing import exports
from billing.models import Invoice
from billing.services import credit_notes, runs
from billing.services.payments import mark_paid
from tests.billing.helpers import register
from tests.factories import NetworkFactory, PsychologistFactory, StaffFactory
from tests.plans import analyze, rows_read

MARCH = date(2025, 3, 31)
ISSUED = date(2025, 4, 1)


@pytest.fixture
def network(db):
    return NetworkFactory(code="PAKT", name="Het PAKT", enterprise_number="0812345702")


@pytest.fixture
def psychologist(network):
    return PsychologistFactory(
        networks=[network],
        riziv_number="12345678",
        enterprise_number="0745821122",
        iban="BE71096123456769",
    )


@pytest.fixture
def invoice(network, psychologist, make_allocation):
    allocation = make_allocation(psychologist)
    register(allocation, date(2025, 3, 5), 60)
    register(allocation, date(2025, 3, 6), 120, hour=11)
    return Invoice.objects.get(run=runs.run_billing(network, MARCH, issue_date=ISSUED))


def rows(run) -> list[dict]:
    data = exports.run_csv(run)
    assert data.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(data.removeprefix("\ufeff")), delimiter=";"))


def test_the_header_has_the_bookkeepers_columns(invoice):
    header = exports.run_csv(invoice.run).removeprefix("\ufeff").splitlines()[0].split(";")

    assert header == exports.HEADER
    assert header[:4] == ["nummer", "soort", "factuurdatum", "vervaldatum"]


def test_an_invoice_row_has_parties_amounts_communication_and_state(invoice, psychologist):
    [row] = rows(invoice.run)

    assert row == {
        "nummer": invoice.number,
        "soort": "factuur",
        "factuurdatum": "2025-04-01",
        "vervaldatum": "2025-05-01",
        "netwerk": "Het PAKT",
        "ondernemingsnummer netwerk": "0812.345.702",
        "psycholoog": psychologist.name,
        "ondernemingsnummer psycholoog": "0745.821.122",
        "RIZIV-nummer": "12345678",
        "uren": "3",
        "eenheidsprijs": "86,69",
        "bedrag": "260,07",
        "nog te betalen": "260,07",
        # Without the pluses of the printed form, which a spreadsheet would compute.
        "gestructureerde mededeling": f"{invoice.structured_communication[:3]}/"
        + f"{invoice.structured_communication[3:7]}/{invoice.structured_communication[7:]}",
        "betalingsstatus": "te betalen",
        "betaald op": "",
        "crediteert": "",
    }


def test_a_paid_invoice_says_paid_on_which_day_and_nothing_due(invoice, network):
    mark_paid(invoice, paid_on=date(2025, 4, 20), actor=StaffFactory(networks=[network]))

    [row] = rows(invoice.run)

    assert (row["betalingsstatus"], row["betaald op"], row["nog te betalen"]) == (
        "betaald",
        "2025-04-20",
        "0,00",
    )


def test_the_credit_notes_of_the_runs_invoices_are_rows_of_their_own(invoice):
    note = credit_notes.issue_credit_note(invoice.items.first(), issue_date=ISSUED)

    invoice_row, note_row = rows(invoice.run)

    assert (note_row["nummer"], note_row["soort"], note_row["crediteert"]) == (
        note.number,
        "creditnota",
        invoice.number,
    )
    assert (note_row["bedrag"], note_row["uren"], note_row["vervaldatum"]) == ("-86,69", "-1", "")
    assert (note_row["betalingsstatus"], note_row["nog te betalen"]) == ("", "")
    assert invoice_row["nog te betalen"] == "173,38"


def test_a_credit_note_of_another_runs_invoice_is_not_a_row(invoice, network, psychologist):
    register(invoice.items.first().registration.allocation, date(2025, 4, 3), 60)
    april = runs.run_billing(network, date(2025, 4, 30), issue_date=date(2025, 5, 1))
    credit_notes.issue_credit_note(april.invoices.get().items.get(), issue_date=date(2025, 5, 2))

    assert [row["nummer"] for row in rows(invoice.run)] == [invoice.number]


@pytest.mark.postgres
def test_the_documents_of_a_run_are_found_by_index_not_among_every_invoice(
    invoice, make_allocation
):
    elsewhere = NetworkFactory()
    for _ in range(30):
        register(make_allocation(net=elsewhere), date(2025, 3, 5), 60)
    runs.run_billing(elsewhere, MARCH, issue_date=ISSUED)
    table = Invoice._meta.db_table
    analyze(table)
    with CaptureQueriesContext(connection) as queries:
        assert [document.pk for document in exports.run_documents(invoice.run)] == [invoice.pk]
    # Bitmap scans only, as a large table is read: the plan shows whether an index finds the
    # run's documents (none can for an OR across the join to the credited invoice: issue 17;
    # a table this small is otherwise walked along the index of its ordering). Only the
    # documents' own scan counts: a table this small is joined to itself whole.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    assert rows_read(queries.captured_queries, table, alias=table) < 10


def test_a_formula_in_a_payee_name_is_neutralised(network, make_allocation):
    psychologist = PsychologistFactory(networks=[network], user__first_name="=HYPERLINK(1)")
    register(make_allocation(psychologist), date(2025, 3, 5), 60)
    run = runs.run_billing(network, MARCH, issue_date=ISSUED)

    [row] = rows(run)

    assert row["psycholoog"].startswith("'=HYPERLINK(")
