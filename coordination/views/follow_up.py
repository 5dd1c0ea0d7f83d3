"""The follow-up page: allocations ending soon or little used, evaluations due."""

from django.shortcuts import render
from django.utils import timezone

from applications.selectors import EVALUATION_DUE_WITHIN_DAYS
from coordination.selectors import follow_up as selectors
from portal.models import Role
from portal.permissions import role_required


@role_required(Role.COORDINATOR)
def follow_up(request):
    today = timezone.localdate()
    return render(
        request,
        "coordination/follow_up.html",
        {
            "today": today,
            "ending": list(selectors.ending_allocations(request.user, today)),
            "evaluations": list(selectors.due_evaluations(request.user, today)),
            "low_use": selectors.low_use_allocations(request.user, today),
            "ending_days": selectors.ENDING_WITHIN_DAYS,
            "evaluation_days": EVALUATION_DUE_WITHIN_DAYS,
        },
    )
