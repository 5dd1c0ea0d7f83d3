"""Read queries of billing pages, prefetched so a page costs a fixed number of queries.

They shape what billing.access has already scoped to the user; they decide no access.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.models import (
    BillingRun,
    BillingRunFailure,
    Invoice,
    InvoiceItem,
    InvoiceLine,
    Rate,
    RunStatus,
    ZipStatus,
)
from billing.payment_selectors import with_payment_state
from portal.formatting import money
from portal.history import Change, changes_of
from portal.models import Network


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
    """The run's invoices with their payment state (for its page)."""
    invoices = run.invoices.select_related("psychologist__user", "network").order_by("number")
    return with_payment_state(invoices, timezone.localdate())


def run_document_ids(run: BillingRun) -> list[int]:
    """The ids of the run's invoices by number: what its ZIP holds, counted before it is
    written (a retried run may add invoices meanwhile; they go into the next ZIP)."""
    return list(run.invoices.order_by("number").values_list("pk", flat=True))


def documents(ids: list[int], chunk_size: int = 100) -> Iterator[Invoice]:
    """The invoices of `ids` in that order, `with_details`, for their PDFs: loaded
    `chunk_size` at a time, so a few queries per chunk, and never every item of a large
    run in memory at once. Chunks of ids, not a server-side cursor, which PgBouncer in
    transaction mode does not keep (docs/scaling.md)."""
    invoices = Invoice.objects.select_related("psychologist__user", "network", "credited_invoice")
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        by_id = {invoice.pk: invoice for invoice in with_details(invoices.filter(pk__in=chunk))}
        yield from (by_id[pk] for pk in chunk)


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


@dataclass(frozen=True)
class ZipState:
    """The ZIP of a run's PDFs as its page shows it (templates/billing/_run_zip.html)."""

    status: str
    done: int
    total: int
    # Ready, of the run's invoices as they are now, and its file there: the download.
    current: bool
    # Ready once, but the run's invoices changed since (or the file is gone): build again.
    stale: bool
    # The run is done and has invoices: a ZIP can be asked for.
    buildable: bool

    @property
    def in_progress(self) -> bool:
        return self.status in (ZipStatus.QUEUED, ZipStatus.BUILDING)


def zip_is_current(run: BillingRun) -> bool:
    """Is the run's ZIP ready, with every invoice the run has now, and on disk?

    A run's invoices are never changed or removed, only added (a retried run bills the
    psychologists it could not bill): the count of PDFs in the ZIP tells it is current.
    """
    return (
        run.zip_status == ZipStatus.READY
        and run.zip_total == run.invoice_count
        and bool(run.zip_path)
        and (Path(settings.MEDIA_ROOT) / run.zip_path).is_file()
    )


def run_zip_state(run: BillingRun) -> ZipState:
    current = zip_is_current(run)
    return ZipState(
        status=run.zip_status,
        done=run.zip_done,
        total=run.zip_total,
        current=current,
        stale=run.zip_status == ZipStatus.READY and not current,
        buildable=run.status == RunStatus.DONE and run.invoice_count > 0,
    )


def creditable_items(invoice: Invoice) -> list[InvoiceItem]:
    """The itemised registrations of an invoice that no credit note reversed yet (a
    registration corrected and billed again is credited on its later invoice)."""
    if invoice.is_credit_note:
        return []
    return [item for item in invoice.items.all() if not item.is_reversed]


@dataclass(frozen=True)
class RateRow:
    """A rate on a network's rates page: its own or shared, and whether it is ever in
    force for the network (a shared rate is not from the network's first own rate on)."""

    rate: Rate
    own: bool
    applies: bool


def rates_for_network(network: Network) -> list[RateRow]:
    rates = list(Rate.objects.applicable_to(network).order_by("-effective_from", "network"))
    own_dates = [rate.effective_from for rate in rates if rate.network_id]
    own_first = min(own_dates, default=None)
    return [
        RateRow(
            rate,
            own=bool(rate.network_id),
            applies=bool(rate.network_id) or own_first is None or rate.effective_from < own_first,
        )
        for rate in rates
    ]


def rate_changes(network: Network | None) -> list[Change]:
    """The latest additions and removals of the network's rates and the shared ones
    (None: the shared ones only)."""
    records = Rate.history.filter(network__isnull=True)
    if network is not None:
        records = Rate.history.filter(Q(network_id=network.pk) | Q(network__isnull=True))
    return changes_of(records, _rate_subject)


def _rate_subject(row) -> str:
    values = {"day": f"{row.effective_from:%d/%m/%Y}", "rate": money(row.hourly_rate)}
    if row.network_id is None:
        return _("Gedeeld tarief vanaf %(day)s (%(rate)s)") % values
    return _("Eigen tarief vanaf %(day)s (%(rate)s)") % values
