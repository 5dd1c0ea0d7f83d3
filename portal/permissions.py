"""Who may do what: the role check of every view, the second factor, and the network scope.

`network_scope` is the primitive of the access helpers of every app (`applications.access`,
`registrations.access`, `billing.access`): one helper per object kind there, used by lists
and detail pages alike, so a list never shows a row its detail page would refuse.
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

from portal.models import Network, Psychologist, Role

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


def network_scope(user, role: str, field: str = "network") -> Q:
    """Rows whose `field` is one of the networks the user follows in `role`.

    The one rule every access helper builds on: a superuser sees every network, a user
    without the role none, everyone else the networks on their account. Their ids, not a
    subquery: PostgreSQL estimates `IN (subquery)` at one network, and for a user of 32
    networks then picks plans that walk every row of the country (issue 17: the due
    evaluations 307 → 32 ms).
    """
    if user.is_superuser:
        return Q()
    if not user.has_role(role):
        return Q(pk__in=[])
    return Q(**{f"{field}__in": user.network_ids})


def follows(user, role: str, network: Network) -> bool:
    """Does the user follow `network` in `role`? network_scope's rule, without a query."""
    if user.is_superuser:
        return True
    return user.has_role(role) and network.pk in user.network_ids


def followed_networks(user, role: str) -> QuerySet[Network]:
    """The networks the user follows in `role` (see network_scope)."""
    return Network.objects.filter(network_scope(user, role, "pk"))
