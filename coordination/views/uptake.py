"""The uptake page of a calendar year (?jaar=) and the same figures as CSV."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.presentation import uptake_tables
from coordination.selectors.uptake import uptake as uptake_of
from portal import formatting
from portal.csv_export import csv_response, csv_text
from portal.models import Role
from portal.permissions import role_required


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def _tables(user, year: int):
    return [uptake_tables(item) for item in uptake_of(user, year)]


@role_required(Role.COORDINATOR)
def uptake(request):
    year = _year(request)
    return render(
        request,
        "coordination/uptake.html",
        {"year": year, "networks": _tables(request.user, year)},
    )


def _uptake_rows(user, year: int):
    for tables in _tables(user, year):
        groups = [(_("Oproep"), tables.by_call), (_("Soort vindplaats"), tables.by_kind)]
        groups.append((_("Totaal"), [tables.total]))
        for dimension, rows in groups:
            for row in rows:
                yield [
                    tables.network.name,
                    dimension,
                    row.label,
                    formatting.csv_hours(row.granted),
                    formatting.csv_hours(row.registered),
                    formatting.csv_hours(row.billed),
                    row.percent,
                ]


@role_required(Role.COORDINATOR)
def uptake_csv(request):
    year = _year(request)
    header = [
        _("Netwerk"),
        _("Indeling"),
        _("Groep"),
        _("Toegekend (uren)"),
        _("Geregistreerd (uren)"),
        _("Gefactureerd (uren)"),
        _("Benutting (%)"),
    ]
    return csv_response(csv_text(header, _uptake_rows(request.user, year)), f"benutting-{year}.csv")
