"""The payment state of an invoice — to pay, paid or credited — with the amount still due
and whether it is overdue: the one rule, and the same rule as SQL for lists and filters.

An issued invoice never changes, so its state is read, never stored: from its
`InvoicePayment` row (paid) and from the credit notes that point to it (`credited_invoice`).
`payment_status` decides from plain facts (services and tests use it); `annotate` writes
the same decision as SQL expressions, so a list can filter and count by state in one
query. `tests/billing/test_payments.py` checks that both agree on every case.

* **Paid** ("betaald"): an `InvoicePayment` row exists (it says when and who recorded it).
  **Decision**: a payment wins over credit notes issued after it: the money left the
  network's account; what a later credit note takes back is settled outside the portal.
* **Credited** ("gecrediteerd"): every itemised registration of the invoice has been
  reversed by one of its credit notes (same registration and billing round).
* **To pay** ("te betalen"): anything else, a partially credited invoice included. The
  amount still due is the invoice amount plus its credit notes' (negative) amounts, never
  below zero; a paid or credited invoice has nothing due.
* **Overdue** ("vervallen") is a flag, not a state: to pay, something due, and the due
  date before today.

A credit note has no payment state (empty).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from billing.models import Invoice, InvoiceItem, InvoiceKind

ZERO = Decimal("0.00")


class PaymentState(models.TextChoices):
    TO_PAY = "to_pay", _("te betalen")
    PAID = "paid", _("betaald")
    CREDITED = "credited", _("gecrediteerd")


@dataclass(frozen=True)
class PaymentFacts:
    """What the state of one document follows from (as `annotate` reads it)."""

    kind: str
    amount: Decimal
    credited_amount: Decimal  # the sum of its credit notes' amounts: zero or negative
    billed_items: int  # its itemised registrations
    uncredited_items: int  # of those, the ones no credit note of it reversed
    paid_on: date | None
    due_date: date | None


@dataclass(frozen=True)
class PaymentStatus:
    state: str  # a PaymentState, or "" for a credit note
    amount_due: Decimal
    overdue: bool
    paid_on: date | None

    @property
    def label(self) -> str:
        return PaymentState(self.state).label if self.state else ""

    # The names of `annotate`, so a template reads a status like an annotated invoice.
    @property
    def payment_state(self) -> str:
        return self.state

    @property
    def is_overdue(self) -> bool:
        return self.overdue


def payment_status(facts: PaymentFacts, today: date) -> PaymentStatus:
    """The rule (see the module docstring)."""
    if facts.kind == InvoiceKind.CREDIT_NOTE:
        return PaymentStatus("", ZERO, False, None)
    if facts.paid_on is not None:
        state = PaymentState.PAID
    elif facts.billed_items and not facts.uncredited_items:
        state = PaymentState.CREDITED
    else:
        state = PaymentState.TO_PAY
    due = max(facts.amount + facts.credited_amount, ZERO) if state == PaymentState.TO_PAY else ZERO
    overdue = due > 0 and facts.due_date is not None and facts.due_date < today
    return PaymentStatus(state, due, overdue, facts.paid_on)


def _count(queryset: QuerySet, group: str) -> Coalesce:
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def annotate(invoices: QuerySet[Invoice], today: date) -> QuerySet[Invoice]:
    """`invoices` with the facts and the outcome of `payment_status` as SQL annotations:
    credited_amount, billed_items, uncredited_items, paid_on, payment_state, amount_due,
    is_overdue. Subqueries per row, so a page costs no extra query."""
    money = DecimalField(max_digits=12, decimal_places=2)
    credited = (
        Invoice.objects.filter(credited_invoice=OuterRef("pk"))
        .order_by()
        .values("credited_invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    billed = InvoiceItem.objects.filter(invoice=OuterRef("pk"), kind=InvoiceKind.INVOICE)
    reversed_by_own_note = InvoiceItem.objects.filter(
        kind=InvoiceKind.CREDIT_NOTE,
        registration=OuterRef("registration"),
        round=OuterRef("round"),
        invoice__credited_invoice=OuterRef("invoice"),
    )
    facts = invoices.annotate(
        credited_amount=Coalesce(Subquery(credited), Value(ZERO), output_field=money),
        billed_items=_count(billed, "invoice"),
        uncredited_items=_count(billed.filter(~Exists(reversed_by_own_note)), "invoice"),
        paid_on=F("payment__paid_on"),
    )
    with_state = facts.annotate(
        payment_state=Case(
            When(kind=InvoiceKind.CREDIT_NOTE, then=Value("")),
            When(payment__isnull=False, then=Value(PaymentState.PAID.value)),
            When(
                billed_items__gt=0,
                uncredited_items=0,
                then=Value(PaymentState.CREDITED.value),
            ),
            default=Value(PaymentState.TO_PAY.value),
            output_field=CharField(),
        )
    )
    with_due = with_state.annotate(
        amount_due=Case(
            When(
                payment_state=PaymentState.TO_PAY.value,
                then=Greatest(F("amount") + F("credited_amount"), Value(ZERO)),
            ),
            default=Value(ZERO),
            output_field=money,
        )
    )
    return with_due.annotate(
        is_overdue=Case(
            When(Q(amount_due__gt=0, due_date__lt=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def facts_of(invoice: Invoice) -> PaymentFacts:
    """The facts of an invoice read through `annotate` (one that was annotated)."""
    return PaymentFacts(
        kind=invoice.kind,
        amount=invoice.amount,
        credited_amount=invoice.credited_amount,
        billed_items=invoice.billed_items,
        uncredited_items=invoice.uncredited_items,
        paid_on=invoice.paid_on,
        due_date=invoice.due_date,
    )


def status_of(invoice_pk: int, today: date) -> PaymentStatus:
    """The status of one document, decided by `payment_status` (one query)."""
    invoice = annotate(Invoice.objects.filter(pk=invoice_pk), today).get()
    return payment_status(facts_of(invoice), today)
