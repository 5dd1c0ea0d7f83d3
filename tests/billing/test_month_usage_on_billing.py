"""A billing run and a credit note keep the allocation's month usage
(registrations.AllocationMonthUsage) equal to what is registered and billed per month,
although both write their flags in bulk, without signals (issue 17)."""

from datetime import date

import pytest

from billing.services import credit_notes, runs
from registrations.models import AllocationMonthUsage, Registration
from tests.billing.helpers import register

FEBRUARY, MARCH = date(2025, 2, 1), date(2025, 3, 1)
MARCH_END = date(2025, 3, 31)


def months(allocation) -> dict:
    rows = AllocationMonthUsage.objects.filter(allocation=allocation).order_by("month")
    return {row.month: (row.registered_minutes, row.billed_minutes) for row in rows}


@pytest.fixture
def billed(network, allocation):
    """Registrations of February and March billed by the March run; one of April is not."""
    register(allocation, date(2025, 2, 28), 30)
    register(allocation, date(2025, 3, 3), 40)
    register(allocation, date(2025, 4, 1), 50)
    runs.run_billing(network, MARCH_END, issue_date=MARCH_END)
    return allocation


def test_a_billing_run_marks_the_minutes_of_each_month_it_bills_as_billed(billed):
    assert months(billed)[FEBRUARY] == (30, 30)
    assert months(billed)[MARCH] == (40, 40)


def test_a_month_after_the_runs_period_stays_unbilled(billed):
    assert months(billed)[date(2025, 4, 1)] == (50, 0)


def test_a_credit_note_takes_its_registration_out_of_its_month(billed):
    march = Registration.objects.get(allocation=billed, date=date(2025, 3, 3))

    credit_notes.issue_credit_note(march, reason="fout")

    assert MARCH not in months(billed)
    assert months(billed)[FEBRUARY] == (30, 30)


def test_a_late_registration_billed_by_the_next_run_adds_to_its_month(network, billed):
    register(billed, date(2025, 2, 14), 20)
    april_end = date(2025, 4, 30)

    runs.run_billing(network, april_end, issue_date=april_end)

    assert months(billed)[FEBRUARY] == (50, 50)
    assert months(billed)[date(2025, 4, 1)] == (50, 50)
