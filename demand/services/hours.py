"""The link to hours: a call-3 or call-4 activity may name the matched request it answers.

The registration services ask `link_refusals` inside their transaction and, once the
activity is stored, call `mark_answered`: the first activity on a request makes it DONE
(one history line) and e-mails its requester the one feedback question, in the request's
language, through the outbox of the same transaction. `feedback_asked_at` makes sure the
question is sent only once, whatever is registered afterwards.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.engine import Refusal
from demand import links
from demand.models import ProposalState, RequestEventKind, RequestState, SupportRequest
from demand.services import history
from portal import formatting, notifications

# The calls whose activities answer requests of first-line actors (demand-driven work).
LINKING_CALL_NUMBERS = frozenset({3, 4})
# The states of a request an activity can still be registered on.
LINKABLE_STATES = (RequestState.MATCHED, RequestState.DONE)


def call_number(allocation) -> int:
    """The number of the allocation's call: the only place this module reads it, so the
    call editions only have to change this function."""
    return allocation.call.number


def linking_calls(prefix: str = "allocation__call__") -> Q:
    """The rows (registrations by default; calls with prefix "") of the calls that link
    requests: the query twin of `call_number`."""
    return Q(**{f"{prefix}number__in": LINKING_CALL_NUMBERS})


def links_requests(allocation) -> bool:
    return call_number(allocation) in LINKING_CALL_NUMBERS


def linkable_requests(psychologist, allocation) -> QuerySet[SupportRequest]:
    """The requests an activity on `allocation` may answer: matched (or done) requests of
    the allocation's network whose proposal to `psychologist` they accepted."""
    if not links_requests(allocation):
        return SupportRequest.objects.none()
    return SupportRequest.objects.filter(
        state__in=LINKABLE_STATES,
        network_id=allocation.network_id,
        proposals__psychologist=psychologist,
        proposals__state=ProposalState.ACCEPTED,
    ).order_by("-matched_at", "-pk")


def link_refusals(psychologist, allocation, support_request) -> list[Refusal]:
    """Why the activity cannot answer `support_request` (none when it names no request)."""
    if support_request is None:
        return []
    if not links_requests(allocation):
        return [
            Refusal(
                "request_not_for_this_call",
                _(
                    "Enkel een activiteit van oproep 3 of 4 kan een ondersteuningsvraag "
                    "beantwoorden. Registreer deze activiteit zonder vraag."
                ),
            )
        ]
    if not linkable_requests(psychologist, allocation).filter(pk=support_request.pk).exists():
        return [
            Refusal(
                "request_not_matched_to_you",
                _(
                    "Deze ondersteuningsvraag is niet aan u gekoppeld in het netwerk van deze "
                    "toekenning. Kies een vraag waarvan u het voorstel aanvaardde, of geen."
                ),
            )
        ]
    return []


def mark_answered(registration, *, actor, absolute_url: Callable[[str], str]) -> None:
    """The activity `registration` answers its request: the first one makes the request
    DONE; the requester is asked for feedback once. Runs in the caller's transaction."""
    support_request = SupportRequest.objects.select_for_update().get(
        pk=registration.support_request_id
    )
    note = _("%(date)s, %(duration)s") % {
        "date": registration.date.strftime("%d/%m/%Y"),
        "duration": formatting.hours(registration.duration_minutes),
    }
    if support_request.state == RequestState.MATCHED:
        history.transition(
            support_request,
            RequestState.DONE,
            actor=actor,
            kind=RequestEventKind.ACTIVITY,
            note=note,
        )
    else:
        history.record(support_request, RequestEventKind.ACTIVITY, actor=actor, note=note)
    # An erased request has no address left to ask.
    if support_request.feedback_asked_at is None and support_request.email:
        _ask_feedback(support_request, absolute_url)


def _ask_feedback(support_request: SupportRequest, absolute_url: Callable[[str], str]) -> None:
    link = absolute_url(
        reverse("demand:feedback", args=[links.token_for(support_request, "feedback")])
    )
    notifications.send(
        support_request.email,
        "request_feedback",
        {"support_request": support_request, "link": link},
        language=support_request.language,
    )
    support_request.feedback_asked_at = timezone.now()
    support_request.save(update_fields=["feedback_asked_at", "updated_at"])
