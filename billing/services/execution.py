"""Executing a billing run: its psychologists billed batch after batch, resumable at any point.

* **A per-run lock.** Executing a run takes a PostgreSQL session advisory lock on the run
  id (`pg_try_advisory_lock`). A second executor that does not get it returns at once;
  the lock dies with the connection, so the redelivery after a crashed worker gets it
  and resumes. (SQLite, the zero-setup development database, serialises writers itself.)
* **One psychologist never stops the others.** When a batch fails, its psychologists are
  billed again one at a time, each in a transaction of its own: the others of the batch
  and of later batches are billed, and numbering stays gapless because a failed
  transaction returns its numbers. The one that fails is recorded on the run
  (`BillingRunFailure`: who, a reason, the technical message) and the run ends `done`;
  so is one the batch skips because their invoice data or self-billing acceptance is
  missing (`batches`, `incomplete`: the reason is then `incomplete`, the detail says what);
  the run page lists them as not billed, with what to do. Only if the database itself is
  gone does the run stop (it is resumed later, see `billing.recovery`).
* **Celery** runs the task with `acks_late=True` and `task_reject_on_worker_lost=True`
  (settings): a message is acknowledged only after the run finished, so a worker that
  dies mid-run gets the task redelivered, and the steps of `batches` make that
  redelivery safe. Redis redelivers only after its visibility timeout (an hour), so a
  beat sweep (`billing.recovery`) re-queues sooner a run left `running` without an
  executor, or left `queued` because its task never reached the broker
  (`runs.enqueue_run` tolerates a broker that is down: the run stays queued and is
  started once the broker is back).
"""

import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import DatabaseError, DataError, IntegrityError, connection
from django.db.models import Count, Exists, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from applications.models import Allocation
from billing.locks import advisory_lock
from billing.models import BillingRun, BillingRunFailure, FailureReason, RunStatus
from billing.services.batches import bill_psychologists
from billing.services.rates import rate_on
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


def _run_lock(run_id: int) -> advisory_lock:
    """Session advisory lock on the run (`billing.locks`)."""
    return advisory_lock(ADVISORY_LOCK_NAMESPACE, run_id)


def _psychologists_of(run: BillingRun) -> list[int]:
    """Who this run bills: psychologists with billable registrations or already invoiced.

    Asked per allocation of the network (a registration's psychologist is its
    allocation's, registrations.services saves it so): each probe is one short range of
    the partial index of billable registrations by (psychologist, allocation), where a
    join from the registrations side reads every unbilled registration of every network.
    """
    pending = set(
        Allocation.objects.filter(
            Exists(
                Registration.objects.billable_of_outer_allocation().filter(date__lte=run.period_end)
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
    unit_price = rate_on(run.network, run.period_end)
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
        # It also settles the batch's failures (`batches`): cleared, or "incomplete".
        bill_psychologists(run, batch, unit_price)
    except Exception:
        logger.warning(
            "Billing run %s: a batch failed, billing it one by one", run.pk, exc_info=True
        )
        for psychologist_id in batch:
            _bill_alone(run, psychologist_id, unit_price)


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
