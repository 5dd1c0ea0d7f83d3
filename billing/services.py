"""Billing runs and credit notes: the only code that issues invoices or marks registrations billed.

How a run stays idempotent (same network and period re-run, a task delivered twice, a
worker killed halfway and the task redelivered, two runs started at once):

* **One run row per network and period.** `BillingRun` has a unique constraint on
  (network, period_end); starting a run is `get_or_create`, so a second start, a beat
  tick and a staff click all find the same row. A run that is `done` is never executed
  again: re-running it changes nothing (except for the psychologists it could not bill,
  below).
* **A per-run lock.** Executing a run takes a PostgreSQL session advisory lock on the run
  id (`pg_try_advisory_lock`). A second executor that does not get it returns at once;
  the lock dies with the connection, so the redelivery after a crashed worker gets it
  and resumes. (SQLite, the zero-setup development database, serialises writers itself.)
* **One transaction per batch of psychologists.** Psychologists are billed in batches
  of `BATCH_SIZE`, each in its own transaction that locks the psychologist rows (the
  same lock the registration services take, so nobody edits a registration while it is
  being billed), takes the next numbers from the locked `InvoiceSequence` row, writes
  the invoices, their lines and items and marks the registrations billed, in a fixed
  number of queries per batch. No registration is loaded into Python: one aggregate gives
  each psychologist's minutes, one INSERT … SELECT writes the items and one UPDATE marks
  them billed; the counts must agree or the batch rolls back. A crash rolls the whole
  batch back, numbers included, so numbering stays gapless; progress (done / total) is
  committed after each batch.
* **One psychologist never stops the others.** When a batch fails, its psychologists are
  billed again one at a time, each in a transaction of its own: the others of the batch
  and of later batches are billed, and numbering stays gapless because a failed
  transaction returns its numbers. The one that fails is recorded on the run
  (`BillingRunFailure`: who, a reason, the technical message) and the run ends `done`;
  the run page lists them as not billed, with what to do. Only if the database itself is
  gone does the run stop (it is resumed later, see `billing.recovery`).
* **Decision — billing them after the data is fixed**: staff start the run of that month
  again. A done run with failures is then executed for those psychologists only
  (`retrying`): everybody else's invoice, and the late registrations that belong to the
  next run, stay as they are. A psychologist billed that way leaves the list; one who
  fails again stays on it with the new reason.
* **Skip what is done.** A psychologist who already has an invoice in the run is skipped;
  only registrations with `is_billed=False` are taken (re-read under the lock).
* **Database constraints as the last line**: one invoice per psychologist per run
  (conditional unique), a registration billed at most once and credited at most once
  (conditional unique on the invoice items), unique invoice numbers.
* **Celery** runs the task with `acks_late=True` and `task_reject_on_worker_lost=True`
  (settings): a message is acknowledged only after the run finished, so a worker that
  dies mid-run gets the task redelivered, and the steps above make that redelivery safe.
  Redis redelivers only after its visibility timeout (an hour), so a beat sweep
  (`billing.recovery`) re-queues sooner a run left `running` without an executor, or
  left `queued` because its task never reached the broker (`enqueue_run` tolerates a
  broker that is down: the run stays queued and is started once the broker is back).

Carried minutes are not stored in a table of their own: they are the
`minutes_carried_out` of the psychologist's latest document (invoice or credit note) in
that network, read under the psychologist lock. A psychologist whose pool stays under 60
minutes gets no invoice: their registrations stay unbilled (still editable) and are
pooled again in the next run, so the carry is unchanged.
"""

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import DatabaseError, DataError, IntegrityError, connection, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.engine import bounds
from applications.models import Allocation
from applications.services import raise_if_refused
from billing.models import (
    BillingRun,
    BillingRunEvent,
    BillingRunFailure,
    FailureReason,
    Invoice,
    InvoiceItem,
    InvoiceKind,
    InvoiceLine,
    InvoiceSequence,
    Rate,
    RunEventKind,
    RunStatus,
    money,
)
from portal.models import Network, Psychologist
from portal.queueing import Enqueued, enqueue_on_commit
from registrations.models import Registration

logger = logging.getLogger(__name__)

# First key of the advisory lock (the pseudocode); the second is the run id.
ADVISORY_LOCK_NAMESPACE = 726994
# Psychologists billed per transaction: a run of all 32 networks then costs hundreds of
# queries instead of tens of thousands (benchmarks/README.md), and a batch holds its
# psychologist locks for well under a second. Larger batches were measured (250, 500,
# 1,000): a network has about 160 psychologists at national scale, so they save a few
# hundred cheap queries per run but no measurable time, and hold more locks for longer.
BATCH_SIZE = 100


# --- Pure arithmetic -------------------------------------------------------------------


@dataclass(frozen=True)
class Billing:
    hours: int
    carried_out: int


def bill_pool(carried_in: int, minutes: int) -> Billing:
    """Whole hours of a pool of minutes; the rest is carried to the next run."""
    hours, rest = divmod(carried_in + minutes, 60)
    return Billing(hours, rest)


def credit_pool(carried_in: int, minutes: int) -> Billing:
    """Take a credited registration's minutes out of the pool.

    The credit note reverses the fewest whole hours that keep the pool non-negative:
    minutes still carried absorb the reversal first. So at any time
    (hours billed - hours credited) × 60 + carry = minutes of the billed, uncredited
    registrations, exactly as if the registration had never been billed.
    """
    if carried_in >= minutes:
        return Billing(0, carried_in - minutes)
    hours = -(-(minutes - carried_in) // 60)  # ceiling division
    return Billing(hours, carried_in + hours * 60 - minutes)


def line_amount(hours: int, unit_price: Decimal) -> Decimal:
    return money(Decimal(hours) * unit_price)


def period_of(period_end: date) -> date:
    """The first day of the (monthly) period that ends on `period_end`."""
    return period_end.replace(day=1)


# --- Shared steps ----------------------------------------------------------------------


def rate_on(day: date) -> Decimal:
    rate = Rate.objects.in_force_on(day)
    if rate is None:
        raise ValidationError(
            _("Er is geen uurtarief van kracht op %(day)s.") % {"day": f"{day:%d/%m/%Y}"},
            code="no_rate",
        )
    return rate.hourly_rate


def next_number(network: Network, year: int) -> str:
    """The next invoice number of a network in a year; call inside the issuing transaction.

    The sequence row is locked until the transaction ends, so a rollback returns the number.
    """
    return next_numbers(network, year, 1)[0]


def next_numbers(network: Network, year: int, count: int) -> list[str]:
    """The next `count` consecutive invoice numbers of a network in a year (see next_number)."""
    InvoiceSequence.objects.get_or_create(network=network, year=year)
    sequence = InvoiceSequence.objects.select_for_update().get(network=network, year=year)
    first = sequence.last_number + 1
    sequence.last_number += count
    sequence.save(update_fields=["last_number"])
    prefix = f"{network.code.upper()}-{year}-"
    return [f"{prefix}{number:05d}" for number in range(first, first + count)]


def carried_minutes(psychologist_id: int, network_id: int) -> int:
    """Minutes carried by the psychologist in the network: from their latest document."""
    return carried_minutes_of([psychologist_id], network_id).get(psychologist_id, 0)


def carried_minutes_of(psychologist_ids, network_id: int) -> dict[int, int]:
    """carried_minutes of several psychologists at once (absent: nothing carried)."""
    latest = (
        Invoice.objects.filter(psychologist_id__in=psychologist_ids, network_id=network_id)
        .order_by()
        .values("psychologist_id")
        .annotate(latest=Max("id"))
        .values("latest")
    )
    return dict(
        Invoice.objects.filter(pk__in=Subquery(latest))
        .order_by()
        .values_list("psychologist_id", "minutes_carried_out")
    )


def _lock_psychologist(psychologist_id: int) -> Psychologist:
    return Psychologist.objects.select_for_update().select_related("user").get(pk=psychologist_id)


def _parties(network: Network, psychologist: Psychologist) -> dict:
    address = "\n".join(
        part
        for part in (
            psychologist.street,
            f"{psychologist.postal_code} {psychologist.municipality}".strip(),
        )
        if part
    )
    return {
        "payer_name": network.name,
        "payer_address": network.address,
        "payer_company_number": network.company_number,
        "payee_name": psychologist.name,
        "payee_riziv_number": psychologist.riziv_number,
        "payee_address": address,
        "payee_iban": psychologist.iban,
    }


def _mark(registration_ids, count: int, **flags) -> None:
    """Set billing flags on the `count` registrations of `registration_ids` (ids or a
    subquery of them), none of which may have them yet; all or nothing."""
    updated = (
        Registration.objects.filter(pk__in=registration_ids)
        .exclude(**flags)
        .update(**flags, updated_at=timezone.now())
    )
    if updated != count:
        raise RuntimeError("A registration changed while it was being billed.")


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
        .values_list("psychologist__invoices", "pk", "duration_minutes", "prep_minutes")
        .annotate(kind=Value(InvoiceKind.INVOICE.value))
    )
    select, params = rows.query.sql_with_params()
    columns = ", ".join(
        connection.ops.quote_name(InvoiceItem._meta.get_field(name).column)
        for name in ("invoice", "registration", "minutes", "prep_minutes", "kind")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(InvoiceItem._meta.db_table)} "
            f"({columns}) {select}",
            params,
        )
        return cursor.rowcount


# --- Rates -----------------------------------------------------------------------------


def rate_refusal(effective_from: date) -> ValidationError | None:
    """Why a rate from `effective_from` on may not be added or removed, or None: a period
    that ends on or after that date has already been billed with the rates as they are."""
    billed = BillingRun.objects.filter(period_end__gte=effective_from).exclude(
        status=RunStatus.QUEUED
    )
    if billed.exists():
        return ValidationError(
            _(
                "Er is al gefactureerd voor een periode die op of na deze datum eindigt; "
                "kies een latere datum."
            ),
            code="rate_in_billed_period",
        )
    return None


def add_rate(effective_from: date, hourly_rate: Decimal) -> Rate:
    """Add a rate from a date on; never inside a period that has already been billed."""
    raise_if_refused(bounds.rate_refusals(effective_from, hourly_rate, timezone.localdate()))
    with transaction.atomic():
        list(Rate.objects.select_for_update().all())
        refusal = rate_refusal(effective_from)
        if refusal:
            raise refusal
        if Rate.objects.filter(effective_from=effective_from).exists():
            raise ValidationError(
                _("Er bestaat al een tarief vanaf deze datum."), code="rate_exists"
            )
        return Rate.objects.create(effective_from=effective_from, hourly_rate=hourly_rate)


def delete_rate(rate: Rate) -> None:
    """Remove a rate no billed period has used yet (a mistyped future rate)."""
    with transaction.atomic():
        list(Rate.objects.select_for_update().all())
        refusal = rate_refusal(rate.effective_from)
        if refusal:
            raise refusal
        Rate.objects.filter(pk=rate.pk).delete()


# --- Billing runs ----------------------------------------------------------------------


def start_run(network: Network, period_end: date, *, actor=None, issue_date=None) -> BillingRun:
    """The run of a network for a period: created queued, or the existing one.

    A period that ends after today, or before the first rate applies, is refused: nothing
    could bill it. (Without any rate the run itself fails with `no_rate`.)
    """
    raise_if_refused(bounds.period_over_refusals(period_end, timezone.localdate()))
    first_rate = Rate.objects.order_by("effective_from").first()
    if first_rate is not None:
        raise_if_refused(bounds.period_end_refusals(period_end, first_rate.effective_from))
    run, _created = BillingRun.objects.get_or_create(
        network=network,
        period_end=period_end,
        defaults={
            "period_start": period_of(period_end),
            "issue_date": issue_date or timezone.localdate(),
            "started_by": actor,
        },
    )
    return run


def request_run(
    network: Network, period_end: date, *, actor=None
) -> tuple[BillingRun, Enqueued | None]:
    """Staff start a run: create it (or find it) and enqueue its task after commit.

    A done run is started again only for the psychologists it could not bill; otherwise
    it changes nothing. Returns the run and what became of its task (None: nothing to do).
    """
    yesterday = timezone.localdate() - timedelta(days=1)
    raise_if_refused(bounds.period_over_refusals(period_end, yesterday))
    with transaction.atomic():
        run = start_run(network, period_end, actor=actor)
        run = BillingRun.objects.select_for_update().get(pk=run.pk)
        if run.status == RunStatus.DONE:
            if not run.failures.exists():
                return run, None
            requeue(run, retrying=True)
            BillingRunEvent.objects.create(run=run, kind=RunEventKind.RETRY)
        elif run.status == RunStatus.FAILED:
            requeue(run)
        outcome = enqueue_run(run)
    return run, outcome


def requeue(run: BillingRun, **fields) -> None:
    """Put a run back in the queue (the caller enqueues its task)."""
    fields = {"status": RunStatus.QUEUED, "error": "", "queued_at": timezone.now(), **fields}
    BillingRun.objects.filter(pk=run.pk).update(**fields)
    for name, value in fields.items():
        setattr(run, name, value)


def enqueue_run(run: BillingRun) -> Enqueued:
    """Send the run's task after commit. With the broker down the run stays queued, its
    page says so, and the sweep of `billing.recovery` sends the task once it is back."""
    from billing.tasks import run_billing_task  # tasks import this module

    def broker_unavailable(_error: Exception) -> None:
        BillingRunEvent.objects.create(run_id=run.pk, kind=RunEventKind.BROKER_UNAVAILABLE)

    return enqueue_on_commit(
        run_billing_task,
        run.network_id,
        run.period_end.isoformat(),
        on_failure=broker_unavailable,
    )


def request_run_zip(run: BillingRun) -> Enqueued:
    from billing.tasks import build_run_zip_task

    return enqueue_on_commit(build_run_zip_task, run.pk)


def run_billing(network: Network, period_end: date, *, actor=None, issue_date=None) -> BillingRun:
    """Bill every valid, unbilled registration of `network` dated on or before `period_end`."""
    run = start_run(network, period_end, actor=actor, issue_date=issue_date)
    return execute_run(run.pk)


def execute_run(run_id: int) -> BillingRun:
    """Execute (or resume) a run; returns at once when it is done or running elsewhere."""
    run = BillingRun.objects.select_related("network").get(pk=run_id)
    if run.status == RunStatus.DONE:
        return run
    with _run_lock(run.pk) as acquired:
        if not acquired:
            return run
        run.refresh_from_db()
        if run.status == RunStatus.DONE:
            return run
        try:
            _execute(run)
        except Exception as exc:
            BillingRun.objects.filter(pk=run.pk).update(
                status=RunStatus.FAILED, error=repr(exc)[:2000], finished_at=timezone.now()
            )
            logger.exception("Billing run %s failed", run.pk)
            raise
    run.refresh_from_db()
    return run


class _run_lock:
    """Session advisory lock on the run (PostgreSQL); a no-op elsewhere."""

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.postgres = connection.vendor == "postgresql"

    def __enter__(self) -> bool:
        if not self.postgres:
            return True
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_lock(%s, %s)", [ADVISORY_LOCK_NAMESPACE, self.run_id]
            )
            self.acquired = cursor.fetchone()[0]
        return self.acquired

    def __exit__(self, *exc) -> None:
        if self.postgres and self.acquired:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s, %s)", [ADVISORY_LOCK_NAMESPACE, self.run_id]
                )


def _psychologists_of(run: BillingRun) -> list[int]:
    """Who this run bills: psychologists with billable registrations or already invoiced.

    Asked per allocation of the network (a registration's psychologist is its
    allocation's, registrations.services saves it so): each probe is one short range of
    the (allocation, date) index, where a join from the registrations side reads every
    unbilled registration of every network.
    """
    pending = set(
        Allocation.objects.filter(
            Exists(
                Registration.objects.billable().filter(
                    allocation=OuterRef("pk"), date__lte=run.period_end
                )
            ),
            network_id=run.network_id,
        )
        .order_by()
        .values_list("psychologist_id", flat=True)
    )
    done = set(run.invoices.values_list("psychologist_id", flat=True))
    return sorted(pending | done)


def _execute(run: BillingRun) -> None:
    if run.retrying:
        # Only the psychologists the run could not bill; progress counts on from there.
        psychologist_ids = sorted(run.failures.values_list("psychologist_id", flat=True))
        total = run.progress_total
    else:
        psychologist_ids = _psychologists_of(run)
        total = len(psychologist_ids)
    done = total - len(psychologist_ids)
    BillingRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING,
        started_at=timezone.now(),
        finished_at=None,
        error="",
        progress_done=done,
        progress_total=total,
    )
    unit_price = rate_on(run.period_end)
    for start in range(0, len(psychologist_ids), BATCH_SIZE):
        batch = psychologist_ids[start : start + BATCH_SIZE]
        _bill_batch(run, batch, unit_price)
        BillingRun.objects.filter(pk=run.pk).update(
            progress_done=done + start + len(batch), **_totals(run)
        )
    BillingRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE, retrying=False, finished_at=timezone.now(), **_totals(run)
    )


def _bill_batch(run: BillingRun, batch: list[int], unit_price: Decimal) -> None:
    """Bill a batch in one transaction; if that fails, bill its psychologists one at a time."""
    try:
        bill_psychologists(run, batch, unit_price)
    except Exception:
        logger.warning(
            "Billing run %s: a batch failed, billing it one by one", run.pk, exc_info=True
        )
        for psychologist_id in batch:
            _bill_alone(run, psychologist_id, unit_price)
    else:
        run.failures.filter(psychologist_id__in=batch).delete()


def _bill_alone(run: BillingRun, psychologist_id: int, unit_price: Decimal) -> None:
    """Bill one psychologist in a transaction of their own; record them if that fails."""
    try:
        bill_psychologists(run, [psychologist_id], unit_price)
    except Exception as error:
        if isinstance(error, DatabaseError) and not connection.is_usable():
            raise  # the database is gone, not this psychologist's data: the run stops
        logger.exception("Billing run %s: psychologist %s not billed", run.pk, psychologist_id)
        BillingRunFailure.objects.update_or_create(
            run=run,
            psychologist_id=psychologist_id,
            defaults={
                "reason": _reason_of(error),
                "detail": f"{type(error).__name__}: {error}"[:2000],
                "failed_at": timezone.now(),
            },
        )
    else:
        run.failures.filter(psychologist_id=psychologist_id).delete()


def _reason_of(error: Exception) -> str:
    if isinstance(error, DataError | ValidationError):
        return FailureReason.INVALID_DATA
    if isinstance(error, IntegrityError | RuntimeError):
        return FailureReason.CONFLICT
    return FailureReason.ERROR


def _totals(run: BillingRun) -> dict:
    totals = run.invoices.aggregate(
        invoice_count=Count("id"),
        total_hours=Coalesce(Sum("hours"), Value(0)),
        total_amount=Coalesce(Sum("amount"), Value(Decimal("0.00"))),
    )
    return totals


def bill_psychologists(run: BillingRun, psychologist_ids, unit_price: Decimal) -> dict:
    """Invoice a batch of psychologists in a run, in one transaction and a fixed number of
    queries; returns the invoices issued by psychologist id.

    A psychologist already invoiced in the run, without billable registrations, or whose
    pool stays under an hour gets no invoice.

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
        if not pools:
            return {}
        carried = carried_minutes_of(list(pools), run.network_id)
        billings = {}
        for pk in todo:
            if pk not in pools:
                continue
            billing = bill_pool(carried.get(pk, 0), pools[pk]["minutes"])
            # Under an hour: nothing is issued; the registrations wait for the next run.
            if billing.hours:
                billings[pk] = billing
        if not billings:
            return {}
        numbers = next_numbers(run.network, run.issue_date.year, len(billings))
        invoices = Invoice.objects.bulk_create(
            Invoice(
                network=run.network,
                psychologist=psychologists[pk],
                run=run,
                number=number,
                kind=InvoiceKind.INVOICE,
                issue_date=run.issue_date,
                period_start=run.period_start,
                period_end=run.period_end,
                hours=billing.hours,
                unit_price=unit_price,
                amount=line_amount(billing.hours, unit_price),
                minutes_carried_in=carried.get(pk, 0),
                minutes_carried_out=billing.carried_out,
                created_by=run.started_by,
                **_parties(run.network, psychologists[pk]),
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
        _mark(
            InvoiceItem.objects.filter(invoice__in=invoices).values("registration_id"),
            count,
            is_billed=True,
        )
        # Bulk writes send no signals: their overviews now show invoices and billed flags.
        Psychologist.objects.filter(pk__in=list(billings)).touch()
        return {invoice.psychologist_id: invoice for invoice in invoices}


# --- Credit notes ----------------------------------------------------------------------


def issue_credit_note(
    registration: Registration | InvoiceItem, *, actor=None, reason: str = "", issue_date=None
) -> Invoice:
    """Reverse a billed registration with a credit note; its minutes return to the quota.

    The credit note takes the registration's billed minutes (duration + prep) out of the
    psychologist's pool (see `credit_pool`): it reverses the fewest whole hours needed,
    at the unit price of the invoice that billed it, and may be for 0 hours when the
    carried minutes absorb the reversal; it always records the new carry. It has its own
    number from the network's sequence.
    """
    if isinstance(registration, InvoiceItem):
        registration = registration.registration
    with transaction.atomic():
        _lock_psychologist(registration.psychologist_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.is_credited:
            raise ValidationError(
                _("Deze registratie is al gecrediteerd."), code="already_credited"
            )
        item = (
            InvoiceItem.objects.select_related("invoice__network", "invoice__psychologist__user")
            .filter(registration=registration, kind=InvoiceKind.INVOICE)
            .first()
        )
        if not registration.is_billed or item is None:
            raise ValidationError(
                _("Deze registratie is nog niet gefactureerd; ze kan gewoon aangepast worden."),
                code="not_billed",
            )
        original = item.invoice
        carried_in = carried_minutes(original.psychologist_id, original.network_id)
        billing = credit_pool(carried_in, item.billed_minutes)
        day = issue_date or timezone.localdate()
        credit_note = Invoice.objects.create(
            network=original.network,
            psychologist=original.psychologist,
            run=None,
            number=next_number(original.network, day.year),
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
            **_parties(original.network, original.psychologist),
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
            minutes=item.minutes,
            prep_minutes=item.prep_minutes,
        )
        _mark([registration.pk], 1, is_credited=True)
        return credit_note


# --- ZIP of a run's PDFs ---------------------------------------------------------------


def build_run_zip(run_id: int) -> str:
    """Write a ZIP of every PDF of a run under MEDIA_ROOT/billing/; returns its path."""
    from billing.pdf import write_run_zip  # rendering lives in pdf.py

    run = BillingRun.objects.select_related("network").get(pk=run_id)
    path = write_run_zip(run)
    BillingRun.objects.filter(pk=run.pk).update(zip_path=path)
    return path
