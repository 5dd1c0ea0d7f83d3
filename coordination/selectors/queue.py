"""The review queue: submitted and decided applications, and the waiting extra-hours requests."""

from django.db.models import Case, Count, IntegerField, Q, Value, When

from applications.access import coordinated_extra_hours
from applications.models import ApplicationStatus, ExtraHoursStatus

QUEUE_STATUSES = [s for s in ApplicationStatus if s != ApplicationStatus.DRAFT]


def queue_rows(queryset):
    """Rows of the queue with what the table shows; waiting ones first (`waiting` = 0)."""
    return queryset.select_related("psychologist__user", "call", "findplace", "network").annotate(
        waiting=Case(
            When(status=ApplicationStatus.SUBMITTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )


def status_counts(queryset) -> list[dict]:
    """How many applications per status, in one aggregate query."""
    totals = queryset.aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in QUEUE_STATUSES}
    )
    return [
        {"value": status.value, "label": status.label, "count": totals[status.value]}
        for status in QUEUE_STATUSES
    ]


def waiting_extra_hours(user):
    """The extra-hours requests of the user's networks that wait for a decision, oldest first."""
    return (
        coordinated_extra_hours(user)
        .filter(status=ExtraHoursStatus.SUBMITTED)
        .select_related(
            "allocation__psychologist__user", "allocation__call", "allocation__findplace"
        )
        .order_by("created_at", "pk")
    )
