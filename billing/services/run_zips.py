"""The ZIP of a run's PDFs, built in the background: asked for once, followed on the run page.

* **Asked for once.** Asking locks the run row (`select_for_update`) and puts the ZIP in
  the queue (`zip_status` queued, `zip_total` the run's invoices). A ZIP already queued or
  building is not asked again: the page shows its progress. A ready ZIP is built again
  only when it is stale: the run's invoices changed since (a retried run adds invoices)
  or its file is gone (`selectors.zip_is_current`).
* **One builder.** The task takes a session advisory lock on the run (its own namespace,
  not the run's) for the length of the build; a second message for the same ZIP (the
  sweep's, or a redelivery) finds it taken, or the ZIP no longer queued, and returns.
  The builder writes its progress every `PROGRESS_EVERY` PDFs, not after each one, then
  `ready` with the path, or `failed` (the page offers to try again).
* **A broker outage loses nothing.** The ZIP stays queued; the recovery sweep
  (`billing.recovery.resend_stalled_zips`) sends it again when it stays queued too long,
  or is building without a builder (its worker died: its lock went with its connection).
* **Without a broker** (`make run`) the task runs in a thread of the web process
  (`portal.queueing`, `background=True`): the request answers at once.

Documented in docs/billing-documents-in-bulk.md.
"""

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.archive import write_run_zip
from billing.locks import advisory_lock
from billing.models import BillingRun, RunStatus, ZipStatus
from billing.selectors import zip_is_current
from portal.queueing import Enqueued, enqueue_on_commit

logger = logging.getLogger(__name__)

ZIP_TASK = "billing.tasks.build_run_zip_task"
# First key of the builder's advisory lock (the run's is the pseudocode, 726994); the
# second is the run id.
ZIP_LOCK_NAMESPACE = 726995
# PDFs written between two progress updates: a PDF takes a fraction of a second, the page
# polls every 2 s, and a write per PDF would double the queries of a large run's build.
PROGRESS_EVERY = 5


def zip_refusals(run: BillingRun) -> list[ValidationError]:
    """A ZIP is of a run that is done and has invoices."""
    if run.status != RunStatus.DONE:
        return [
            ValidationError(
                _(
                    "Het ZIP-bestand kan pas gemaakt worden als de run klaar is. Wacht tot de "
                    "run klaar is en vraag het dan."
                ),
                code="run_not_done",
            )
        ]
    if not run.invoice_count:
        return [
            ValidationError(
                _("Deze run heeft geen facturen; er is geen ZIP-bestand te maken."),
                code="run_without_invoices",
            )
        ]
    return []


def request_run_zip(run: BillingRun) -> tuple[BillingRun, Enqueued | None]:
    """Staff ask for the ZIP: queue it and send its task after commit.

    Returns the run as it now is and what became of the task; None when nothing was
    asked (the ZIP is queued, building, or ready and current).
    """
    with transaction.atomic():
        run = BillingRun.objects.select_for_update().get(pk=run.pk)
        refusals = zip_refusals(run)
        if refusals:
            raise ValidationError(refusals)
        if run.zip_status in (ZipStatus.QUEUED, ZipStatus.BUILDING) or zip_is_current(run):
            return run, None
        queue_zip(run, timezone.now(), zip_done=0, zip_total=run.invoice_count)
        outcome = enqueue_zip(run)
    return run, outcome


def queue_zip(run: BillingRun, now: datetime, **fields) -> None:
    """Put the run's ZIP (back) in the queue; the caller sends its task."""
    fields = {"zip_status": ZipStatus.QUEUED, "zip_requested_at": now, **fields}
    BillingRun.objects.filter(pk=run.pk).update(**fields)
    for name, value in fields.items():
        setattr(run, name, value)


def enqueue_zip(run: BillingRun) -> Enqueued:
    """Send the ZIP's task after commit. With the broker down it stays queued and the
    sweep of `billing.recovery` sends it again."""
    return enqueue_on_commit(ZIP_TASK, run.pk, background=True)


def build_run_zip(run_id: int) -> str | None:
    """Build the queued ZIP of a run under MEDIA_ROOT/billing/; returns its path, or None
    when there was nothing to build (not queued, or being built elsewhere)."""
    with _zip_lock(run_id) as acquired:
        if not acquired:
            return None
        run = BillingRun.objects.select_related("network").get(pk=run_id)
        if run.zip_status not in (ZipStatus.QUEUED, ZipStatus.BUILDING):
            return None  # built, failed (trying again is the user's) or never asked
        _update(run_id, zip_status=ZipStatus.BUILDING, zip_done=0)
        progress = _Progress(run_id)
        try:
            path = write_run_zip(run, on_progress=progress)
        except Exception:
            logger.exception("ZIP of billing run %s failed", run_id)
            _update(run_id, zip_status=ZipStatus.FAILED)
            raise
        _update(
            run_id,
            zip_status=ZipStatus.READY,
            zip_path=path,
            zip_done=progress.total,
            zip_total=progress.total,
        )
        return path


def _update(run_id: int, **fields) -> None:
    BillingRun.objects.filter(pk=run_id).update(**fields)


class _Progress:
    """Record the builder's progress: the total at once, then every PROGRESS_EVERY PDFs."""

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.total = 0
        self.written = 0

    def __call__(self, done: int, total: int) -> None:
        if done == 0:
            self.total = total
            _update(self.run_id, zip_done=0, zip_total=total)
        elif done - self.written >= PROGRESS_EVERY and done < total:
            self.written = done
            _update(self.run_id, zip_done=done)


def _zip_lock(run_id: int) -> advisory_lock:
    """Session advisory lock on the run's ZIP (`billing.locks`)."""
    return advisory_lock(ZIP_LOCK_NAMESPACE, run_id)
