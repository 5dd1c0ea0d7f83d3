"""Billing in batches of psychologists (the benchmark fix) bills exactly as one at a time,
and itemises in SQL exactly the registrations the Python loop used to."""

from datetime import date

import pytest

from billing.models import Invoice, InvoiceItem, InvoiceKind, RunStatus
from billing.services import batches, execution, runs
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


def _items(network, order):
    """Every item of the network's invoices, in id order, by position of the psychologist."""
    return [
        (order.index(psychologist), number.split("-", 1)[1], day, start, *rest)
        for psychologist, number, day, start, *rest in InvoiceItem.objects.filter(
            invoice__network=network
        )
        .order_by("id")
        .values_list(
            "invoice__psychologist_id",
            "invoice__number",
            "registration__date",
            "registration__start_time",
            "kind",
            "minutes",
            "prep_minutes",
        )
    ]


def _bill_two_months(network, monkeypatch, batch_size):
    """Five psychologists with 40..140 min in March and 50..90 min in April, billed."""
    monkeypatch.setattr(execution, "BATCH_SIZE", batch_size)
    allocations = [allocation_in(network) for _ in range(5)]
    for n, allocation in enumerate(allocations):
        # Registered out of date order: items follow the date, not the id.
        register(allocation, date(2025, 3, 20), 20, prep=5 * n, hour=14)
        register(allocation, date(2025, 3, 5), 20 + 25 * n, hour=9)
        register(allocation, date(2025, 4, 7), 50 + 10 * n)
    runs.run_billing(network, MARCH)
    runs.run_billing(network, APRIL)
    order = [a.psychologist_id for a in allocations]
    invoices = [
        (order.index(psychologist), number.split("-", 1)[1], *rest)
        for psychologist, number, *rest in _invoices(network)
    ]
    return invoices, _items(network, order)


def test_batches_issue_the_same_invoices_carries_and_numbers_as_one_at_a_time(network, monkeypatch):
    one_at_a_time = _bill_two_months(network, monkeypatch, 1)

    in_batches = _bill_two_months(NetworkFactory(code="GGADS"), monkeypatch, 3)

    assert in_batches == one_at_a_time
    invoices, items = one_at_a_time
    assert len(invoices) == 9  # the 40-minute psychologist waits until April
    assert len(items) == 15


def test_batch_items_every_billable_registration_of_the_network_and_period_once(
    network, monkeypatch
):
    monkeypatch.setattr(execution, "BATCH_SIZE", 2)
    allocations = [allocation_in(network) for _ in range(3)]
    billed = [
        register(allocations[0], date(2025, 3, 12), 45, prep=15, hour=13),
        register(allocations[0], date(2025, 3, 3), 30),
        register(allocations[1], date(2025, 3, 31), 60),
        register(allocations[2], date(2025, 2, 27), 90),
    ]
    under_an_hour = register(allocation_in(network), date(2025, 3, 4), 50)
    after_period = register(allocations[0], date(2025, 4, 1), 60)
    credited = register(allocations[1], date(2025, 3, 4), 60)
    credited.is_credited = True
    credited.save()
    other = NetworkFactory(code="GGADS")
    elsewhere = AllocationFactory(
        application__psychologist=allocations[0].psychologist, application__network=other
    )
    other_network = register(elsewhere, date(2025, 3, 6), 60)

    runs.run_billing(network, MARCH)

    items = InvoiceItem.objects.order_by("id")
    assert [
        (i.invoice.psychologist_id, i.registration_id, i.kind, i.minutes, i.prep_minutes)
        for i in items
    ] == [
        (r.psychologist_id, r.pk, InvoiceKind.INVOICE, r.duration_minutes, r.prep_minutes)
        for r in (billed[1], billed[0], billed[2], billed[3])
    ]
    assert all(i.invoice.network == network for i in items)
    assert set(Registration.objects.filter(is_billed=True)) == set(billed)
    for waiting in (under_an_hour, after_period, credited, other_network):
        waiting.refresh_from_db()
        assert not waiting.is_billed


def _crash_between_aggregate_and_items(monkeypatch, step, meddle):
    """Run `meddle` right before `step` (the itemising or the marking) of the second batch."""
    real, calls = getattr(batches, step), {"n": 0}

    def meddling(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            meddle()
        return real(*args, **kwargs)

    monkeypatch.setattr(batches, step, meddling)


@pytest.mark.parametrize("step", ["_itemise", "mark_registrations"])
def test_a_registration_that_changes_under_a_batch_rolls_the_batch_back(
    network, monkeypatch, step, caplog
):
    """The counts guard the window between the aggregate and the writes: a registration
    that appears (or gets billed) there, which the psychologist lock normally rules out,
    makes the batch fail as a whole; its psychologists are then billed one at a time."""
    monkeypatch.setattr(execution, "BATCH_SIZE", 2)
    allocations = [allocation_in(network) for _ in range(4)]
    for allocation in allocations:
        register(allocation, date(2025, 3, 5), 60)

    def meddle():
        if step == "_itemise":
            register(allocations[2], date(2025, 3, 6), 30)
        else:
            Registration.objects.filter(psychologist=allocations[3].psychologist).update(
                is_billed=True
            )

    _crash_between_aggregate_and_items(monkeypatch, step, meddle)

    run = runs.run_billing(network, MARCH)

    assert "a batch failed, billing it one by one" in caplog.text
    # The meddling went with the batch; billed one at a time, nobody is left out.
    assert Registration.objects.count() == 4
    assert [n for _p, n, *_rest in _invoices()] == [
        f"PAKT-{run.issue_date.year}-0000{n}" for n in range(1, 5)
    ]
    assert InvoiceItem.objects.count() == 4
    assert Registration.objects.filter(is_billed=True).count() == 4
    assert not run.failures.exists()


class WorkerKilled(BaseException):
    """Stands in for kill -9: no exception handler of the run sees it."""


def test_a_crash_in_a_batch_rolls_back_only_that_batch_and_a_rerun_leaves_no_gap(
    network, monkeypatch
):
    for _ in range(5):
        register(allocation_in(network), date(2025, 3, 5), 60)
    monkeypatch.setattr(execution, "BATCH_SIZE", 2)
    real_mark, calls = batches.mark_registrations, {"n": 0}

    def crash_on_second_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise WorkerKilled
        return real_mark(*args, **kwargs)

    monkeypatch.setattr(batches, "mark_registrations", crash_on_second_batch)
    with pytest.raises(WorkerKilled):
        runs.run_billing(network, MARCH)
    assert Invoice.objects.count() == 2

    run = runs.run_billing(network, MARCH)

    assert run.status == RunStatus.DONE
    year = run.issue_date.year
    assert [n for _p, n, *_rest in _invoices()] == [f"PAKT-{year}-0000{n}" for n in range(1, 6)]
    assert not Registration.objects.billable().exists()
