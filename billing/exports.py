"""The accounting CSV of a run: one row per document, for the network's bookkeeper to import.

The rows are the run's invoices and the credit notes issued so far that correct them
(a credit note belongs to no run: it is listed with the run of the invoice it credits),
ordered by number. Each row carries what a Belgian bookkeeper books: number, kind, issue
and due date, both parties with their enterprise numbers (as copied onto the document),
the RIZIV number, hours, unit price and amount, the amount still due, the structured
communication (123/4567/89002: without the pluses, which a spreadsheet would compute), and the payment state with the day it was paid
(`billing.payment_state`; a credit note has none). Headers and values are fixed Dutch
words, whatever the language of the staff member, so an import mapping keeps working.

Belgian Excel opens it with a double click: portal.csv_export writes it semicolon-separated,
UTF-8 with a byte-order mark (so "é" and "–" survive), amounts as numbers with a decimal
comma, and neutralises text that a spreadsheet would run as a formula (a payee name is
typed by people). Dates are YYYY-MM-DD (which Excel and every import tool read without
guessing the day/month order).
"""

from django.db.models import Q
from django.utils import timezone

from billing import structured_communication
from billing.models import BillingRun, Invoice, InvoiceKind
from billing.payment_selectors import with_payment_state
from billing.payment_state import PaymentState
from portal.csv_export import csv_text

HEADER = [
    "nummer",
    "soort",
    "factuurdatum",
    "vervaldatum",
    "netwerk",
    "ondernemingsnummer netwerk",
    "psycholoog",
    "ondernemingsnummer psycholoog",
    "RIZIV-nummer",
    "uren",
    "eenheidsprijs",
    "bedrag",
    "nog te betalen",
    "gestructureerde mededeling",
    "betalingsstatus",
    "betaald op",
    "crediteert",
]
KIND = {InvoiceKind.INVOICE: "factuur", InvoiceKind.CREDIT_NOTE: "creditnota"}
STATE = {
    PaymentState.TO_PAY: "te betalen",
    PaymentState.PAID: "betaald",
    PaymentState.CREDITED: "gecrediteerd",
}


def run_documents(run: BillingRun):
    """The run's invoices and the credit notes of them, with their payment state."""
    # The run's ids first: an OR across the join to the credited invoice would read every
    # invoice of the country (issue 17: 210 → 10 ms at three years of history).
    own = list(run.invoices.values_list("pk", flat=True))
    documents = Invoice.objects.filter(Q(pk__in=own) | Q(credited_invoice__in=own))
    return with_payment_state(
        documents.select_related("credited_invoice").order_by("number"), timezone.localdate()
    )


def _row(document: Invoice) -> list:
    is_invoice = document.kind == InvoiceKind.INVOICE
    return [
        document.number,
        KIND[document.kind],
        document.issue_date.isoformat(),
        document.due_date.isoformat() if document.due_date else "",
        document.payer_name,
        document.payer_company_number,
        document.payee_name,
        document.payee_enterprise_number,
        document.payee_riziv_number,
        document.hours,
        document.unit_price,
        document.amount,
        document.amount_due if is_invoice else None,
        structured_communication.for_import(document.structured_communication),
        STATE[document.payment_state] if is_invoice else "",
        document.paid_on.isoformat() if document.paid_on else "",
        document.credited_invoice.number if document.credited_invoice_id else "",
    ]


def run_csv(run: BillingRun) -> str:
    return csv_text(HEADER, (_row(document) for document in run_documents(run)))


def filename(run: BillingRun) -> str:
    return f"facturatie-{run.network.code}-{run.period_end:%Y-%m}.csv"
