"""The follow-up page: allocations that end soon or are little used, evaluations that are due.

Thresholds (Decision): allocations ending within 60 days; "little use" = past the middle
of the window with less than a quarter of the allocation's minutes used. When an
evaluation is due is decided in applications.selectors.due_agreements.
"""

from datetime import date, timedelta

from applications.access import coordinated_agreements, coordinated_allocations
from applications.engine import evaluations
from applications.selectors import due_agreements
from coordination.selectors import TOTAL_MINUTES, USED_MINUTES

ENDING_WITHIN_DAYS = 60
LOW_USE_NUMERATOR, LOW_USE_DENOMINATOR = 1, 4  # 25 %


def active_allocations(user):
    """Active allocations of the user's networks, with `used_minutes` and `total`."""
    return (
        coordinated_allocations(user)
        .filter(is_active=True)
        .select_related("psychologist__user", "call", "findplace", "application")
        .annotate(used_minutes=USED_MINUTES, total=TOTAL_MINUTES)
    )


def ending_allocations(user, today: date):
    """Active allocations whose window ends within the next 60 days."""
    return (
        active_allocations(user)
        .filter(window_end__gte=today, window_end__lte=today + timedelta(days=ENDING_WITHIN_DAYS))
        .order_by("window_end", "pk")
    )


def is_low_use(allocation, today: date) -> bool:
    """Past the middle of the window and less than 25 % of the minutes used."""
    half = (allocation.window_end - allocation.window_start) / 2
    past_middle = today > allocation.window_start + half
    used, total = allocation.used_minutes, allocation.total
    return past_middle and used * LOW_USE_DENOMINATOR < total * LOW_USE_NUMERATOR


def low_use_allocations(user, today: date) -> list:
    """Allocations running today with little use halfway, filtered in Python: one query.
    Not in SQL: there PostgreSQL may sum the usage of other networks' allocations before it
    drops them (tests/coordination/test_pages_read_their_network.py)."""
    running = active_allocations(user).filter(window_start__lte=today, window_end__gte=today)
    return [a for a in running.order_by("window_end", "pk") if is_low_use(a, today)]


def due_evaluations(user, today: date):
    """The due agreements (applications.selectors.due_agreements) of the user's networks."""
    return due_agreements(today, coordinated_agreements(user))


def flag_overdue(agreements, today: date):
    """Flag each agreement `overdue` when its lateness blocks new registrations."""
    for agreement in agreements:
        agreement.overdue = evaluations.is_overdue(agreement.next_evaluation_date, today)
    return agreements
