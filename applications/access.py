"""Who may see and decide which application, allocation, extra-hours request and agreement.

One helper per object kind and audience, used by lists, detail pages and the services'
checks alike (the Zulip way): a psychologist sees their own objects, a coordinator those
of the networks they follow (portal.permissions.network_scope). A `get_…` helper raises
Http404 for an object outside the user's scope, as if it did not exist.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from applications.models import (
    Allocation,
    Application,
    ApplicationStatus,
    Call,
    CallEdition,
    CooperationAgreement,
    ExtraHoursRequest,
)
from portal.access import get_network_for_staff
from portal.models import Network, Role
from portal.permissions import followed_networks, network_scope

# --- Applications ----------------------------------------------------------------------


def own_applications(psychologist) -> QuerySet[Application]:
    """The psychologist's applications, drafts included."""
    return Application.objects.filter(psychologist=psychologist).select_related(
        "call", "findplace", "network"
    )


def get_own_application(psychologist, pk, *, select=(), prefetch=()) -> Application:
    """One of the psychologist's applications, with `select`/`prefetch` loaded (else 404)."""
    queryset = own_applications(psychologist).select_related(*select).prefetch_related(*prefetch)
    return get_object_or_404(queryset, pk=pk)


def coordinated_applications(user) -> QuerySet[Application]:
    """Applications a coordinator may review: those of their networks, never drafts."""
    return Application.objects.filter(network_scope(user, Role.COORDINATOR)).exclude(
        status=ApplicationStatus.DRAFT
    )


def get_coordinated_application(user, pk) -> Application:
    """One application the coordinator may review, with what its pages show (else 404)."""
    return get_object_or_404(
        coordinated_applications(user).select_related(
            "call", "network", "findplace", "psychologist__user"
        ),
        pk=pk,
    )


def get_application_file(user, pk) -> Application:
    """An application whose whole file (docs/application-pdf.md) the user may download:
    their own (drafts included), or one a coordinator of its network may review (else 404)."""
    own = Q(psychologist__user=user)
    coordinated = network_scope(user, Role.COORDINATOR) & ~Q(status=ApplicationStatus.DRAFT)
    return get_object_or_404(
        Application.objects.filter(own | coordinated).select_related(
            "call", "network", "findplace", "edition", "psychologist__user"
        ),
        pk=pk,
    )


def coordinates(user, network_id: int) -> bool:
    """Is the user a local coordinator of this network (or a superuser)?"""
    return followed_networks(user, Role.COORDINATOR).filter(pk=network_id).exists()


def check_coordinator(user, application: Application) -> None:
    """The services' guard on every decision: only a coordinator of the application's
    network decides on it."""
    if not coordinates(user, application.network_id):
        raise ValidationError(
            _("U bent geen lokale coördinator van %(network)s en kunt hier niet over beslissen.")
            % {"network": application.network},
            code="not_coordinator_of_network",
        )


# --- Allocations -----------------------------------------------------------------------


def own_allocations(psychologist) -> QuerySet[Allocation]:
    """The psychologist's allocations (`psychologist` or its id)."""
    return Allocation.objects.filter(psychologist=psychologist).select_related(
        "call", "findplace", "network", "application"
    )


def get_own_allocation(psychologist, pk, *, prefetch=()) -> Allocation:
    """One of the psychologist's allocations, with `prefetch` loaded (else 404)."""
    return get_object_or_404(own_allocations(psychologist).prefetch_related(*prefetch), pk=pk)


def coordinated_allocations(user) -> QuerySet[Allocation]:
    """Allocations of the networks the coordinator follows."""
    return Allocation.objects.filter(network_scope(user, Role.COORDINATOR))


# --- Extra-hours requests --------------------------------------------------------------


def coordinated_extra_hours(user) -> QuerySet[ExtraHoursRequest]:
    """Extra-hours requests on allocations of the networks the coordinator follows."""
    return ExtraHoursRequest.objects.filter(
        network_scope(user, Role.COORDINATOR, "allocation__network")
    )


def get_coordinated_extra_hours(user, pk) -> ExtraHoursRequest:
    """One extra-hours request the coordinator may decide, with what its page shows."""
    return get_object_or_404(
        coordinated_extra_hours(user).select_related(
            "allocation__application",
            "allocation__call",
            "allocation__findplace",
            "allocation__psychologist__user",
            "decided_by",
        ),
        pk=pk,
    )


# --- Cooperation agreements ------------------------------------------------------------


def coordinated_agreements(user) -> QuerySet[CooperationAgreement]:
    """Agreements of applications in the networks the coordinator follows."""
    return CooperationAgreement.objects.filter(
        network_scope(user, Role.COORDINATOR, "application__network")
    )


def agreements_visible_to(user) -> QuerySet[CooperationAgreement]:
    """Agreements of the user's own applications and of the networks they coordinate."""
    if user.is_superuser:
        return CooperationAgreement.objects.all()
    return CooperationAgreement.objects.filter(
        Q(application__psychologist__user=user)
        | network_scope(user, Role.COORDINATOR, "application__network")
    )


def get_agreement_for_user(user, application_pk) -> CooperationAgreement:
    """The agreement of application `application_pk`, if the user may see it (else 404)."""
    return get_object_or_404(
        agreements_visible_to(user).select_related("application__psychologist__user"),
        application_id=application_pk,
    )


def calls_for_staff(user, network_pk) -> tuple[Network, QuerySet[Call]]:
    """A network the user follows as staff and its calls (another network's id: 404)."""
    network = get_network_for_staff(user, network_pk)
    return network, network.calls.order_by("number", "id")


def get_call_for_staff(user, network_pk, call_pk) -> tuple[Network, Call]:
    network, calls = calls_for_staff(user, network_pk)
    return network, get_object_or_404(calls, pk=call_pk)


def get_edition_for_staff(user, network_pk, edition_pk) -> tuple[Network, CallEdition]:
    network, calls = calls_for_staff(user, network_pk)
    editions = CallEdition.objects.select_related("call").prefetch_related("work_forms")
    return network, get_object_or_404(editions, pk=edition_pk, call__in=calls)


def template_edition(pk) -> CallEdition | None:
    """An edition to copy from, of any network (calls are public texts): None if not one."""
    if pk is None:
        return None
    return (
        CallEdition.objects.select_related("call")
        .prefetch_related("work_forms")
        .filter(pk=pk)
        .first()
    )
