"""A weekly series of call-2 presence (registrations.series): each date checked by the
registration service with the hours the dates before it use; the preview keeps nothing;
confirming registers the accepted dates and reports the refused ones."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError

from registrations.models import Registration
from registrations.series import MAX_OCCURRENCES, register_series, weekly_dates
from tests.factories import RegistrationFactory
from tests.registrations.helpers import HOUR, TODAY, activity, allocation_of

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 3, 3)


@pytest.fixture
def allocation():
    return allocation_of(2, granted_minutes=18 * HOUR)


def presence(minutes=2 * HOUR):
    data = activity("presence", minutes, attendees=1, start=time(14, 0))
    del data["date"]
    return data


def series(allocation, last, *, dry_run, data=None):
    return register_series(
        allocation.psychologist,
        allocation.pk,
        data or presence(),
        MONDAY,
        last,
        dry_run=dry_run,
        today=TODAY,
    )


def test_a_series_of_one_day_is_that_day():
    assert weekly_dates(MONDAY, MONDAY) == [MONDAY]


def test_a_series_repeats_every_seven_days_up_to_and_including_the_last_date():
    assert weekly_dates(MONDAY, MONDAY + timedelta(days=14)) == [
        MONDAY,
        MONDAY + timedelta(days=7),
        MONDAY + timedelta(days=14),
    ]
    assert weekly_dates(MONDAY, MONDAY + timedelta(days=13)) == [MONDAY, MONDAY + timedelta(days=7)]


def test_the_preview_registers_nothing(allocation):
    outcomes = series(allocation, MONDAY + timedelta(days=21), dry_run=True)
    assert [o.accepted for o in outcomes] == [True] * 4
    assert not Registration.objects.exists()


def test_the_preview_refuses_the_date_that_overlaps_an_earlier_activity(allocation):
    RegistrationFactory(
        allocation=allocation, date=MONDAY + timedelta(days=7), start_time=time(14, 30)
    )
    outcomes = series(allocation, MONDAY + timedelta(days=14), dry_run=True)
    assert [o.accepted for o in outcomes] == [True, False, True]
    assert "andere activiteit" in outcomes[1].refusals[0]


def test_the_dates_before_count_for_the_quota_of_the_next(allocation):
    outcomes = series(
        allocation, MONDAY + timedelta(days=70), dry_run=True, data=presence(4 * HOUR)
    )
    # 18 h granted, 4 h a week: four weeks fit, the fifth is refused, and so on.
    assert [o.accepted for o in outcomes][:6] == [True, True, True, True, False, False]
    assert "tekort" in outcomes[4].refusals[0]


def test_confirming_registers_the_accepted_dates_and_reports_the_refused(allocation):
    RegistrationFactory(
        allocation=allocation, date=MONDAY + timedelta(days=7), start_time=time(14, 30)
    )
    outcomes = series(allocation, MONDAY + timedelta(days=14), dry_run=False)
    registered = Registration.objects.filter(work_form="presence")
    assert sorted(registered.values_list("date", flat=True)) == [
        MONDAY,
        MONDAY + timedelta(days=14),
    ]
    assert [o.registration_id is not None for o in outcomes] == [True, False, True]


def test_a_series_of_53_weeks_is_allowed(allocation):
    last = MONDAY + timedelta(weeks=MAX_OCCURRENCES - 1)
    assert len(series(allocation, last, dry_run=True)) == MAX_OCCURRENCES


def test_a_series_of_54_weeks_is_refused(allocation):
    with pytest.raises(ValidationError) as error:
        series(allocation, MONDAY + timedelta(weeks=MAX_OCCURRENCES), dry_run=True)
    assert error.value.error_list[0].code == "series_too_long"


def test_a_last_date_before_the_first_is_refused(allocation):
    with pytest.raises(ValidationError) as error:
        series(allocation, MONDAY - timedelta(days=1), dry_run=True)
    assert error.value.error_list[0].code == "series_end_before_start"


def test_a_series_of_another_work_form_is_refused(allocation):
    data = {**presence(), "work_form": "consultation"}
    with pytest.raises(ValidationError) as error:
        series(allocation, MONDAY, dry_run=False, data=data)
    assert error.value.error_list[0].code == "series_presence_only"
