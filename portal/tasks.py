"""Celery tasks of the portal: the outbox sender, run every minute by beat, the daily
digest of notifications and the daily purge of the access log."""

from celery import shared_task

from portal import access_log, digest, outbox


@shared_task(ignore_result=True)
def send_queued_mail() -> None:
    outbox.send_queued_mail()


@shared_task
def send_digests() -> int:
    """Every user's daily digest (idempotent: a second run finds nothing left to send)."""
    return digest.send_digests()


@shared_task
def purge_access_log() -> int:
    """Delete the access-log entries older than a year (idempotent)."""
    return access_log.purge_access_log()
