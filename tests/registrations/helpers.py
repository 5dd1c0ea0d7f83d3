"""Helpers of the rule tests that go through the registration service: an allocation of a
seeded call, an activity as the form would send it, and registering it."""

from datetime import date, time

from registrations import services
from tests.factories import AllocationFactory, ApplicationFactory, call

HOUR = 60
TODAY = date(2026, 6, 1)


def allocation_of(number: int, **values):
    """An approved allocation of call `number` for 2025, granted its full quota."""
    application = ApplicationFactory(call=call(number), status="approved")
    return AllocationFactory(application=application, **values)


def activity(
    work_form="consultation", minutes=60, *, day=date(2025, 3, 3), start=time(9, 0), **extra
):
    return {
        "date": day,
        "start_time": start,
        "duration_minutes": minutes,
        "work_form": work_form,
        "attendees": 3,
        "attendee_roles": "huisartsen",
        "subject": "Overleg",
        **extra,
    }


def register(allocation, data, today=TODAY):
    return services.register_activity(allocation.psychologist, allocation.pk, data, today=today)
