"""Read queries on registrations: quota usage and what is left on an allocation."""

from datetime import date

from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce

from applications import engine
from registrations.models import Registration


def usage_of(allocation, exclude_id: int | None = None) -> engine.Usage:
    """Quota minutes used on an allocation, split at the start-bonus end: one query."""
    qs = Registration.objects.counting().filter(allocation=allocation)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    if allocation.bonus_until is None:
        total = qs.aggregate(total=Coalesce(Sum("quota_minutes"), Value(0)))["total"]
        return engine.Usage(0, total)
    before = Q(date__lt=allocation.bonus_until)
    sums = qs.aggregate(
        before=Coalesce(Sum("quota_minutes", filter=before), Value(0)),
        after=Coalesce(Sum("quota_minutes", filter=~before), Value(0)),
    )
    return engine.Usage(sums["before"], sums["after"])


def remaining_minutes(allocation, on: date) -> int:
    """Minutes still registrable on `allocation` for an activity dated `on`."""
    return engine.remaining_minutes(allocation, usage_of(allocation), on)


def activities_on(psychologist_id: int, day: date, exclude_id: int | None = None):
    """The psychologist's other activities that day, as the engine's overlap check needs."""
    qs = Registration.objects.counting().filter(psychologist_id=psychologist_id, date=day)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return [
        engine.Activity(r.date, r.start_time, r.duration_minutes, r.work_form, r.attendees)
        for r in qs.only("date", "start_time", "duration_minutes", "work_form", "attendees")
    ]
