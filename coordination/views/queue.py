"""The review queue: applications of the coordinator's networks and waiting extra hours."""

from django.shortcuts import render

from applications.access import coordinated_applications
from coordination.filters import QueueFilter
from coordination.selectors.queue import queue_rows, status_counts, waiting_extra_hours
from coordination.views import page_of
from portal.models import Role
from portal.permissions import role_required

QUEUE_PAGE_SIZE = 50
EXTRA_HOURS_LISTED = 50


@role_required(Role.COORDINATOR)
def queue(request):
    applications = coordinated_applications(request.user)
    rows = queue_rows(applications).order_by("waiting", "submitted_at", "pk")
    queue_filter = QueueFilter(request.GET or None, queryset=rows)
    extra_hours = waiting_extra_hours(request.user)
    return render(
        request,
        "coordination/queue.html",
        {
            "filter": queue_filter,
            "page_obj": page_of(request, queue_filter.qs, QUEUE_PAGE_SIZE),
            "status_counts": status_counts(applications),
            "extra_hours": list(extra_hours[:EXTRA_HOURS_LISTED]),
            "extra_hours_count": extra_hours.count(),
        },
    )
