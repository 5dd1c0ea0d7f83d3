"""The arithmetic of billing: whole hours of a pool of minutes, credit notes, amounts, periods.

Billing's counterpart of the applications engine: pure functions over plain values, no
queries, so every money rule can be tested without a database. The services apply them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """Round an amount to cents, half up (once, at the line)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Billing:
    hours: int
    carried_out: int


def bill_pool(carried_in: int, minutes: int) -> Billing:
    """Whole hours of a pool of minutes; the rest is carried to the next run."""
    hours, rest = divmod(carried_in + minutes, 60)
    return Billing(hours, rest)


def credit_pool(carried_in: int, minutes: int) -> Billing:
    """Take a credited registration's minutes out of the pool.

    The credit note reverses the fewest whole hours that keep the pool non-negative:
    minutes still carried absorb the reversal first. So at any time
    (hours billed - hours credited) × 60 + carry = minutes of the billed, uncredited
    registrations, exactly as if the registration had never been billed.
    """
    if carried_in >= minutes:
        return Billing(0, carried_in - minutes)
    hours = -(-(minutes - carried_in) // 60)  # ceiling division
    return Billing(hours, carried_in + hours * 60 - minutes)


def line_amount(hours: int, unit_price: Decimal) -> Decimal:
    return money(Decimal(hours) * unit_price)


def period_of(period_end: date) -> date:
    """The first day of the (monthly) period that ends on `period_end`."""
    return period_end.replace(day=1)
