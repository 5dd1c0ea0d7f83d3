"""What three years leave besides registrations and invoices (`benchmarks.loadgen`).

Volumes, per year of history, as a real year would bring them:

- the audit trail of every application: created, submitted, approved, hours granted (4
  entries), and one entry per agreement evaluation;
- one evaluation per call-3 agreement whose first year is over, held in the last four
  weeks of its window;
- one support request of the demand side per psychologist and year, spread over the
  funnel by age (recent ones still new, in triage or proposed; older ones matched, done,
  answered otherwise, not eligible or withdrawn), each with its events and proposals; up
  to three call-3/4 registrations of the matched psychologist in the 90 days after the
  match belong to it;
- two access-log entries per network and day over the last year (the log keeps a year).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from applications.models import AgreementEvaluation, AuditEntry
from applications.models.audit import AuditAction
from applications.models.evaluations import EvaluationOutcome
from benchmarks.loadgen import copy_rows, reserve_ids
from demand.models import (
    CLOSED_STATES,
    Channel,
    Proposal,
    ProposalState,
    RequestEvent,
    RequestEventKind,
    RequestState,
    SupportRequest,
)
from portal.access_log_models import AccessKind, AccessLogEntry
from portal.dates import add_months
from portal.models import FindplaceKind

S = RequestState
# Where a request's life ends by age: (state, weight); the path to it follows FUNNEL.
RECENT = [(S.NEW, 3), (S.CONFIRMED, 3), (S.IN_TRIAGE, 4)]
RUNNING = [(S.IN_TRIAGE, 3), (S.PROPOSED, 4), (S.MATCHED, 3)]
SETTLED = [
    (S.DONE, 45),
    (S.MATCHED, 10),
    (S.ANSWERED_OTHERWISE, 15),
    (S.NOT_ELIGIBLE, 10),
    (S.WITHDRAWN, 10),
    (S.NEW, 10),
]
FUNNEL = {
    S.NEW: [],
    S.CONFIRMED: [S.CONFIRMED],
    S.IN_TRIAGE: [S.CONFIRMED, S.IN_TRIAGE],
    S.PROPOSED: [S.CONFIRMED, S.IN_TRIAGE, S.PROPOSED],
    S.MATCHED: [S.CONFIRMED, S.IN_TRIAGE, S.PROPOSED, S.MATCHED],
    S.DONE: [S.CONFIRMED, S.IN_TRIAGE, S.PROPOSED, S.MATCHED, S.DONE],
    S.ANSWERED_OTHERWISE: [S.CONFIRMED, S.IN_TRIAGE, S.ANSWERED_OTHERWISE],
    S.NOT_ELIGIBLE: [S.CONFIRMED, S.NOT_ELIGIBLE],
    S.WITHDRAWN: [S.CONFIRMED, S.IN_TRIAGE, S.PROPOSED, S.WITHDRAWN],
}
ACCESS_KINDS = [AccessKind.PSYCHOLOGIST_PROFILE, AccessKind.APPLICATION, AccessKind.INVOICE]


@dataclass
class Requests:
    ids: list = field(default_factory=list)
    # psychologist id -> [(request id, day of the match)] of matched and done requests.
    by_psychologist: dict = field(default_factory=dict)


def stamp(day, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def evaluation_day(gen, start):
    """When the agreement of a call-3 window from `start` was evaluated (None: not yet):
    in the last four weeks of its first year."""
    held = add_months(start, 12) - timedelta(days=start.toordinal() % 28 + 1)
    return held if held <= gen.today else None


def create_audit_and_evaluations(gen, directory, allocations) -> dict:
    entries = []
    for allocation in allocations:
        start = allocation.window_start
        psychologist = allocation.psychologist.user_id
        coordinator = directory.coordinators[allocation.network_id].pk
        application = allocation.application_id
        quota = str(allocation.granted_minutes)
        entries += [
            (application, psychologist, stamp(start - timedelta(45)), AuditAction.CREATED, "", "draft"),
            (application, psychologist, stamp(start - timedelta(30)), AuditAction.STATUS, "draft", "submitted"),
            (application, coordinator, stamp(start - timedelta(10)), AuditAction.STATUS, "submitted", "approved"),
            (application, coordinator, stamp(start - timedelta(10), 11), AuditAction.GRANTED_MINUTES, "", quota),
        ]  # fmt: skip
    evaluations = []
    for allocation in allocations:
        held = allocation.agreement_id and evaluation_day(gen, allocation.window_start)
        if not held:
            continue
        coordinator = directory.coordinators[allocation.network_id].pk
        adjusted = allocation.agreement_id % 7 == 0
        following = add_months(held, 12)
        evaluations.append(
            (
                allocation.agreement_id,
                held,
                EvaluationOutcome.ADJUSTED if adjusted else EvaluationOutcome.CONTINUED,
                "Afspraken bijgesteld." if adjusted else "",
                following,
                "",
                coordinator,
                stamp(held, 16),
            )
        )
        previous = add_months(allocation.window_start, 12)
        entries.append(
            (
                allocation.application_id,
                coordinator,
                stamp(held, 16),
                AuditAction.EVALUATION,
                f"{previous:%d/%m/%Y}",
                f"{following:%d/%m/%Y}",
            )
        )
    copy_rows(
        AgreementEvaluation,
        ("agreement_id", "held_on", "outcome", "notes", "next_evaluation_date", "signed_pdf")
        + ("recorded_by_id", "recorded_at"),
        evaluations,
    )
    copy_rows(
        AuditEntry,
        ("application_id", "actor_id", "at", "action", "from_value", "to_value")
        + ("application_label", "reason"),
        (entry + ("", "") for entry in entries),
    )
    return {"audit entries": len(entries), "agreement evaluations": len(evaluations)}


def create_support_requests(gen, directory) -> Requests:
    rand, out = gen.random, Requests()
    span = (gen.today - gen.history_start).days
    count = len(directory.psychologists) * round(span / 365)
    first = reserve_ids(SupportRequest, count)
    requests, events, proposals = [], [], []
    for n in range(count):
        pk = first + n
        network = directory.networks[n % len(directory.networks)]
        coordinator = directory.coordinators[network.pk].pk
        created_on = gen.history_start + timedelta(days=rand.randrange(span))
        age = (gen.today - created_on).days
        table = RECENT if age < 3 else RUNNING if age < 21 else SETTLED
        final = rand.choices([s for s, _w in table], weights=[w for _s, w in table])[0]
        moments = {S.NEW: stamp(created_on, 9)}
        day = created_on
        events.append((pk, moments[S.NEW], None, RequestEventKind.CREATED, "", S.NEW))
        previous = S.NEW
        for state in FUNNEL[final]:
            day = min(gen.today, day + timedelta(days=rand.randint(0, 3)))
            moments[state] = stamp(day, 14)
            events.append(
                (pk, moments[state], coordinator, RequestEventKind.STATE, previous, state)
            )
            previous = state
        if S.PROPOSED in moments:
            candidates = rand.sample(directory.in_network(network.pk), 2)
            at = moments[S.PROPOSED]
            for rank, psychologist in enumerate(candidates):
                if S.MATCHED in moments:
                    state = ProposalState.ACCEPTED if rank == 0 else ProposalState.WITHDRAWN
                    answered = moments[S.MATCHED]
                elif final == S.WITHDRAWN:
                    state, answered = ProposalState.WITHDRAWN, moments[S.WITHDRAWN]
                else:
                    state, answered = ProposalState.PENDING, None
                proposals.append((pk, psychologist.pk, state, coordinator, at, answered))
                events.append((pk, at, coordinator, RequestEventKind.PROPOSED, "", ""))
            if S.MATCHED in moments:
                events.append(
                    (
                        pk,
                        moments[S.MATCHED],
                        candidates[0].user_id,
                        RequestEventKind.ACCEPTED,
                        "",
                        "",
                    )
                )
                out.by_psychologist.setdefault(candidates[0].pk, []).append(
                    (pk, moments[S.MATCHED].date())
                )
        closed = moments[final] if final in CLOSED_STATES else None
        feedback = final == S.DONE and pk % 2 == 0
        if feedback:
            events.append((pk, closed, None, RequestEventKind.FEEDBACK, "", ""))
        requests.append(
            (
                pk,
                network.pk,
                final,
                Channel.ON_BEHALF if pk % 5 == 0 else Channel.PUBLIC,
                f"Aanvrager {pk}",
                "Huisarts",
                f"Organisatie {pk % 500 + 1}",
                f"vraag{pk}@example.org",
                "",
                "9000",
                "Gent",
                rand.choice([FindplaceKind.GP_PRACTICE, FindplaceKind.SOCIAL_SERVICE]),
                "nl-be",
                "Hoe gaan we om met aanmeldingen die we niet kunnen opvangen?",
                rand.choice(["advice", "case_intervision", "workshop", ""]),
                rand.randint(1, 12),
                "either",
                True,
                False,
                coordinator if pk % 5 == 0 else None,
                moments.get(S.CONFIRMED),
                moments.get(S.MATCHED),
                closed,
                "Doorverwezen." if final in (S.ANSWERED_OTHERWISE, S.NOT_ELIGIBLE) else "",
                rand.randint(3, 5) if feedback else None,
                "",
                closed if feedback else None,
                closed if final == S.DONE else None,
                moments[S.NEW],
                max(moments.values()),
            )
        )
        out.ids.append(pk)
    copy_rows(
        SupportRequest,
        ("id", "network_id", "state", "channel", "requester_name", "requester_role")
        + ("organisation", "email", "phone", "postcode", "municipality", "place_kind")
        + ("language", "question", "work_form", "expected_attendees", "setting")
        + ("in_direct_contact", "about_clients_in_care", "entered_by_id", "confirmed_at")
        + ("matched_at", "closed_at", "closing_note", "feedback_score", "feedback_comment")
        + ("feedback_at", "feedback_asked_at", "created_at", "updated_at"),
        requests,
    )
    copy_rows(
        RequestEvent,
        ("request_id", "at", "actor_id", "kind", "from_state", "to_state", "note"),
        (event + ("",) for event in events),
    )
    copy_rows(
        Proposal,
        ("request_id", "psychologist_id", "state", "proposed_by_id", "created_at")
        + ("answered_at", "note", "decline_reason"),
        (proposal + ("", "") for proposal in proposals),
    )
    return out


def create_access_log(gen, directory) -> int:
    rand, rows = gen.random, []
    for back in range(365):
        day = gen.today - timedelta(days=back)
        for network in directory.networks:
            coordinator = directory.coordinators[network.pk]
            for hour in (10, 15):
                psychologist = rand.choice(directory.in_network(network.pk))
                rows.append(
                    (
                        stamp(day, hour),
                        coordinator.pk,
                        coordinator.username,
                        rand.choice(ACCESS_KINDS),
                        psychologist.name,
                        psychologist.pk,
                        psychologist.pk,
                        f"/coordinatie/psychologen/{psychologist.pk}/",
                    )
                )
    return copy_rows(
        AccessLogEntry,
        ("at", "user_id", "user_label", "kind", "object_label", "object_id", "psychologist_id")
        + ("path",),
        rows,
    )
