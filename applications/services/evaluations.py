"""Recording the yearly evaluation of a call-3 cooperation agreement.

The coordinator of the network or the psychologist records it (the view decides who may,
through `applications.access.get_agreement_for_user`). Recording moves the agreement's
next evaluation date, so the weekly reminder stops and a block for a late evaluation
(`engine.evaluations`) is lifted; a new signed agreement, when one is uploaded, becomes
the agreement's file while the evaluation keeps it with its date.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.engine import evaluations as rules
from applications.models import AgreementEvaluation, AuditAction, CooperationAgreement
from applications.services.common import audit, raise_if_refused
from portal import client_data

# The evaluation's free text, which may hold no client identifier (portal.client_data).
TEXTS = ("notes",)


def evaluation_warnings(data: dict) -> list[str]:
    """What the page warns about after recording: an e-mail address or phone number."""
    return client_data.contact_warnings(data, client_data.model_labels(AgreementEvaluation, TEXTS))


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def record_evaluation(
    agreement: CooperationAgreement, *, actor, data: dict, today=None
) -> AgreementEvaluation:
    """Record one evaluation (`held_on`, `outcome`, `notes`, `next_evaluation_date`,
    optionally `signed_pdf`) on an agreement of an allocation that runs or ran."""
    today = today or timezone.localdate()
    raise_if_refused(
        client_data.client_identifier_errors(
            data, client_data.model_labels(AgreementEvaluation, TEXTS)
        )
    )
    with transaction.atomic():
        agreement = (
            CooperationAgreement.objects.select_for_update(of=("self",))
            .select_related("application__allocation")
            .get(pk=agreement.pk)
        )
        allocation = getattr(agreement.application, "allocation", None)
        if allocation is None:
            raise ValidationError(
                _(
                    "Deze overeenkomst hoort bij een aanvraag die (nog) niet goedgekeurd is: "
                    "een evaluatie registreert u zodra de samenwerking loopt."
                ),
                code="evaluation_not_running",
            )
        raise_if_refused(
            rules.record_refusals(
                data.get("held_on"),
                data.get("next_evaluation_date"),
                window_start=allocation.window_start,
                today=today,
            )
        )
        evaluation = AgreementEvaluation(
            agreement=agreement,
            held_on=data["held_on"],
            outcome=data["outcome"],
            notes=data.get("notes", ""),
            next_evaluation_date=data["next_evaluation_date"],
            recorded_by=actor,
        )
        if data.get("signed_pdf"):
            evaluation.signed_pdf.save(f"{uuid.uuid4().hex}.pdf", data["signed_pdf"], save=False)
            agreement.signed_pdf = evaluation.signed_pdf.name
        evaluation.save()
        previous = agreement.next_evaluation_date
        agreement.next_evaluation_date = evaluation.next_evaluation_date
        agreement.last_reminder_on = None
        agreement.save()
        audit(
            agreement.application,
            actor,
            AuditAction.EVALUATION,
            _day(previous),
            _day(evaluation.next_evaluation_date),
            reason=f"{evaluation.get_outcome_display()}. {evaluation.notes}".strip(),
        )
        return evaluation
