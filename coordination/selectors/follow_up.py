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


def is_low_use(window_start: date, window_end: date, used: int, total: int, today: date) -> bool:
    """Past the middle of the window and less than 25 % of the minutes used."""
    past_middle = today > window_start + (window_end - window_start) / 2
    return past_middle and used * LOW_USE_DENOMINATOR < total * LOW_USE_NUMERATOR


def low_use_ids(user, today: date) -> list[int]:
    """Ids of the allocations running today with little use halfway, by end of window: one
    query of plain values (the share used filtered in SQL, the middle of the window, date
    arithmetic that differs per database, in Python); the page loads its own rows."""
    running = (
        active_allocations(user)
        .filter(window_start__lte=today, window_end__gte=today)
        .alias(used_share=F("used_minutes") * LOW_USE_DENOMINATOR)
        .filter(used_share__lt=F("total") * LOW_USE_NUMERATOR)
        .order_by("window_end", "pk")
        .values_list("pk", "window_start", "window_end", "used_minutes", "total")
    )
    return [pk for pk, *usage in running if is_low_use(*usage, today)]


def due_evaluations(user, today: date):
    """The due agreements (applications.selectors.due_agreements) of the user's networks."""
    return due_agreements(today, coordinated_agreements(user))


def flag_overdue(agreements, today: date):
    """Flag each agreement `overdue` when its lateness blocks new registrations."""
    for agreement in agreements:
        agreement.overdue = evaluations.is_overdue(agreement.next_evaluation_date, today)
    return agreements
