"""Two billing runs started at once on PostgreSQL bill every registration exactly once."""

from datetime import date

import pytest

from billing.models import BillingRun, Invoice, RunStatus
from billing.services import batches, rates, runs
from registrations.models import Registration
from tests.billing.helpers import register
from tests.concurrency import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MARCH = date(2025, 3, 31)


def test_two_runs_started_at_once_bill_once(network, make_allocation):
    for minutes in (60, 75, 130, 200, 61):
        register(make_allocation(), date(2025, 3, 5), minutes)

    errors = run_at_once([lambda: runs.run_billing(network, MARCH)] * 2)

    assert errors == [None, None]
    run = BillingRun.objects.get()
    assert run.status == RunStatus.DONE
    assert Invoice.objects.count() == 5
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [
        f"PAKT-{run.issue_date.year}-0000{n}" for n in range(1, 6)
    ]
    assert not Registration.objects.billable().exists()


def test_two_executors_past_the_run_lock_still_invoice_a_psychologist_once(network, allocation):
    """The psychologist lock and the constraints hold even without the per-run lock."""
    register(allocation, date(2025, 3, 5), 90)
    run = runs.start_run(network, MARCH)
    unit_price = rates.rate_on(network, MARCH)

    errors = run_at_once(
        [lambda: batches.bill_psychologists(run, [allocation.psychologist_id], unit_price)] * 2
    )

    assert errors == [None, None]
    assert Invoice.objects.get().number.endswith("-00001")
