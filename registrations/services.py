"""Create, change and delete registrations: the only code that writes them.

Every change locks the psychologist's row first, so that all registrations of one
psychologist are serialised: concurrent requests can neither overspend an allocation
nor book two overlapping activities. A call-3 or call-4 activity may name the matched
request it answers (demand.services.hours decides which, and what follows).
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications import engine
from applications.engine import closing, evaluations
from applications.models import Allocation
from applications.selectors import edition_rules, planned_evaluation, usage_of
from applications.services import raise_if_refused
from demand.services import hours
from portal import client_data
from portal.models import Psychologist
from portal.validators import too_long
from registrations.models import Registration
from registrations.selectors import activities_on, reopened_until

FIELDS = (
    "date",
    "start_time",
    "duration_minutes",
    "work_form",
    "attendees",
    "attendee_roles",
    "subject",
    "place",
    "client_consent",
    "support_request",
)


# The registration items the call text asks besides the rules' own: what was discussed and
# who was there. The live preview leaves them for later; storing needs them.
REQUIRED_TEXT = {
    "subject": (
        "subject_required",
        gettext_lazy("Vul het onderwerp of een korte omschrijving in."),
    ),
    "attendee_roles": (
        "attendee_roles_required",
        gettext_lazy("Vul de functie of rol van de aanwezigen in, bv. huisartsen."),
    ),
}


# The free texts of a registration: no client identifier in them (portal.client_data).
FREE_TEXT = ("subject", "attendee_roles", "place")


def text_refusals(data: dict) -> list[ValidationError]:
    """A national register number in a free text (the live preview shows it too)."""
    return client_data.client_identifier_errors(
        data, client_data.model_labels(Registration, FREE_TEXT)
    )


def text_warnings(data: dict) -> list[str]:
    """What the page warns about after a save: an e-mail address or phone number in a text."""
    return client_data.contact_warnings(data, client_data.model_labels(Registration, FREE_TEXT))


def record_refusals(data: dict, *, changed=None) -> list[engine.Refusal | ValidationError]:
    """What a registration needs before it is stored, besides the engine's rules: a start
    time and the texts (required, no longer than their columns, no client identifier).
    `changed`: the keys an edit writes; older registrations without a text can still be
    edited otherwise."""
    refusals = []
    if data.get("start_time") is None:
        refusals.append(
            engine.Refusal("start_time_required", _("Vul het beginuur van de activiteit in."))
        )
    for name, (code, message) in REQUIRED_TEXT.items():
        if (changed is None or name in changed) and not str(data.get(name) or "").strip():
            refusals.append(engine.Refusal(code, str(message)))
    refusals += [engine.Refusal(e.code, e.message) for e in too_long(Registration, data)]
    return refusals + text_refusals(data)


def _activity(data: dict) -> engine.Activity:
    return engine.Activity(
        date=data["date"],
        start_time=data.get("start_time"),
        duration_minutes=data["duration_minutes"],
        work_form=data["work_form"],
        attendees=data.get("attendees") or 0,
        client_consent=bool(data.get("client_consent")),
    )


def closing_refusals(allocation: Allocation, day, today) -> list[engine.Refusal]:
    """An activity dated `day` in a closed month (engine.closing), unless reopened."""
    closing_day = allocation.network.registration_closing_day
    if not closing.is_closed(day, closing_day, today):
        return []
    until = reopened_until(allocation.network_id, allocation.psychologist_id, day)
    return closing.closing_refusals(day, closing_day, today, reopened_until=until)


def check_activity(
    allocation: Allocation, data: dict, *, exclude_id=None, today=None, correcting=False
):
    """The refusals of registering `data` on `allocation` (used by services and live preview).
    `correcting`: the correction of a credited registration, which its credit note opened
    again whatever its month (docs/month-closing.md)."""
    rules = edition_rules(allocation.edition)
    activity = _activity(data)
    today = today or timezone.localdate()
    refusals = engine.registration_refusals(
        rules,
        allocation,
        activity,
        today=today,
        used=usage_of(allocation, exclude_id),
        others_that_day=activities_on(allocation.psychologist_id, activity.date, exclude_id),
    )
    if exclude_id is None:
        # Only a new activity waits for a late evaluation (engine.evaluations).
        refusals += evaluations.overdue_refusals(planned_evaluation(allocation), activity.date)
    if not correcting:
        refusals += closing_refusals(allocation, activity.date, today)
    return rules, refusals


def _lock(psychologist_id: int, allocation_id: int) -> Allocation:
    list(Psychologist.objects.select_for_update().filter(pk=psychologist_id))
    return (
        Allocation.objects.select_related("call", "edition__call", "network")
        .prefetch_related("edition__work_forms")
        .get(pk=allocation_id, psychologist_id=psychologist_id)
    )


def _save(registration: Registration, rules, data: dict) -> Registration:
    for name in FIELDS:
        if name in data:
            setattr(registration, name, data[name])
    registration.prep_minutes = engine.prep_minutes(rules, registration.work_form)
    registration.quota_minutes = engine.counted_minutes(
        rules, registration.work_form, registration.duration_minutes
    )
    if not engine.keeps_consent(rules, registration.work_form):
        registration.client_consent = False
    registration.save()
    return registration


AbsoluteUrl = Callable[[str], str]
# The change reason of the history entry that records a withdrawal.
WITHDRAWN = "withdrawn"


def _link_refusals(allocation: Allocation, data: dict, current_id=None) -> list[engine.Refusal]:
    """The refusals of the request `data` names, when it names a new one."""
    support_request = data.get("support_request")
    if support_request is None or support_request.pk == current_id:
        return []
    return hours.link_refusals(allocation.psychologist, allocation, support_request)


def _answer(registration: Registration, previous_id, actor, absolute_url) -> None:
    """A newly named request is answered (DONE, the feedback question); a view passes
    `absolute_url` (request.build_absolute_uri) for the link in that e-mail."""
    if registration.support_request_id and registration.support_request_id != previous_id:
        if absolute_url is None:
            raise ValueError("absolute_url is needed to link a support request")
        hours.mark_answered(registration, actor=actor, absolute_url=absolute_url)


def register_activity(
    psychologist: Psychologist,
    allocation_id: int,
    data: dict,
    *,
    today=None,
    absolute_url: AbsoluteUrl | None = None,
):
    """Register one performed activity on one of the psychologist's own allocations."""
    with transaction.atomic():
        allocation = _lock(psychologist.pk, allocation_id)
        rules, refusals = check_activity(allocation, data, today=today)
        raise_if_refused(refusals + record_refusals(data) + _link_refusals(allocation, data))
        registration = Registration(allocation=allocation, psychologist_id=psychologist.pk)
        registration = _save(registration, rules, data)
        _answer(registration, None, psychologist.user, absolute_url)
        return registration


def update_registration(
    registration: Registration,
    data: dict,
    *,
    today=None,
    absolute_url: AbsoluteUrl | None = None,
) -> Registration:
    """Change a registration that is not billed; a credited one is corrected this way.

    A correction is checked as a new activity (every rule, every required text: the
    credited registration counts for nothing, so the quota, the window and the overlap
    check see it as new) and clears `is_credited`: it counts again and the next run
    bills it in its next round (docs/credit-notes.md).
    """
    with transaction.atomic():
        allocation = _lock(registration.psychologist_id, registration.allocation_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        raise_if_refused(engine.change_refusals(registration.is_billed, registration.is_credited))
        correcting = registration.awaits_correction
        previous_id = registration.support_request_id
        merged = {name: getattr(registration, name) for name in FIELDS} | data
        today = today or timezone.localdate()
        # The month it leaves must be open too, not only the one it moves to.
        if not correcting:
            raise_if_refused(closing_refusals(allocation, registration.date, today))
        rules, refusals = check_activity(
            allocation, merged, exclude_id=registration.pk, today=today, correcting=correcting
        )
        link = _link_refusals(allocation, merged, previous_id)
        texts = record_refusals(merged, changed=None if correcting else data)
        raise_if_refused(refusals + texts + link)
        registration.is_credited = False
        registration = _save(registration, rules, merged)
        _answer(registration, previous_id, allocation.psychologist.user, absolute_url)
        return registration


def delete_registration(registration: Registration, *, today=None) -> bool:
    """Delete a registration that is not billed; returns False when it was withdrawn.

    **Decision**: a registration an invoice itemises (billed once, then credited) is never
    deleted: the invoice and its credit note keep pointing at it (the items PROTECT it),
    so the documents still show what they billed and reversed. Deleting it withdraws it
    instead: billed and credited, it counts for nothing, is never billed again and stays
    locked (`withdrawn`).
    """
    with transaction.atomic():
        allocation = _lock(registration.psychologist_id, registration.allocation_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        raise_if_refused(engine.change_refusals(registration.is_billed, registration.is_credited))
        if not registration.awaits_correction:
            today = today or timezone.localdate()
            raise_if_refused(closing_refusals(allocation, registration.date, today))
        if not registration.invoice_items.exists():
            registration.delete()
            return True
        # Saved, not a bulk update: the history keeps who withdrew it and when (the flags
        # themselves are not part of it), and the psychologist's pages are marked changed.
        registration.is_billed = registration.is_credited = True
        registration._change_reason = WITHDRAWN
        registration.save(update_fields=["is_billed", "is_credited", "updated_at"])
        return False
