"""Celery tasks of applications: the daily job behind the weekly reminders of yearly
call-3 evaluations, and the nightly rendering of the day's overviews."""

from celery import shared_task
from django.utils import timezone

from applications import overview, services
from applications.selectors import due_agreements


@shared_task
def send_evaluation_reminders() -> int:
    """Remind every due agreement not reminded this week (idempotent: safe to run twice)."""
    today = timezone.localdate()
    due = due_agreements(today).exclude(last_reminder_on__gt=today - services.REMINDER_INTERVAL)
    ids = list(due.values_list("pk", flat=True))
    return sum(services.send_evaluation_reminder(pk, today=today) for pk in ids)


@shared_task
def prerender_overviews() -> int:
    """Render today's overview of every recently signed-in psychologist (idempotent: what
    is cached already is left as it is)."""
    return overview.prerender(timezone.localdate())
