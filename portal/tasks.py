"""E-mail is sent by a Celery task, never inside a request."""

from celery import shared_task
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(recipients: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, None, recipients)
