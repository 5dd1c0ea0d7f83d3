"""The review queue: applications of the coordinator's networks and waiting extra hours,
and one decision on many of its applications at once (with the page of its outcome)."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from applications import services
from applications.access import coordinated_applications
from coordination import presentation
from coordination.filters import QueueFilter
from coordination.forms import BulkDecisionForm, add_service_errors
from coordination.selectors.queue import queue_rows, status_counts, waiting_extra_hours
from coordination.views import page_of
from portal.models import Role
from portal.permissions import role_required

QUEUE_PAGE_SIZE = 50
EXTRA_HOURS_LISTED = 50
# Where the outcome of the last bulk decision waits for its page (plain values).
BULK_OUTCOME_KEY = "coordination.bulk_outcome"


def _queue_page(request, bulk_form: BulkDecisionForm | None = None):
    """The queue as the filters of the query string ask; `bulk_form` shows a refused bulk
    decision again with its errors and the ticked applications."""
    applications = coordinated_applications(request.user)
    rows = queue_rows(applications).order_by("submitted_at", "pk")
    queue_filter = QueueFilter(request.GET or None, queryset=rows)
    extra_hours = waiting_extra_hours(request.user)
    bulk_form = bulk_form or BulkDecisionForm()
    return render(
        request,
        "coordination/queue.html",
        {
            "filter": queue_filter,
            "page_obj": page_of(request, queue_filter.queue(), QUEUE_PAGE_SIZE),
            "status_counts": status_counts(applications),
            "extra_hours": list(extra_hours[:EXTRA_HOURS_LISTED]),
            "extra_hours_count": extra_hours.count(),
            "bulk_form": bulk_form,
            "selected": bulk_form.selected_ids() if bulk_form.is_bound else set(),
            "max_selection": services.MAX_BULK_SELECTION,
        },
    )


@role_required(Role.COORDINATOR)
def queue(request):
    return _queue_page(request)


@role_required(Role.COORDINATOR)
def bulk_decide(request):
    """POST: the decision. A GET (a filter or page link of the queue shown here after a
    refused decision) goes to the queue with the same query."""
    if request.method != "POST":
        query = request.GET.urlencode()
        return redirect(reverse("coordination:queue") + (f"?{query}" if query else ""))
    form = BulkDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.bulk_decide(
                request.user, data["action"], data["applications"], message=data["message"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[BULK_OUTCOME_KEY] = presentation.bulk_outcome(outcome)
            return redirect("coordination:bulk_result")
    return _queue_page(request, bulk_form=form)


@role_required(Role.COORDINATOR)
def bulk_result(request):
    """What the last bulk decision did: done, and not done with the reasons."""
    return render(
        request,
        "coordination/bulk_result.html",
        {"outcome": request.session.get(BULK_OUTCOME_KEY)},
    )
