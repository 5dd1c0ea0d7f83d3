"""The usage kept per allocation and month (registrations.usage) equals what its counting
registrations of that month use, after every kind of change (issue 17)."""

from datetime import date

import pytest
from django.db import connection

from applications.models import Allocation
from registrations import services, usage
from registrations.models import AllocationMonthUsage, Registration
from tests.demand.factories import SupportRequestFactory
from tests.factories import RegistrationFactory
from tests.registrations import helpers
from tests.registrations.helpers import HOUR, TODAY, allocation_of, register

pytestmark = pytest.mark.django_db

MARCH, APRIL = date(2025, 3, 1), date(2025, 4, 1)


def activity(**values):
    return helpers.activity("advice", **values)


def months(allocation) -> dict:
    rows = AllocationMonthUsage.objects.filter(allocation=allocation)
    return {row.month: row.registered_minutes for row in rows}


def test_an_activity_counts_in_the_month_of_its_date():
    allocation = allocation_of(3)

    register(allocation, activity(minutes=HOUR, day=date(2025, 3, 31)))

    assert months(allocation) == {MARCH: HOUR}


def test_activities_of_two_months_count_apart():
    allocation = allocation_of(3)
    register(allocation, activity(minutes=HOUR, day=date(2025, 3, 31)))

    register(allocation, activity(minutes=30, day=date(2025, 4, 1)))

    assert months(allocation) == {MARCH: HOUR, APRIL: 30}


def test_moving_an_activity_to_another_month_moves_its_minutes():
    allocation = allocation_of(3)
    registration = register(allocation, activity(minutes=HOUR, day=date(2025, 3, 31)))

    services.update_registration(registration, {"date": date(2025, 4, 1)}, today=TODAY)

    assert months(allocation) == {APRIL: HOUR}


def test_deleting_a_months_only_activity_leaves_no_row_for_it():
    allocation = allocation_of(3)
    registration = register(allocation, activity(minutes=HOUR))

    services.delete_registration(registration, today=TODAY)

    assert months(allocation) == {}


def test_a_credited_registration_counts_in_no_month():
    registration = RegistrationFactory(quota_minutes=75, date=date(2025, 3, 3))
    registration.is_credited = True

    registration.save()

    assert months(registration.allocation) == {}


def test_a_billed_registration_counts_as_billed_in_its_month():
    registration = RegistrationFactory(quota_minutes=75, date=date(2025, 3, 3), is_billed=True)
    RegistrationFactory(allocation=registration.allocation, quota_minutes=20, date=MARCH)

    row = AllocationMonthUsage.objects.get(allocation=registration.allocation)

    assert (row.registered_minutes, row.billed_minutes) == (95, 75)


def test_recount_repairs_months_a_bulk_write_left_behind():
    registration = RegistrationFactory(quota_minutes=75, date=date(2025, 3, 3))
    Registration.objects.filter(pk=registration.pk).update(date=date(2025, 5, 9))

    usage.recount(Allocation.objects.filter(pk=registration.allocation_id))

    assert months(registration.allocation) == {date(2025, 5, 1): 75}


def test_recount_leaves_other_allocations_months_alone():
    registration, other = RegistrationFactory(date=MARCH), RegistrationFactory(date=MARCH)
    Registration.objects.filter(pk=other.pk).update(date=APRIL)

    usage.recount(Allocation.objects.filter(pk=registration.allocation_id))

    assert list(months(other.allocation)) == [MARCH]


def test_a_month_row_names_its_allocations_network_and_psychologist():
    allocation = allocation_of(3)

    register(allocation, activity(minutes=HOUR, day=date(2025, 3, 31)))

    row = AllocationMonthUsage.objects.get(allocation=allocation)
    assert (row.network_id, row.psychologist_id) == (
        allocation.network_id,
        allocation.psychologist_id,
    )


def test_the_month_rows_are_vacuumed_once_a_hundredth_changed():
    """Their covering index answers alone only while the visibility map is current."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL storage parameter")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'registrations_allocationmonthusage'"
        )
        (options,) = cursor.fetchone()
    assert "autovacuum_vacuum_scale_factor=0.01" in options
    assert "autovacuum_vacuum_insert_scale_factor=0.01" in options


def minutes_on_requests(allocation) -> dict:
    rows = AllocationMonthUsage.objects.filter(allocation=allocation)
    return {row.month: row.request_duration_minutes for row in rows}


def test_deleting_a_support_request_takes_its_minutes_off_the_months():
    """Its registrations lose it in one UPDATE (SET_NULL) that sends no signal."""
    support_request = SupportRequestFactory()
    registration = RegistrationFactory(
        date=MARCH, duration_minutes=90, support_request=support_request
    )
    assert minutes_on_requests(registration.allocation) == {MARCH: 90}

    support_request.delete()

    assert minutes_on_requests(registration.allocation) == {MARCH: 0}
    registration.refresh_from_db()
    assert registration.support_request is None


def test_deleting_a_request_no_activity_answers_leaves_the_months_alone():
    support_request = SupportRequestFactory()
    RegistrationFactory(date=MARCH)
    before = list(AllocationMonthUsage.objects.values_list("pk", "request_duration_minutes"))

    support_request.delete()

    assert (
        list(AllocationMonthUsage.objects.values_list("pk", "request_duration_minutes")) == before
    )
