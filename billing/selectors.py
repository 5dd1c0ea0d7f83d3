"""Read queries of billing pages, prefetched so a page costs a fixed number of queries.

They shape what billing.access has already scoped to the user; they decide no access.
"""

from django.db.models import Count, Prefetch, QuerySet

from billing.models import BillingRun, BillingRunFailure, Invoice, InvoiceItem, InvoiceLine


def with_failure_counts(runs: QuerySet[BillingRun]) -> QuerySet[BillingRun]:
    """Runs with `failure_count`, the psychologists they could not bill (for the list)."""
    # Meta.ordering does not apply to a query with an aggregate: ordered explicitly.
    return runs.annotate(failure_count=Count("failures")).order_by(*BillingRun._meta.ordering)


def with_details(qs: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Lines, itemised registrations (with their call) and credit notes, prefetched."""
    items = InvoiceItem.objects.select_related("registration__allocation__call")
    return qs.prefetch_related(
        "lines",
        Prefetch("items", queryset=items),
        "credit_notes",
    )


def run_invoices(run: BillingRun) -> QuerySet[Invoice]:
    return run.invoices.select_related("psychologist__user", "network").order_by("number")


def run_failures(run: BillingRun) -> QuerySet[BillingRunFailure]:
    """The psychologists the run could not bill, with why."""
    return run.failures.select_related("psychologist__user")


def run_lines(run: BillingRun):
    """Every invoice line of a run with its invoice, for the CSV export."""
    return (
        InvoiceLine.objects.filter(invoice__run=run)
        .select_related("invoice__network")
        .order_by("invoice__number", "id")
    )


def creditable_items(invoice: Invoice) -> list[InvoiceItem]:
    """The itemised registrations of an invoice that have not been credited yet."""
    if invoice.is_credit_note:
        return []
    return [item for item in invoice.items.all() if not item.registration.is_credited]
