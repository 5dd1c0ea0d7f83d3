"""Celery tasks of applications: the daily reminder of yearly call-3 evaluations."""

from celery import shared_task
from django.utils import timezone

from applications import dashboards, services


@shared_task
def send_evaluation_reminders() -> int:
    """Remind every due agreement once today (idempotent: safe to run twice)."""
    today = timezone.localdate()
    due = dashboards.due_agreements(today).exclude(last_reminder_on=today)
    ids = list(due.values_list("pk", flat=True))
    return sum(services.send_evaluation_reminder(pk, today=today) for pk in ids)
