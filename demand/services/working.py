"""What a network's worker (coordinator or existing service) does with a request: take it
in triage, add a note, answer it otherwise, close it as not eligible.

Each use case locks the request, checks that the worker may work it (demand.access) and
writes through demand.services.history, so every change is in the request's history. A
worker's first action takes a confirmed request in triage on the way.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from demand import pending_cache
from demand.access import can_work
from demand.models import ProposalState, RequestEventKind, RequestState, SupportRequest
from demand.services import history
from portal import client_data

# The free texts a worker or psychologist writes on a request, by the name they are passed
# under; none may hold a client identifier (portal.client_data).
TEXT_LABELS = {"note": gettext_lazy("notitie"), "reason": gettext_lazy("reden")}


def refuse_client_identifiers(name: str, text: str) -> None:
    """Refuse `text` (a note or reason) when it holds a national register number."""
    errors = client_data.client_identifier_errors({name: text}, {name: TEXT_LABELS[name]})
    if errors:
        raise ValidationError(errors)


def text_warnings(data: dict) -> list[str]:
    """What the page warns about after a note or reason: an e-mail address or phone number."""
    return client_data.contact_warnings(data, TEXT_LABELS)


def locked_for_worker(support_request: SupportRequest, actor) -> SupportRequest:
    """The request, locked and re-read, after checking that it is confirmed and that
    `actor` works it (an unconfirmed request is nobody's yet, demand.access)."""
    locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if locked.state == RequestState.NEW:
        raise ValidationError(
            _(
                "Deze vraag is nog niet bevestigd door de aanvrager. Ze komt in de inbox "
                "zodra de aanvrager ze bevestigt."
            ),
            code="request_not_confirmed",
        )
    if not can_work(actor, locked):
        raise ValidationError(
            _(
                "U werkt de vragen van dit netwerk niet op. Vraag de coördinator van het "
                "netwerk om de vraag te behandelen."
            ),
            code="not_worker_of_request",
        )
    return locked


def start_triage(support_request: SupportRequest, actor) -> None:
    """A confirmed request goes in triage when a worker first acts on it."""
    if support_request.state == RequestState.CONFIRMED:
        history.transition(support_request, RequestState.IN_TRIAGE, actor=actor)


def required_text(value: str, code: str, message: str, *, name: str) -> str:
    """The text, refused when empty or when it holds a client identifier (`name`: "note"
    or "reason", the field it is shown on)."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(message, code=code)
    refuse_client_identifiers(name, text)
    return text


def check_open_for_answer(support_request: SupportRequest) -> None:
    if support_request.state == RequestState.MATCHED:
        raise ValidationError(
            _(
                "Deze vraag is al gekoppeld aan een psycholoog; ze kan niet meer anders "
                "beantwoord of afgesloten worden. De psycholoog en de aanvrager spreken nu "
                "samen af."
            ),
            code="already_matched",
        )
    history.check_not_closed(support_request)


def withdraw_pending(support_request: SupportRequest) -> int:
    """Withdraw the proposals still waiting for an answer (the request is settled)."""
    pending_cache.PENDING.change_on_commit()  # an update sends no signal
    return support_request.proposals.filter(state=ProposalState.PENDING).update(
        state=ProposalState.WITHDRAWN
    )


def take_in_triage(support_request: SupportRequest, *, actor) -> SupportRequest:
    with transaction.atomic():
        locked = locked_for_worker(support_request, actor)
        if locked.state != RequestState.CONFIRMED:
            history.check_not_closed(locked)
            raise ValidationError(
                _("Deze vraag is al in behandeling (%(state)s).")
                % {"state": locked.get_state_display()},
                code="already_in_triage",
            )
        history.transition(locked, RequestState.IN_TRIAGE, actor=actor)
    return locked


def add_note(support_request: SupportRequest, *, actor, note: str) -> SupportRequest:
    """A note in the history; notes stay possible on a closed request (a call back …)."""
    text = required_text(
        note,
        "note_required",
        _("Schrijf een notitie; een lege notitie wordt niet bewaard."),
        name="note",
    )
    with transaction.atomic():
        locked = locked_for_worker(support_request, actor)
        start_triage(locked, actor)
        history.record(locked, RequestEventKind.NOTE, actor=actor, note=text)
    return locked


def answer_otherwise(support_request: SupportRequest, *, actor, note: str) -> SupportRequest:
    """Answered without a psychologist of the register (another partner): a note says how."""
    text = required_text(
        note,
        "note_required",
        _("Schrijf kort hoe de vraag beantwoord werd, bijvoorbeeld door welke partner."),
        name="note",
    )
    return _close(support_request, actor, RequestState.ANSWERED_OTHERWISE, text)


def close_not_eligible(support_request: SupportRequest, *, actor, reason: str) -> SupportRequest:
    text = required_text(
        reason,
        "reason_required",
        _("Geef de reden waarom de vraag niet in aanmerking komt; de aanvrager leest ze."),
        name="reason",
    )
    return _close(support_request, actor, RequestState.NOT_ELIGIBLE, text)


def _close(support_request, actor, state, text) -> SupportRequest:
    with transaction.atomic():
        locked = locked_for_worker(support_request, actor)
        check_open_for_answer(locked)
        start_triage(locked, actor)
        withdraw_pending(locked)
        locked.closing_note = text
        locked.save(update_fields=["closing_note", "updated_at"])
        history.transition(locked, state, actor=actor, note=text)
    return locked
