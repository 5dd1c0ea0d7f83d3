"""Read queries of the payment parts of billing pages: invoices with their payment state,
a run's totals per state, one invoice's payment and its history.

They shape querysets `billing.access` has already scoped; they decide no access. The
state itself is `billing.payment_state`.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from billing import payment_state
from billing.models import BillingRun, Invoice, InvoiceKind, InvoicePayment
from billing.payment_state import ZERO, PaymentState, PaymentStatus
from portal.history import Change, changes_of


def with_payment_state(invoices: QuerySet[Invoice], today: date) -> QuerySet[Invoice]:
    return payment_state.annotate(invoices.select_related("payment"), today)


@dataclass
class StateTotal:
    state: str
    label: str
    count: int = 0
    amount: Decimal = ZERO  # the invoices' amounts
    due: Decimal = ZERO  # still to pay (only for "to pay")
    overdue: int = 0


@dataclass
class RunPayments:
    """A run's invoices counted per payment state (every state listed, in this order)."""

    totals: list[StateTotal] = field(default_factory=list)

    @property
    def to_pay(self) -> StateTotal:
        return self.totals[0]


def run_payments(run: BillingRun, today: date) -> RunPayments:
    """Count and amounts per state of the run's invoices (one query)."""
    totals = {state: StateTotal(state.value, state.label) for state in PaymentState}
    rows = payment_state.annotate(run.invoices.filter(kind=InvoiceKind.INVOICE), today)
    # `run` too: the related manager sets each row's run, which would load a deferred
    # run_id one query per invoice.
    for invoice in rows.only("amount", "due_date", "kind", "run"):
        total = totals[PaymentState(invoice.payment_state)]
        total.count += 1
        total.amount += invoice.amount
        total.due += invoice.amount_due
        total.overdue += invoice.is_overdue
    return RunPayments(list(totals.values()))


def invoice_payment(invoice: Invoice, today: date) -> tuple[PaymentStatus, InvoicePayment | None]:
    """The status of one invoice and its payment row (with who recorded it)."""
    status = payment_state.status_of(invoice.pk, today)
    payment = (
        InvoicePayment.objects.select_related("recorded_by").filter(invoice=invoice).first()
        if status.state == PaymentState.PAID
        else None
    )
    return status, payment


def payment_changes(invoice: Invoice) -> list[Change]:
    """Every payment recorded and undone on the invoice, newest first."""
    return changes_of(InvoicePayment.history.filter(invoice_id=invoice.pk), _subject)


def _subject(row) -> str:
    return _("Betaling van %(day)s") % {"day": f"{row.paid_on:%d/%m/%Y}"}


def payment_panel(invoice: Invoice, today: date) -> dict:
    """What the payment section of an invoice's staff page shows."""
    status, payment = invoice_payment(invoice, today)
    return {
        "payment_status": status,
        "payment": payment,
        "payment_changes": payment_changes(invoice) if status.state else [],
    }
