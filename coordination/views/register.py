"""The call-4 register, shared by coordinators and the existing services."""

from django.shortcuts import render
from django.utils import timezone

from applications.selectors import (
    register_hours_left,
    register_portfolios,
    register_psychologists,
    register_themes,
)
from coordination.filters import RegisterFilter
from coordination.views import page_of
from portal.models import Role
from portal.permissions import role_required

REGISTER_PAGE_SIZE = 25


@role_required(Role.COORDINATOR, Role.EXISTING_SERVICE)
def register(request):
    today = timezone.localdate()
    register_filter = RegisterFilter(request.GET or None, queryset=register_psychologists(today))
    page_obj = page_of(request, register_filter.qs, REGISTER_PAGE_SIZE)
    rows = [
        {
            "psychologist": p,
            "themes": register_themes(p),
            "hours_left": register_hours_left(p, today),
            "portfolios": register_portfolios(p),
        }
        for p in page_obj
    ]
    return render(
        request,
        "coordination/register.html",
        {"filter": register_filter, "page_obj": page_obj, "rows": rows},
    )
