"""The page of an extra-hours request and the coordinator's decision on it."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications import engine, services
from applications.access import get_coordinated_extra_hours
from applications.models import ExtraHoursStatus
from applications.selectors import usage_of
from coordination.forms import ExtraHoursGrantForm, ExtraHoursRefuseForm
from coordination.views import run_decision
from portal import formatting
from portal.models import Role
from portal.permissions import role_required


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
    return render(request, "coordination/extra_hours.html", _extra_hours_context(extra))


def _decide_extra(request, pk, form_class, prefix, context_name, minutes_of, success):
    """A decision on an extra-hours request, from one of the forms of its page."""
    extra = get_coordinated_extra_hours(request.user, pk)
    return run_decision(
        request,
        form_class(request.POST, prefix=prefix),
        lambda data: services.decide_extra_hours(
            extra, actor=request.user, granted_minutes=minutes_of(data), reason=data["reason"]
        ),
        success,
        reverse("coordination:extra_hours_review", args=[extra.pk]),
        lambda form: render(
            request,
            "coordination/extra_hours.html",
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
