"""Who may see what: one helper per object kind, used by views and querysets alike.

Lists are filtered by the same rule that guards detail pages, so a page can never
show a row its detail view would refuse.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device

from portal.models import Psychologist, Role

# Roles that must pass the second factor when settings.REQUIRE_2FA_FOR_STAFF is on.
TWO_FACTOR_ROLES = (Role.COORDINATOR, Role.NETWORK_STAFF)


def role_required(*roles: str) -> Callable:
    """View decorator: anonymous users go to login; users without one of `roles` get 403.

    When two-factor authentication is required, a coordinator or staff member whose session
    has not yet passed it goes to the two-factor page first.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (user.is_superuser or any(user.has_role(role) for role in roles)):
                raise PermissionDenied
            if needs_second_factor(user):
                return redirect_to_second_factor(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def current_psychologist(request) -> Psychologist:
    """The signed-in user's psychologist profile (404 for a user without one).

    portal.auth loads it with the user, so this costs no query.
    """
    psychologist = getattr(request.user, "psychologist", None)
    if psychologist is None:
        raise Http404
    return psychologist


def needs_second_factor(user) -> bool:
    """Must this signed-in user still pass the second factor in this session?"""
    if not settings.REQUIRE_2FA_FOR_STAFF:
        return False
    if not (user.is_staff or any(user.has_role(role) for role in TWO_FACTOR_ROLES)):
        return False
    # is_verified() comes from django_otp's OTPMiddleware; without it nobody is verified.
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


def redirect_to_second_factor(request) -> HttpResponse:
    """Send the user to set up (no confirmed device yet) or enter their code, then back."""
    name = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
    # After a POST only a GET can follow: return to the start page instead.
    query = {"next": request.get_full_path()} if request.method == "GET" else {}
    url = reverse(name) + (f"?{urlencode(query)}" if query else "")
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


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
