"""Billing runs: starting the run of a network and period, staff asking for it, and queueing
its task (the ZIP of its PDFs: `run_zips`).

* **One run row per network and period.** `BillingRun` has a unique constraint on
  (network, period_end); starting a run is `get_or_create`, so a second start, a beat
  tick and a staff click all find the same row. A run that is `done` is never executed
  again: re-running it changes nothing (except for the psychologists it could not bill,
  below).
* **Decision — billing them after the data is fixed**: staff start the run of that month
  again. A done run with failures is then executed for those psychologists only
  (`retrying`): everybody else's invoice, and the late registrations that belong to the
  next run, stay as they are. A psychologist billed that way leaves the list; one who
  fails again stays on it with the new reason.

Tasks are enqueued by their registered name: `billing.tasks` imports this module, never
the other way round.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from applications.engine import bounds, closing
from applications.services import raise_if_refused
from billing.arithmetic import period_of
from billing.models import BillingRun, BillingRunEvent, RunEventKind, RunStatus
from billing.services.execution import execute_run
from billing.services.rates import first_rate_date
from portal.models import Network
from portal.queueing import Enqueued, enqueue_on_commit

RUN_TASK = "billing.tasks.run_billing_task"


def start_run(network: Network, period_end: date, *, actor=None, issue_date=None) -> BillingRun:
    """The run of a network for a period: created queued, or the existing one.

    A period that ends after today, or before the first rate of the network applies (its
    own or a shared one), is refused: nothing could bill it. (Without any rate the run itself fails with `no_rate`.)
    So is a month whose registrations are not closed yet (`engine.closing`): psychologists
    may still register in it.
    """
    today = timezone.localdate()
    raise_if_refused(bounds.period_over_refusals(period_end, today))
    raise_if_refused(closing.run_refusals(period_end, network.registration_closing_day, today))
    first_rate_from = first_rate_date(network)
    if first_rate_from is not None:
        raise_if_refused(bounds.period_end_refusals(period_end, first_rate_from))
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

    def broker_unavailable(_error: Exception) -> None:
        BillingRunEvent.objects.create(run_id=run.pk, kind=RunEventKind.BROKER_UNAVAILABLE)

    return enqueue_on_commit(
        RUN_TASK,
        run.network_id,
        run.period_end.isoformat(),
        on_failure=broker_unavailable,
    )


def run_billing(network: Network, period_end: date, *, actor=None, issue_date=None) -> BillingRun:
    """Bill every valid, unbilled registration of `network` dated on or before `period_end`."""
    run = start_run(network, period_end, actor=actor, issue_date=issue_date)
    return execute_run(run.pk)
