"""Celery task of personal data: the nightly retention (privacy.retention)."""

from celery import shared_task

from privacy.retention import apply_retention


@shared_task
def apply_retention_task() -> dict:
    """Delete and erase what is past its period (idempotent: a rerun finds nothing new)."""
    return apply_retention().as_dict()
