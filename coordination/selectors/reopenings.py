"""The months reopened for psychologists in the networks a coordinator follows."""

from portal.models import Role
from portal.permissions import network_scope
from registrations.models import MonthReopening


def reopenings_of(user):
    return (
        MonthReopening.objects.filter(network_scope(user, Role.COORDINATOR, "network"))
        .select_related("psychologist__user", "network", "reopened_by")
        .order_by("-created_at", "-pk")
    )
