"""Credit notes: the only correction of an issued invoice, one billed registration at a time.

The invoice itself never changes; the credit note is a document of its own, with the next
number of the network's sequence (one series for invoices and credit notes), and it opens
the registration again: not billed, credited (it counts for nothing until the psychologist
corrects it) and in its next billing round, so the correction is billed again on a later
invoice without breaking "billed once per round" (docs/credit-notes.md).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.arithmetic import credit_pool, line_amount
from billing.models import Invoice, InvoiceItem, InvoiceKind, InvoiceLine
from billing.services.documents import carried_minutes, numbering_fields, parties
from billing.services.numbering import next_number
from portal.models import Psychologist
from registrations import usage
from registrations.models import Registration


def _lock_psychologist(psychologist_id: int) -> Psychologist:
    return Psychologist.objects.select_for_update().select_related("user").get(pk=psychologist_id)


def issue_credit_note(
    registration: Registration | InvoiceItem, *, actor=None, reason: str = "", issue_date=None
) -> Invoice:
    """Reverse a billed registration with a credit note and open it for its correction.

    The credit note reverses the item of the registration's current round (an item of an
    earlier round was credited already: refused) and takes its billed minutes (duration +
    prep) out of the psychologist's pool (see `credit_pool`): it reverses the fewest whole
    hours needed, at the unit price of the invoice that billed it, and may be for 0 hours
    when the carried minutes absorb the reversal; it always records the new carry. It has
    its own number from the network's sequence. The registration is then not billed,
    credited and in its next round: the psychologist corrects it (the next run bills it
    again) or deletes it (it is withdrawn).
    """
    chosen = registration if isinstance(registration, InvoiceItem) else None
    if chosen is not None:
        registration = chosen.registration
    with transaction.atomic():
        _lock_psychologist(registration.psychologist_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.is_credited:
            raise ValidationError(
                _(
                    "Deze registratie is al gecrediteerd. Ze kan pas opnieuw gecrediteerd worden "
                    "nadat de psycholoog ze gecorrigeerd heeft en ze opnieuw gefactureerd is."
                ),
                code="already_credited",
            )
        item = (
            InvoiceItem.objects.select_related("invoice__network", "invoice__psychologist__user")
            .filter(
                registration=registration,
                kind=InvoiceKind.INVOICE,
                round=registration.billing_round,
            )
            .first()
        )
        if not registration.is_billed or item is None:
            raise ValidationError(
                _("Deze registratie is nog niet gefactureerd; ze kan gewoon aangepast worden."),
                code="not_billed",
            )
        if chosen is not None and chosen.pk != item.pk:
            raise ValidationError(
                _(
                    "Deze factuurregel is al gecrediteerd; de registratie werd daarna opnieuw "
                    "gefactureerd op factuur %(number)s. Crediteer ze op die factuur."
                )
                % {"number": item.invoice.number},
                code="already_credited",
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
        _open_for_correction(registration, item.round)
        return credit_note


def _open_for_correction(registration: Registration, credited_round: int) -> None:
    """Not billed, credited, next round: editable, counting for nothing until corrected.

    A bulk update (the flags are not part of the registration's history); the credit
    note's own save already marked the psychologist's pages as changed, and the
    allocation's usage is recounted here (a bulk update sends no signal).
    """
    updated = (
        Registration.objects.counting()
        .filter(pk=registration.pk, is_billed=True, billing_round=credited_round)
        .update(
            is_billed=False,
            is_credited=True,
            billing_round=F("billing_round") + 1,
            updated_at=timezone.now(),
        )
    )
    if updated != 1:
        raise RuntimeError("A registration changed while it was being credited.")
    usage.recount_allocation(registration.allocation_id)
