"""Billing in batches of psychologists (the benchmark fix) bills exactly as one at a time."""

from datetime import date

import pytest

from billing import services
from billing.models import Invoice, RunStatus
from registrations.models import Registration
from tests.billing.helpers import register
from tests.factories import AllocationFactory, NetworkFactory, PsychologistFactory

pytestmark = pytest.mark.django_db

MARCH, APRIL = date(2025, 3, 31), date(2025, 4, 30)


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT")


def allocation_in(network):
    psychologist = PsychologistFactory(networks=[network])
    return AllocationFactory(application__psychologist=psychologist, application__network=network)


def _invoices(network=None):
    invoices = Invoice.objects.order_by("number")
    if network is not None:
        invoices = invoices.filter(network=network)
    return list(
        invoices.values_list(
            "psychologist_id", "number", "hours", "minutes_carried_in", "minutes_carried_out"
        )
    )


def _bill_two_months(network, monkeypatch, batch_size):
    """Five psychologists with 40..140 min in March and 50..90 min in April, billed."""
    monkeypatch.setattr(services, "BATCH_SIZE", batch_size)
    allocations = [allocation_in(network) for _ in range(5)]
    for n, allocation in enumerate(allocations):
        register(allocation, date(2025, 3, 5), 40 + 25 * n)
        register(allocation, date(2025, 4, 7), 50 + 10 * n)
    services.run_billing(network, MARCH)
    services.run_billing(network, APRIL)
    order = [a.psychologist_id for a in allocations]
    return [
        (order.index(psychologist), number.split("-", 1)[1], *rest)
        for psychologist, number, *rest in _invoices(network)
    ]


def test_batches_issue_the_same_invoices_carries_and_numbers_as_one_at_a_time(network, monkeypatch):
    one_at_a_time = _bill_two_months(network, monkeypatch, 1)

    in_batches = _bill_two_months(NetworkFactory(code="GGADS"), monkeypatch, 3)

    assert in_batches == one_at_a_time
    assert len(one_at_a_time) == 9  # the 40-minute psychologist waits until April


def test_a_crash_in_a_batch_rolls_back_only_that_batch_and_a_rerun_leaves_no_gap(
    network, monkeypatch
):
    for _ in range(5):
        register(allocation_in(network), date(2025, 3, 5), 60)
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    real_mark, calls = services._mark, {"n": 0}

    def crash_on_second_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return real_mark(*args, **kwargs)

    monkeypatch.setattr(services, "_mark", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        services.run_billing(network, MARCH)
    assert Invoice.objects.count() == 2

    run = services.run_billing(network, MARCH)

    assert run.status == RunStatus.DONE
    year = run.issue_date.year
    assert [n for _p, n, *_rest in _invoices()] == [f"PAKT-{year}-0000{n}" for n in range(1, 6)]
    assert not Registration.objects.billable().exists()
