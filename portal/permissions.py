"""Who may see what: one helper per object kind, used by views and querysets alike.

Lists are filtered by the same rule that guards detail pages, so a page can never
show a row its detail view would refuse.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet


def role_required(*roles: str) -> Callable:
    """View decorator: anonymous users go to login; users without one of `roles` get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (user.is_superuser or any(user.has_role(role) for role in roles)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def network_filter(user, field: str = "network") -> Q:
    """Rows whose `field` is one of the networks the coordinator or staff member follows."""
    if user.is_superuser:
        return Q()
    return Q(**{f"{field}__in": user.networks.all()})


def scope_to_networks(queryset: QuerySet, user, field: str = "network") -> QuerySet:
    return queryset.filter(network_filter(user, field))


def follows_network(user, network_id: int) -> bool:
    """Does this coordinator or staff member follow the network with this id?"""
    return user.is_superuser or user.networks.filter(pk=network_id).exists()
