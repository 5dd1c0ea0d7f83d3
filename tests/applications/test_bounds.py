"""Plausible ranges (applications/engine/bounds.py): each bound exactly at its limit and one over,
and the services that refuse a value outside it whatever the entry point."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications import services
from applications.engine import bounds
from applications.models import Allocation
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    CoordinatorFactory,
    PsychologistFactory,
    call,
    edition,
)

TODAY = date(2026, 6, 15)


def codes(refusals) -> set[str]:
    return {refusal.code for refusal in refusals}


def error_codes(excinfo) -> set[str]:
    return {error.code for error in excinfo.value.error_list}


# --- The bounds themselves (no database) ----------------------------------------------


@pytest.mark.parametrize(
    ("start", "refused"),
    [
        (date(2024, 1, 1), False),
        (date(2023, 12, 31), True),
        (TODAY + timedelta(days=366), False),
        (TODAY + timedelta(days=367), True),
        (date(1, 1, 1), True),
        (date(9999, 12, 31), True),
    ],
)
def test_start_dates_run_from_the_convention_to_a_year_ahead(start, refused):
    assert codes(bounds.start_date_refusals(start, TODAY)) == (
        {"start_out_of_range"} if refused else set()
    )


@pytest.mark.parametrize(
    ("day", "refused"),
    [
        (date(2000, 1, 1), False),
        (date(1999, 12, 31), True),
        (date(2028, 6, 15), False),
        (date(2028, 6, 16), True),
    ],
)
def test_findplace_start_dates_run_from_2000_to_two_years_ahead(day, refused):
    assert codes(bounds.findplace_start_refusals(day, TODAY)) == (
        {"findplace_start_out_of_range"} if refused else set()
    )


@pytest.mark.parametrize(
    ("day", "refused"),
    [
        (date(2024, 1, 1), False),
        (date(2023, 12, 31), True),
        (date(2028, 6, 15), False),
        (date(2028, 6, 16), True),
    ],
)
def test_next_evaluation_dates_run_from_the_convention_to_two_years_ahead(day, refused):
    assert codes(bounds.evaluation_date_refusals(day, TODAY)) == (
        {"evaluation_date_out_of_range"} if refused else set()
    )


@pytest.mark.parametrize(
    ("day", "rate", "expected"),
    [
        (date(2024, 1, 1), Decimal("86.69"), set()),
        (date(2023, 12, 31), Decimal("86.69"), {"rate_date_out_of_range"}),
        (date(2028, 6, 15), Decimal("86.69"), set()),
        (date(2028, 6, 16), Decimal("86.69"), {"rate_date_out_of_range"}),
        (date(9999, 12, 31), Decimal("86.69"), {"rate_date_out_of_range"}),
        (date(2026, 1, 1), Decimal("500.00"), set()),
        (date(2026, 1, 1), Decimal("500.01"), {"rate_out_of_range"}),
        (date(2026, 1, 1), Decimal("0.01"), set()),
        (date(2026, 1, 1), Decimal("0"), {"rate_out_of_range"}),
    ],
)
def test_rates_start_from_the_convention_up_to_two_years_ahead_at_a_plausible_price(
    day, rate, expected
):
    assert codes(bounds.rate_refusals(day, rate, TODAY)) == expected


@pytest.mark.parametrize(
    ("period_end", "refused"),
    [(date(2024, 1, 1), False), (date(2023, 12, 31), True), (date(1, 1, 31), True)],
)
def test_a_billing_period_ends_on_or_after_the_first_rate(period_end, refused):
    assert codes(bounds.period_end_refusals(period_end, date(2024, 1, 1))) == (
        {"period_before_first_rate"} if refused else set()
    )


@pytest.mark.parametrize(
    ("period_end", "last", "refused"),
    [(date(2026, 6, 14), date(2026, 6, 14), False), (date(2026, 6, 15), date(2026, 6, 14), True)],
)
def test_a_billing_period_is_over_on_its_last_allowed_day(period_end, last, refused):
    assert codes(bounds.period_over_refusals(period_end, last)) == (
        {"period_not_ended"} if refused else set()
    )


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"weekly_individual_minutes": 3600}, None),
        ({"weekly_individual_minutes": 3601}, "weekly_hours_out_of_range"),
        ({"weekly_individual_minutes": -1}, "weekly_hours_out_of_range"),
        ({"group_trajectories": 100}, None),
        ({"group_trajectories": 101}, "group_trajectories_out_of_range"),
        ({"group_trajectories": -1}, "group_trajectories_out_of_range"),
    ],
)
def test_the_offer_at_a_findplace_is_a_plausible_week_and_year(answers, code):
    assert codes(bounds.application_refusals(answers, TODAY)) == ({code} if code else set())


@pytest.mark.parametrize(
    ("minutes", "refused"), [(1, False), (0, True), (12_000, False), (12_001, True)]
)
def test_extra_hours_are_at_most_two_hundred(minutes, refused):
    assert codes(bounds.extra_minutes_refusals(minutes)) == (
        {"extra_hours_out_of_range"} if refused else set()
    )


# --- Services: every entry point obeys them --------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("start", [date(1, 1, 1), date(2023, 12, 31), date(9999, 12, 31)])
def test_approval_from_an_implausible_start_date_is_refused(start):
    application = ApplicationFactory()
    coordinator = CoordinatorFactory(networks=[application.network])

    with pytest.raises(ValidationError) as excinfo:
        services.approve_application(
            application, actor=coordinator, granted_minutes=240, start_date=start
        )

    assert error_codes(excinfo) == {"start_out_of_range"}
    assert not Allocation.objects.exists()


@pytest.mark.django_db
def test_approval_from_the_convention_start_is_granted():
    application = ApplicationFactory()
    coordinator = CoordinatorFactory(networks=[application.network])

    allocation = services.approve_application(
        application, actor=coordinator, granted_minutes=240, start_date=date(2024, 1, 1)
    )

    assert (allocation.window_start, allocation.window_end) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )


def draft(number=1, **answers):
    psychologist = PsychologistFactory()
    data = {"start_date": date(2025, 1, 1), "requested_minutes": edition(number).quota_minutes}
    return services.save_draft(psychologist, call(number), data | answers)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"start_date": date(1, 1, 1)}, "start_out_of_range"),
        ({"findplace_start_date": date(9999, 12, 31)}, "findplace_start_out_of_range"),
        ({"agreement": {"next_evaluation_date": date(1, 1, 1)}}, "evaluation_date_out_of_range"),
        ({"requested_minutes": 0}, "requested_out_of_range"),
        ({"weekly_individual_minutes": 10**9}, "weekly_hours_out_of_range"),
        ({"group_trajectories": 40_000}, "group_trajectories_out_of_range"),
    ],
)
def test_a_draft_with_an_implausible_answer_is_refused(answers, code):
    with pytest.raises(ValidationError) as excinfo:
        draft(**answers)
    assert error_codes(excinfo) == {code}


@pytest.mark.django_db
def test_requested_hours_are_at_most_the_calls_largest_quota():
    exception = edition(2).exception_quota_minutes

    assert draft(2, requested_minutes=exception).requested_minutes == exception
    with pytest.raises(ValidationError) as excinfo:
        draft(2, requested_minutes=exception + 1)
    assert error_codes(excinfo) == {"requested_out_of_range"}


@pytest.mark.django_db
def test_extra_hours_above_two_hundred_are_refused_by_the_service():
    allocation = AllocationFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.request_extra_hours(
            allocation, actor=allocation.psychologist.user, minutes=12_001, motivation="Veel"
        )

    assert error_codes(excinfo) == {"extra_hours_out_of_range"}


@pytest.mark.django_db
def test_negative_extra_hours_cannot_be_granted():
    allocation = AllocationFactory()
    request = services.request_extra_hours(
        allocation, actor=allocation.psychologist.user, minutes=120, motivation="Veel"
    )
    coordinator = CoordinatorFactory(networks=[allocation.network])

    with pytest.raises(ValidationError) as excinfo:
        services.decide_extra_hours(request, actor=coordinator, granted_minutes=-60)

    assert error_codes(excinfo) == {"hours_above_max"}
    allocation.refresh_from_db()
    assert allocation.extra_minutes == 0


@pytest.mark.django_db
def test_the_live_check_reports_an_implausible_start_date():
    psychologist = PsychologistFactory()
    refusals = services.preview_refusals(
        psychologist, call(1), {"start_date": timezone.localdate() + timedelta(days=400)}
    )
    assert codes(refusals) == {"start_out_of_range"}
