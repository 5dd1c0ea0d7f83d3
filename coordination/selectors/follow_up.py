"""The follow-up page: allocations that end soon or are little used, evaluations that are due.

Thresholds (Decision): allocations ending within 60 days; "little use" = past the middle
of the window with less than a quarter of the allocation's minutes used. When an
evaluation is due is decided in applications.selectors.due_agreements.
"""

from datetime import date, timedelta

from django.db.models import F

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


def past_middle(window_start: date, window_end: date, today: date) -> bool:
    """Is `today` past the middle of the window? (Date arithmetic differs per database, so
    this half of "little use" is decided in Python; the share used, in SQL below.)"""
    return today > window_start + (window_end - window_start) / 2


def low_use_ids(user, today: date) -> list[int]:
    """Ids of the allocations running today with little use halfway — less than 25 % of
    their minutes used and past the middle of their window — by end of window: one query
    of plain values; the page loads its own rows."""
    running = (
        active_allocations(user)
        .filter(window_start__lte=today, window_end__gte=today)
        .alias(used_share=F("used_minutes") * LOW_USE_DENOMINATOR)
        .filter(used_share__lt=F("total") * LOW_USE_NUMERATOR)
        .order_by("window_end", "pk")
        .values_list("pk", "window_start", "window_end")
    )
    return [pk for pk, start, end in running if past_middle(start, end, today)]


def due_evaluations(user, today: date):
    """The due agreements (applications.selectors.due_agreements) of the user's networks."""
    return due_agreements(today, coordinated_agreements(user))


def flag_overdue(agreements, today: date):
    """Flag each agreement `overdue` when its lateness blocks new registrations."""
    for agreement in agreements:
        agreement.overdue = evaluations.is_overdue(agreement.next_evaluation_date, today)
    return agreements
