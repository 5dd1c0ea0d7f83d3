"""The uptake page and its CSV: minutes granted, registered and billed in a calendar year,
per network, per call and per findplace kind (figures only; labels in presentation).

A coordinator of several networks sees one line per network (`per_network`, read without
joining allocations to their findplaces) and the tables of one network at a time: the
tables of 32 networks took 0.8–1 s a request at national scale (issue 17)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, Sum

from applications.access import coordinated_allocations
from applications.models import Call
from coordination.selectors import TOTAL_MINUTES, coordinated_networks
from portal import formatting
from portal.models import Network, Role
from portal.permissions import network_scope
from registrations.models import AllocationMonthUsage


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


@dataclass
class NetworkTotal:
    network: Network
    figures: Figures = field(default_factory=Figures)


@dataclass
class NetworkTotals:
    rows: list[NetworkTotal]
    total: Figures


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def per_network(user, year: int, networks) -> NetworkTotals:
    """The year's totals of each of `networks` (followed by the coordinator) as the tables
    of `uptake` add them up, and their sum: two queries, the used minutes straight from
    the month rows."""
    start, end = _year_range(year)
    result = {network.pk: NetworkTotal(network) for network in networks}
    granted = (
        coordinated_allocations(user)
        .overlapping(start, end)
        .filter(network__in=list(result))
        .values("network_id")
        .annotate(minutes=Sum(TOTAL_MINUTES))
        .order_by()
    )
    for row in granted:
        result[row["network_id"]].figures.granted += row["minutes"] or 0
    for row in month_usage(user, start, end, "network_id", networks=list(result)):
        figures = result[row["network_id"]].figures
        figures.registered += row["registered"] or 0
        figures.billed += row["billed"] or 0
    total = Figures()
    for item in result.values():
        total.add(item.figures)
    return NetworkTotals(list(result.values()), total)


def uptake(user, year: int, network: Network | None = None) -> list[NetworkUptake]:
    """The year's figures of every network the coordinator follows, or of the one given.
    Four queries in all (a fifth when a call with figures of the year is no longer
    published).

    Granted: total minutes (granted + bonus + extra) of active allocations whose window
    overlaps the year. Registered and billed: quota minutes of counting registrations dated
    in the year (billed = already on an invoice).
    """
    start, end = _year_range(year)
    networks = coordinated_networks(user, network)
    published = Call.objects.filter(networks__in=networks).distinct().order_by("number", "id")
    calls = {call.pk: call for call in published.prefetch_related("networks")}
    cells = _cells(user, start, end, network)
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


def month_usage(user, start: date, end: date, group: str, networks=None):
    """Registered and billed minutes in the whole months from `start` to `end` per `group`,
    a field of the month rows themselves (network_id, month): summed without joining them
    to their allocations, for the coordinator's networks (or those of them given)."""
    rows = AllocationMonthUsage.objects.filter(
        network_scope(user, Role.COORDINATOR), month__range=(start, end)
    )
    if networks is not None:
        rows = rows.filter(network__in=networks)
    return (
        rows.values(group)
        .annotate(registered=Sum("registered_minutes"), billed=Sum("billed_minutes"))
        .order_by()
    )


def network_allocations(user, network: Network | None = None):
    """The allocations of the coordinator's networks, or of the one of them given."""
    allocations = coordinated_allocations(user)
    return allocations if network is None else allocations.filter(network=network)


def _cells(user, start: date, end: date, network=None) -> dict[tuple, Figures]:
    """Figures per (network, call, findplace kind) of the period: two queries."""
    allocations = network_allocations(user, network)
    granted = (
        allocations.overlapping(start, end)
        .values(*GROUP)
        .annotate(minutes=Sum(TOTAL_MINUTES))
        .order_by()
    )
    used = used_in(user, allocations, start, end, *GROUP, network=network)
    cells: dict[tuple, Figures] = {}
    for row in granted:
        cells.setdefault(tuple(row[k] for k in GROUP), Figures()).granted += row["minutes"] or 0
    for row in used:
        cell = cells.setdefault(tuple(row[k] for k in GROUP), Figures())
        cell.registered += row["registered"] or 0
        cell.billed += row["billed"] or 0
    return cells
