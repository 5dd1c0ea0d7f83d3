"""The uptake page of a calendar year (?jaar=) and the same figures as CSV, with the
funnel of the support requests (coordination.selectors.funnel) on the page and in its own
CSV. A coordinator of several networks sees a line per network and the tables and funnel
of one (?netwerk=, the first by default); the CSVs hold every network."""

from decimal import Decimal

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination.presentation import network_table, uptake_tables
from coordination.selectors import coordinated_networks
from coordination.selectors.funnel import funnel as funnel_of
from coordination.selectors.uptake import per_network
from coordination.selectors.uptake import uptake as uptake_of
from portal import access_log, formatting
from portal.csv_export import csv_response, csv_text
from portal.models import AccessKind, Role
from portal.permissions import role_required

FIRST_YEAR = 2000


def _last_year() -> int:
    """Next year's grants may already be known; nothing later."""
    return timezone.localdate().year + 1


def _year(request) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("jaar", this_year))
    except ValueError:
        return this_year
    return year if FIRST_YEAR <= year <= _last_year() else this_year


def _chosen(request, networks):
    """The network of ?netwerk= if the coordinator follows it, else the first."""
    wanted = request.GET.get("netwerk", "")
    return next((n for n in networks if str(n.pk) == wanted), networks[0] if networks else None)


def _tables(user, year: int, network=None):
    return [uptake_tables(item) for item in uptake_of(user, year, network)]


@role_required(Role.COORDINATOR)
def uptake(request):
    year = _year(request)
    networks = coordinated_networks(request.user)
    chosen = _chosen(request, networks)
    context = {
        "year": year,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < _last_year() else None,
        "chosen": chosen,
        "networks": [],
        "funnels": [],
    }
    if len(networks) > 1:
        totals = per_network(request.user, year, networks)
        context["totals"] = network_table(totals, year, chosen)
    if chosen is not None:
        context["networks"] = _tables(request.user, year, chosen)
        context["funnels"] = funnel_of(request.user, year, chosen)
    return render(request, "coordination/uptake.html", context)


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
    name = f"benutting-{year}.csv"
    access_log.record_view(request, AccessKind.UPTAKE_CSV, label=name)
    return csv_response(csv_text(header, _uptake_rows(request.user, year)), name)


FUNNEL_HEADER = (
    gettext_lazy("Netwerk"),
    gettext_lazy("Maand"),
    gettext_lazy("Ontvangen"),
    gettext_lazy("Gekoppeld"),
    gettext_lazy("Uitgevoerd"),
    gettext_lazy("Anders beantwoord"),
    gettext_lazy("Komt niet in aanmerking"),
    gettext_lazy("Ingetrokken"),
    gettext_lazy("Mediaan dagen tot koppeling"),
    gettext_lazy("Uren op vragen"),
    gettext_lazy("Uren oproep 3 en 4 zonder vraag"),
    gettext_lazy("Gemiddelde feedback"),
    gettext_lazy("Aantal feedback"),
)


def _funnel_rows(user, year: int):
    for item in funnel_of(user, year):
        months = [(f"{year}-{month:02d}", stage) for month, stage in item.months.items()]
        for label, stage in [*months, (_("Totaal"), item.total)]:
            yield [
                item.network.name,
                label,
                stage.received,
                stage.matched,
                stage.done,
                stage.answered_otherwise,
                stage.not_eligible,
                stage.withdrawn,
                _decimal(stage.median_days),
                formatting.csv_hours(stage.request_minutes),
                formatting.csv_hours(stage.other_minutes),
                _decimal(stage.feedback_average),
                stage.feedback_count,
            ]


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@role_required(Role.COORDINATOR)
def funnel_csv(request):
    year = _year(request)
    header = [str(name) for name in FUNNEL_HEADER]
    rows = _funnel_rows(request.user, year)
    name = f"vragen-{year}.csv"
    access_log.record_view(request, AccessKind.FUNNEL_CSV, label=name)
    return csv_response(csv_text(header, rows), name)
