"""Who may see which registration: a psychologist only their own.

Lists, exports, edit pages and the live preview all go through these helpers, so someone
else's id is a 404 everywhere (allocations: applications.access).
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

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
