"""Tell a user something by e-mail: a message in the outbox, sent if the transaction commits."""

from portal.outbox import queue_email


def notify(user, subject: str, body: str) -> None:
    if not user.email:
        return
    queue_email([user.email], subject, body)
