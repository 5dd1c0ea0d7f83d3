"""The usage kept per allocation (registrations.usage) equals what its counting
registrations use, after every kind of change (issue 17)."""

from datetime import date

import pytest
from django.db.models import Sum

from applications.models import Allocation
from registrations import services, usage
from registrations.models import AllocationUsage, Registration
from tests.factories import RegistrationFactory
from tests.registrations import helpers
from tests.registrations.helpers import HOUR, TODAY, allocation_of, register

pytestmark = pytest.mark.django_db


def activity(**values):
    return helpers.activity("advice", **values)


def kept(allocation) -> int:
    row = AllocationUsage.objects.filter(allocation=allocation).first()
    return row.minutes if row else 0


def summed(allocation) -> int:
    counting = Registration.objects.counting().filter(allocation=allocation)
    return counting.aggregate(minutes=Sum("quota_minutes"))["minutes"] or 0


def test_an_allocation_without_registrations_has_no_usage_row():
    assert not AllocationUsage.objects.filter(allocation=allocation_of(3)).exists()


def test_registering_an_activity_counts_its_quota_minutes():
    allocation = allocation_of(3)

    register(allocation, activity(minutes=HOUR))

    assert kept(allocation) == summed(allocation) == HOUR


def test_a_second_activity_adds_to_the_first():
    allocation = allocation_of(3)
    register(allocation, activity(minutes=HOUR))

    register(allocation, activity(minutes=30, day=date(2025, 3, 4)))

    assert kept(allocation) == HOUR + 30


def test_changing_the_duration_recounts_the_allocation():
    allocation = allocation_of(3)
    registration = register(allocation, activity(minutes=HOUR))

    services.update_registration(registration, {"duration_minutes": 90}, today=TODAY)

    assert kept(allocation) == summed(allocation) == 90


def test_deleting_the_only_activity_counts_zero():
    allocation = allocation_of(3)
    registration = register(allocation, activity(minutes=HOUR))

    services.delete_registration(registration, today=TODAY)

    assert kept(allocation) == 0


def test_a_registration_of_another_allocation_leaves_this_one_alone():
    allocation, other = allocation_of(3), allocation_of(3)
    register(allocation, activity(minutes=HOUR))

    register(other, activity(minutes=30))

    assert (kept(allocation), kept(other)) == (HOUR, 30)


def test_a_registration_saved_outside_the_service_is_counted_too():
    registration = RegistrationFactory(quota_minutes=75)

    assert kept(registration.allocation) == 75


def test_a_credited_registration_saved_as_such_counts_nothing():
    registration = RegistrationFactory(quota_minutes=75)
    registration.is_credited = True

    registration.save()

    assert kept(registration.allocation) == 0


def test_recount_repairs_a_usage_a_bulk_write_left_behind():
    registration = RegistrationFactory(quota_minutes=75)
    Registration.objects.filter(pk=registration.pk).update(quota_minutes=20)

    usage.recount(Allocation.objects.filter(pk=registration.allocation_id))

    assert kept(registration.allocation) == 20


def test_recount_of_many_allocations_is_three_statements(django_assert_num_queries):
    """The totals' upsert, and the months' DELETE and INSERT, whatever the number."""
    allocations = [RegistrationFactory().allocation for _ in range(3)]
    Registration.objects.update(quota_minutes=5)

    with django_assert_num_queries(3):
        usage.recount(Allocation.objects.all())

    assert [kept(allocation) for allocation in allocations] == [5, 5, 5]
