"""The local coordinator's decisions on a submitted application: approve, reject, ask for changes.

Approval creates the allocation (toekenning) under the engine's caps, with the quota's
owner locked so two coordinators approving at once can never push a cap over its limit.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import engine
from applications.access import check_coordinator
from applications.engine import admission, bounds
from applications.models import (
    Allocation,
    Application,
    ApplicationStatus,
    AuditAction,
    OverriddenPartnerAnswer,
)
from applications.selectors import (
    admission_refusals,
    application_refusals,
    edition_rules,
    grantable_minutes,
)
from applications.services.common import (
    audit,
    lock_quota_owner,
    locked_application,
    raise_if_refused,
    set_status,
    status_error,
)
from portal.notifications import notify


def approve_application(
    application: Application,
    *,
    actor,
    granted_minutes: int,
    start_date=None,
    reason: str = "",
    partner_override: bool = False,
    override_reason: str = "",
) -> Allocation:
    """Grant hours for a 12-month window; creates the allocation (toekenning).

    Where the call asks the partner's confirmation and it is missing, only an explicit
    `partner_override` with an `override_reason` approves; that is audited.
    """
    with transaction.atomic():
        application = locked_application(application.pk)
        check_coordinator(actor, application)
        if application.status != ApplicationStatus.SUBMITTED:
            raise status_error(application)
        start = start_date or application.start_date
        raise_if_refused(bounds.start_date_refusals(start, timezone.localdate()))
        lock_quota_owner(application)
        rules = edition_rules(application.edition)
        overriding = partner_override and bool(admission.partner_refusals(rules, application))
        raise_if_refused(
            application_refusals(application)
            + admission_refusals(application)
            + admission.partner_refusals(
                rules, application, override=partner_override, override_reason=override_reason
            )
        )
        grantable = grantable_minutes(application, start)
        raise_if_refused(engine.approval_refusals(rules, granted_minutes, grantable))
        window_start, window_end = engine.window(rules, start)
        bonus, bonus_until = engine.start_bonus(
            rules,
            window_start,
            window_end,
            application.findplace_start_date,
            already_granted=Allocation.objects.filter(
                psychologist=application.psychologist_id,
                findplace=application.findplace_id,
                call=application.call_id,
                bonus_minutes__gt=0,
                is_active=True,
            ).exists(),
        )
        allocation = Allocation.objects.create(
            application=application,
            psychologist=application.psychologist,
            network=application.network,
            call=application.call,
            edition=application.edition,
            findplace=application.findplace,
            window_start=window_start,
            window_end=window_end,
            granted_minutes=granted_minutes,
            bonus_minutes=bonus,
            bonus_until=bonus_until,
            exclusive=engine.is_exclusive_grant(rules, granted_minutes),
        )
        application.decided_at = timezone.now()
        application.decided_by = actor
        application.decision_reason = reason
        set_status(application, actor, ApplicationStatus.APPROVED, reason)
        audit(
            application,
            actor,
            AuditAction.GRANTED_MINUTES,
            application.requested_minutes,
            granted_minutes,
            reason,
        )
        if overriding:
            audit(
                application,
                actor,
                AuditAction.PARTNER_OVERRIDE,
                OverriddenPartnerAnswer.DECLINED
                if application.partner_declined_at
                else OverriddenPartnerAnswer.WAITING,
                ApplicationStatus.APPROVED,
                override_reason.strip(),
            )
        notify(
            application.psychologist.user,
            "application_approved",
            {"application": application, "allocation": allocation},
        )
    return allocation


def _decide_without_grant(application, actor, status, reason, email: str) -> Application:
    if not reason.strip():
        raise ValidationError(_("Geef een motivering op."), code="reason_required")
    with transaction.atomic():
        application = locked_application(application.pk)
        check_coordinator(actor, application)
        if application.status != ApplicationStatus.SUBMITTED:
            raise status_error(application)
        application.decided_at = timezone.now()
        application.decided_by = actor
        application.decision_reason = reason
        set_status(application, actor, status, reason)
        notify(application.psychologist.user, email, {"application": application, "reason": reason})
    return application


def reject_application(application: Application, *, actor, reason: str) -> Application:
    return _decide_without_grant(
        application, actor, ApplicationStatus.REJECTED, reason, "application_rejected"
    )


def request_changes(application: Application, *, actor, question: str) -> Application:
    return _decide_without_grant(
        application, actor, ApplicationStatus.CHANGES_REQUESTED, question, "changes_requested"
    )
