"""Simultaneous requests on PostgreSQL can never push a quota or a findplace cap over its limit."""

from datetime import date, time, timedelta

import pytest

from applications.models import Allocation
from applications.services import approve_application
from portal.models import FindplaceKind
from registrations.models import Registration
from registrations.services import register_activity
from tests.concurrency import run_at_once
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    CoordinatorFactory,
    FindplaceFactory,
    call,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def codes(outcomes) -> list[str]:
    return sorted(error.error_list[0].code if error else "ok" for error in outcomes)


def test_twelve_simultaneous_hours_on_a_four_hour_allocation_register_exactly_four():
    allocation = AllocationFactory()
    psychologist = allocation.psychologist

    def job(day):
        return lambda: register_activity(
            psychologist,
            allocation.pk,
            {
                "date": allocation.window_start + timedelta(days=day),
                "start_time": time(9, 0),
                "duration_minutes": 60,
                "work_form": "consultation",
                "attendees": 2,
                "attendee_roles": "huisartsen",
                "subject": "Overleg",
            },
            today=date(2025, 12, 31),
        )

    outcomes = codes(run_at_once([job(day) for day in range(12)]))
    assert Registration.objects.filter(allocation=allocation).count() == 4
    assert outcomes.count("quota_exceeded") == 8


def test_two_coordinators_approving_call2_hours_at_one_findplace_at_once_respect_the_cap():
    findplace = FindplaceFactory(kind=FindplaceKind.LOCAL_SERVICE_CENTRE)
    applications = [
        ApplicationFactory(
            call=call(2),
            findplace=findplace,
            requested_minutes=30 * 60,
            weekly_individual_minutes=240,
        )
        for _ in range(2)
    ]
    network = applications[0].network
    coordinators = [CoordinatorFactory(networks=[network]) for _ in range(2)]

    def job(application, coordinator):
        return lambda: approve_application(application, actor=coordinator, granted_minutes=30 * 60)

    outcomes = run_at_once([job(a, c) for a, c in zip(applications, coordinators, strict=True)])
    assert codes(outcomes) == ["hours_above_max", "ok"]
    granted = sum(
        Allocation.objects.filter(findplace=findplace).values_list("granted_minutes", flat=True)
    )
    assert granted == 30 * 60
