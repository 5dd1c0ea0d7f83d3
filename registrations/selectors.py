"""Read queries on registrations: what is left on an allocation, a day's activities."""

from datetime import date

from applications import engine
from applications.selectors import usage_of
from portal.dates import days_around
from registrations.models import Registration


def remaining_minutes(allocation, on: date) -> int:
    """Minutes still registrable on `allocation` for an activity dated `on`."""
    return engine.remaining_minutes(allocation, usage_of(allocation), on)


def activities_on(psychologist_id: int, day: date, exclude_id: int | None = None):
    """The psychologist's other activities that may overlap one dated `day`, as the engine's
    overlap check needs: that day and the days either side, since an activity (up to 24 h)
    may run past midnight."""
    qs = Registration.objects.counting().filter(
        psychologist_id=psychologist_id,
        date__range=days_around(day, 1),
    )
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return [
        engine.Activity(r.date, r.start_time, r.duration_minutes, r.work_form, r.attendees)
        for r in qs.only("date", "start_time", "duration_minutes", "work_form", "attendees")
    ]
