"""Uptake in depth (docs/uptake.md): per psychologist, findplace or call over a range of
months, with the months as a chart, on a page and as CSV."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from coordination import presentation
from coordination.selectors.uptake_detail import grouped, monthly, psychologist_page, range_total
from coordination.uptake_forms import UptakeDetailForm
from coordination.views import page_of
from portal import access_log, formatting
from portal.csv_export import csv_response, csv_text
from portal.models import AccessKind, Role
from portal.permissions import role_required

PAGE_SIZE = 25


def _filter(request):
    form = UptakeDetailForm(request.user, request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, (data["start"], data["end"], data["group"], data.get("netwerk"))


@role_required(Role.COORDINATOR)
def uptake_detail(request):
    form, chosen = _filter(request)
    context = {"form": form}
    if chosen:
        start, end, group, network = chosen
        if group == "psychologist":
            number = request.GET.get("page")
            page = psychologist_page(request.user, start, end, number, PAGE_SIZE, network)
        else:
            rows = grouped(request.user, start, end, group, network)
            for row in rows:
                row.label = row.label or str(presentation.NO_FINDPLACE)
            page = page_of(request, rows, PAGE_SIZE)
        months = monthly(request.user, start, end, network)
        context |= {
            "start": start,
            "end": end,
            "group_label": presentation.group_label(group),
            "page_obj": page,
            "chart": presentation.monthly_chart(months),
            "series": presentation.CHART_SERIES,
            "months": months,
            "total": range_total(months),
        }
    status = 200 if chosen else 422
    return render(request, "coordination/uptake_detail.html", context, status=status)


@role_required(Role.COORDINATOR)
def uptake_detail_csv(request):
    form, chosen = _filter(request)
    if not chosen:
        return render(request, "coordination/uptake_detail.html", {"form": form}, status=422)
    start, end, group, network = chosen
    header = [
        presentation.group_label(group),
        _("Toegekend (uren)"),
        _("Geregistreerd (uren)"),
        _("Gefactureerd (uren)"),
        _("Benutting (%)"),
    ]
    rows = (
        [
            row.label or presentation.NO_FINDPLACE,
            formatting.csv_hours(row.granted),
            formatting.csv_hours(row.registered),
            formatting.csv_hours(row.billed),
            row.percent,
        ]
        for row in grouped(request.user, start, end, group, network)
    )
    name = f"benutting-{start:%Y-%m}-{end:%Y-%m}.csv"
    access_log.record_view(request, AccessKind.UPTAKE_DETAIL_CSV, label=name)
    return csv_response(csv_text(header, rows), name)
