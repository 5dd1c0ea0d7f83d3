"""Billing dates in a plausible range: a run never bills a period before the first rate, a
rate is neither older than the convention nor far ahead, and a month typed in a filter or
form that the calendar does not have is a form error (never a server error)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from billing.models import BillingRun, Rate
from billing.services import rates, runs
from tests.factories import StaffFactory


def codes(excinfo) -> set[str]:
    return {error.code for error in excinfo.value.error_list}


@pytest.fixture
def staff_client(client, network):
    client.force_login(StaffFactory(networks=[network]))
    return client


@pytest.mark.parametrize("period_end", [date(1, 1, 31), date(2023, 12, 31)])
def test_a_run_for_a_period_before_the_first_rate_is_refused(network, period_end):
    with pytest.raises(ValidationError) as excinfo:
        runs.run_billing(network, period_end)

    assert codes(excinfo) == {"period_before_first_rate"}
    assert not BillingRun.objects.exists()


def test_no_entry_point_bills_a_period_that_ends_after_today(network):
    tomorrow = timezone.localdate() + timedelta(days=1)

    with pytest.raises(ValidationError) as excinfo:
        runs.run_billing(network, tomorrow)

    assert codes(excinfo) == {"period_not_ended"}
    assert not BillingRun.objects.exists()


def test_staff_cannot_start_a_run_for_year_one(staff_client, network):
    response = staff_client.post(
        reverse("billing:runs"), {"network": network.pk, "month": "0001-01"}
    )

    assert response.status_code == 422
    errors = response.context["form"].errors.as_data()["month"]
    assert [error.code for error in errors] == ["period_before_first_rate"]
    assert not BillingRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("effective_from", "rate", "code"),
    [
        (date(9999, 12, 31), Decimal("90.00"), "rate_date_out_of_range"),
        (date(2023, 12, 1), Decimal("90.00"), "rate_date_out_of_range"),
        (date(2026, 1, 1), Decimal("0"), "rate_out_of_range"),
        (date(2026, 1, 1), Decimal("-5"), "rate_out_of_range"),
    ],
)
def test_an_implausible_rate_is_refused_by_the_service(effective_from, rate, code):
    with pytest.raises(ValidationError) as excinfo:
        rates.add_rate(effective_from, rate)

    assert codes(excinfo) == {code}
    assert Rate.objects.count() == 1


@pytest.mark.parametrize("period", ["99999-01", "0-1", "10000-1", "0000-01"])
def test_an_invoice_period_the_calendar_does_not_have_is_a_filter_error(staff_client, period):
    response = staff_client.get(reverse("billing:invoices"), {"period": period})

    assert response.status_code == 200
    errors = response.context["filter"].form.errors.as_data()["period"]
    assert [error.code for error in errors] == ["invalid_month"]


def test_a_rate_far_ahead_is_refused_at_its_date_field_keeping_the_input(staff_client, network):
    response = staff_client.post(
        reverse("billing:network_rates", args=[network.pk]),
        {"effective_from": "9999-12-31", "hourly_rate": "88.12"},
    )

    assert response.status_code == 422
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["effective_from"]] == ["rate_date_out_of_range"]
    assert form["effective_from"].value() == "9999-12-31"
    assert Rate.objects.count() == 1
