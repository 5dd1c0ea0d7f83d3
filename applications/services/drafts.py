"""A psychologist's drafts: saving the answers of the application form, proposing a
findplace, deleting a draft, and the live check of answers not saved yet.

The form (applications.forms) hands over its sections' cleaned data as they are: the
keys below are the model's field names, `agreement` and `new_findplace` nested dicts.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import engine
from applications.engine import bounds
from applications.models import (
    Application,
    ApplicationStatus,
    AuditAction,
    AuditEntry,
    CooperationAgreement,
)
from applications.selectors import application_refusals
from applications.services.common import EDITABLE, audit, raise_if_refused, status_error
from applications.services.editions import edition_for
from portal import client_data
from portal.models import Findplace, Psychologist
from portal.validators import too_long

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
# The free texts of the answers, which may hold no client identifier (portal.client_data);
# the partner's contact arrangement is expected to hold an address or a number, so an
# e-mail address or phone number there is not warned about.
APPLICATION_TEXTS = ("partner_name", "motivation", "portfolio")
AGREEMENT_TEXTS = ("periodicity", "contact_arrangement", "evaluation_arrangement")
AGREEMENT_WARNED = ("periodicity", "evaluation_arrangement")
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
    # A start date out of range says so before "no edition on that day" could.
    raise_if_refused(bounds.application_refusals(data, timezone.localdate()))
    start_date = data.get("start_date") or (application.start_date if application else None)
    edition = edition_for(call, start_date or timezone.localdate())
    raise_if_refused(answer_refusals(edition, data))
    data = dict(data)
    if not edition.hours_chosen_by_applicant:
        # The edition's quota is what is asked, whatever the form's edition said.
        data["requested_minutes"] = edition.quota_minutes
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
                raise status_error(application)
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
        application.edition = edition
        old_email = application.partner_email
        for name in APPLICATION_FIELDS:
            if name in data:
                setattr(application, name, data[name])
        if application.partner_email.lower() != old_email.lower():
            application.partner_confirmed_at = application.partner_declined_at = None
        application.save()
        if created:
            audit(application, actor, AuditAction.CREATED, "", ApplicationStatus.DRAFT)
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
            action=AuditAction.DRAFT_DELETED,
            from_value=ApplicationStatus.DRAFT,
        )
        application.delete()


def answer_refusals(edition, data: dict) -> list[engine.Refusal | ValidationError]:
    """The answers outside their plausible range (dates, numbers) or their column (texts),
    and a free text holding a client identifier."""
    refusals = bounds.application_refusals(data, timezone.localdate())
    if "requested_minutes" in data:
        most = max(edition.quota_minutes, edition.exception_quota_minutes)
        refusals += bounds.requested_minutes_refusals(data["requested_minutes"], most)
    texts = [
        *too_long(Application, data),
        *too_long(CooperationAgreement, data.get("agreement") or {}),
        *too_long(Findplace, data.get("new_findplace") or {}),
    ]
    return (
        refusals
        + [engine.Refusal(error.code, error.message) for error in texts]
        + text_refusals(data)
    )


def _texts(data: dict, check, agreement_fields) -> list:
    labels = client_data.model_labels
    return check(data, labels(Application, APPLICATION_TEXTS)) + check(
        data.get("agreement") or {}, labels(CooperationAgreement, agreement_fields)
    )


def text_refusals(data: dict) -> list[ValidationError]:
    """A national register number in a free text of the answers (or of the agreement)."""
    return _texts(data, client_data.client_identifier_errors, AGREEMENT_TEXTS)


def stored_text_refusals(application: Application) -> list[ValidationError]:
    """The same check on the stored answers, for a submit of a draft saved before it."""
    data = {name: getattr(application, name) for name in APPLICATION_TEXTS}
    agreement = CooperationAgreement.objects.filter(application=application).first()
    if agreement is not None:
        data["agreement"] = {name: getattr(agreement, name) for name in AGREEMENT_TEXTS}
    return text_refusals(data)


def answer_warnings(data: dict) -> list[str]:
    """What the page warns about after a save: an e-mail address or phone number in a text."""
    return _texts(data, client_data.contact_warnings, AGREEMENT_WARNED)


def _save_agreement(application: Application, data: dict) -> None:
    agreement, _created = CooperationAgreement.objects.get_or_create(application=application)
    for name in AGREEMENT_FIELDS:
        if name in data and data[name] is not None:
            setattr(agreement, name, data[name])
    if data.get("signed_pdf"):
        # Keep the upload's name out of storage: the stored name says nothing.
        agreement.signed_pdf.save(f"{uuid.uuid4().hex}.pdf", data["signed_pdf"], save=False)
    agreement.save()


def preview_refusals(psychologist: Psychologist, call, data: dict) -> list[engine.Refusal]:
    """The engine's refusals of the answers on an unsaved form (live check, nothing written)."""
    out_of_range = bounds.application_refusals(data, timezone.localdate())
    if out_of_range:
        return out_of_range
    try:
        edition = edition_for(call, data.get("start_date") or timezone.localdate())
    except ValidationError as error:
        return [engine.Refusal(error.code, error.messages[0])]
    out_of_range = answer_refusals(edition, data)
    if out_of_range:
        return out_of_range
    application = Application(psychologist=psychologist, call=call, edition=edition)
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
