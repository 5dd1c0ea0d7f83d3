"""The uptake page and its CSV: minutes granted, registered and billed in a calendar year,
per network, per call and per findplace kind (figures only; labels in presentation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, Sum

from applications.access import coordinated_allocations
from applications.models import Call
from coordination.selectors import TOTAL_MINUTES
from portal import formatting
from portal.models import Network, Role
from portal.permissions import followed_networks, network_scope


@dataclass
class Figures:
    """Minutes granted, registered and billed of one group."""

    granted: int = 0
    registered: int = 0
    billed: int = 0

    @property
    def percent(self) -> int | None:
        """Registered as a whole percentage of granted, rounded (None without a grant)."""
        return formatting.rounded_percent(self.registered, self.granted)

    def add(self, other: Figures) -> None:
        self.granted += other.granted
        self.registered += other.registered
        self.billed += other.billed


@dataclass
class NetworkUptake:
    network: Network
    by_call: dict[Call, Figures]  # every call of the network, in the order of their numbers
    by_kind: dict[str | None, Figures] = field(default_factory=dict)  # None: no findplace
    total: Figures = field(default_factory=Figures)


GROUP = ("network_id", "call_id", "findplace__kind")


def uptake(user, year: int) -> list[NetworkUptake]:
    """The year's figures of every network the coordinator follows. Four queries in all (a
    fifth when a call with figures of the year is no longer published).

    Granted: total minutes (granted + bonus + extra) of active allocations whose window
    overlaps the year. Registered and billed: quota minutes of counting registrations dated
    in the year (billed = already on an invoice).
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    networks = list(followed_networks(user, Role.COORDINATOR))
    published = Call.objects.filter(networks__in=networks).distinct().order_by("number", "id")
    calls = {call.pk: call for call in published.prefetch_related("networks")}
    cells = _cells(user, start, end)
    # A call no longer published still has the year's figures: fetched once, with the rest.
    unpublished = Call.objects.in_bulk({call_id for (_n, call_id, _k) in cells} - set(calls))
    result = []
    for network in networks:
        own = {call: Figures() for call in calls.values() if network in call.networks.all()}
        item = NetworkUptake(network, by_call=own)
        for (network_id, call_id, kind), cell in cells.items():
            if network_id != network.pk:
                continue
            call = calls.get(call_id) or unpublished[call_id]
            item.by_call.setdefault(call, Figures()).add(cell)
            item.by_kind.setdefault(kind, Figures()).add(cell)
            item.total.add(cell)
        result.append(item)
    return result


def used_in(user, allocations, start: date, end: date, *group: str, network=None):
    """Registered and billed minutes of the allocations in the whole months from `start`
    to `end`, per `group`: read from AllocationMonthUsage, a row per allocation and month
    instead of every registration (a year of the country's: about a million), through its
    (network, month) index for the coordinator's networks (or the one chosen)."""
    in_months = Q(monthly_usage__month__range=(start, end))
    if network is not None:
        in_months &= Q(monthly_usage__network=network)
    in_months &= network_scope(user, Role.COORDINATOR, "monthly_usage__network")
    return (
        allocations.filter(in_months)
        .values(*group)
        .annotate(
            registered=Sum("monthly_usage__registered_minutes", filter=in_months),
            billed=Sum("monthly_usage__billed_minutes", filter=in_months),
        )
        .order_by()
    )


def _cells(user, start: date, end: date) -> dict[tuple, Figures]:
    """Figures per (network, call, findplace kind) of the period: two queries."""
    allocations = coordinated_allocations(user)
    granted = (
        allocations.overlapping(start, end)
        .values(*GROUP)
        .annotate(minutes=Sum(TOTAL_MINUTES))
        .order_by()
    )
    used = used_in(user, allocations, start, end, *GROUP)
    cells: dict[tuple, Figures] = {}
    for row in granted:
        cells.setdefault(tuple(row[k] for k in GROUP), Figures()).granted += row["minutes"] or 0
    for row in used:
        cell = cells.setdefault(tuple(row[k] for k in GROUP), Figures())
        cell.registered += row["registered"] or 0
        cell.billed += row["billed"] or 0
    return cells
