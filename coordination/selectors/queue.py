"""The review queue: submitted and decided applications, and the waiting extra-hours requests.

Decision — the queue says what to do first. Each waiting application carries the engine's
verdict (applications.verdicts, the review page's rules), its partner's state and the days
it has waited; by default the ready-to-decide ones come first, then the oldest. The
verdict is computed in Python, so the waiting applications are read whole (they are the
coordinator's work list: tens, not thousands) in a fixed number of queries; the decided
ones follow, paged in the database.
"""

from functools import cached_property

from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.access import coordinated_extra_hours
from applications.models import ApplicationStatus, ExtraHoursStatus
from applications.verdicts import waiting_verdicts
from portal.paging import rows_of

QUEUE_STATUSES = [s for s in ApplicationStatus if s != ApplicationStatus.DRAFT]

READY, BLOCKED = "ready", "blocked"
VERDICTS = [(READY, _("Klaar om te beslissen")), (BLOCKED, _("Niet goed te keuren"))]

# The partner's state, as the review page says it (selectors.review.partner_status), and
# "not needed" where the edition asks no confirmation (call 4).
NOT_NEEDED = "not_needed"
PARTNER_STATES = [
    ("waiting", _("Wacht op de partner")),
    ("confirmed", _("Bevestigd")),
    ("declined", _("Geweigerd")),
    (NOT_NEEDED, _("Niet nodig")),
]
PARTNER_STATE = Case(
    When(edition__requires_partner_confirmation=False, then=Value(NOT_NEEDED)),
    When(partner_confirmed_at__isnull=False, then=Value("confirmed")),
    When(partner_declined_at__isnull=False, then=Value("declined")),
    default=Value("waiting"),
    output_field=CharField(),
)


def queue_rows(queryset):
    """Rows of the queue with what its table shows, `partner_state` annotated."""
    return queryset.select_related("psychologist__user", "call", "findplace").annotate(
        partner_state=PARTNER_STATE
    )


def with_verdict_data(rows):
    """`rows` with what the engine's verdict reads (applications.verdicts). The editions,
    their calls and work forms are prefetched, shared by the rows: a few objects for
    hundreds of rows, and a join count PostgreSQL still plans well."""
    return rows.select_related("network", "agreement").prefetch_related(
        "edition__call", "edition__work_forms"
    )


class QueueRows:
    """The queue in the order it shows, for the paginator (len() and slices).

    First the waiting applications in the order of `rows`, each with its `verdict`
    (applications.verdicts.Verdict) and `days_waiting`; with `ready_first` the ready ones
    before the others; with `verdict` (READY or BLOCKED) only those. Then, without a
    verdict filter, the decided ones, read a page at a time: chosen by primary key alone
    (index `application_queue_order`), then read with what the table shows. Joined before
    the sort, the names of all networks' 110,000 applications cost 135 ms a page.
    """

    def __init__(self, rows, *, ready_first: bool = True, verdict: str | None = None):
        waiting = list(with_verdict_data(rows.filter(status=ApplicationStatus.SUBMITTED)))
        verdicts = waiting_verdicts(waiting)
        today = timezone.localdate()
        for application in waiting:
            application.verdict = verdicts[application.pk]
            application.days_waiting = days_waiting(application, today)
        if verdict:
            waiting = [a for a in waiting if a.verdict.eligible == (verdict == READY)]
        if ready_first:
            waiting.sort(key=lambda application: not application.verdict.eligible)
        self.waiting = waiting
        others = rows.exclude(status=ApplicationStatus.SUBMITTED)
        self.others = others.none() if verdict else others

    @cached_property
    def others_count(self) -> int:
        return self.others.count()

    def __len__(self) -> int:
        return len(self.waiting) + self.others_count

    def __getitem__(self, index: slice) -> list:
        start, stop, _step = index.indices(len(self))
        rows = self.waiting[start:stop]
        first_other = max(start - len(self.waiting), 0)
        if stop - len(self.waiting) > first_other:
            rows += rows_of(self.others, first_other, stop - len(self.waiting))
        return rows


def days_waiting(application, today) -> int | None:
    """Whole days since the application was submitted (0 on the day itself)."""
    if application.submitted_at is None:
        return None
    return (today - timezone.localtime(application.submitted_at).date()).days


def status_counts(queryset) -> list[dict]:
    """How many applications per status, in one aggregate query."""
    totals = queryset.aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in QUEUE_STATUSES}
    )
    return [
        {"value": status.value, "label": status.label, "count": totals[status.value]}
        for status in QUEUE_STATUSES
    ]


def waiting_extra_hours(user):
    """The extra-hours requests of the user's networks that wait for a decision, oldest first."""
    return (
        coordinated_extra_hours(user)
        .filter(status=ExtraHoursStatus.SUBMITTED)
        .select_related(
            "allocation__psychologist__user", "allocation__call", "allocation__findplace"
        )
        .order_by("created_at", "pk")
    )
