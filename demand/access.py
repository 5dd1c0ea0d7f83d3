"""Who may see and work which support request: the one helper every demand page uses.

The network's coordinators and existing services work its requests (a request no network
covers goes to every coordinator); a psychologist sees a request only once proposed for it.
The requester reaches their own request through a signed link (demand.links), never by id.
Any other id is simply not found (404).
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from demand.models import RequestState, SupportRequest
from portal.models import Network, Role
from portal.permissions import followed_networks, network_scope


def _worker_scope(user) -> Q:
    if user.is_superuser:
        return Q()
    scope = Q(pk__in=[])
    for role in (Role.COORDINATOR, Role.EXISTING_SERVICE):
        if user.has_role(role):
            scope |= network_scope(user, role)
    if user.has_role(Role.COORDINATOR):
        scope |= Q(network__isnull=True)
    return scope


def requests_worked_by(user) -> QuerySet[SupportRequest]:
    """The requests `user` works as coordinator or existing service (inbox and detail);
    a request its requester has not confirmed yet is nobody's."""
    if not user.is_authenticated:
        return SupportRequest.objects.none()
    return SupportRequest.objects.filter(_worker_scope(user)).exclude(state=RequestState.NEW)


def can_work(user, support_request: SupportRequest) -> bool:
    return requests_worked_by(user).filter(pk=support_request.pk).exists()


def get_request_for_worker(user, pk) -> SupportRequest:
    return get_object_or_404(requests_worked_by(user).select_related("network"), pk=pk)


def requests_proposed_to(user) -> QuerySet[SupportRequest]:
    """The requests `user` was proposed for as psychologist."""
    psychologist = getattr(user, "psychologist", None) if user.is_authenticated else None
    if psychologist is None:
        return SupportRequest.objects.none()
    return SupportRequest.objects.filter(proposals__psychologist=psychologist).distinct()


def networks_entered_for(user) -> QuerySet[Network]:
    """The networks `user` may enter a request for on someone's behalf: those they follow
    as coordinator or as existing service."""
    if not user.is_authenticated:
        return Network.objects.none()
    return (
        followed_networks(user, Role.COORDINATOR) | followed_networks(user, Role.EXISTING_SERVICE)
    ).distinct()
