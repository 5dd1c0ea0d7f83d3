"""Celery tasks of registrations: the daily reminder before a month's registrations close."""

from celery import shared_task

from registrations.closing_services import send_closing_reminders


@shared_task
def send_closing_reminders_task() -> int:
    """Remind who registered nothing in a month that closes within three days (idempotent)."""
    return send_closing_reminders()
