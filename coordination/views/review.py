"""The review page of an application and the coordinator's three decisions on it."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications import engine, services
from applications.access import get_coordinated_application
from applications.models import Allocation, ApplicationStatus, CooperationAgreement
from applications.selectors import (
    edition_rules,
    grantable_minutes,
    quota_siblings,
    review_refusals,
    usage_of,
)
from coordination import presentation
from coordination.forms import ApproveForm, RejectForm, RequestChangesForm
from coordination.selectors.review import (
    audit_entries,
    partner_confirmation_missing,
    partner_status,
)
from coordination.views import run_decision
from portal import access_log, formatting
from portal.models import AccessKind, Role
from portal.permissions import role_required


def _review_context(application, **forms):
    """Everything the review page shows; `forms` replaces the blank decision forms."""
    edition = application.edition
    rules = edition_rules(edition)
    waiting = application.status == ApplicationStatus.SUBMITTED
    grantable = siblings = None
    if waiting:
        grantable = grantable_minutes(application, application.start_date)
        start, end = engine.window(rules, application.start_date)
        siblings = list(quota_siblings(application, start, end).select_related("findplace"))
    refusals = review_refusals(application, grantable)
    partner_missing = partner_confirmation_missing(application)
    audit = presentation.audit_rows(audit_entries(application))
    allocation = Allocation.objects.filter(application=application).first()
    usage = usage_of(allocation) if allocation else None
    agreement = CooperationAgreement.objects.filter(application=application).first()
    initial_minutes = min(application.requested_minutes, grantable or 0) or None
    context = {
        "application": application,
        "call": application.call,
        "edition": edition,
        "themes": list(application.themes.all()),
        "checklist": presentation.rule_checklist(rules, refusals),
        "eligible": not refusals,
        "partner_status": partner_status(application),
        "partner_missing": partner_missing,
        "partner_override": presentation.partner_override(audit),
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
    access_log.record_view(
        request, AccessKind.APPLICATION, obj=application, psychologist=application.psychologist
    )
    return render(request, "coordination/review.html", _review_context(application))


def _decide(request, pk, form_class, prefix, context_name, decide, success, form_kwargs=None):
    """A decision on an application, from one of the forms of its review page.

    `form_kwargs(application)` gives extra arguments for the form (none by default)."""
    application = get_coordinated_application(request.user, pk)

    def page(form):
        context = _review_context(application, **{context_name: form})
        context["open_form"] = prefix
        return render(request, "coordination/review.html", context)

    return run_decision(
        request,
        form_class(
            request.POST, prefix=prefix, **(form_kwargs(application) if form_kwargs else {})
        ),
        lambda data: decide(application, data),
        success,
        reverse("coordination:review", args=[application.pk]),
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
            "partner_missing": partner_confirmation_missing(application)
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
