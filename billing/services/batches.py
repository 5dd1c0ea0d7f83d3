"""One batch of a billing run: its psychologists invoiced in one transaction.

* **One transaction per batch of psychologists.** Psychologists are billed in batches
  of `execution.BATCH_SIZE`, each in its own transaction that locks the psychologist rows
  (the same lock the registration services take, so nobody edits a registration while it
  is being billed), takes the next numbers from the locked `InvoiceSequence` row, writes
  the invoices, their lines and items and marks the registrations billed, in a fixed
  number of queries per batch. No registration is loaded into Python: one aggregate gives
  each psychologist's minutes, one INSERT … SELECT writes the items and one UPDATE marks
  them billed; the counts must agree or the batch rolls back. A crash rolls the whole
  batch back, numbers included, so numbering stays gapless; progress (done / total) is
  committed after each batch.
* **Skip what is done.** A psychologist who already has an invoice in the run is skipped;
  only registrations with `is_billed=False` are taken (re-read under the lock).
* **Skip who is not ready.** A psychologist the batch would invoice but who misses an
  enterprise number, address, IBAN or the acceptance of the self-billing terms in force
  (`billing.readiness`, decided on the locked rows) gets no invoice: the batch records
  them as not billed and e-mails them (`incomplete`), and bills the others. The same
  transaction clears the earlier failures of everyone else in the batch.
* **Database constraints as the last line**: one invoice per psychologist per run
  (conditional unique), a registration billed at most once and credited at most once
  (conditional unique on the invoice items), unique invoice numbers.
"""

from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, F, QuerySet, Sum, Value

from billing.arithmetic import bill_pool, line_amount
from billing.models import BillingRun, Invoice, InvoiceItem, InvoiceKind, InvoiceLine
from billing.readiness_selectors import missing_by_psychologist
from billing.services.documents import (
    carried_minutes_of,
    due_date,
    mark_registrations,
    numbering_fields,
    parties,
)
from billing.services.incomplete import settle_failures
from billing.services.numbering import next_numbers
from portal.models import Psychologist
from registrations import usage
from registrations.models import Registration


def _billable_of(run: BillingRun, psychologist_ids) -> QuerySet[Registration]:
    """The psychologists' registrations this run bills: billable, in its network and period."""
    return Registration.objects.billable().filter(
        psychologist_id__in=psychologist_ids,
        allocation__network_id=run.network_id,
        date__lte=run.period_end,
    )


def _itemise(run: BillingRun, psychologist_ids: list[int]) -> int:
    """Item every registration of `_billable_of` on the psychologist's invoice of the run,
    in one INSERT … SELECT; returns the rows written.

    Django has no INSERT … SELECT: the SELECT is the ORM's own SQL for the same rows as the
    aggregate, joined to the run's invoices through the psychologist, and only the INSERT
    around it is written here. Items are written per invoice in date order, as the invoice
    lists them.
    """
    rows = (
        _billable_of(run, psychologist_ids)
        .filter(psychologist__invoices__run=run, psychologist__invoices__kind=InvoiceKind.INVOICE)
        .order_by("psychologist__invoices", "date", "start_time", "pk")
        .values_list(
            "psychologist__invoices", "pk", "duration_minutes", "prep_minutes", "billing_round"
        )
        .annotate(kind=Value(InvoiceKind.INVOICE.value))
    )
    select, params = rows.query.sql_with_params()
    columns = ", ".join(
        connection.ops.quote_name(InvoiceItem._meta.get_field(name).column)
        for name in ("invoice", "registration", "minutes", "prep_minutes", "round", "kind")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(InvoiceItem._meta.db_table)} "
            f"({columns}) {select}",
            params,
        )
        return cursor.rowcount


def bill_psychologists(run: BillingRun, psychologist_ids, unit_price: Decimal) -> dict:
    """Invoice a batch of psychologists in a run, in one transaction and a fixed number of
    queries; returns the invoices issued by psychologist id.

    A psychologist already invoiced in the run, without billable registrations, or whose
    pool stays under an hour gets no invoice; nor does one who is not ready to be billed
    (recorded as not billed, `incomplete`). Afterwards the run's failures of the batch are
    exactly those.

    The minutes come from one aggregate over the billable registrations and the items
    from one INSERT … SELECT over the same rows, a few statements later. Nothing can
    change those rows in between: the psychologist rows stay locked until the batch
    commits, and every service that creates, edits, deletes or credits a registration
    takes that lock first. The counts are checked anyway (items written = registrations
    aggregated = registrations marked billed), so a drift rolls the batch back.
    """
    with transaction.atomic():
        # Locked in id order, so two batches never wait on each other in a cycle.
        psychologists = {
            p.pk: p
            for p in Psychologist.objects.select_for_update()
            .select_related("user")
            .filter(pk__in=psychologist_ids)
            .order_by("pk")
        }
        invoiced = set(
            run.invoices.filter(psychologist_id__in=list(psychologists)).values_list(
                "psychologist_id", flat=True
            )
        )
        todo = [pk for pk in psychologists if pk not in invoiced]
        pools = {
            row["psychologist_id"]: row
            for row in _billable_of(run, todo)
            .order_by()
            .values("psychologist_id")
            .annotate(minutes=Sum(F("duration_minutes") + F("prep_minutes")), count=Count("id"))
        }
        carried = carried_minutes_of(list(pools), run.network_id) if pools else {}
        billings = {}
        for pk in todo:
            if pk not in pools:
                continue
            billing = bill_pool(carried.get(pk, 0), pools[pk]["minutes"])
            # Under an hour: nothing is issued; the registrations wait for the next run.
            if billing.hours:
                billings[pk] = billing
        incomplete = missing_by_psychologist([psychologists[pk] for pk in billings], run.network_id)
        for pk in incomplete:
            del billings[pk]
        settle_failures(run, psychologists, incomplete)
        if not billings:
            return {}
        numbers = next_numbers(run.network, run.issue_date.year, len(billings))
        due = due_date(run.network, run.issue_date)
        invoices = Invoice.objects.bulk_create(
            Invoice(
                network=run.network,
                psychologist=psychologists[pk],
                run=run,
                kind=InvoiceKind.INVOICE,
                issue_date=run.issue_date,
                due_date=due,
                period_start=run.period_start,
                period_end=run.period_end,
                hours=billing.hours,
                unit_price=unit_price,
                amount=line_amount(billing.hours, unit_price),
                minutes_carried_in=carried.get(pk, 0),
                minutes_carried_out=billing.carried_out,
                created_by=run.started_by,
                **numbering_fields(run.network, number),
                **parties(run.network, psychologists[pk]),
            )
            for (pk, billing), number in zip(billings.items(), numbers, strict=True)
        )
        InvoiceLine.objects.bulk_create(
            InvoiceLine(
                invoice=invoice,
                hours=invoice.hours,
                unit_price=invoice.unit_price,
                amount=invoice.amount,
            )
            for invoice in invoices
        )
        count = sum(pools[pk]["count"] for pk in billings)
        if _itemise(run, list(billings)) != count:
            raise RuntimeError("A registration changed while it was being billed.")
        billed = InvoiceItem.objects.filter(invoice__in=invoices).values("registration_id")
        mark_registrations(billed, count, is_billed=True)
        # Bulk writes send no signals: what is now billed is added to its months, and the
        # overviews show the invoices and flags.
        usage.add_billed(Registration.objects.filter(pk__in=billed))
        Psychologist.objects.filter(pk__in=list(billings)).touch()
        return {invoice.psychologist_id: invoice for invoice in invoices}
