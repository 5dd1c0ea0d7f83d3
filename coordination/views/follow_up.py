"""The follow-up page: allocations ending soon or little used, evaluations due."""

from django.shortcuts import render
from django.utils import timezone

from applications.selectors import EVALUATION_DUE_WITHIN_DAYS
from coordination.selectors import follow_up as selectors
from portal.models import Role
from portal.paging import counted_page_of_rows, page_of_ids
from portal.permissions import role_required

# Every allocation of an edition ends on the same day: in its last 60 days the whole
# edition is "ending", thousands of rows in a large network (issue 17). Each list's rows
# and their count are chosen in one query and only the page's rows are read whole.
PAGE_SIZE = 25


@role_required(Role.COORDINATOR)
def follow_up(request):
    today = timezone.localdate()
    return render(
        request,
        "coordination/follow_up.html",
        {
            "today": today,
            "ending": counted_page_of_rows(
                selectors.ending_allocations(request.user, today),
                request.GET.get("ending"),
                PAGE_SIZE,
            ),
            "evaluations": selectors.flag_overdue(
                counted_page_of_rows(
                    selectors.due_evaluations(request.user, today),
                    request.GET.get("evaluations"),
                    PAGE_SIZE,
                ),
                today,
            ),
            "low_use": page_of_ids(
                selectors.low_use_ids(request.user, today),
                selectors.active_allocations(request.user),
                request.GET.get("low_use"),
                PAGE_SIZE,
            ),
            "ending_days": selectors.ENDING_WITHIN_DAYS,
            "evaluation_days": EVALUATION_DUE_WITHIN_DAYS,
        },
    )
