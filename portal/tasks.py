"""Celery tasks of the portal: the outbox sender, run every minute by beat."""

from celery import shared_task

from portal import outbox


@shared_task(ignore_result=True)
def send_queued_mail() -> None:
    outbox.send_queued_mail()
