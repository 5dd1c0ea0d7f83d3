"""Recording that an invoice was paid, for one invoice or many at once, and undoing a
payment recorded by mistake.

The invoice itself never changes: a payment is its `InvoicePayment` row, and the history
of that row (django-simple-history, with the user) keeps every payment recorded and
undone. Whether an invoice can be paid is `billing.payment_state`; who may record it is
`billing.access` (staff of the invoice's network). The psychologist's lock serialises a
payment with a credit note on the same invoice (`credit_notes` takes it too).
Saving or deleting the row raises the psychologist's data_version (`billing.apps`).
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing import access
from billing.models import Invoice, InvoicePayment
from billing.payment_state import PaymentState, status_of
from portal.models import Psychologist


def _refuse_access(invoice: Invoice, actor) -> None:
    if actor is None or not access.is_staff_of_invoice_network(actor, invoice):
        raise ValidationError(
            _(
                "Alleen medewerkers van het netwerk %(network)s kunnen betalingen van deze "
                "factuur registreren. Vraag een medewerker van dat netwerk om het te doen."
            )
            % {"network": invoice.network.name},
            code="payment_not_your_network",
        )


def _lock(invoice: Invoice) -> None:
    Psychologist.objects.select_for_update().filter(pk=invoice.psychologist_id).first()


def payment_refusals(invoice: Invoice, paid_on: date, today: date) -> list[ValidationError]:
    """Why `invoice` cannot be marked paid on `paid_on` (empty: it can)."""
    if invoice.is_credit_note:
        return [
            ValidationError(
                _(
                    "Een creditnota wordt niet betaald. Markeer de factuur die ze crediteert "
                    "als betaald, met het bedrag dat nog te betalen blijft."
                ),
                code="credit_note_not_payable",
            )
        ]
    status = status_of(invoice.pk, today)
    refusals = []
    if status.state == PaymentState.PAID:
        refusals.append(
            ValidationError(
                _(
                    "Factuur %(number)s is al als betaald gemarkeerd (op %(day)s). Klopt dat "
                    "niet, maak de betaling dan eerst ongedaan op de pagina van de factuur."
                )
                % {"number": invoice.number, "day": f"{status.paid_on:%d/%m/%Y}"},
                code="already_paid",
            )
        )
    elif status.state == PaymentState.CREDITED:
        refusals.append(
            ValidationError(
                _(
                    "Factuur %(number)s is volledig gecrediteerd: er valt niets te betalen. "
                    "Er hoeft niets geregistreerd te worden."
                )
                % {"number": invoice.number},
                code="invoice_credited",
            )
        )
    elif status.amount_due <= 0:
        refusals.append(
            ValidationError(
                _(
                    "Op factuur %(number)s blijft na de creditnota's niets te betalen. Er "
                    "hoeft geen betaling geregistreerd te worden."
                )
                % {"number": invoice.number},
                code="nothing_to_pay",
            )
        )
    if paid_on > today:
        refusals.append(
            ValidationError(
                _(
                    "De betaaldatum ligt in de toekomst. Registreer de betaling pas wanneer "
                    "ze is uitgevoerd, met de datum op het rekeninguittreksel."
                ),
                code="paid_on_in_future",
            )
        )
    elif paid_on < invoice.issue_date:
        refusals.append(
            ValidationError(
                _(
                    "De betaaldatum ligt vóór de factuurdatum (%(day)s). Kies de datum "
                    "waarop de overschrijving werd uitgevoerd."
                )
                % {"day": f"{invoice.issue_date:%d/%m/%Y}"},
                code="paid_on_before_issue",
            )
        )
    return refusals


def mark_paid(invoice: Invoice, *, paid_on: date, actor) -> InvoicePayment:
    """Record that `invoice` was paid on `paid_on`, by `actor` (staff of its network)."""
    with transaction.atomic():
        _refuse_access(invoice, actor)
        _lock(invoice)
        refusals = payment_refusals(invoice, paid_on, timezone.localdate())
        if refusals:
            raise ValidationError(refusals)
        try:
            with transaction.atomic():
                payment = InvoicePayment(invoice=invoice, paid_on=paid_on, recorded_by=actor)
                payment._history_user = actor
                payment.save()
        except IntegrityError:  # recorded meanwhile (the lock makes this rare)
            raise ValidationError(
                _("Factuur %(number)s is intussen al als betaald gemarkeerd.")
                % {"number": invoice.number},
                code="already_paid",
            ) from None
        return payment


@dataclass
class BulkOutcome:
    """What `mark_paid_bulk` did with each invoice: paid, or refused with the reasons."""

    paid: list[Invoice] = field(default_factory=list)
    refused: list[tuple[Invoice, list[str]]] = field(default_factory=list)


def mark_paid_bulk(invoices, *, paid_on: date, actor) -> BulkOutcome:
    """Mark each invoice paid through `mark_paid`, each in its own savepoint: one refusal
    never stops or undoes the others, and every invoice ends up in `paid` or `refused`."""
    outcome = BulkOutcome()
    with transaction.atomic():
        for invoice in sorted(invoices, key=lambda invoice: invoice.number):
            try:
                with transaction.atomic():
                    mark_paid(invoice, paid_on=paid_on, actor=actor)
            except ValidationError as error:
                outcome.refused.append((invoice, error.messages))
            else:
                outcome.paid.append(invoice)
    return outcome


def undo_payment(invoice: Invoice, *, actor) -> None:
    """Remove a payment recorded by mistake; its history keeps what was recorded and who
    undid it."""
    with transaction.atomic():
        _refuse_access(invoice, actor)
        _lock(invoice)
        payment = InvoicePayment.objects.filter(invoice=invoice).first()
        if payment is None:
            raise ValidationError(
                _(
                    "Voor factuur %(number)s is geen betaling geregistreerd; er valt niets "
                    "ongedaan te maken."
                )
                % {"number": invoice.number},
                code="payment_not_recorded",
            )
        payment._history_user = actor
        payment.delete()
