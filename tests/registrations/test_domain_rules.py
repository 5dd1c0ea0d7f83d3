"""The registration rules of docs/rules.md through the services.

Registrations go through `register_activity` on allocations of the seeded calls, so the
seeded work forms, the engine and the quota sums are exercised together (the billing rules
are in tests/billing/test_billing_domain_rules.py). Each test names the rule of docs/rules.md
it proves; boundaries are tested exactly at the limit and one minute over.
"""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from applications.selectors import usage_of
from registrations import services
from registrations.selectors import remaining_minutes
from tests.factories import RegistrationFactory, edition
from tests.registrations.helpers import HOUR, TODAY, activity, allocation_of, register

pytestmark = pytest.mark.django_db

WINDOW_START = date(2025, 1, 1)
WINDOW_END = date(2025, 12, 31)


def codes(excinfo) -> set[str]:
    return {error.code for error in excinfo.value.error_list}


def refused(allocation, data, today=TODAY) -> set[str]:
    with pytest.raises(ValidationError) as excinfo:
        register(allocation, data, today)
    return codes(excinfo)


def used(allocation, minutes: int, day=date(2025, 2, 3)) -> None:
    """Quota already used on the allocation: one earlier row whose quota minutes say so
    (its duration stays within the one-day database limit; usage sums quota minutes)."""
    RegistrationFactory(
        allocation=allocation,
        date=day,
        start_time=time(8, 0),
        duration_minutes=min(minutes, HOUR),
        quota_minutes=minutes,
    )


# --- Window, today, approval ---------------------------------------------------------------


@pytest.mark.parametrize("day", [WINDOW_START, WINDOW_END], ids=["first_day", "last_day"])
def test_registration_on_first_and_last_day_of_window_is_accepted(day):
    assert register(allocation_of(1), activity(day=day)).pk


@pytest.mark.parametrize(
    "day", [date(2024, 12, 31), date(2026, 1, 1)], ids=["day_before_window", "day_after_window"]
)
def test_registration_outside_window_is_refused(day):
    assert refused(allocation_of(1), activity(day=day)) == {"outside_window"}


def test_registration_dated_today_is_accepted():
    assert register(allocation_of(1), activity(day=date(2025, 5, 5)), today=date(2025, 5, 5)).pk


def test_registration_dated_tomorrow_is_refused():
    data = activity(day=date(2025, 5, 6))
    assert refused(allocation_of(1), data, today=date(2025, 5, 5)) == {"in_future"}


def test_registration_on_a_withdrawn_allocation_is_refused():
    assert refused(allocation_of(1, is_active=False), activity()) == {"not_approved"}


def test_edit_moving_a_registration_outside_the_window_is_refused():
    registration = register(allocation_of(1), activity())
    with pytest.raises(ValidationError) as excinfo:
        services.update_registration(registration, {"date": date(2026, 1, 1)}, today=TODAY)
    assert codes(excinfo) == {"outside_window"}


# --- Call 1: 4 h, start bonus of 2 h in the first 6 months ---------------------------------


def test_call1_single_registration_of_exactly_4_hours_is_accepted():
    allocation = allocation_of(1)
    register(allocation, activity(minutes=4 * HOUR))
    assert remaining_minutes(allocation, date(2025, 4, 1)) == 0


def test_call1_single_registration_of_4_hours_and_1_minute_is_refused():
    assert refused(allocation_of(1), activity(minutes=4 * HOUR + 1)) == {"quota_exceeded"}


def test_call1_last_minute_of_the_quota_is_accepted_and_the_next_refused():
    allocation = allocation_of(1)
    used(allocation, 4 * HOUR - 1)
    register(allocation, activity(minutes=1))
    assert refused(allocation, activity(minutes=1, start=time(11, 0))) == {"quota_exceeded"}


def bonus_allocation():
    """Call 1 with the start bonus of a start at the findplace on 2025-03-01."""
    return allocation_of(1, bonus_minutes=2 * HOUR, bonus_until=date(2025, 9, 1))


def test_call1_six_hours_the_day_before_the_bonus_ends_are_accepted():
    register(bonus_allocation(), activity(minutes=6 * HOUR, day=date(2025, 8, 31)))


def test_call1_six_hours_on_the_day_the_bonus_ends_are_refused():
    data = activity(minutes=6 * HOUR, day=date(2025, 9, 1))
    assert refused(bonus_allocation(), data) == {"quota_exceeded"}


def test_call1_four_hours_on_the_day_the_bonus_ends_are_accepted():
    register(bonus_allocation(), activity(minutes=4 * HOUR, day=date(2025, 9, 1)))


def test_example_2_360_minutes_before_the_bonus_end_leave_nothing_afterwards():
    allocation = bonus_allocation()
    register(allocation, activity(minutes=6 * HOUR, day=date(2025, 4, 1)))
    assert remaining_minutes(allocation, date(2025, 9, 1)) == 0
    assert refused(allocation, activity(minutes=1, day=date(2025, 9, 1))) == {"quota_exceeded"}


def test_example_2_bonus_used_before_the_end_adds_at_most_2_hours():
    allocation = bonus_allocation()
    register(allocation, activity(minutes=2 * HOUR, day=date(2025, 4, 1)))
    register(allocation, activity(minutes=4 * HOUR, day=date(2025, 10, 1)))
    assert usage_of(allocation).total == 6 * HOUR
    assert refused(allocation, activity(minutes=1, day=date(2025, 10, 2))) == {"quota_exceeded"}


def test_extra_hours_are_included_in_the_remaining_quota():
    allocation = allocation_of(1, extra_minutes=HOUR)
    used(allocation, 4 * HOUR)
    assert refused(allocation, activity(minutes=HOUR + 1)) == {"quota_exceeded"}
    register(allocation, activity(minutes=HOUR))


def test_over_quota_message_offers_an_extra_hours_request():
    with pytest.raises(ValidationError) as excinfo:
        register(allocation_of(1), activity(minutes=5 * HOUR))
    assert "extra uren" in excinfo.value.messages[0]


# --- Call 2: presence within the granted hours ---------------------------------------------


def test_call2_presence_up_to_the_granted_hours_is_accepted():
    allocation = allocation_of(2, granted_minutes=18 * HOUR)
    used(allocation, 17 * HOUR)
    register(allocation, activity("presence", HOUR, attendees=1))
    assert refused(allocation, activity("presence", 1, start=time(11, 0))) == {"quota_exceeded"}


def test_call2_exclusive_overkophuis_allocation_registers_up_to_96_hours():
    allocation = allocation_of(2, granted_minutes=96 * HOUR, exclusive=True)
    used(allocation, 95 * HOUR)
    assert refused(allocation, activity("presence", HOUR + 1)) == {"quota_exceeded"}
    register(allocation, activity("presence", HOUR))


# --- Calls 3 and 4: work forms, attendees, 2–4 h, +1 h prep ----------------------------------


@pytest.mark.parametrize("number", [3, 4])
@pytest.mark.parametrize("work_form", ["theme_intervision", "workshop"])
@pytest.mark.parametrize(
    ("minutes", "counted"), [(2 * HOUR, 3 * HOUR), (4 * HOUR, 5 * HOUR)], ids=["2h", "4h"]
)
def test_group_work_form_of_2_to_4_hours_counts_one_prep_hour(number, work_form, minutes, counted):
    registration = register(allocation_of(number), activity(work_form, minutes))
    assert (registration.prep_minutes, registration.quota_minutes) == (HOUR, counted)


@pytest.mark.parametrize("number", [3, 4])
@pytest.mark.parametrize("work_form", ["theme_intervision", "workshop"])
@pytest.mark.parametrize(
    ("minutes", "code"), [(2 * HOUR - 1, "too_short"), (4 * HOUR + 1, "too_long")], ids=str
)
def test_group_work_form_outside_2_to_4_hours_is_refused(number, work_form, minutes, code):
    assert refused(allocation_of(number), activity(work_form, minutes)) == {code}


@pytest.mark.parametrize(
    ("number", "work_form"),
    [(3, "case_intervision"), (3, "theme_intervision"), (3, "workshop"), (4, "workshop")],
)
def test_group_work_form_with_2_attendees_is_refused(number, work_form):
    data = activity(work_form, 2 * HOUR, attendees=2)
    assert refused(allocation_of(number), data) == {"too_few_attendees"}


def test_call3_case_intervision_has_no_duration_limit_and_no_prep():
    registration = register(allocation_of(3), activity("case_intervision", 30))
    assert (registration.prep_minutes, registration.quota_minutes) == (0, 30)


@pytest.mark.parametrize("work_form", ["advice", "orientation"])
def test_call3_one_to_one_work_form_needs_one_attendee(work_form):
    allocation = allocation_of(3)
    assert refused(allocation, activity(work_form, 15, attendees=0)) == {"too_few_attendees"}
    assert register(allocation, activity(work_form, 15, attendees=1)).quota_minutes == 15


def test_example_6_call3_co_consult_without_consent_is_refused():
    data = activity("co_consult", 45, attendees=1, client_consent=False)
    assert refused(allocation_of(3), data) == {"consent_required"}


def test_call3_co_consult_with_consent_is_accepted_and_keeps_the_consent():
    data = activity("co_consult", 45, attendees=1, client_consent=True)
    assert register(allocation_of(3), data).client_consent is True


@pytest.mark.parametrize("work_form", ["advice", "orientation", "co_consult", "case_intervision"])
def test_call4_only_allows_theme_intervision_and_workshop(work_form):
    data = activity(work_form, 2 * HOUR, client_consent=True)
    assert refused(allocation_of(4), data) == {"work_form_not_allowed"}


def test_call3_workshop_whose_prep_ends_exactly_at_48_hours_is_accepted():
    allocation = allocation_of(3)
    used(allocation, 45 * HOUR)
    register(allocation, activity("workshop", 2 * HOUR))
    assert usage_of(allocation).total == 48 * HOUR


def test_call3_workshop_whose_prep_passes_48_hours_by_1_minute_is_refused():
    allocation = allocation_of(3)
    used(allocation, 45 * HOUR + 1)
    assert refused(allocation, activity("workshop", 2 * HOUR)) == {"quota_exceeded"}


def test_example_8_call4_two_4_hour_workshops_use_10_hours_and_a_third_is_refused():
    allocation = allocation_of(4)
    register(allocation, activity("workshop", 4 * HOUR, day=date(2025, 3, 3)))
    register(allocation, activity("theme_intervision", 4 * HOUR, day=date(2025, 3, 4)))
    assert usage_of(allocation).total == 10 * HOUR
    data = activity("workshop", 2 * HOUR, day=date(2025, 3, 5))
    assert refused(allocation, data) == {"quota_exceeded"}


def test_call4_prep_hour_not_counted_when_the_call_setting_is_off():
    seeded = edition(4)
    seeded.prep_counts_against_quota = False
    seeded.save()
    allocation = allocation_of(4)
    used(allocation, 6 * HOUR)
    registration = register(allocation, activity("workshop", 4 * HOUR))
    assert (registration.prep_minutes, registration.quota_minutes) == (HOUR, 4 * HOUR)


# --- No two registrations of one psychologist overlap in time --------------------------------


def test_edit_that_creates_an_overlap_is_refused():
    allocation = allocation_of(1)
    register(allocation, activity(minutes=60, start=time(9, 0)))
    later = register(allocation, activity(minutes=60, start=time(10, 0)))
    with pytest.raises(ValidationError) as excinfo:
        services.update_registration(later, {"start_time": time(9, 59)}, today=TODAY)
    assert codes(excinfo) == {"overlap"}


def test_same_time_on_another_day_does_not_overlap():
    allocation = allocation_of(1)
    register(allocation, activity(minutes=60, day=date(2025, 3, 3)))
    assert register(allocation, activity(minutes=60, day=date(2025, 3, 4))).pk


def test_activity_past_midnight_overlaps_one_early_the_next_day():
    allocation = allocation_of(3)
    register(allocation, activity("advice", 2 * HOUR, day=date(2025, 3, 3), start=time(23, 0)))
    data = activity("advice", 30, day=date(2025, 3, 4), start=time(0, 30))
    assert refused(allocation, data) == {"overlap"}


def test_activity_running_past_midnight_overlaps_one_early_the_next_day():
    allocation = allocation_of(3)
    register(allocation, activity("advice", 30, day=date(2025, 3, 4), start=time(0, 30)))
    data = activity("advice", 2 * HOUR, day=date(2025, 3, 3), start=time(23, 0))
    assert refused(allocation, data) == {"overlap"}


def test_activity_ending_at_midnight_leaves_the_next_day_free():
    allocation = allocation_of(3)
    register(allocation, activity("advice", 60, day=date(2025, 3, 3), start=time(23, 0)))
    data = activity("advice", 30, day=date(2025, 3, 4), start=time(0, 0))
    assert register(allocation, data).pk
