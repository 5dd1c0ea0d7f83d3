"""Celery tasks of applications: the daily job behind the weekly reminders of yearly
call-3 evaluations."""

from celery import shared_task
from django.utils import timezone

from applications import services
from applications.selectors import due_agreements


@shared_task
def send_evaluation_reminders() -> int:
    """Remind every due agreement not reminded this week (idempotent: safe to run twice)."""
    today = timezone.localdate()
    due = due_agreements(today).exclude(last_reminder_on__gt=today - services.REMINDER_INTERVAL)
    ids = list(due.values_list("pk", flat=True))
    return sum(services.send_evaluation_reminder(pk, today=today) for pk in ids)
