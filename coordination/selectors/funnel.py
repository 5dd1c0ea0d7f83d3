"""The demand funnel of the uptake page and its CSV: per network and month of a year, what
happened to the support requests, how fast they were matched, the hours registered on them
and the feedback of their requesters (figures only; labels in the template and the view).

Each figure counts in the month of its own moment: received in the month the request was
confirmed (a NEW request, never confirmed, is never received), matched in the month of
its match, done / answered otherwise / not eligible / withdrawn in the month it was
closed so, feedback in the month it was given, hours in the month of the activity. Six
queries in all, whatever the number of networks; the median is taken in Python over the
days from confirmed to matched of the requests matched in that month.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, F, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from coordination.selectors import coordinated_networks
from demand.models import RequestState, SupportRequest
from demand.services.hours import linking_calls
from portal.models import Network
from registrations.models import AllocationMonthUsage

# The closed states the funnel counts, each in the month the request was closed.
CLOSED = (
    RequestState.DONE,
    RequestState.ANSWERED_OTHERWISE,
    RequestState.NOT_ELIGIBLE,
    RequestState.WITHDRAWN,
)
MONTHS = range(1, 13)


@dataclass
class Stage:
    """The figures of one network in one month (or the whole year)."""

    received: int = 0
    matched: int = 0
    closed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLOSED, 0))
    days_to_match: list[float] = field(default_factory=list)
    request_minutes: int = 0
    other_minutes: int = 0
    feedback_count: int = 0
    feedback_total: float = 0

    @property
    def done(self) -> int:
        return self.closed[RequestState.DONE]

    @property
    def answered_otherwise(self) -> int:
        return self.closed[RequestState.ANSWERED_OTHERWISE]

    @property
    def not_eligible(self) -> int:
        return self.closed[RequestState.NOT_ELIGIBLE]

    @property
    def withdrawn(self) -> int:
        return self.closed[RequestState.WITHDRAWN]

    @property
    def median_days(self) -> float | None:
        """Median days from confirmed to matched, to one decimal (None: nothing matched)."""
        if not self.days_to_match:
            return None
        return round(statistics.median(self.days_to_match), 1)

    @property
    def feedback_average(self) -> float | None:
        if not self.feedback_count:
            return None
        return round(self.feedback_total / self.feedback_count, 1)

    @property
    def is_empty(self) -> bool:
        return not (
            self.received
            or self.matched
            or any(self.closed.values())
            or self.request_minutes
            or self.other_minutes
            or self.feedback_count
        )

    def add(self, other: Stage) -> None:
        self.received += other.received
        self.matched += other.matched
        for state, count in other.closed.items():
            self.closed[state] += count
        self.days_to_match += other.days_to_match
        self.request_minutes += other.request_minutes
        self.other_minutes += other.other_minutes
        self.feedback_count += other.feedback_count
        self.feedback_total += other.feedback_total


@dataclass
class NetworkFunnel:
    network: Network
    year: int
    months: dict[int, Stage]  # 1 … 12
    total: Stage = field(default_factory=Stage)

    @property
    def active_months(self) -> list[tuple[date, Stage]]:
        """The months (their first day) with anything in them, in order; the page leaves
        the empty ones out."""
        return [
            (date(self.year, month, 1), stage)
            for month, stage in self.months.items()
            if not stage.is_empty
        ]


def funnel(user, year: int, network: Network | None = None) -> list[NetworkFunnel]:
    """The year's funnel of every network the coordinator follows, or of the one given."""
    networks = coordinated_networks(user, network)
    result = {n.pk: NetworkFunnel(n, year, months={m: Stage() for m in MONTHS}) for n in networks}
    requests = SupportRequest.objects.filter(network__in=networks).exclude(state=RequestState.NEW)

    def stage(network_id, month) -> Stage:
        return result[network_id].months[month]

    for row in _count_by_month(requests, "confirmed_at", year):
        stage(row["network_id"], row["month"]).received += row["count"]
    matched = requests.filter(matched_at__year=year, confirmed_at__isnull=False)
    for network_id, confirmed_at, matched_at in matched.values_list(
        "network_id", "confirmed_at", "matched_at"
    ):
        month = stage(network_id, _local_month(matched_at))
        month.matched += 1
        month.days_to_match.append((matched_at - confirmed_at).total_seconds() / 86400)
    closed = _count_by_month(requests.filter(state__in=CLOSED), "closed_at", year, "state")
    for row in closed:
        stage(row["network_id"], row["month"]).closed[row["state"]] += row["count"]
    feedback = (
        requests.filter(feedback_at__year=year, feedback_score__isnull=False)
        .annotate(month=ExtractMonth("feedback_at"))
        .values("network_id", "month")
        .annotate(count=Count("pk"), average=Avg("feedback_score"))
        .order_by()
    )
    for row in feedback:
        month = stage(row["network_id"], row["month"])
        month.feedback_count += row["count"]
        month.feedback_total += float(row["average"]) * row["count"]
    for row in _minutes_by_month(networks, year):
        month = stage(row["allocation__network_id"], row["month_number"])
        month.request_minutes += row["on_requests"] or 0
        month.other_minutes += row["without"] or 0
    for item in result.values():
        for month in item.months.values():
            item.total.add(month)
    return list(result.values())


def _count_by_month(requests, moment: str, year: int, *extra: str):
    return (
        requests.filter(**{f"{moment}__year": year})
        .annotate(month=ExtractMonth(moment))
        .values("network_id", "month", *extra)
        .annotate(count=Count("pk"))
        .order_by()
    )


def _minutes_by_month(networks, year: int):
    """Minutes of the counting call-3 and call-4 activities of the year, on a request or
    not, per network and month: read per allocation and month (AllocationMonthUsage),
    the network's months through its index and its allocations through theirs."""
    in_year = Q(month__range=(date(year, 1, 1), date(year, 12, 31)))
    return (
        AllocationMonthUsage.objects.filter(
            in_year, linking_calls(), network__in=networks, allocation__network__in=networks
        )
        .annotate(month_number=ExtractMonth("month"))
        .values("allocation__network_id", "month_number")
        .annotate(
            on_requests=Sum("request_duration_minutes"),
            without=Sum(F("duration_minutes") - F("request_duration_minutes")),
        )
        .order_by()
    )


def _local_month(moment) -> int:
    return timezone.localtime(moment).month
