"""Pages of local coordinators and existing services: review, decide, follow up, register.

Every lookup is scoped to the networks the coordinator follows (someone else's id → 404);
decisions are POST-only and go through one service call each.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications import dashboards, engine, services
from applications.access import (
    coordinated_applications,
    get_coordinated_application,
    get_coordinated_extra_hours,
)
from applications.filters import QueueFilter, RegisterFilter
from applications.models import (
    Allocation,
    ApplicationStatus,
    CooperationAgreement,
    ExtraHoursStatus,
)
from applications.review_forms import (
    ApproveForm,
    ExtraHoursGrantForm,
    ExtraHoursRefuseForm,
    RejectForm,
    RequestChangesForm,
    add_service_errors,
)
from applications.selectors import (
    EVALUATION_DUE_WITHIN_DAYS,
    call_rules,
    grantable_minutes,
    quota_siblings,
    review_refusals,
    usage_of,
)
from portal import formatting
from portal.csv_export import csv_response, csv_text
from portal.models import Role
from portal.permissions import role_required

QUEUE_PAGE_SIZE = 50
REGISTER_PAGE_SIZE = 25
EXTRA_HOURS_LISTED = 50


def _page(request, queryset, size):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


# --- Queue ---------------------------------------------------------------------------


@role_required(Role.COORDINATOR)
def queue(request):
    applications = coordinated_applications(request.user)
    rows = dashboards.queue_rows(applications).order_by("waiting", "submitted_at", "pk")
    queue_filter = QueueFilter(request.GET or None, queryset=rows)
    page_obj = _page(request, queue_filter.qs, QUEUE_PAGE_SIZE)
    extra_hours = dashboards.waiting_extra_hours(request.user)
    return render(
        request,
        "applications/queue.html",
        {
            "filter": queue_filter,
            "page_obj": page_obj,
            "status_counts": dashboards.status_counts(applications),
            "extra_hours": list(extra_hours[:EXTRA_HOURS_LISTED]),
            "extra_hours_count": extra_hours.count(),
        },
    )


# --- Review and decisions --------------------------------------------------------------


def _review_context(application, **forms):
    """Everything the review page shows; `forms` replaces the blank decision forms."""
    call = application.call
    rules = call_rules(call)
    waiting = application.status == ApplicationStatus.SUBMITTED
    grantable = siblings = None
    if waiting:
        grantable = grantable_minutes(application, application.start_date)
        start, end = engine.window(rules, application.start_date)
        siblings = list(quota_siblings(application, start, end).select_related("findplace"))
    refusals = review_refusals(application, grantable)
    partner_missing = dashboards.partner_confirmation_missing(application)
    audit = dashboards.audit_trail(application)
    allocation = Allocation.objects.filter(application=application).first()
    usage = usage_of(allocation) if allocation else None
    agreement = CooperationAgreement.objects.filter(application=application).first()
    initial_minutes = min(application.requested_minutes, grantable or 0) or None
    context = {
        "application": application,
        "call": call,
        "themes": list(application.themes.all()),
        "checklist": dashboards.rule_checklist(rules, refusals),
        "eligible": not refusals,
        "partner_status": dashboards.partner_status(application),
        "partner_missing": partner_missing,
        "partner_override": dashboards.partner_override(audit),
        "agreement": agreement,
        "waiting": waiting,
        "grantable": grantable,
        "grantable_hours": formatting.hours(grantable) if grantable is not None else "",
        "requested_hours": formatting.hours(application.requested_minutes),
        "siblings": siblings,
        "allocation": allocation,
        "usage": usage,
        "remaining": (
            engine.remaining_minutes(allocation, usage, timezone.localdate())
            if allocation
            else None
        ),
        "extra_hours_requests": (
            list(allocation.extra_hours_requests.select_related("decided_by")) if allocation else []
        ),
        "audit": audit,
        "approve_form": ApproveForm(
            initial={"hours": initial_minutes, "start_date": application.start_date},
            prefix="approve",
            partner_missing=partner_missing,
        ),
        "reject_form": RejectForm(prefix="reject"),
        "changes_form": RequestChangesForm(prefix="changes"),
    }
    if grantable:
        context["approve_form"].fields["hours"].widget.attrs["max"] = formatting.hours_input(
            grantable
        )
    context.update(forms)
    return context


@role_required(Role.COORDINATOR)
def review(request, pk):
    application = get_coordinated_application(request.user, pk)
    return render(request, "applications/coordinator/review.html", _review_context(application))


def _decision(request, form, decide, success: str, done_url: str, page):
    """Run one decision: parse the form, call the service, then go to `done_url`; on a
    refusal, `page(form)` shows the page again with the errors and the input kept."""
    if form.is_valid():
        try:
            decide(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(done_url)
    return page(form)


def _decide(request, pk, form_class, prefix, context_name, decide, success, form_kwargs=None):
    """A decision on an application, from one of the forms of its review page.

    `form_kwargs(application)` gives extra arguments for the form (none by default)."""
    application = get_coordinated_application(request.user, pk)

    def page(form):
        context = _review_context(application, **{context_name: form})
        context["open_form"] = prefix
        return render(request, "applications/coordinator/review.html", context)

    return _decision(
        request,
        form_class(
            request.POST, prefix=prefix, **(form_kwargs(application) if form_kwargs else {})
        ),
        lambda data: decide(application, data),
        success,
        reverse("applications:review", args=[application.pk]),
        page,
    )


@role_required(Role.COORDINATOR)
@require_POST
def approve(request, pk):
    def decide(application, data):
        services.approve_application(
            application,
            actor=request.user,
            granted_minutes=data["hours"],
            start_date=data["start_date"],
            reason=data["reason"],
            partner_override=data.get("partner_override", False),
            override_reason=data.get("override_reason", ""),
        )

    return _decide(
        request,
        pk,
        ApproveForm,
        "approve",
        "approve_form",
        decide,
        _("De aanvraag is goedgekeurd. De psycholoog krijgt een e-mail."),
        form_kwargs=lambda application: {
            "partner_missing": dashboards.partner_confirmation_missing(application)
        },
    )


@role_required(Role.COORDINATOR)
@require_POST
def reject(request, pk):
    def decide(application, data):
        services.reject_application(application, actor=request.user, reason=data["reason"])

    return _decide(
        request,
        pk,
        RejectForm,
        "reject",
        "reject_form",
        decide,
        _("De aanvraag is afgewezen. De psycholoog krijgt een e-mail met de reden."),
    )


@role_required(Role.COORDINATOR)
@require_POST
def request_changes(request, pk):
    def decide(application, data):
        services.request_changes(application, actor=request.user, question=data["question"])

    return _decide(
        request,
        pk,
        RequestChangesForm,
        "changes",
        "changes_form",
        decide,
        _("De aanvraag is teruggestuurd voor aanpassing. De psycholoog krijgt een e-mail."),
    )


# --- Extra hours -----------------------------------------------------------------------


def _extra_hours_context(extra, **forms):
    allocation = extra.allocation
    usage = usage_of(allocation)
    context = {
        "extra": extra,
        "allocation": allocation,
        "application": allocation.application,
        "usage": usage,
        "remaining": engine.remaining_minutes(allocation, usage, timezone.localdate()),
        "waiting": extra.status == ExtraHoursStatus.SUBMITTED,
        "requested_hours": formatting.hours(extra.requested_minutes),
        "grant_form": ExtraHoursGrantForm(
            initial={"hours": extra.requested_minutes}, prefix="grant"
        ),
        "refuse_form": ExtraHoursRefuseForm(prefix="refuse"),
    }
    context.update(forms)
    return context


@role_required(Role.COORDINATOR)
def extra_hours_review(request, pk):
    extra = get_coordinated_extra_hours(request.user, pk)
    return render(request, "applications/coordinator/extra_hours.html", _extra_hours_context(extra))


def _decide_extra(request, pk, form_class, prefix, context_name, minutes_of, success):
    """A decision on an extra-hours request, from one of the forms of its page."""
    extra = get_coordinated_extra_hours(request.user, pk)
    return _decision(
        request,
        form_class(request.POST, prefix=prefix),
        lambda data: services.decide_extra_hours(
            extra, actor=request.user, granted_minutes=minutes_of(data), reason=data["reason"]
        ),
        success,
        reverse("applications:extra_hours_review", args=[extra.pk]),
        lambda form: render(
            request,
            "applications/coordinator/extra_hours.html",
            _extra_hours_context(extra, **{context_name: form}),
        ),
    )


@role_required(Role.COORDINATOR)
@require_POST
def extra_hours_grant(request, pk):
    return _decide_extra(
        request,
        pk,
        ExtraHoursGrantForm,
        "grant",
        "grant_form",
        lambda data: data["hours"],
        _("De extra uren zijn toegekend. De psycholoog krijgt een e-mail."),
    )


@role_required(Role.COORDINATOR)
@require_POST
def extra_hours_refuse(request, pk):
    return _decide_extra(
        request,
        pk,
        ExtraHoursRefuseForm,
        "refuse",
        "refuse_form",
        lambda data: 0,
        _("De aanvraag voor extra uren is geweigerd. De psycholoog krijgt een e-mail."),
    )


# --- Follow-up, uptake, register -------------------------------------------------------


@role_required(Role.COORDINATOR)
def follow_up(request):
    today = timezone.localdate()
    return render(
        request,
        "applications/follow_up.html",
        {
            "today": today,
            "ending": list(dashboards.ending_allocations(request.user, today)),
            "evaluations": list(dashboards.coordinator_due_agreements(request.user, today)),
            "low_use": dashboards.low_use_allocations(request.user, today),
            "ending_days": dashboards.ENDING_WITHIN_DAYS,
            "evaluation_days": EVALUATION_DUE_WITHIN_DAYS,
        },
    )


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


@role_required(Role.COORDINATOR)
def uptake(request):
    year = _year(request)
    networks = dashboards.uptake(request.user, year)
    for item in networks:
        item.chart = dashboards.chart(item.by_call)
    return render(
        request,
        "applications/uptake.html",
        {"year": year, "networks": networks, "series": dashboards.CHART_SERIES},
    )


def _uptake_rows(user, year: int):
    for item in dashboards.uptake(user, year):
        groups = [(_("Oproep"), item.by_call), (_("Soort vindplaats"), item.by_kind)]
        groups.append((_("Totaal"), [item.total]))
        for dimension, rows in groups:
            for row in rows:
                yield [
                    item.network.name,
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


@role_required(Role.COORDINATOR, Role.EXISTING_SERVICE)
def register(request):
    today = timezone.localdate()
    register_filter = RegisterFilter(
        request.GET or None, queryset=dashboards.register_psychologists(today)
    )
    page_obj = _page(request, register_filter.qs, REGISTER_PAGE_SIZE)
    rows = [{"psychologist": p, "themes": dashboards.register_themes(p)} for p in page_obj]
    return render(
        request,
        "applications/register.html",
        {"filter": register_filter, "page_obj": page_obj, "rows": rows},
    )
