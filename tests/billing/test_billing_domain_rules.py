"""The billing rules of docs/rules.md through the services: whole hours at EUR 86.69 under
pseudocode 726994, and carried minutes.

Registrations go through `register_activity` on allocations of the seeded calls and
billing through `run_billing` with the seeded rate, so the engine, the quota sums and the
billing services are exercised together. Each test names the rule of docs/rules.md it proves.
"""

from datetime import date
from decimal import Decimal

import pytest

from billing.models import PSEUDOCODE, Invoice, Rate
from billing.services import runs
from tests.registrations.helpers import HOUR, activity, allocation_of, register

pytestmark = pytest.mark.django_db

MARCH = date(2025, 3, 31)
APRIL = date(2025, 4, 30)


def bill(allocation, period_end):
    run = runs.run_billing(allocation.network, period_end, issue_date=period_end)
    return Invoice.objects.filter(run=run, psychologist=allocation.psychologist).first()


def test_seeded_rate_is_86_69_from_1_january_2024():
    assert Rate.objects.in_force_on(date(2024, 1, 1)).hourly_rate == Decimal("86.69")
    assert Rate.objects.in_force_on(date(2023, 12, 31)) is None


def test_59_minutes_give_no_invoice_and_one_more_minute_gives_one_hour():
    allocation = allocation_of(1)
    register(allocation, activity(minutes=59, day=date(2025, 3, 31)))
    assert bill(allocation, MARCH) is None
    register(allocation, activity(minutes=1, day=date(2025, 4, 1)))
    invoice = bill(allocation, APRIL)
    assert (invoice.hours, invoice.amount, invoice.minutes_carried_out) == (
        1,
        Decimal("86.69"),
        0,
    )


def test_registration_on_the_last_day_of_the_period_is_billed_in_that_period():
    allocation = allocation_of(1)
    register(allocation, activity(minutes=60, day=MARCH))
    assert bill(allocation, MARCH).hours == 1


def test_workshop_with_prep_is_billed_as_whole_hours_under_pseudocode_726994():
    allocation = allocation_of(4)
    register(allocation, activity("workshop", 4 * HOUR, day=date(2025, 3, 10)))
    invoice = bill(allocation, MARCH)
    assert (invoice.hours, invoice.unit_price, invoice.amount) == (
        5,
        Decimal("86.69"),
        Decimal("433.45"),
    )
    assert list(invoice.lines.values_list("pseudocode", flat=True)) == [PSEUDOCODE]
    assert PSEUDOCODE == "726994"


def test_example_7_carry_through_the_services():
    allocation = allocation_of(3)
    for day, minutes in ((3, 40), (10, 30), (20, 45)):
        register(allocation, activity("advice", minutes, day=date(2025, 3, day), attendees=1))
    march = bill(allocation, MARCH)
    assert (march.hours, march.amount, march.minutes_carried_out) == (1, Decimal("86.69"), 55)
    register(allocation, activity("advice", 20, day=date(2025, 4, 8), attendees=1))
    april = bill(allocation, APRIL)
    assert (april.hours, april.minutes_carried_in, april.minutes_carried_out) == (1, 55, 15)
