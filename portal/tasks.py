"""Celery tasks of the portal: the outbox sender and the worker's heartbeat, run every
minute by beat, and the daily digest of notifications."""

from celery import shared_task

from portal import digest, outbox, readiness


@shared_task(ignore_result=True)
def send_queued_mail() -> None:
    outbox.send_queued_mail()


@shared_task
def send_digests() -> int:
    """Every user's daily digest (idempotent: a second run finds nothing left to send)."""
    return digest.send_digests()


@shared_task(ignore_result=True)
def record_worker_heartbeat() -> None:
    """Tells /readyz/ that beat and a worker run (portal.readiness)."""
    readiness.record_heartbeat()
