"""A month's billing run starts once its registrations are closed (docs/month-closing.md):
staff and the nightly task alike."""

from datetime import date
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from billing.models import BillingRun
from billing.services import runs
from billing.tasks import run_monthly_billing
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db

MARCH_END = date(2025, 3, 31)


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT", registration_closing_day=10)


def on(day: date):
    return mock.patch.object(timezone, "localdate", return_value=day)


def test_a_run_of_a_month_still_open_is_refused_with_its_last_open_day(network):
    with on(date(2025, 4, 10)), pytest.raises(ValidationError) as error:
        runs.start_run(network, MARCH_END)
    assert [item.code for item in error.value.error_list] == ["month_not_closed"]
    assert "10/04/2025" in error.value.messages[0]


def test_the_run_starts_the_day_after_the_closing_day(network):
    with on(date(2025, 4, 11)):
        assert runs.start_run(network, MARCH_END).pk


def test_a_network_without_closing_day_bills_a_month_once_it_is_over(network):
    network.registration_closing_day = None
    network.save()
    with on(date(2025, 4, 1)):
        assert runs.start_run(network, MARCH_END).pk


@pytest.mark.parametrize(
    ("today", "period_end"),
    [(date(2025, 4, 10), date(2025, 2, 28)), (date(2025, 4, 11), MARCH_END)],
)
def test_the_nightly_task_starts_the_run_of_the_last_closed_month(network, today, period_end):
    with on(today), mock.patch.object(runs, "enqueue_run"):
        run_monthly_billing()
    assert list(BillingRun.objects.values_list("period_end", flat=True)) == [period_end]


def test_the_nightly_task_starts_each_month_once(network):
    with on(date(2025, 4, 11)), mock.patch.object(runs, "enqueue_run") as enqueue:
        run_monthly_billing()
        run_monthly_billing()
    assert enqueue.call_count == 1
    assert BillingRun.objects.count() == 1
