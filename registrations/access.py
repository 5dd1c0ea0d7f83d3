"""Who may see which registration: a psychologist only their own; the coordinators and
existing services of a network its call-3 and call-4 registrations (the call text's
"central form shared with the existing services").

Lists, exports, edit pages and the live preview all go through these helpers, so someone
else's id is a 404 everywhere (allocations: applications.access).
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from applications.models import Allocation
from demand.services.hours import linking_calls
from portal.models import Role
from portal.permissions import network_scope
from registrations.models import Registration


def own_registrations(psychologist) -> QuerySet[Registration]:
    """The psychologist's registrations, with their allocation's call, findplace, application."""
    return Registration.objects.filter(psychologist=psychologist).select_related(
        "allocation__call", "allocation__findplace", "allocation__application"
    )


def get_own_registration(psychologist, pk, *, allocation=None) -> Registration:
    """One of the psychologist's registrations (on `allocation` when given), else 404."""
    queryset = own_registrations(psychologist)
    if allocation is not None:
        queryset = queryset.filter(allocation=allocation)
    return get_object_or_404(queryset, pk=pk)


def registrations_shared_with(user) -> QuerySet[Registration]:
    """The call-3 and call-4 registrations of the networks `user` follows as coordinator or
    existing service."""
    if not user.is_authenticated:
        return Registration.objects.none()
    scope = Q(pk__in=[])
    for role in (Role.COORDINATOR, Role.EXISTING_SERVICE):
        scope |= network_scope(user, role, "network")
    # The networks' call-3 and call-4 allocations first, their registrations through the
    # (allocation, date) index: filtering the joined rows by network made PostgreSQL read
    # every registration of the country (8 s with three years of history, issue 17).
    allocations = Allocation.objects.filter(scope & linking_calls("call__")).values("pk")
    return Registration.objects.filter(allocation__in=allocations)
