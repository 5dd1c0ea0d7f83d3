"""Celery tasks of billing: thin wrappers that call the services with ids, never objects.

`acks_late`: the message is acknowledged after the task returns, so a worker that dies
mid-run gets the task redelivered; `services.execution.execute_run` makes that redelivery
safe, and `resume_stalled_runs` resumes the run long before the broker would redeliver it.
The services enqueue these tasks by their registered name and never import this module.
"""

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from applications.engine import closing
from billing import recovery
from billing.models import BillingRun
from billing.services import run_zips, runs
from portal.dates import add_months
from portal.models import Network


@shared_task(acks_late=True)
def run_billing_task(network_id: int, period_end_iso: str) -> int:
    """Execute (or resume) the run of a network for the period ending on `period_end_iso`."""
    network = Network.objects.get(pk=network_id)
    run = runs.run_billing(network, date.fromisoformat(period_end_iso))
    return run.pk


@shared_task(acks_late=True)
def run_monthly_billing() -> list[int]:
    """Celery beat, every night: start the run of each network's last closed month, once
    (the day after its closing day; a network without one, on the 1st)."""
    today = timezone.localdate()
    run_ids = []
    for network in Network.objects.all():
        month = closing.latest_closed_month(network.registration_closing_day, today)
        period_end = add_months(month, 1) - timedelta(days=1)
        if BillingRun.objects.filter(network=network, period_end=period_end).exists():
            continue
        run = runs.start_run(network, period_end)
        runs.enqueue_run(run)
        run_ids.append(run.pk)
    return run_ids


@shared_task(acks_late=True)
def resume_stalled_runs() -> list[int]:
    """Celery beat, every 3 minutes: re-queue runs, and re-send ZIPs, whose task was lost
    (billing.recovery); returns the runs re-queued."""
    resumed = recovery.resume_stalled_runs()
    recovery.resend_stalled_zips()
    return resumed


@shared_task(acks_late=True)
def build_run_zip_task(run_id: int) -> str | None:
    """Write the queued ZIP of all PDFs of a run under MEDIA_ROOT/billing/ (run_zips)."""
    return run_zips.build_run_zip(run_id)
