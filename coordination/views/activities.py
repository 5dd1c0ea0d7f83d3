"""The call-3 and call-4 activities of the networks an existing service or coordinator
follows (read only)."""

from django.shortcuts import render

from coordination.filters import NetworkActivityFilter
from coordination.selectors.activities import network_activities as activities_of
from coordination.views import page_of
from demand.services.intake import worker_url
from portal.models import Role
from portal.permissions import role_required

PAGE_SIZE = 25


@role_required(Role.COORDINATOR, Role.EXISTING_SERVICE)
def network_activities(request):
    activity_filter = NetworkActivityFilter(
        request.GET or None, queryset=activities_of(request.user)
    )
    page_obj = page_of(request, activity_filter.qs, PAGE_SIZE)
    rows = [
        {
            "registration": registration,
            "request_url": worker_url(registration.support_request)
            if registration.support_request_id
            else None,
        }
        for registration in page_obj
    ]
    return render(
        request,
        "coordination/network_activities.html",
        {"filter": activity_filter, "page_obj": page_obj, "rows": rows},
    )
