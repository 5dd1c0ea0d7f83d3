"""Gapless numbering for every order of draws: credit notes and run batches share one
sequence per network and year (the pool arithmetic: test_billing_arithmetic.py)."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billing.models import InvoiceSequence
from billing.services import credit_notes, numbering, runs
from tests.billing.helpers import register


@pytest.fixture
def march_invoice(network, allocation):
    register(allocation, date(2025, 3, 5), 90)
    run = runs.run_billing(network, date(2025, 3, 31), issue_date=date(2025, 4, 1))
    return run.invoices.get()


def test_invoice_after_a_credit_note_takes_the_very_next_number(march_invoice, network, allocation):
    item = march_invoice.items.get()
    note = credit_notes.issue_credit_note(item, reason="dubbel", issue_date=date(2025, 4, 2))
    register(allocation, date(2025, 4, 7), 60)

    april = runs.run_billing(network, date(2025, 4, 30), issue_date=date(2025, 5, 1))

    assert (march_invoice.number, note.number, april.invoices.get().number) == (
        "PAKT-2025-00001",
        "PAKT-2025-00002",
        "PAKT-2025-00003",
    )


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(draws=st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=8))
def test_numbers_drawn_for_credit_notes_and_runs_follow_each_other_without_gaps(network, draws):
    """0 is a credit note (`next_number`), n > 0 a run batch of n invoices (`next_numbers`)."""
    sequence, _created = InvoiceSequence.objects.get_or_create(network=network, year=2025)
    first = sequence.last_number + 1
    drawn = []
    for count in draws:
        if count == 0:
            drawn.append(numbering.next_number(network, 2025))
        else:
            drawn.extend(numbering.next_numbers(network, 2025, count))

    expected = range(first, first + len(drawn))
    assert drawn == [f"PAKT-2025-{number:05d}" for number in expected]
    sequence.refresh_from_db()
    assert sequence.last_number == first + len(drawn) - 1
