"""Extra hours on an allocation: the psychologist's motivated request and the coordinator's decision.

Granting them is the coordinator's call, but a cap shared by a findplace (call 2) still holds.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import engine, notices
from applications.access import check_coordinator
from applications.engine import bounds
from applications.models import (
    Allocation,
    AuditAction,
    ExtraHoursRequest,
    ExtraHoursStatus,
    QuotaBasis,
)
from applications.selectors import edition_rules, granted_slices, quota_siblings
from applications.services.common import (
    audit,
    lock_quota_owner,
    locked_application,
    raise_if_refused,
    refusal_error,
)
from portal import client_data
from portal.notifications import notify


def _motivation(motivation: str) -> tuple[dict, dict]:
    """The motivation as the client-data checks take it: a text and its label."""
    return {"motivation": motivation}, client_data.model_labels(ExtraHoursRequest, ["motivation"])


def extra_hours_warnings(motivation: str) -> list[str]:
    """What the page warns about after the request: an e-mail address or phone number."""
    return client_data.contact_warnings(*_motivation(motivation))


def request_extra_hours(
    allocation: Allocation,
    *,
    actor,
    minutes: int,
    motivation: str,
    absolute_url: notices.AbsoluteUrl | None = None,
):
    """A psychologist asks the local coordinator for more hours on an allocation; the
    network's coordinators are told, with a link to the request (`absolute_url`: the view's
    request.build_absolute_uri)."""
    if minutes <= 0:
        raise ValidationError(_("Vraag minstens één minuut extra aan."), code="hours_above_max")
    raise_if_refused(bounds.extra_minutes_refusals(minutes))
    if not motivation.strip():
        raise ValidationError(_("Motiveer uw aanvraag voor extra uren."), code="reason_required")
    raise_if_refused(client_data.client_identifier_errors(*_motivation(motivation)))
    with transaction.atomic():
        request = ExtraHoursRequest.objects.create(
            allocation=allocation, requested_minutes=minutes, motivation=motivation
        )
        audit(
            allocation.application,
            actor,
            AuditAction.EXTRA_HOURS_REQUESTED,
            "",
            minutes,
            motivation,
        )
        notices.extra_hours_requested(request, absolute_url, actor=actor)
    return request


def decide_extra_hours(
    request: ExtraHoursRequest, *, actor, granted_minutes: int = 0, reason: str = ""
) -> ExtraHoursRequest:
    """Grant (granted_minutes > 0) or refuse (0, reason required) an extra-hours request."""
    if granted_minutes < 0:
        raise ValidationError(
            _("Ken een positief aantal extra uren toe, of weiger de aanvraag."),
            code="hours_above_max",
        )
    with transaction.atomic():
        request = ExtraHoursRequest.objects.select_for_update().get(pk=request.pk)
        allocation = Allocation.objects.select_for_update().get(pk=request.allocation_id)
        application = locked_application(allocation.application_id)
        check_coordinator(actor, application)
        if request.status != ExtraHoursStatus.SUBMITTED:
            raise ValidationError(_("Over deze aanvraag werd al beslist."), code="invalid_status")
        if granted_minutes:
            lock_quota_owner(application)
            limit = _extra_hours_limit(application, allocation, request)
            if granted_minutes > limit:
                raise refusal_error(
                    engine.approval_refusals(
                        edition_rules(application.edition), granted_minutes, limit
                    )
                )
            allocation.extra_minutes += granted_minutes
            allocation.save(update_fields=["extra_minutes"])
            request.status = ExtraHoursStatus.APPROVED
        elif not reason.strip():
            raise ValidationError(_("Geef een motivering op."), code="reason_required")
        else:
            request.status = ExtraHoursStatus.REJECTED
        request.granted_minutes = granted_minutes
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.decision_reason = reason
        request.save()
        audit(
            application,
            actor,
            AuditAction.EXTRA_MINUTES,
            request.requested_minutes,
            granted_minutes,
            reason,
        )
        notify(application.psychologist.user, "extra_hours_decided", {"extra_hours": request})
    return request


def _extra_hours_limit(application, allocation, request) -> int:
    """Extra hours are the coordinator's call, but a shared findplace cap still holds."""
    if application.edition.quota_basis != QuotaBasis.FINDPLACE:
        return request.requested_minutes
    rules = edition_rules(application.edition)
    ceiling = rules.exception_quota_minutes if allocation.exclusive else rules.quota_minutes
    others = engine.peak_minutes(
        granted_slices(quota_siblings(application, allocation.window_start, allocation.window_end)),
        allocation.window_start,
    )
    held = engine.held_minutes(allocation)
    return max(0, min(request.requested_minutes, ceiling - others - held))
