"""What every family of application services shares: refusals, the audit entry and the locks.

A refusal is a `ValidationError` with the engine's stable codes; every state change writes
one `AuditEntry`; the lock helpers take the rows a service checks before it writes.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from applications import engine
from applications.models import (
    Application,
    ApplicationStatus,
    AuditAction,
    AuditEntry,
    QuotaBasis,
)
from portal.models import Findplace, Psychologist

# The statuses in which the psychologist may still change and (re)submit an application.
EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED)


def refusal_error(refusals: list[engine.Refusal | ValidationError]) -> ValidationError:
    """One error of the refusals; a ValidationError among them is kept as it is (with the
    field a client-data refusal names, portal.client_data)."""
    return ValidationError(
        [
            r if isinstance(r, ValidationError) else ValidationError(r.message, code=r.code)
            for r in refusals
        ]
    )


def raise_if_refused(refusals: list[engine.Refusal | ValidationError]) -> None:
    if refusals:
        raise refusal_error(refusals)


def status_error(application: Application) -> ValidationError:
    return ValidationError(
        _("Deze aanvraag heeft de status '%(status)s'; deze stap kan nu niet.")
        % {"status": application.get_status_display()},
        code="invalid_status",
    )


def audit(
    application, actor, action: AuditAction, from_value="", to_value="", reason=""
) -> AuditEntry:
    return AuditEntry.objects.create(
        application=application,
        actor=actor,
        action=action,
        from_value=str(from_value),
        to_value=str(to_value),
        reason=reason,
    )


def set_status(application, actor, status, reason="") -> None:
    previous = application.status
    application.status = status
    application.save()
    audit(application, actor, AuditAction.STATUS, previous, status, reason)


def lock_quota_owner(application: Application) -> None:
    """Lock the row that owns the quota, so concurrent grants on it are serialised."""
    basis = application.edition.quota_basis
    if (
        basis in (QuotaBasis.FINDPLACE, QuotaBasis.PSYCHOLOGIST_FINDPLACE)
        and application.findplace_id
    ):
        list(Findplace.objects.select_for_update().filter(pk=application.findplace_id))
    else:
        list(Psychologist.objects.select_for_update().filter(pk=application.psychologist_id))


def locked_application(application_id: int) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "edition__call", "network", "findplace", "psychologist__user")
        .prefetch_related("edition__work_forms")
        .get(pk=application_id)
    )
