"""Read queries of the coordinator pages, one module per page family.

Every query is scoped by applications.access (the networks the user follows) and costs a
fixed number of queries whatever the number of rows. Labels and chart geometry are not
here: see coordination.presentation.
"""

from django.db.models import F, Value
from django.db.models.functions import Coalesce

from portal.models import Network, Role
from portal.permissions import followed_networks, follows

# The quota minutes an allocation uses: kept in registrations.AllocationUsage (no row: none
# yet). Summing each allocation's registrations per request cost seconds for the country.
USED_MINUTES = Coalesce(F("quota_usage__minutes"), Value(0))
TOTAL_MINUTES = F("granted_minutes") + F("bonus_minutes") + F("extra_minutes")


def coordinated_networks(user, network: Network | None = None) -> list[Network]:
    """The networks the coordinator follows, or only `network` if it is one of them."""
    if network is None:
        return list(followed_networks(user, Role.COORDINATOR))
    return [network] if follows(user, Role.COORDINATOR, network) else []
