"""One decision on many applications at once, from the coordinator's queue: approve each
with the hours it asks, send each back with one question, or reject each with one reason.

A bulk decision is a shortcut, never a way round a rule: every item goes through its
single service (approve_application, request_changes, reject_application), with that
service's checks, audit entry and e-mail, in its own transaction, so one refusal or
failure leaves the others done. What could not be done is reported with the service's
reasons; nothing is skipped in silence. The applications are those the coordinator may
decide (applications.access): another network's id is reported as not found.
"""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from applications.access import coordinated_applications
from applications.models import Application, BulkAction
from applications.services.decisions import (
    approve_application,
    reject_application,
    request_changes,
)

logger = logging.getLogger(__name__)

# The most applications one bulk decision takes: a page of the queue is 50.
MAX_BULK_SELECTION = 100


# The single service each action goes through, with the coordinator's one message.
DECIDE = {
    BulkAction.APPROVE: lambda application, actor, message: approve_application(
        application,
        actor=actor,
        granted_minutes=application.requested_minutes,
        reason=message,
    ),
    BulkAction.REQUEST_CHANGES: lambda application, actor, message: request_changes(
        application, actor=actor, question=message
    ),
    BulkAction.REJECT: lambda application, actor, message: reject_application(
        application, actor=actor, reason=message
    ),
}


@dataclass(frozen=True)
class ItemOutcome:
    """What became of one selected id: done, or not with the refusals (code, message)."""

    application_id: int
    application: Application | None  # None: not one the coordinator may decide
    done: bool
    refusals: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BulkOutcome:
    action: str
    items: tuple[ItemOutcome, ...] = field(default_factory=tuple)

    @property
    def done(self) -> list[ItemOutcome]:
        return [item for item in self.items if item.done]

    @property
    def not_done(self) -> list[ItemOutcome]:
        return [item for item in self.items if not item.done]


def selection_refusals(action: str, application_ids: list[int], message: str) -> list:
    """What makes the whole bulk decision impossible (the form checks the same)."""
    errors = []
    if action not in DECIDE:
        errors.append(ValidationError(_("Kies wat er met de selectie moet gebeuren."), "no_action"))
    if not application_ids:
        errors.append(
            ValidationError(
                _("Kies minstens één aanvraag in de lijst (vink ze aan)."), "selection_empty"
            )
        )
    elif len(set(application_ids)) > MAX_BULK_SELECTION:
        errors.append(
            ValidationError(
                _(
                    "U kunt hoogstens %(max)d aanvragen tegelijk beslissen; u koos er %(count)d. "
                    "Kies er minder, of filter de lijst eerst."
                )
                % {"max": MAX_BULK_SELECTION, "count": len(set(application_ids))},
                "selection_too_large",
            )
        )
    if action in (BulkAction.REQUEST_CHANGES, BulkAction.REJECT) and not message.strip():
        errors.append(ValidationError(_("Geef een motivering op."), "reason_required"))
    return errors


def bulk_decide(actor, action: str, application_ids: list[int], *, message: str = ""):
    """Take `action` on each application of `application_ids` the actor may decide, each
    through its own service and transaction; the oldest submitted first (on a shared
    quota, the one that waited longest gets the hours). Returns a BulkOutcome listing
    every id: done, refused with the service's reasons, or not found."""
    errors = selection_refusals(action, application_ids, message)
    if errors:
        raise ValidationError(errors)
    wanted = list(dict.fromkeys(application_ids))
    found = list(
        coordinated_applications(actor)
        .filter(pk__in=wanted)
        .select_related("psychologist__user", "call", "findplace")
        .order_by("submitted_at", "pk")
    )
    items = [_decide_one(DECIDE[action], application, actor, message) for application in found]
    missing = set(wanted) - {application.pk for application in found}
    items += [_not_found(pk) for pk in wanted if pk in missing]
    return BulkOutcome(action=action, items=tuple(items))


def _decide_one(decide, application: Application, actor, message: str) -> ItemOutcome:
    try:
        with transaction.atomic():
            decide(application, actor, message)
    except ValidationError as error:
        refusals = tuple((item.code or "invalid", _message(item)) for item in error.error_list)
        return ItemOutcome(application.pk, application, done=False, refusals=refusals)
    except Application.DoesNotExist:
        return _not_found(application.pk)
    except DatabaseError:
        # Never the whole batch for one item: the others are still decided.
        logger.exception("Bulk decision on application %s failed", application.pk)
        refusal = (
            "not_processed",
            _("Deze aanvraag kon nu niet verwerkt worden. Open ze en probeer opnieuw."),
        )
        return ItemOutcome(application.pk, application, done=False, refusals=(refusal,))
    return ItemOutcome(application.pk, application, done=True)


def _message(error: ValidationError) -> str:
    return str(error.message % error.params) if error.params else str(error.message)


def _not_found(pk: int) -> ItemOutcome:
    refusal = (
        "not_found",
        _("Deze aanvraag bestaat niet of hoort niet bij een netwerk dat u coördineert."),
    )
    return ItemOutcome(pk, None, done=False, refusals=(refusal,))
