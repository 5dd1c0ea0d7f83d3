"""One psychologist's bad data never stops the others being billed; they are billed later."""

from datetime import date

import pytest
from django.db import OperationalError
from django.urls import reverse

from billing.models import BillingRunEvent, FailureReason, Invoice, RunEventKind, RunStatus
from billing.services import batches, execution, runs
from registrations.models import Registration
from tests.billing.helpers import register
from tests.factories import StaffFactory

MARCH = date(2025, 3, 31)


@pytest.fixture
def four_psychologists(make_allocation, monkeypatch):
    """Four psychologists with an hour each in March, billed two per batch."""
    monkeypatch.setattr(execution, "BATCH_SIZE", 2)
    allocations = [make_allocation() for _ in range(4)]
    for allocation in allocations:
        register(allocation, date(2025, 3, 5), 60)
    return sorted((a.psychologist for a in allocations), key=lambda p: p.pk)


def break_invoice_of(monkeypatch, psychologist):
    """The psychologist's invoice INSERT fails in PostgreSQL (a name that does not fit)."""
    real = batches.parties

    def parties(network, payee):
        values = real(network, payee)
        if payee.pk == psychologist.pk:
            values["payee_name"] = "x" * 1000
        return values

    monkeypatch.setattr(batches, "parties", parties)


def bill(network):
    return runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1))


def numbers():
    return list(Invoice.objects.order_by("number").values_list("number", flat=True))


def test_a_psychologist_whose_invoice_fails_does_not_stop_the_others(
    network, four_psychologists, monkeypatch
):
    bad = four_psychologists[1]  # in the first batch, with a later batch to follow
    break_invoice_of(monkeypatch, bad)

    run = bill(network)

    assert run.status == RunStatus.DONE
    assert set(run.invoices.values_list("psychologist", flat=True)) == {
        p.pk for p in four_psychologists if p != bad
    }
    assert numbers() == ["PAKT-2025-00001", "PAKT-2025-00002", "PAKT-2025-00003"]
    assert not Registration.objects.filter(psychologist=bad, is_billed=True).exists()
    assert (run.progress_done, run.progress_total, run.invoice_count) == (4, 4, 3)
    failure = run.failures.get()
    assert (failure.psychologist, failure.reason) == (bad, FailureReason.INVALID_DATA)
    assert "value too long" in failure.detail


def test_run_page_names_the_psychologist_not_billed_with_the_reason_and_what_to_do(
    client, network, four_psychologists, monkeypatch
):
    bad = four_psychologists[0]
    break_invoice_of(monkeypatch, bad)
    run = bill(network)
    client.force_login(StaffFactory(networks=[network]))

    page = client.get(reverse("billing:run_detail", args=[run.pk])).content.decode()

    assert "Niet gefactureerd: 1 psycholoog" in page
    assert bad.name in page
    assert str(FailureReason.INVALID_DATA.label) in page
    assert "Wat te doen:" in page
    assert "opnieuw proberen" in page


def test_runs_list_flags_a_done_run_with_a_psychologist_not_billed(
    client, network, four_psychologists, monkeypatch
):
    break_invoice_of(monkeypatch, four_psychologists[3])
    bill(network)
    client.force_login(StaffFactory(networks=[network]))

    page = client.get(reverse("billing:runs")).content.decode()

    assert "1 niet gefactureerd" in page


def test_starting_the_run_again_bills_only_the_psychologists_it_could_not_bill(
    client,
    network,
    four_psychologists,
    make_allocation,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    bad = four_psychologists[1]
    under_an_hour = make_allocation()
    register(under_an_hour, date(2025, 3, 6), 50)
    with monkeypatch.context() as patch:
        break_invoice_of(patch, bad)
        run = bill(network)
    # Late registrations after the run belong to the next run, not to this retry.
    register(under_an_hour, date(2025, 3, 20), 20, hour=14)
    register(make_allocation(), date(2025, 3, 21), 60)
    client.force_login(StaffFactory(networks=[network]))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("billing:runs"), {"network": network.pk, "month": "2025-03"}, follow=True
        )

    assert "opnieuw geprobeerd" in response.content.decode()
    run.refresh_from_db()
    assert (run.status, run.retrying) == (RunStatus.DONE, False)
    assert not run.failures.exists()
    assert run.invoices.get(number="PAKT-2025-00004").psychologist == bad
    assert numbers() == [f"PAKT-2025-0000{n}" for n in range(1, 5)]
    assert (run.progress_done, run.progress_total, run.invoice_count) == (5, 5, 4)
    assert list(run.events.values_list("kind", flat=True)) == [RunEventKind.RETRY]


def test_a_psychologist_who_fails_again_stays_listed(
    network, four_psychologists, monkeypatch, django_capture_on_commit_callbacks
):
    bad = four_psychologists[2]
    break_invoice_of(monkeypatch, bad)
    run = bill(network)
    first = run.failures.get().failed_at

    with django_capture_on_commit_callbacks(execute=True):
        runs.request_run(network, MARCH)

    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    failure = run.failures.get()
    assert failure.psychologist == bad
    assert failure.failed_at > first
    assert numbers() == ["PAKT-2025-00001", "PAKT-2025-00002", "PAKT-2025-00003"]


def test_a_done_run_without_failures_is_not_started_again(network, four_psychologists):
    run = bill(network)

    assert runs.request_run(network, MARCH) == (run, None)
    assert not BillingRunEvent.objects.exists()


def test_a_lost_database_stops_the_run_instead_of_blaming_each_psychologist(
    network, four_psychologists, monkeypatch
):
    def connection_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(execution, "bill_psychologists", connection_lost)
    monkeypatch.setattr(execution.connection, "is_usable", lambda: False)

    with pytest.raises(OperationalError):
        bill(network)

    run = network.billing_runs.get()
    assert run.status == RunStatus.FAILED
    assert not run.failures.exists()
