"""Every change of a support request goes through here, so its history is complete.

A state change and its history line are written together (callers run inside their own
transaction); a change out of a closed state is refused, whatever page asks for it.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from demand.models import CLOSED_STATES, RequestEvent, RequestEventKind, RequestState


def record(support_request, kind: str, *, actor=None, note: str = "") -> RequestEvent:
    """Add one line to the request's history without changing its state."""
    return RequestEvent.objects.create(request=support_request, kind=kind, actor=actor, note=note)


def check_not_closed(support_request) -> None:
    """Refuse any change to a closed request."""
    if support_request.state in CLOSED_STATES:
        raise ValidationError(
            _(
                "Deze vraag is al afgesloten (%(state)s); ze verandert niet meer. Dien een "
                "nieuwe vraag in als er iets nieuws is."
            )
            % {"state": support_request.get_state_display()},
            code="request_closed",
        )


def transition(
    support_request,
    to_state: str,
    *,
    actor=None,
    kind: str = RequestEventKind.STATE,
    note: str = "",
) -> RequestEvent:
    """Move the request to `to_state`, stamp the dates that state sets, and record it."""
    from_state = support_request.state
    check_not_closed(support_request)
    now = timezone.now()
    support_request.state = to_state
    fields = ["state", "updated_at"]
    stamps = {RequestState.CONFIRMED: "confirmed_at", RequestState.MATCHED: "matched_at"}
    if to_state in stamps and getattr(support_request, stamps[to_state]) is None:
        setattr(support_request, stamps[to_state], now)
        fields.append(stamps[to_state])
    if to_state in CLOSED_STATES:
        support_request.closed_at = now
        fields.append("closed_at")
    support_request.save(update_fields=fields)
    return RequestEvent.objects.create(
        request=support_request,
        kind=kind,
        actor=actor,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )
