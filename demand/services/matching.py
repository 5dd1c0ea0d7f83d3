"""Matching a request with psychologists of the register: a worker proposes one or more,
each proposed psychologist accepts or declines.

On accept the request is matched, both sides get each other's contact by e-mail, and the
other proposals still waiting are withdrawn without a mail (the psychologist sees it on
their proposals page; a mail per withdrawal would only add noise). When every proposal of
a request is declined, the request goes back in triage, on top of the inbox again.
E-mails go to the outbox inside the same transaction (portal.notifications).
"""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.selectors import register_psychologists
from demand.models import Proposal, ProposalState, RequestEventKind, RequestState, SupportRequest
from demand.services import history
from demand.services.working import (
    check_open_for_answer,
    locked_for_worker,
    refuse_client_identifiers,
    required_text,
    start_triage,
    withdraw_pending,
)
from portal.notifications import notify, send


def register_for(support_request: SupportRequest, today: date):
    """The psychologists of the register a worker may propose for this request: those of
    its network (a request without a network: the whole register)."""
    psychologists = register_psychologists(today)
    if support_request.network_id is not None:
        psychologists = psychologists.filter(networks=support_request.network_id)
    return psychologists


def propose(
    support_request: SupportRequest,
    psychologist_ids,
    *,
    actor,
    note: str = "",
    today: date,
    absolute_url: Callable[[str], str],
) -> list[Proposal]:
    """Propose the psychologists `psychologist_ids` for the request and mail each of them."""
    ids = sorted({int(pk) for pk in psychologist_ids})
    if not ids:
        raise ValidationError(
            _("Kies minstens één psycholoog om voor te stellen."), code="no_psychologist_chosen"
        )
    refuse_client_identifiers("note", note)
    with transaction.atomic():
        locked = locked_for_worker(support_request, actor)
        check_open_for_answer(locked)
        allowed = {p.pk: p for p in register_for(locked, today).filter(pk__in=ids)}
        if len(allowed) != len(ids):
            raise ValidationError(
                _(
                    "Een gekozen psycholoog staat niet (meer) in het register van oproep 4 "
                    "van het netwerk van deze vraag. Zoek opnieuw en kies uit de lijst."
                ),
                code="not_in_register",
            )
        already = locked.proposals.filter(psychologist_id__in=ids).select_related(
            "psychologist__user"
        )
        if already:
            raise ValidationError(
                _("%(names)s werd al voorgesteld voor deze vraag; een tweede voorstel kan niet.")
                % {"names": ", ".join(p.psychologist.name for p in already)},
                code="already_proposed",
            )
        start_triage(locked, actor)
        if locked.state != RequestState.PROPOSED:
            history.transition(locked, RequestState.PROPOSED, actor=actor)
        proposals = []
        for pk in ids:
            psychologist = allowed[pk]
            proposal = Proposal.objects.create(
                request=locked, psychologist=psychologist, proposed_by=actor, note=note.strip()
            )
            history.record(locked, RequestEventKind.PROPOSED, actor=actor, note=psychologist.name)
            link = absolute_url(reverse("demand:proposal_detail", args=[proposal.pk]))
            notify(
                psychologist.user,
                "proposal_new",
                {"proposal": proposal, "support_request": locked, "link": link},
            )
            proposals.append(proposal)
    return proposals


def _locked_pending(proposal: Proposal, psychologist) -> Proposal:
    """The proposal and its request, locked (request first, as the workers lock it)."""
    SupportRequest.objects.select_for_update().get(pk=proposal.request_id)
    locked = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("request__network", "psychologist__user")
        .get(pk=proposal.pk)
    )
    if locked.psychologist_id != psychologist.pk:
        raise ValidationError(_("Dit voorstel is niet aan u gericht."), code="not_proposed_to_you")
    if locked.state != ProposalState.PENDING:
        raise ValidationError(
            _(
                "U heeft dit voorstel al beantwoord of het werd ingetrokken (%(state)s); een "
                "tweede antwoord kan niet. Neem contact op met het netwerk als er iets "
                "veranderd is."
            )
            % {"state": locked.get_state_display()},
            code="proposal_answered",
        )
    history.check_not_closed(locked.request)
    return locked


def accept_proposal(proposal: Proposal, *, psychologist) -> Proposal:
    with transaction.atomic():
        locked = _locked_pending(proposal, psychologist)
        support_request = locked.request
        locked.state = ProposalState.ACCEPTED
        locked.answered_at = timezone.now()
        locked.save(update_fields=["state", "answered_at"])
        withdraw_pending(support_request)
        history.transition(
            support_request,
            RequestState.MATCHED,
            actor=psychologist.user,
            kind=RequestEventKind.ACCEPTED,
            note=psychologist.name,
        )
        context = {"support_request": support_request, "psychologist": psychologist}
        send(
            support_request.email,
            "match_made",
            {**context, "for_requester": True},
            language=support_request.language,
        )
        notify(psychologist.user, "match_made", {**context, "for_requester": False})
    return locked


def decline_proposal(proposal: Proposal, *, psychologist, reason: str) -> Proposal:
    text = required_text(
        reason,
        "reason_required",
        _("Geef kort de reden waarom u niet ingaat op dit voorstel; het netwerk leest ze."),
        name="reason",
    )
    with transaction.atomic():
        locked = _locked_pending(proposal, psychologist)
        support_request = locked.request
        locked.state = ProposalState.DECLINED
        locked.decline_reason = text
        locked.answered_at = timezone.now()
        locked.save(update_fields=["state", "decline_reason", "answered_at"])
        note = f"{psychologist.name}: {text}"
        open_proposals = support_request.proposals.exclude(state=ProposalState.DECLINED)
        if support_request.state == RequestState.PROPOSED and not open_proposals.exists():
            history.transition(
                support_request,
                RequestState.IN_TRIAGE,
                actor=psychologist.user,
                kind=RequestEventKind.DECLINED,
                note=note,
            )
        else:
            history.record(
                support_request, RequestEventKind.DECLINED, actor=psychologist.user, note=note
            )
    return locked
