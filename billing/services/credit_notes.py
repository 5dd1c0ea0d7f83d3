"""Credit notes: the only correction of an issued invoice, one billed registration at a time.

The invoice itself never changes; the credit note is a document of its own, with the next
number of the network's sequence, and the registration's minutes return to the quota.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.arithmetic import credit_pool, line_amount
from billing.models import Invoice, InvoiceItem, InvoiceKind, InvoiceLine
from billing.services.documents import (
    carried_minutes,
    mark_registrations,
    numbering_fields,
    parties,
)
from billing.services.numbering import next_number
from portal.models import Psychologist
from registrations.models import Registration


def _lock_psychologist(psychologist_id: int) -> Psychologist:
    return Psychologist.objects.select_for_update().select_related("user").get(pk=psychologist_id)


def issue_credit_note(
    registration: Registration | InvoiceItem, *, actor=None, reason: str = "", issue_date=None
) -> Invoice:
    """Reverse a billed registration with a credit note; its minutes return to the quota.

    The credit note takes the registration's billed minutes (duration + prep) out of the
    psychologist's pool (see `credit_pool`): it reverses the fewest whole hours needed,
    at the unit price of the invoice that billed it, and may be for 0 hours when the
    carried minutes absorb the reversal; it always records the new carry. It has its own
    number from the network's sequence.
    """
    if isinstance(registration, InvoiceItem):
        registration = registration.registration
    with transaction.atomic():
        _lock_psychologist(registration.psychologist_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.is_credited:
            raise ValidationError(
                _("Deze registratie is al gecrediteerd."), code="already_credited"
            )
        item = (
            InvoiceItem.objects.select_related("invoice__network", "invoice__psychologist__user")
            .filter(registration=registration, kind=InvoiceKind.INVOICE)
            .first()
        )
        if not registration.is_billed or item is None:
            raise ValidationError(
                _("Deze registratie is nog niet gefactureerd; ze kan gewoon aangepast worden."),
                code="not_billed",
            )
        original = item.invoice
        carried_in = carried_minutes(original.psychologist_id, original.network_id)
        billing = credit_pool(carried_in, item.billed_minutes)
        day = issue_date or timezone.localdate()
        credit_note = Invoice.objects.create(
            network=original.network,
            psychologist=original.psychologist,
            run=None,
            kind=InvoiceKind.CREDIT_NOTE,
            issue_date=day,
            period_start=original.period_start,
            period_end=original.period_end,
            hours=-billing.hours,
            unit_price=original.unit_price,
            amount=-line_amount(billing.hours, original.unit_price),
            minutes_carried_in=carried_in,
            minutes_carried_out=billing.carried_out,
            credited_invoice=original,
            reason=reason,
            created_by=actor,
            **numbering_fields(original.network, next_number(original.network, day.year)),
            **parties(original.network, original.psychologist),
        )
        InvoiceLine.objects.create(
            invoice=credit_note,
            hours=credit_note.hours,
            unit_price=credit_note.unit_price,
            amount=credit_note.amount,
        )
        InvoiceItem.objects.create(
            invoice=credit_note,
            registration=registration,
            kind=InvoiceKind.CREDIT_NOTE,
            round=item.round,
            minutes=item.minutes,
            prep_minutes=item.prep_minutes,
        )
        mark_registrations([registration.pk], 1, is_credited=True)
        return credit_note
