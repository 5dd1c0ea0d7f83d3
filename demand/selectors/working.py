"""Reads of the demand side's pages: the inbox in "what needs action first" order, the
counts per state, and the register candidates of a request with what a worker weighs."""

from datetime import date

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When

from applications.selectors import register_themes, with_usage
from demand.models import Proposal, ProposalState, RequestState, SupportRequest
from demand.services.matching import register_for

# The states the inbox lists: everything once confirmed.
INBOX_STATES = [s for s in RequestState if s != RequestState.NEW]
# Open requests: proposing someone for one of these counts as "already on them".
OPEN_STATES = [RequestState.CONFIRMED, RequestState.IN_TRIAGE, RequestState.PROPOSED]


def inbox_rows(queryset):
    """The worked requests (never unconfirmed ones), what needs action first: confirmed or
    in triage (oldest first), then proposed with every proposal answered, then the rest."""
    waiting = Proposal.objects.filter(request=OuterRef("pk"), state=ProposalState.PENDING)
    return (
        queryset.exclude(state=RequestState.NEW)
        .select_related("network")
        .annotate(
            has_waiting=Exists(waiting),
            priority=Case(
                When(state__in=[RequestState.CONFIRMED, RequestState.IN_TRIAGE], then=Value(0)),
                When(Q(state=RequestState.PROPOSED, has_waiting=False), then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .order_by("priority", "confirmed_at", "pk")
    )


def state_counts(queryset) -> list[dict]:
    """How many requests per state, in one aggregate query."""
    totals = queryset.aggregate(
        **{state.value: Count("pk", filter=Q(state=state)) for state in INBOX_STATES}
    )
    return [
        {"value": state.value, "label": state.label, "count": totals[state.value]}
        for state in INBOX_STATES
    ]


def candidates(support_request: SupportRequest, today: date, narrow=None) -> list[dict]:
    """The register psychologists who may be proposed, each with their themes, languages,
    call-4 hours left and window end, and how many open requests already propose them;
    `narrow(queryset)` filters them (the search page's filters)."""
    psychologists = register_for(support_request, today)
    if narrow is not None:
        psychologists = narrow(psychologists)
    psychologists = psychologists.annotate(
        open_proposals=Count(
            "proposals",
            filter=Q(
                proposals__state=ProposalState.PENDING,
                proposals__request__state__in=OPEN_STATES,
            ),
        )
    )
    proposed = set(support_request.proposals.values_list("psychologist_id", flat=True))
    rows = []
    for psychologist in psychologists:
        allocations = [with_usage(a, today=today) for a in psychologist.register_allocations]
        rows.append(
            {
                "psychologist": psychologist,
                "themes": register_themes(psychologist),
                "remaining_minutes": sum(a.remaining_minutes for a in allocations),
                "window_end": max(a.window_end for a in allocations),
                "already_proposed": psychologist.pk in proposed,
            }
        )
    return rows
