"""Reads the intake shares: where a postcode's request goes, who hears of a new request,
and a request's history as its requester reads it."""

from django.db.models import QuerySet

from demand.models import SupportRequest
from portal.models import Network, Role, User


def network_for_postcode(postcode: str) -> Network | None:
    """Decision (domain, routing): the network covering the postcode; None when no network
    covers it (every coordinator of the portal then triages the request)."""
    return Network.objects.covering(postcode).order_by("pk").first()


def workers_to_tell(network: Network | None) -> QuerySet[User]:
    """Who hears of a new request: the network's coordinators and existing services; for a
    request no network covers, every coordinator of the portal."""
    if network is None:
        users = User.objects.filter(groups__name=Role.COORDINATOR)
    else:
        users = User.objects.filter(
            networks=network, groups__name__in=[Role.COORDINATOR, Role.EXISTING_SERVICE]
        )
    return users.filter(is_active=True).exclude(email="").distinct().order_by("pk")


def request_for_requester(support_request: SupportRequest) -> SupportRequest:
    """The request with what its follow page shows (themes, history)."""
    return (
        SupportRequest.objects.select_related("network")
        .prefetch_related("themes", "events")
        .get(pk=support_request.pk)
    )
