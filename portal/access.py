"""Who may see and change which network's settings and existing services.

Network staff manage the networks they follow (portal.permissions.network_scope); the
pages look networks up through these helpers, so another network's id is simply not found
(404), and the services of `portal.network_settings` refuse the same through
`refuse_unless_manages`.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from portal.models import ExistingService, Network, Role
from portal.permissions import followed_networks


def networks_managed_by(user) -> QuerySet[Network]:
    """The networks whose settings the user may change: the ones they follow as staff."""
    return followed_networks(user, Role.NETWORK_STAFF)


def get_network_for_staff(user, pk) -> Network:
    return get_object_or_404(networks_managed_by(user), pk=pk)


def get_existing_service_for_staff(user, network_pk, pk) -> ExistingService:
    """One existing service of `network_pk`, a network the user manages (else 404)."""
    services = ExistingService.objects.select_related("network").filter(
        network__in=networks_managed_by(user), network_id=network_pk
    )
    return get_object_or_404(services, pk=pk)


def manages(user, network: Network) -> bool:
    return user is not None and networks_managed_by(user).filter(pk=network.pk).exists()


def refuse_unless_manages(user, network: Network) -> None:
    """The refusal (`network_not_followed`) for a change to a network the user does not
    follow as network staff."""
    if not manages(user, network):
        raise ValidationError(
            _(
                "U volgt het netwerk %(network)s niet op als netwerkmedewerker; enkel zijn "
                "eigen medewerkers wijzigen zijn instellingen."
            )
            % {"network": network.name},
            code="network_not_followed",
        )
