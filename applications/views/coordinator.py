"""Pages of local coordinators and existing services: review, decide, follow up, register."""

from django.shortcuts import render

from portal.models import Role
from portal.permissions import role_required


@role_required(Role.COORDINATOR)
def queue(request):
    return render(request, "applications/queue.html")


@role_required(Role.COORDINATOR)
def follow_up(request):
    return render(request, "applications/follow_up.html")


@role_required(Role.COORDINATOR)
def uptake(request):
    return render(request, "applications/uptake.html")


@role_required(Role.COORDINATOR, Role.EXISTING_SERVICE)
def register(request):
    return render(request, "applications/register.html")
