"""How a support request gets into the portal: the public form and its e-mailed
confirmation, or an existing service or coordinator entering it on the requester's behalf.

The eligibility rules (demand.eligibility) hold here, whatever the way in: a request that
breaks one is refused with its reasons and not stored (the form shows them, the requester
can correct or ask elsewhere). A public request is stored as NEW and shown to nobody until
its requester confirms it from the e-mailed link; then it is CONFIRMED and goes to the
network of its postcode (or, without one, to every coordinator). Every change goes
through demand.services.history; every e-mail is written to the outbox in the caller's
transaction, in the recipient's language.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from demand import links
from demand.access import networks_entered_for
from demand.eligibility import RequestFacts, request_refusals
from demand.models import Channel, RequestEventKind, RequestState, SupportRequest
from demand.selectors.intake import network_for_postcode, workers_to_tell
from demand.services import history
from portal import client_data, notifications
from portal.links import AbsoluteUrl
from portal.validators import too_long

# The fields a caller passes in `data` (themes: a list of Theme rows).
FIELDS = (
    "requester_name",
    "requester_role",
    "organisation",
    "email",
    "phone",
    "postcode",
    "municipality",
    "place_kind",
    "question",
    "work_form",
    "expected_attendees",
    "wished_from",
    "wished_until",
    "setting",
    "in_direct_contact",
    "about_clients_in_care",
)


# The free texts of a request, which may hold no client identifier (portal.client_data); the
# requester's own name, e-mail address and phone have fields of their own.
TEXTS = ("requester_role", "organisation", "question")


def text_refusals(data: dict) -> list[ValidationError]:
    """A national register number in a free text of the request."""
    return client_data.client_identifier_errors(
        data, client_data.model_labels(SupportRequest, TEXTS)
    )


def text_warnings(data: dict) -> list[str]:
    """What the live check and the page after sending warn about: an e-mail address or a
    phone number in a free text (nothing is refused)."""
    return client_data.contact_warnings(data, client_data.model_labels(SupportRequest, TEXTS))


def refusals_for(data: dict, network, today) -> list:
    """The eligibility refusals of `data` once routed to `network` (the live check too)."""
    facts = RequestFacts(
        place_kind=data.get("place_kind", ""),
        education_open=bool(network and network.education_open),
        in_direct_contact=bool(data.get("in_direct_contact")),
        about_clients_in_care=bool(data.get("about_clients_in_care")),
        expected_attendees=data.get("expected_attendees"),
        wished_from=data.get("wished_from"),
        wished_until=data.get("wished_until"),
    )
    return request_refusals(facts, today)


def preview(data: dict) -> list:
    """What the live check shows: the refusals the request would get if sent now."""
    network = network_for_postcode(data.get("postcode", ""))
    return text_refusals(data) + refusals_for(data, network, timezone.localdate())


def submit_public(data: dict, *, language: str, absolute_url: AbsoluteUrl) -> SupportRequest:
    """Store a request from the public form as NEW and e-mail its requester the signed
    confirmation link; it counts only once confirmed (`confirm`)."""
    with transaction.atomic():
        support_request = _create(data, language=language, channel=Channel.PUBLIC)
        history.record(support_request, RequestEventKind.CREATED)
        link = absolute_url(
            reverse("demand:confirm", args=[links.token_for(support_request, "confirm")])
        )
        notifications.send(
            support_request.email,
            "request_confirm",
            {
                "support_request": support_request,
                "link": link,
                "days": links.MAX_AGE_DAYS["confirm"],
            },
            language=support_request.language,
        )
    return support_request


def confirm(support_request: SupportRequest, *, absolute_url: AbsoluteUrl) -> bool:
    """The requester confirms from the e-mailed link: NEW → CONFIRMED, then the requester
    gets their follow link and the network hears of the request. False (and nothing
    happens) when it was confirmed before: a second click changes nothing."""
    with transaction.atomic():
        support_request = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
        if support_request.state != RequestState.NEW:
            return False
        history.transition(support_request, RequestState.CONFIRMED)
        _announce(support_request, absolute_url, entered_by=None)
    return True


def create_on_behalf(
    user, network, data: dict, *, language: str, absolute_url: AbsoluteUrl
) -> SupportRequest:
    """A coordinator or existing service enters a request they received (by phone, say):
    it is CONFIRMED at once, the requester gets the follow link, the network hears of it."""
    if not networks_entered_for(user).filter(pk=network.pk).exists():
        raise ValidationError(
            _(
                "U kunt enkel vragen ingeven voor een netwerk dat u volgt als coördinator of "
                "bestaande werking. Kies een van uw netwerken."
            ),
            code="not_worker_of_network",
        )
    with transaction.atomic():
        support_request = _create(
            data,
            language=language,
            channel=Channel.ON_BEHALF,
            network=network,
            entered_by=user,
            state=RequestState.CONFIRMED,
            confirmed_at=timezone.now(),
        )
        history.record(support_request, RequestEventKind.CREATED, actor=user)
        _announce(support_request, absolute_url, entered_by=user)
    return support_request


def withdraw(support_request: SupportRequest) -> None:
    """The requester withdraws their request from the follow page (refused once closed)."""
    with transaction.atomic():
        support_request = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
        history.transition(support_request, RequestState.WITHDRAWN)


def worker_url(support_request: SupportRequest) -> str | None:
    """The request's page in the inbox of the network, once that page exists."""
    try:
        return reverse("demand:request_detail", args=[support_request.pk])
    except NoReverseMatch:
        return None


def _create(data: dict, *, language: str, channel: str, network=..., **extra) -> SupportRequest:
    """Check and store the request; `network=...` routes it by its postcode."""
    values = {field: data[field] for field in FIELDS if field in data}
    for field in ("phone", "work_form"):
        values[field] = values.get(field) or ""
    if network is ...:
        network = network_for_postcode(values.get("postcode", ""))
    errors = too_long(SupportRequest, values) + text_refusals(values)
    errors += [
        ValidationError(r.message, code=r.code)
        for r in refusals_for(values, network, timezone.localdate())
    ]
    if errors:
        raise ValidationError(errors)
    support_request = SupportRequest(
        network=network, channel=channel, language=language, **values, **extra
    )
    support_request.full_clean(exclude=["network", "entered_by"])
    support_request.save()
    support_request.themes.set(data.get("themes") or [])
    return support_request


def _announce(support_request: SupportRequest, absolute_url: AbsoluteUrl, *, entered_by) -> None:
    """E-mail the requester their follow link and the network's workers the new request."""
    follow = absolute_url(
        reverse("demand:follow", args=[links.token_for(support_request, "follow")])
    )
    notifications.send(
        support_request.email,
        "request_received",
        {"support_request": support_request, "link": follow},
        language=support_request.language,
    )
    path = worker_url(support_request)
    context = {
        "support_request": support_request,
        "themes": list(support_request.themes.all()),
        "link": absolute_url(path) if path else "",
    }
    for worker in workers_to_tell(support_request.network):
        if worker != entered_by:
            notifications.notify(worker, "request_new", context)
