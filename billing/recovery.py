"""The sweep that restarts billing runs whose task was lost (Celery beat, every 3 minutes),
and sends again the ZIPs of PDFs whose task was lost (at the end).

A run stays `running` when its worker dies mid-run (kill -9, out of memory, a host
restart): the broker redelivers the unacknowledged task only after its visibility timeout
(an hour on Redis), and nothing else resumes it. A run stays `queued` when its task never
reached the broker (down when the run was started) or was lost with it. The sweep finds
both, sends their task again and records it on the run, whose page says so.

"Without an executor" means nobody holds the run's advisory lock (what `pg_locks` would
show): the sweep tries to take it itself, for the length of its transaction, so checking
and re-queueing are one step that an executor starting at the same moment cannot slip
between. A dead worker's lock went with its database session. Without PostgreSQL (the
development database) a running run cannot be told apart from an abandoned one and is
left alone; queued runs are swept there too.
"""

from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from billing.models import BillingRun, BillingRunEvent, RunEventKind, RunStatus, ZipStatus
from billing.services import execution, run_zips, runs

# A queued run whose task has not started it by then is sent again. A worker busy with
# another long run may make a run wait longer; the second message is harmless (the run
# lock and the done status make a duplicate return at once).
STALE_QUEUED_AFTER = timedelta(minutes=5)


def resume_stalled_runs() -> list[int]:
    """Re-queue every run left running without an executor or queued for too long;
    returns their ids."""
    now = timezone.now()
    candidates = BillingRun.objects.filter(
        Q(status=RunStatus.RUNNING)
        | Q(status=RunStatus.QUEUED, queued_at__lte=now - STALE_QUEUED_AFTER)
    ).values_list("pk", flat=True)
    return [run_id for run_id in candidates if _requeue_if_abandoned(run_id, now)]


def _requeue_if_abandoned(run_id: int, now: datetime) -> bool:
    with transaction.atomic():
        if not _nobody_executes(run_id):
            return False
        run = BillingRun.objects.get(pk=run_id)  # re-read under the lock
        if run.status == RunStatus.RUNNING:
            kind = RunEventKind.RESUMED
        elif run.status == RunStatus.QUEUED and run.queued_at <= now - STALE_QUEUED_AFTER:
            kind = RunEventKind.REQUEUED
        else:
            return False
        runs.requeue(run, queued_at=now)
        BillingRunEvent.objects.create(run=run, kind=kind, at=now)
        runs.enqueue_run(run)
    return True


def _nobody_executes(run_id: int) -> bool:
    """Take the run's lock until the transaction ends, if nobody holds it.

    Elsewhere than on PostgreSQL no executor can be seen: only a queued run counts."""
    if connection.vendor != "postgresql":
        return BillingRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)",
            [execution.ADVISORY_LOCK_NAMESPACE, run_id],
        )
        return cursor.fetchone()[0]


# --- The ZIPs of PDFs ------------------------------------------------------------------
#
# A ZIP stays `queued` when its task never reached the broker (down when staff asked for
# it) and `building` when its worker died mid-build. "No progress" is read as no builder:
# the builder holds the ZIP's advisory lock while it builds (`run_zips`), so a building
# ZIP whose lock is free has nobody building it and is sent again at once; a live builder
# that is slow is left alone. Elsewhere than on PostgreSQL only queued ZIPs are swept.


def resend_stalled_zips() -> list[int]:
    """Send again the ZIP of every run queued for too long or building without a builder;
    returns the ids of their runs."""
    now = timezone.now()
    candidates = BillingRun.objects.filter(
        Q(zip_status=ZipStatus.BUILDING)
        | Q(zip_status=ZipStatus.QUEUED, zip_requested_at__lte=now - STALE_QUEUED_AFTER)
    ).values_list("pk", flat=True)
    return [run_id for run_id in candidates if _resend_zip_if_abandoned(run_id, now)]


def _resend_zip_if_abandoned(run_id: int, now: datetime) -> bool:
    with transaction.atomic():
        if not _nobody_builds(run_id):
            return False
        run = BillingRun.objects.select_for_update().get(pk=run_id)  # re-read under the lock
        stale_queue = (
            run.zip_status == ZipStatus.QUEUED and run.zip_requested_at <= now - STALE_QUEUED_AFTER
        )
        if not (run.zip_status == ZipStatus.BUILDING or stale_queue):
            return False
        run_zips.queue_zip(run, now)
        run_zips.enqueue_zip(run)
    return True


def _nobody_builds(run_id: int) -> bool:
    """Take the ZIP builder's lock until the transaction ends, if nobody holds it.

    Elsewhere than on PostgreSQL no builder can be seen: only a queued ZIP counts."""
    if connection.vendor != "postgresql":
        return BillingRun.objects.filter(pk=run_id, zip_status=ZipStatus.QUEUED).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", [run_zips.ZIP_LOCK_NAMESPACE, run_id]
        )
        return cursor.fetchone()[0]
