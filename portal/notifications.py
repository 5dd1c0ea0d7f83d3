"""Tell a user something by e-mail, after the transaction commits, through Celery."""

from django.db import transaction

from portal.tasks import send_email


def notify(user, subject: str, body: str) -> None:
    if not user.email:
        return
    subject, body = str(subject), str(body)
    transaction.on_commit(lambda: send_email.delay([user.email], subject, body))
