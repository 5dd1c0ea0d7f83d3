"""The call-3 and call-4 activities of a network, as its existing services and coordinators
see them: what, when, how long, for how many actors, by whom, on which request. Nothing
about clients: the page shows neither the subject, the place nor the consent."""

from django.db.models import QuerySet

from registrations.access import registrations_shared_with
from registrations.models import Registration


def network_activities(user) -> QuerySet[Registration]:
    """The registrations `user` may see, newest first, with what their rows show."""
    # Psychologists and requests in queries of their own: joined into the page's query,
    # they led PostgreSQL to join every registration before keeping the network's.
    return (
        registrations_shared_with(user)
        .select_related("allocation__call", "allocation__network")
        .prefetch_related("psychologist__user", "support_request")
        .order_by("-date", "-start_time", "-pk")
    )
