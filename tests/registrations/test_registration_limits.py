"""What the registration form checks also holds in the service: an activity lasts at most a
day, has a plausible number of attendees, a start time and its texts, and a date at the
end of the calendar is refused like any date outside the window (no overflow)."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from applications import engine
from registrations import services
from registrations.models import Registration
from tests.factories import AllocationFactory, ApplicationFactory, RegistrationFactory, call

pytestmark = pytest.mark.django_db

TODAY = date(2025, 12, 31)


@pytest.fixture
def allocation():
    """Call 3 (advice has no maximum duration), 2025, its full 48 h."""
    return AllocationFactory(application=ApplicationFactory(call=call(3), status="approved"))


def activity(**extra):
    return {
        "date": date(2025, 3, 3),
        "start_time": time(9, 0),
        "duration_minutes": 60,
        "work_form": "advice",
        "attendees": 3,
        "attendee_roles": "huisartsen",
        "subject": "Overleg",
        **extra,
    }


def refused(allocation, data) -> set[str]:
    with pytest.raises(ValidationError) as excinfo:
        services.register_activity(allocation.psychologist, allocation.pk, data, today=TODAY)
    assert not Registration.objects.exists()
    return {error.code for error in excinfo.value.error_list}


def codes_of(allocation, data) -> set[str]:
    """The refusal codes of registering `data` (empty: registered)."""
    try:
        services.register_activity(allocation.psychologist, allocation.pk, data, today=TODAY)
    except ValidationError as error:
        return {item.code for item in error.error_list}
    return set()


@pytest.mark.parametrize(
    ("minutes", "expected"), [(24 * 60, set()), (24 * 60 + 1, {"longer_than_a_day"})]
)
def test_an_activity_lasts_at_most_a_day_for_every_caller(allocation, minutes, expected):
    assert (
        codes_of(allocation, activity(duration_minutes=minutes, start_time=time(0, 0))) == expected
    )


@pytest.mark.parametrize(("count", "expected"), [(999, set()), (1000, {"too_many_attendees"})])
def test_an_activity_has_at_most_999_attendees(allocation, count, expected):
    assert codes_of(allocation, activity(attendees=count)) == expected


def test_an_activity_without_a_start_time_is_refused(allocation):
    assert refused(allocation, activity(start_time=None)) == {"start_time_required"}


@pytest.mark.parametrize(
    ("name", "code"),
    [("subject", "subject_required"), ("attendee_roles", "attendee_roles_required")],
)
def test_an_activity_without_its_texts_is_refused(allocation, name, code):
    assert refused(allocation, activity(**{name: "  "})) == {code}


@pytest.mark.parametrize(
    ("name", "limit"), [("subject", 255), ("attendee_roles", 255), ("place", 160)]
)
def test_a_text_longer_than_its_column_is_refused(allocation, name, limit):
    assert refused(allocation, activity(**{name: "x" * (limit + 1)})) == {"text_too_long"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [({"subject": ""}, {"subject_required"}), ({"duration_minutes": 30}, set())],
)
def test_an_edit_may_not_clear_a_text_but_leaves_an_old_empty_one_alone(
    allocation, change, expected
):
    registration = RegistrationFactory(
        allocation=allocation, work_form="advice", subject="", date=date(2025, 3, 3)
    )
    try:
        services.update_registration(registration, change, today=TODAY)
    except ValidationError as error:
        assert {item.code for item in error.error_list} == expected
    else:
        assert expected == set()


@pytest.mark.parametrize(
    ("day", "start", "code"),
    [(date(1, 1, 1), time(0, 0), "outside_window"), (date(9999, 12, 31), time(23, 0), "in_future")],
)
def test_a_date_at_the_end_of_the_calendar_is_refused_without_overflow(
    allocation, day, start, code
):
    assert code in refused(allocation, activity(date=day, start_time=start, duration_minutes=120))


def test_two_activities_running_past_the_last_midnight_of_the_calendar_overlap():
    late = engine.Activity(date(9999, 12, 31), time(23, 0), 120, "advice", 3)
    later = engine.Activity(date(9999, 12, 31), time(23, 30), 60, "advice", 3)

    assert engine.overlaps(later, [late])
