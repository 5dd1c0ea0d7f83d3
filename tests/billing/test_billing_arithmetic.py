"""The arithmetic of billing without a database: pooled minutes, crediting and amounts.

Property tests (hypothesis) check the pool arithmetic for every carry of 0-59 minutes and
any number of minutes; the example tests pin the boundaries of docs/rules.md and the cases a
mutation sample once slipped by. None of these tests may touch the database.
"""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing import arithmetic

carries = st.integers(min_value=0, max_value=59)
minutes = st.integers(min_value=0, max_value=100_000)


@given(carried_in=carries, billed=minutes)
def test_billing_a_pool_keeps_every_minute_and_carries_less_than_an_hour(carried_in, billed):
    result = arithmetic.bill_pool(carried_in, billed)

    assert 0 <= result.carried_out < 60
    assert result.hours * 60 + result.carried_out == carried_in + billed


@given(carried_in=carries, credited=minutes)
def test_crediting_takes_exactly_the_minutes_out_and_carries_less_than_an_hour(
    carried_in, credited
):
    result = arithmetic.credit_pool(carried_in, credited)

    assert 0 <= result.carried_out < 60
    assert result.hours * 60 + carried_in - credited == result.carried_out


def test_crediting_61_minutes_with_nothing_carried_reverses_two_hours_and_carries_59():
    assert arithmetic.credit_pool(0, 61) == arithmetic.Billing(2, 59)


def test_pool_bills_whole_hours_and_carries_the_rest():
    assert arithmetic.bill_pool(0, 115) == arithmetic.Billing(1, 55)
    assert arithmetic.bill_pool(55, 20) == arithmetic.Billing(1, 15)
    assert arithmetic.bill_pool(10, 40) == arithmetic.Billing(0, 50)


def test_credit_pool_is_absorbed_by_the_carry_first():
    assert arithmetic.credit_pool(55, 45) == arithmetic.Billing(0, 10)


def test_credit_pool_reverses_the_fewest_whole_hours():
    assert arithmetic.credit_pool(15, 100) == arithmetic.Billing(2, 35)
    assert arithmetic.credit_pool(0, 60) == arithmetic.Billing(1, 0)


def test_amount_is_rounded_half_up_to_cents():
    assert arithmetic.line_amount(3, Decimal("10.005")) == Decimal("30.02")  # 30.015 → .02
    assert arithmetic.line_amount(1, Decimal("0.125")) == Decimal("0.13")


@pytest.mark.parametrize(
    ("carried_in", "minutes", "hours", "carried_out"),
    [
        (0, 59, 0, 59),
        (0, 60, 1, 0),
        (0, 119, 1, 59),
        (0, 120, 2, 0),
        (59, 1, 1, 0),
        (55, 20, 1, 15),
    ],
    ids=str,
)
def test_pool_bills_whole_hours_and_carries_the_rest_on_either_side_of_an_hour(
    carried_in, minutes, hours, carried_out
):
    assert arithmetic.bill_pool(carried_in, minutes) == arithmetic.Billing(hours, carried_out)


@pytest.mark.parametrize(
    ("hours", "amount"), [(1, "86.69"), (3, "260.07"), (5, "433.45"), (10, "866.90")], ids=str
)
def test_amount_is_whole_hours_times_86_69(hours, amount):
    assert arithmetic.line_amount(hours, Decimal("86.69")) == Decimal(amount)
