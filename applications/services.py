"""Use cases that change applications and allocations: the only place that writes them.

Each service opens a transaction, locks the rows whose totals it checks, asks the
engine, writes, records the audit entry, and enqueues e-mail after commit. The lock
target is the row that owns the quota (the findplace for call 2), so two coordinators
approving at once are serialised and can never push a cap over its limit.
"""

import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import admission, bounds, engine, partner
from applications.access import check_coordinator
from applications.models import (
    Allocation,
    Application,
    ApplicationStatus,
    AuditEntry,
    CooperationAgreement,
    ExtraHoursRequest,
    ExtraHoursStatus,
    QuotaBasis,
)
from applications.selectors import (
    admission_refusals,
    application_refusals,
    call_rules,
    grantable_minutes,
    granted_slices,
    quota_siblings,
    submission_refusals,
)
from portal import formatting
from portal.models import Findplace, Psychologist
from portal.notifications import notify
from portal.validators import too_long

EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED)


def refusal_error(refusals: list[engine.Refusal]) -> ValidationError:
    return ValidationError([ValidationError(r.message, code=r.code) for r in refusals])


def raise_if_refused(refusals: list[engine.Refusal]) -> None:
    if refusals:
        raise refusal_error(refusals)


def _status_error(application: Application) -> ValidationError:
    return ValidationError(
        _("Deze aanvraag heeft de status '%(status)s'; deze stap kan nu niet.")
        % {"status": application.get_status_display()},
        code="invalid_status",
    )


def audit(application, actor, action, from_value="", to_value="", reason="") -> AuditEntry:
    return AuditEntry.objects.create(
        application=application,
        actor=actor,
        action=action,
        from_value=str(from_value),
        to_value=str(to_value),
        reason=reason,
    )


def _set_status(application, actor, status, reason="") -> None:
    previous = application.status
    application.status = status
    application.save()
    audit(application, actor, "status", previous, status, reason)


def submit_application(application: Application, *, actor) -> Application:
    """Send a draft (or a revised application) to the local coordinator.

    Refused when the engine refuses it, when it lacks what the call asks (portfolio,
    agreement), or when it would compete with an open application or a full quota
    (admission.py). The quota owner is locked, so two submits on one quota are serialised.
    """
    with transaction.atomic():
        application = _locked_application(application.pk)
        if application.status not in EDITABLE:
            raise _status_error(application)
        _lock_quota_owner(application)
        raise_if_refused(submission_refusals(application))
        application.submitted_at = timezone.now()
        _set_status(application, actor, ApplicationStatus.SUBMITTED)
    return application


def withdraw_application(application: Application, *, actor) -> Application:
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
            raise _status_error(application)
        _set_status(application, actor, ApplicationStatus.WITHDRAWN)
        # No signal from update(); saving the application above raised the data version.
        Allocation.objects.filter(application=application).update(is_active=False)
    return application


def _lock_quota_owner(application: Application) -> None:
    """Lock the row that owns the quota, so concurrent grants on it are serialised."""
    basis = application.call.quota_basis
    if (
        basis in (QuotaBasis.FINDPLACE, QuotaBasis.PSYCHOLOGIST_FINDPLACE)
        and application.findplace_id
    ):
        list(Findplace.objects.select_for_update().filter(pk=application.findplace_id))
    else:
        list(Psychologist.objects.select_for_update().filter(pk=application.psychologist_id))


def _locked_application(application_id: int) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "network", "findplace", "psychologist__user")
        .get(pk=application_id)
    )


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
        application = _locked_application(application.pk)
        check_coordinator(actor, application)
        if application.status != ApplicationStatus.SUBMITTED:
            raise _status_error(application)
        start = start_date or application.start_date
        raise_if_refused(bounds.start_date_refusals(start, timezone.localdate()))
        _lock_quota_owner(application)
        rules = call_rules(application.call)
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
        _set_status(application, actor, ApplicationStatus.APPROVED, reason)
        audit(
            application,
            actor,
            "granted_minutes",
            application.requested_minutes,
            granted_minutes,
            reason,
        )
        if overriding:
            audit(
                application,
                actor,
                "partner_override",
                "declined" if application.partner_declined_at else "waiting",
                ApplicationStatus.APPROVED,
                override_reason.strip(),
            )
        notify(
            application.psychologist.user,
            _("Uw aanvraag voor %(call)s is goedgekeurd") % {"call": application.call},
            _("Er werd %(hours)s toegekend van %(start)s tot en met %(end)s.")
            % {
                "hours": formatting.hours(granted_minutes + bonus),
                "start": window_start.strftime("%d/%m/%Y"),
                "end": window_end.strftime("%d/%m/%Y"),
            },
        )
    return allocation


def _decide_without_grant(application, actor, status, reason, subject) -> Application:
    if not reason.strip():
        raise ValidationError(_("Geef een motivering op."), code="reason_required")
    with transaction.atomic():
        application = _locked_application(application.pk)
        check_coordinator(actor, application)
        if application.status != ApplicationStatus.SUBMITTED:
            raise _status_error(application)
        application.decided_at = timezone.now()
        application.decided_by = actor
        application.decision_reason = reason
        _set_status(application, actor, status, reason)
        notify(application.psychologist.user, subject % {"call": application.call}, reason)
    return application


def reject_application(application: Application, *, actor, reason: str) -> Application:
    return _decide_without_grant(
        application,
        actor,
        ApplicationStatus.REJECTED,
        reason,
        _("Uw aanvraag voor %(call)s is afgewezen"),
    )


def request_changes(application: Application, *, actor, question: str) -> Application:
    return _decide_without_grant(
        application,
        actor,
        ApplicationStatus.CHANGES_REQUESTED,
        question,
        _("Uw aanvraag voor %(call)s moet aangepast worden"),
    )


def request_extra_hours(allocation: Allocation, *, actor, minutes: int, motivation: str):
    """A psychologist asks the local coordinator for more hours on an allocation."""
    if minutes <= 0:
        raise ValidationError(_("Vraag minstens één minuut extra aan."), code="hours_above_max")
    raise_if_refused(bounds.extra_minutes_refusals(minutes))
    if not motivation.strip():
        raise ValidationError(_("Motiveer uw aanvraag voor extra uren."), code="reason_required")
    with transaction.atomic():
        request = ExtraHoursRequest.objects.create(
            allocation=allocation, requested_minutes=minutes, motivation=motivation
        )
        audit(allocation.application, actor, "extra_hours_requested", "", minutes, motivation)
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
        application = _locked_application(allocation.application_id)
        check_coordinator(actor, application)
        if request.status != ExtraHoursStatus.SUBMITTED:
            raise ValidationError(_("Over deze aanvraag werd al beslist."), code="invalid_status")
        if granted_minutes:
            _lock_quota_owner(application)
            limit = _extra_hours_limit(application, allocation, request)
            if granted_minutes > limit:
                raise refusal_error(
                    engine.approval_refusals(call_rules(application.call), granted_minutes, limit)
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
            application, actor, "extra_minutes", request.requested_minutes, granted_minutes, reason
        )
        notify(
            application.psychologist.user,
            _("Beslissing over uw aanvraag extra uren"),
            _("Toegekend: %(hours)s. %(reason)s")
            % {"hours": formatting.hours(granted_minutes), "reason": reason},
        )
    return request


def _extra_hours_limit(application, allocation, request) -> int:
    """Extra hours are the coordinator's call, but a shared findplace cap still holds."""
    if application.call.quota_basis != QuotaBasis.FINDPLACE:
        return request.requested_minutes
    rules = call_rules(application.call)
    ceiling = rules.exception_quota_minutes if allocation.exclusive else rules.quota_minutes
    others = engine.peak_minutes(
        granted_slices(quota_siblings(application, allocation.window_start, allocation.window_end)),
        allocation.window_start,
    )
    held = allocation.granted_minutes + allocation.extra_minutes
    return max(0, min(request.requested_minutes, ceiling - others - held))


# --- Psychologist journeys: drafts, findplace proposals, partner answers ---------------

# Answers a psychologist gives on the application form (the call decides which apply).
APPLICATION_FIELDS = (
    "findplace",
    "partner_name",
    "partner_kind",
    "partner_email",
    "start_date",
    "requested_minutes",
    "motivation",
    "findplace_start_date",
    "structural_offer",
    "care_functions",
    "weekly_individual_minutes",
    "group_trajectories",
    "overkophuis_exception",
    "portfolio",
    "employed_by_requester",
    "regular_mission",
    "funded_otherwise",
    "target_not_in_contact",
    "clients_in_care",
)
AGREEMENT_FIELDS = (
    "minimum_minutes",
    "periodicity",
    "work_forms",
    "contact_arrangement",
    "evaluation_arrangement",
    "next_evaluation_date",
)


def propose_findplace(
    psychologist: Psychologist,
    network,
    *,
    name: str,
    kind: str,
    municipality: str,
    street: str = "",
    postal_code: str = "",
) -> Findplace:
    """A findplace the psychologist proposes; an existing one with that name and town is reused."""
    findplace, _created = Findplace.objects.get_or_create(
        network=network,
        name=name.strip(),
        municipality=municipality.strip(),
        defaults={
            "kind": kind,
            "street": street.strip(),
            "postal_code": postal_code.strip(),
            "proposed_by": psychologist.user,
        },
    )
    return findplace


def save_draft(psychologist: Psychologist, call, data: dict, *, application=None, actor=None):
    """Create or update a psychologist's application (draft or changes requested).

    `data` holds APPLICATION_FIELDS plus optional `network`, `new_findplace` (a dict for
    propose_findplace), `themes` and `agreement` (AGREEMENT_FIELDS and `signed_pdf`).
    Changing the partner's e-mail address clears an earlier partner answer.
    """
    actor = actor or psychologist.user
    raise_if_refused(answer_refusals(call, data))
    data = dict(data)
    new_findplace = data.pop("new_findplace", None)
    themes = data.pop("themes", None)
    agreement_data = data.pop("agreement", None)
    with transaction.atomic():
        created = application is None
        if created:
            application = Application(
                psychologist=psychologist, call=call, status=ApplicationStatus.DRAFT
            )
        else:
            application = Application.objects.select_for_update().get(
                pk=application.pk, psychologist=psychologist
            )
            if application.status not in EDITABLE:
                raise _status_error(application)
        network = data.pop("network", None) or (
            application.network if application.network_id else psychologist.networks.first()
        )
        if network is None:
            raise ValidationError(
                _("U heeft geen conventie met een netwerk; neem contact op met uw netwerk."),
                code="no_network",
            )
        if new_findplace:
            data["findplace"] = propose_findplace(psychologist, network, **new_findplace)
        if data.get("findplace") is not None:
            network = data["findplace"].network
        application.network = network
        old_email = application.partner_email
        for name in APPLICATION_FIELDS:
            if name in data:
                setattr(application, name, data[name])
        if application.partner_email.lower() != old_email.lower():
            application.partner_confirmed_at = application.partner_declined_at = None
        application.save()
        if created:
            audit(application, actor, "created", "", ApplicationStatus.DRAFT)
        if themes is not None:
            application.themes.set(themes)
        if agreement_data is not None:
            _save_agreement(application, agreement_data)
    return application


def delete_draft(application: Application, *, actor) -> None:
    """The psychologist deletes a draft of their own (one refused on submit, say).

    The audit trail outlives it: its entries, and one for the deletion, keep a label
    naming the draft. A signed agreement uploaded for it is removed after commit.
    """
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call", "findplace", "psychologist")
            .get(pk=application.pk)
        )
        if application.psychologist.user_id != actor.pk:
            raise ValidationError(
                _("Enkel de psycholoog van deze aanvraag kan ze verwijderen."), code="not_owner"
            )
        if application.status != ApplicationStatus.DRAFT:
            raise ValidationError(
                _(
                    "Enkel een concept kan verwijderd worden. Een ingediende aanvraag kunt u "
                    "intrekken."
                ),
                code="invalid_status",
            )
        where = application.findplace or application.partner_name
        label = f"#{application.pk} {application.call}" + (f" – {where}" if where else "")
        agreement = CooperationAgreement.objects.filter(application=application).first()
        if agreement and agreement.signed_pdf:
            storage, name = agreement.signed_pdf.storage, agreement.signed_pdf.name
            transaction.on_commit(lambda: storage.delete(name))
        label = label[:255]
        application.audit_entries.update(application_label=label)
        AuditEntry.objects.create(
            application=None,
            application_label=label,
            actor=actor,
            action="draft_deleted",
            from_value=ApplicationStatus.DRAFT,
        )
        application.delete()


def answer_refusals(call, data: dict) -> list[engine.Refusal]:
    """The answers outside their plausible range (dates, numbers) or their column (texts)."""
    refusals = bounds.application_refusals(data, timezone.localdate())
    if "requested_minutes" in data:
        most = max(call.quota_minutes, call.exception_quota_minutes)
        refusals += bounds.requested_minutes_refusals(data["requested_minutes"], most)
    texts = [
        *too_long(Application, data),
        *too_long(CooperationAgreement, data.get("agreement") or {}),
        *too_long(Findplace, data.get("new_findplace") or {}),
    ]
    return refusals + [engine.Refusal(error.code, error.message) for error in texts]


def _save_agreement(application: Application, data: dict) -> None:
    agreement, _created = CooperationAgreement.objects.get_or_create(application=application)
    for name in AGREEMENT_FIELDS:
        if name in data and data[name] is not None:
            setattr(agreement, name, data[name])
    if data.get("signed_pdf"):
        # Keep the upload's name out of storage: the stored name says nothing.
        agreement.signed_pdf.save(f"{uuid.uuid4().hex}.pdf", data["signed_pdf"], save=False)
    agreement.save()


def submit_draft(application: Application, *, actor, absolute_url) -> Application:
    """Submit an application and, where the call asks for it, ask the partner to confirm.

    `absolute_url` turns a path into a full URL for the e-mailed partner link.
    """
    with transaction.atomic():
        call = application.call
        if call.requires_partner_confirmation and not application.partner_email:
            raise ValidationError(
                _(
                    "Deze oproep vraagt een bevestiging door de partner. Vul het e-mailadres van "
                    "de partner in."
                ),
                code="partner_email_required",
            )
        application = submit_application(application, actor=actor)
        if call.requires_partner_confirmation and application.partner_confirmed_at is None:
            application.partner_declined_at = None
            application.save(update_fields=["partner_declined_at", "updated_at"])
            partner.request_confirmation(application, absolute_url)
    return application


def record_partner_answer(application: Application, *, accept: bool) -> Application:
    """The partner confirms or declines the cooperation (from the signed e-mail link)."""
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call", "psychologist__user")
            .get(pk=application.pk)
        )
        if application.partner_confirmed_at or application.partner_declined_at:
            raise ValidationError(
                _("Op deze vraag werd al geantwoord. Er is niets meer te doen."),
                code="partner_already_answered",
            )
        if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
            raise _status_error(application)
        now = timezone.now()
        if accept:
            application.partner_confirmed_at = now
        else:
            application.partner_declined_at = now
        application.save(update_fields=["partner_confirmed_at", "partner_declined_at"])
        action = "partner_confirmed" if accept else "partner_declined"
        audit(application, None, action, "", application.partner_email)
        notify(
            application.psychologist.user,
            _("Uw partner heeft de samenwerking bevestigd")
            if accept
            else _("Uw partner heeft de samenwerking geweigerd"),
            _("%(partner)s heeft geantwoord op uw aanvraag voor %(call)s.")
            % {
                "partner": application.partner_name or application.partner_email,
                "call": application.call,
            },
        )
    return application


# While an evaluation is due, a reminder goes out once a week, not every day of the month.
REMINDER_INTERVAL = timedelta(days=7)


def reminder_due(last_reminder_on, today) -> bool:
    return last_reminder_on is None or today - last_reminder_on >= REMINDER_INTERVAL


def send_evaluation_reminder(agreement_id: int, *, today) -> bool:
    """E-mail the psychologist and the network's coordinators that an evaluation is due.

    At most once per agreement per REMINDER_INTERVAL: the agreement row is locked and
    stamped with `last_reminder_on`, so a second run (or a concurrent one) sends nothing.
    """
    from portal.models import Role, User  # local: keeps this appended block self-contained

    with transaction.atomic():
        agreement = (
            CooperationAgreement.objects.select_for_update(of=("self",))
            .select_related("application__psychologist__user", "application__network")
            .get(pk=agreement_id)
        )
        if not reminder_due(agreement.last_reminder_on, today):
            return False
        agreement.last_reminder_on = today
        agreement.save(update_fields=["last_reminder_on"])
        application = agreement.application
        when = (
            agreement.next_evaluation_date.strftime("%d/%m/%Y")
            if agreement.next_evaluation_date
            else _("nog niet gepland")
        )
        subject = _("Jaarlijkse evaluatie van de samenwerkingsovereenkomst met %(partner)s") % {
            "partner": application.partner_name or "–"
        }
        body = _(
            "De samenwerkingsovereenkomst van %(psychologist)s met %(partner)s (oproep 3) moet "
            "minstens jaarlijks geëvalueerd worden. Geplande evaluatie: %(when)s. Plan de "
            "evaluatie en noteer de volgende evaluatiedatum."
        ) % {
            "psychologist": application.psychologist,
            "partner": application.partner_name or "–",
            "when": when,
        }
        coordinators = User.objects.filter(
            networks=application.network_id, groups__name=Role.COORDINATOR, is_active=True
        ).distinct()
        for user in [application.psychologist.user, *coordinators]:
            notify(user, subject, body)
    return True


def preview_refusals(psychologist: Psychologist, call, data: dict) -> list[engine.Refusal]:
    """The engine's refusals of the answers on an unsaved form (live check, nothing written)."""
    out_of_range = answer_refusals(call, data)
    if out_of_range:
        return out_of_range
    application = Application(psychologist=psychologist, call=call)
    for name in APPLICATION_FIELDS:
        if name in data:
            setattr(application, name, data[name])
    proposed = data.get("new_findplace")
    if proposed:
        application.findplace = Findplace(kind=proposed["kind"], name=proposed["name"])
    network = data.get("network") or (
        application.findplace.network
        if application.findplace and application.findplace.network_id
        else psychologist.networks.first()
    )
    if network is None:
        return []
    application.network = network
    return application_refusals(application)
