"""Registration services: the engine's rules enforced on real rows, edits and deletes."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from applications.selectors import usage_of
from registrations import services
from registrations.models import Registration
from registrations.selectors import remaining_minutes
from tests.factories import AllocationFactory, ApplicationFactory, RegistrationFactory, call

pytestmark = pytest.mark.django_db

TODAY = date(2025, 12, 31)


def codes(excinfo) -> set[str]:
    return {error.code for error in excinfo.value.error_list}


def activity(day=date(2025, 2, 1), start=time(9, 0), minutes=60, **extra):
    return {
        "date": day,
        "start_time": start,
        "duration_minutes": minutes,
        "work_form": "consultation",
        "attendees": 2,
        "attendee_roles": "huisartsen",
        "subject": "Overleg",
        **extra,
    }


def register(allocation, data):
    return services.register_activity(allocation.psychologist, allocation.pk, data, today=TODAY)


@pytest.fixture
def call3_allocation():
    return AllocationFactory(application=ApplicationFactory(call=call(3), status="approved"))


def test_example_1_call1_quota_is_used_up_by_240_minutes_and_15_more_are_refused():
    allocation = AllocationFactory()
    for day, minutes in ((1, 90), (2, 90), (3, 60)):
        register(allocation, activity(date(2025, 2, day), minutes=minutes))
    assert remaining_minutes(allocation, date(2025, 3, 1)) == 0
    with pytest.raises(ValidationError) as excinfo:
        register(allocation, activity(date(2025, 2, 4), minutes=15))
    assert codes(excinfo) == {"quota_exceeded"}


def test_example_5_theme_intervision_of_three_hours_uses_four_hours_with_prep(call3_allocation):
    registration = register(
        call3_allocation, activity(work_form="theme_intervision", minutes=180, attendees=5)
    )
    assert (registration.prep_minutes, registration.quota_minutes) == (60, 240)
    assert usage_of(call3_allocation).total == 240


def test_refused_registration_is_not_saved(call3_allocation):
    with pytest.raises(ValidationError) as excinfo:
        register(call3_allocation, activity(work_form="workshop", minutes=180, attendees=2))
    assert codes(excinfo) == {"too_few_attendees"}
    assert not Registration.objects.exists()


def test_registration_on_another_psychologists_allocation_is_impossible():
    allocation = AllocationFactory()
    stranger = AllocationFactory().psychologist
    with pytest.raises(Registration.allocation.field.related_model.DoesNotExist):
        services.register_activity(stranger, allocation.pk, activity(), today=TODAY)


def test_overlap_is_checked_across_the_psychologists_allocations(call3_allocation):
    register(call3_allocation, activity(work_form="advice", start=time(10, 0), minutes=60))
    other = AllocationFactory(
        application=ApplicationFactory(
            psychologist=call3_allocation.psychologist, call=call(1), status="approved"
        )
    )
    with pytest.raises(ValidationError) as excinfo:
        register(other, activity(start=time(10, 59), minutes=30))
    assert codes(excinfo) == {"overlap"}


def test_activity_starting_when_another_ends_does_not_overlap():
    allocation = AllocationFactory()
    register(allocation, activity(start=time(9, 0), minutes=60))
    assert register(allocation, activity(start=time(10, 0), minutes=60)).pk


def test_edit_does_not_count_the_registration_itself_against_the_quota():
    allocation = AllocationFactory()
    registration = register(allocation, activity(minutes=240))
    updated = services.update_registration(registration, {"duration_minutes": 200}, today=TODAY)
    assert updated.duration_minutes == 200
    assert remaining_minutes(allocation, date(2025, 3, 1)) == 40


def test_edit_that_exceeds_the_quota_is_refused_and_keeps_the_old_values():
    allocation = AllocationFactory()
    registration = register(allocation, activity(minutes=200))
    with pytest.raises(ValidationError) as excinfo:
        services.update_registration(registration, {"duration_minutes": 241}, today=TODAY)
    assert codes(excinfo) == {"quota_exceeded"}
    registration.refresh_from_db()
    assert registration.duration_minutes == 200


def test_billed_registration_cannot_be_changed():
    registration = RegistrationFactory(is_billed=True)
    with pytest.raises(ValidationError) as excinfo:
        services.update_registration(registration, {"subject": "Nieuw"}, today=TODAY)
    assert codes(excinfo) == {"already_billed"}


def test_billed_registration_cannot_be_deleted():
    registration = RegistrationFactory(is_billed=True)
    with pytest.raises(ValidationError) as excinfo:
        services.delete_registration(registration)
    assert codes(excinfo) == {"already_billed"}
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_deleting_a_registration_returns_its_minutes():
    allocation = AllocationFactory()
    registration = register(allocation, activity(minutes=240))
    services.delete_registration(registration)
    assert remaining_minutes(allocation, date(2025, 3, 1)) == 240


def test_credited_registration_no_longer_counts_against_the_quota():
    allocation = AllocationFactory()
    RegistrationFactory(allocation=allocation, duration_minutes=240, is_credited=True)
    assert remaining_minutes(allocation, date(2025, 3, 1)) == 240


def test_client_consent_is_only_kept_for_co_consult(call3_allocation):
    registration = register(call3_allocation, activity(work_form="advice", client_consent=True))
    assert registration.client_consent is False


def test_example_2_bonus_minutes_used_before_the_bonus_end_extend_the_quota():
    allocation = AllocationFactory(bonus_minutes=120, bonus_until=date(2025, 9, 1))
    register(allocation, activity(date(2025, 3, 10), minutes=60))
    assert remaining_minutes(allocation, date(2025, 9, 1)) == 240
    register(allocation, activity(date(2025, 9, 1), minutes=240))
    with pytest.raises(ValidationError) as excinfo:
        register(allocation, activity(date(2025, 9, 2), minutes=1))
    assert codes(excinfo) == {"quota_exceeded"}
