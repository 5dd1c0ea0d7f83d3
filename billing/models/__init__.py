"""Billing: hourly rates, billing runs, invoices and credit notes with their lines and items.

One module per family; this package exposes them all, so `billing.models.X` is the one
name every other module uses. Issued invoices never change (`invoices`).
"""

from billing.models.invoices import (
    PAYEE_NAME_LENGTH,
    PSEUDOCODE,
    PSEUDOCODE_DESCRIPTION,
    ImmutableModel,
    Invoice,
    InvoiceItem,
    InvoiceKind,
    InvoiceLine,
    InvoicePayment,
    InvoiceSequence,
    SelfBillingAcceptance,
)
from billing.models.rates import Rate, RateQuerySet
from billing.models.runs import (
    BillingRun,
    BillingRunEvent,
    BillingRunFailure,
    FailureReason,
    RunEventKind,
    RunStatus,
    ZipStatus,
)

__all__ = [
    "PAYEE_NAME_LENGTH",
    "PSEUDOCODE",
    "PSEUDOCODE_DESCRIPTION",
    "BillingRun",
    "BillingRunEvent",
    "BillingRunFailure",
    "FailureReason",
    "ImmutableModel",
    "Invoice",
    "InvoiceItem",
    "InvoiceKind",
    "InvoiceLine",
    "InvoicePayment",
    "InvoiceSequence",
    "Rate",
    "RateQuerySet",
    "RunEventKind",
    "RunStatus",
    "SelfBillingAcceptance",
    "ZipStatus",
]
