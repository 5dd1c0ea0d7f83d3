"""Pages of a psychologist (KPKO): overview, calls, applying, allocations, extra hours."""

from django.shortcuts import render

from portal.models import Role
from portal.permissions import role_required


@role_required(Role.PSYCHOLOGIST)
def overview(request):
    return render(request, "applications/overview.html")


@role_required(Role.PSYCHOLOGIST)
def calls(request):
    return render(request, "applications/calls.html")
