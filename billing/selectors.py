"""Read queries of billing pages, scoped to the user and prefetched (fixed queries per page).

Network staff see the runs and invoices of the networks they follow; a psychologist sees
only their own invoices. Every list and detail page goes through these querysets, so an
id from someone else's scope is simply not found (404).
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from billing.models import BillingRun, BillingRunFailure, Invoice, InvoiceItem, InvoiceLine
from portal.models import Role


def runs_visible_to(user) -> QuerySet[BillingRun]:
    # Meta.ordering does not apply to a query with an aggregate: ordered explicitly.
    qs = (
        BillingRun.objects.select_related("network", "started_by")
        .annotate(failure_count=Count("failures"))
        .order_by(*BillingRun._meta.ordering)
    )
    if user.is_superuser:
        return qs
    if not user.has_role(Role.NETWORK_STAFF):
        return qs.none()
    return qs.filter(network__in=user.networks.all())


def _staff_invoices(user) -> Q:
    if user.is_superuser:
        return Q()
    if user.has_role(Role.NETWORK_STAFF):
        return Q(network__in=user.networks.all())
    return Q(pk__in=[])


def invoices_for_staff(user) -> QuerySet[Invoice]:
    return Invoice.objects.select_related(
        "network", "psychologist__user", "credited_invoice"
    ).filter(_staff_invoices(user))


def invoices_of_psychologist(user) -> QuerySet[Invoice]:
    return Invoice.objects.select_related("network", "credited_invoice").filter(
        psychologist__user=user
    )


def invoices_visible_to(user) -> QuerySet[Invoice]:
    """Staff of the invoice's network, or the psychologist it is addressed by."""
    rule = _staff_invoices(user)
    if user.has_role(Role.PSYCHOLOGIST):
        rule |= Q(psychologist__user=user)
    return Invoice.objects.select_related("network", "psychologist__user").filter(rule)


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
