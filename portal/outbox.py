"""The e-mail outbox: a message is a django-post-office row written in the caller's transaction.

A worker sends it (portal.tasks.send_queued_mail, every minute by beat) with post_office's
own sending code and retries, so a broker or SMTP outage delays a message but never loses
it nor fails the request. Without a broker (eager Celery: `make run`, the tests) nothing
would run that task, so the queued mail is sent in-process right after the commit.
"""

from django.db import connection, transaction
from django.dispatch import receiver
from post_office import mail
from post_office.lockfile import FileLock, FileLocked, default_lockfile
from post_office.signals import email_queued

from portal.celery import app

# PostgreSQL advisory lock key of the sender ("post" in ASCII).
SENDER_LOCK = 0x706F7374


def queue_email(recipients: list[str], subject: str, body: str, *, html: str = "") -> None:
    """Write the message to the outbox; it is sent only if the caller's transaction commits."""
    mail.send(recipients=recipients, subject=str(subject), message=str(body), html_message=html)


def send_queued_mail() -> None:
    """Send every message that is due; if another sender is at work, leave the queue to it.

    post_office's own lock is a file, which only keeps out senders on the same machine;
    on PostgreSQL an advisory lock keeps out the workers of every machine.
    """
    if connection.vendor != "postgresql":
        try:
            with FileLock(default_lockfile):
                _send_until_none_is_due()
        except FileLocked:
            pass
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [SENDER_LOCK])
        if not cursor.fetchone()[0]:
            return
    try:
        _send_until_none_is_due()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [SENDER_LOCK])


def _send_until_none_is_due() -> None:
    # post_office sends a batch at a time; a failed message is requeued for later
    # (RETRY_INTERVAL), so it is not due again within this loop.
    while mail.get_queued().exists():
        mail.send_queued()


@receiver(email_queued, dispatch_uid="portal.outbox.send_without_broker")
def send_after_commit_without_broker(sender, emails, **kwargs) -> None:
    if app.conf.task_always_eager:
        # robust: the change is committed; a failing send is logged, never an error page.
        transaction.on_commit(send_queued_mail, robust=True)
