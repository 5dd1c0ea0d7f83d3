"""Read queries on registrations: what is left on an allocation, a day's activities."""

from datetime import date, timedelta

from applications import engine
from applications.selectors import call_rules, usage_of
from registrations.models import Registration


def remaining_minutes(allocation, on: date) -> int:
    """Minutes still registrable on `allocation` for an activity dated `on`."""
    return engine.remaining_minutes(allocation, usage_of(allocation), on)


def quota_effect(allocation, data: dict, exclude_id: int | None = None) -> dict:
    """What registering `data` does to the allocation's hours: the minutes it counts for
    (prep included), what is left before it, after it, and the shortfall when it does
    not fit (what an extra-hours request would have to add)."""
    rules = call_rules(allocation.call)
    counted = engine.counted_minutes(rules, data["work_form"], data["duration_minutes"])
    left = engine.remaining_minutes(allocation, usage_of(allocation, exclude_id), data["date"])
    return {
        "counted": counted,
        "prep": engine.prep_minutes(rules, data["work_form"]),
        "left_before": left,
        "left_after": max(0, left - counted),
        "missing": max(0, counted - left),
    }


def activities_on(psychologist_id: int, day: date, exclude_id: int | None = None):
    """The psychologist's other activities that may overlap one dated `day`, as the engine's
    overlap check needs: that day and the days either side, since an activity (up to 24 h)
    may run past midnight."""
    qs = Registration.objects.counting().filter(
        psychologist_id=psychologist_id,
        date__range=(day - timedelta(days=1), day + timedelta(days=1)),
    )
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return [
        engine.Activity(r.date, r.start_time, r.duration_minutes, r.work_form, r.attendees)
        for r in qs.only("date", "start_time", "duration_minutes", "work_form", "attendees")
    ]
