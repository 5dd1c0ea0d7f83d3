"""Uptake in depth: minutes granted, registered and billed per psychologist, per findplace
or per call over a range of months, and month by month (docs/uptake.md).

Granted: total minutes (granted + bonus + extra) of active allocations whose window
overlaps the range. Registered and billed: quota minutes of counting registrations dated
in the range (its whole months, read from registrations.AllocationMonthUsage). Three
queries for the groups and their labels, one for the months, whatever the number of rows;
the page per psychologist reads the figures of its own rows only (`psychologist_page`).
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Q, Sum

from applications.models import Call
from coordination.selectors import TOTAL_MINUTES
from coordination.selectors.uptake import Figures, month_usage, network_allocations, used_in
from portal.dates import add_months
from portal.models import Findplace, Psychologist
from portal.paging import counted_page_of_ids
from registrations.models import AllocationMonthUsage

# The choice of the form → the allocation field the figures are grouped by.
GROUP_FIELDS = {"psychologist": "psychologist_id", "findplace": "findplace_id", "call": "call_id"}


@dataclass
class GroupRow(Figures):
    key: int | None = None
    label: str = ""


def _labels(group: str, keys) -> dict:
    """The label of each key: read through a subquery of the scope's allocations, not a
    list of thousands of ids (for all networks every psychologist has a row)."""
    if group == "psychologist":
        return Psychologist.objects.filter(pk__in=keys).names()
    if group == "findplace":
        return dict(Findplace.objects.filter(pk__in=keys).values_list("pk", "name"))
    return {c.pk: str(c) for c in Call.objects.filter(pk__in=keys)}


def _figures(user, allocations, start, end, group: str, network, psychologists=None) -> dict:
    """The GroupRow of each key of `group` that has figures, of the allocations given (of
    the `psychologists` given only, when given)."""
    field = GROUP_FIELDS[group]
    if psychologists is not None:
        allocations = allocations.filter(psychologist__in=psychologists)
    rows: dict = {}
    granted = (
        allocations.overlapping(start, end)
        .values(field)
        .annotate(minutes=Sum(TOTAL_MINUTES))
        .order_by()
    )
    for item in granted:
        rows.setdefault(item[field], GroupRow(key=item[field])).granted += item["minutes"] or 0
    if group == "psychologist" and psychologists is None:  # the month rows alone, no join
        used = month_usage(user, start, end, field, None if network is None else [network])
    else:  # through the allocations' own month rows (of a page's psychologists: a few)
        used = used_in(user, allocations, start, end, field, network=network)
    for item in used:
        row = rows.setdefault(item[field], GroupRow(key=item[field]))
        row.registered += item["registered"] or 0
        row.billed += item["billed"] or 0
    return rows


def grouped(user, start: date, end: date, group: str, network=None) -> list[GroupRow]:
    """The figures of each psychologist, findplace or call of the coordinator's networks."""
    allocations = network_allocations(user, network)
    rows = _figures(user, allocations, start, end, group, network)
    labels = _labels(group, allocations.values(GROUP_FIELDS[group]))
    for key, row in rows.items():
        row.label = labels.get(key, "") if key is not None else ""
    return sorted(rows.values(), key=lambda row: (row.label == "", row.label.lower(), row.key or 0))


def psychologist_page(user, start: date, end: date, number, size: int, network=None) -> Page:
    """Page `number` of `grouped(..., "psychologist")`, in its order, with the figures of
    its own rows only: all networks have 6,000 psychologists, whose figures took 150 ms a
    request (issue 17). Which psychologists have figures is read from the allocations whose
    window overlaps the range: granted minutes if active, registered ones if they have a
    month row in it."""
    allocations = network_allocations(user, network)
    months = AllocationMonthUsage.objects.filter(
        allocation=OuterRef("pk"), month__range=(start, end)
    )
    with_figures = allocations.windows_overlapping(start, end).filter(
        Q(is_active=True) | Exists(months)
    )
    keys = Psychologist.objects.filter(pk__in=with_figures.values("psychologist_id")).by_name()
    page = counted_page_of_ids(keys, number, size)
    shown = page.object_list
    rows = _figures(user, allocations, start, end, "psychologist", network, shown)
    labels = Psychologist.objects.filter(pk__in=shown).names()
    page.object_list = [rows.get(pk) or GroupRow(key=pk) for pk in shown]
    for row in page.object_list:
        row.label = labels.get(row.key, "")
    return page


def months_between(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        if month >= date.max.replace(day=1):
            break  # the calendar's last month: there is no next one
        month = add_months(month, 1)
    return months


def monthly(user, start: date, end: date, network=None) -> list[tuple[date, Figures]]:
    """Per month of the range: the minutes registered and billed in it, and the minutes
    granted in the whole range (what the month's registrations are measured against)."""
    allocations = network_allocations(user, network)
    granted = allocations.overlapping(start, end).aggregate(minutes=Sum(TOTAL_MINUTES))["minutes"]
    networks = None if network is None else [network]
    by_month = {item["month"]: item for item in month_usage(user, start, end, "month", networks)}
    result = []
    for month in months_between(start, end):
        item = by_month.get(month, {})
        result.append(
            (
                month,
                Figures(
                    granted=granted or 0,
                    registered=item.get("registered") or 0,
                    billed=item.get("billed") or 0,
                ),
            )
        )
    return result


def range_total(months: list[tuple[date, Figures]]) -> Figures:
    """The range's figures from `monthly`: what the rows of `grouped` add up to, whatever
    the grouping (each month carries the whole range's granted minutes)."""
    total = Figures(granted=months[0][1].granted if months else 0)
    for _month, figures in months:
        total.registered += figures.registered
        total.billed += figures.billed
    return total
