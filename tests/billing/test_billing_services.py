"""Billing rules through the services: pooling, whole hours, carry, rates, numbering, locks
and credit notes (the arithmetic alone: test_billing_arithmetic.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from billing.models import BillingRun, Invoice, InvoiceKind, Rate, RunStatus
from billing.services import batches, credit_notes, execution, runs
from registrations.models import Registration
from registrations.services import delete_registration, update_registration
from tests.billing.helpers import register
from tests.factories import NetworkFactory, PsychologistFactory

MARCH = date(2025, 3, 31)
APRIL = date(2025, 4, 30)
ISSUED = date(2025, 4, 1)


def bill(network, period_end, **kwargs):
    kwargs.setdefault("issue_date", period_end)
    return runs.run_billing(network, period_end, **kwargs)


def invoice_of(allocation, run):
    return Invoice.objects.get(run=run, psychologist=allocation.psychologist)


# --- Domain example 7 ------------------------------------------------------------------


def test_domain_example_7_march_bills_one_hour_and_carries_55_minutes(network, allocation):
    for day, minutes in ((3, 40), (10, 30), (20, 45)):
        register(allocation, date(2025, 3, day), minutes)

    run = bill(network, MARCH)

    invoice = invoice_of(allocation, run)
    assert (invoice.hours, invoice.unit_price, invoice.amount) == (
        1,
        Decimal("86.69"),
        Decimal("86.69"),
    )
    assert (invoice.minutes_carried_in, invoice.minutes_carried_out) == (0, 55)
    assert invoice.items.count() == 3
    assert not Registration.objects.billable().exists()


def test_domain_example_7_april_uses_the_carry_and_leaves_15_minutes(network, allocation):
    for day, minutes in ((3, 40), (10, 30), (20, 45)):
        register(allocation, date(2025, 3, day), minutes)
    bill(network, MARCH)
    register(allocation, date(2025, 4, 8), 20)

    run = bill(network, APRIL)

    invoice = invoice_of(allocation, run)
    assert (invoice.hours, invoice.amount) == (1, Decimal("86.69"))
    assert (invoice.minutes_carried_in, invoice.minutes_carried_out) == (55, 15)


# --- Run rules -------------------------------------------------------------------------


def test_registration_dated_after_period_end_waits_for_next_run(network, allocation):
    register(allocation, date(2025, 3, 5), 60)
    late = register(allocation, date(2025, 4, 2), 60)

    run = bill(network, MARCH)

    assert invoice_of(allocation, run).hours == 1
    late.refresh_from_db()
    assert not late.is_billed
    assert invoice_of(allocation, bill(network, APRIL)).hours == 1


def test_late_registration_of_an_earlier_month_lands_in_the_next_run(network, allocation):
    register(allocation, date(2025, 3, 5), 60)
    bill(network, MARCH)
    register(allocation, date(2025, 3, 28), 60)  # registered after the March run

    invoice = invoice_of(allocation, bill(network, APRIL))

    assert invoice.hours == 1
    assert invoice.items.get().registration.date == date(2025, 3, 28)


def test_prep_hour_is_billed_as_a_whole_hour(network, allocation):
    register(allocation, date(2025, 3, 5), 150, prep=60, work_form="workshop")

    invoice = invoice_of(allocation, bill(network, MARCH))

    assert (invoice.hours, invoice.minutes_carried_out) == (3, 30)
    item = invoice.items.get()
    assert (item.minutes, item.prep_minutes) == (150, 60)


def test_pool_spans_all_calls_of_the_psychologist_in_the_network(network, make_allocation):
    first = make_allocation()
    second = make_allocation(psychologist=first.psychologist)
    register(first, date(2025, 3, 5), 30)
    register(second, date(2025, 3, 6), 30)

    invoice = invoice_of(first, bill(network, MARCH))

    assert (invoice.hours, invoice.items.count()) == (1, 2)


def test_pool_is_separate_per_network(network, make_allocation):
    other = NetworkFactory(code="ADS", name="GG ADS")
    psychologist = PsychologistFactory(networks=[network, other])
    here = make_allocation(psychologist=psychologist)
    there = make_allocation(psychologist=psychologist, net=other)
    register(here, date(2025, 3, 5), 40)
    register(there, date(2025, 3, 6), 40)

    run = bill(network, MARCH)

    assert not run.invoices.exists()
    assert Registration.objects.billable().count() == 2


def test_under_an_hour_gives_no_invoice_and_the_minutes_wait(network, allocation):
    registration = register(allocation, date(2025, 3, 5), 45)

    run = bill(network, MARCH)

    assert run.status == RunStatus.DONE and not run.invoices.exists()
    registration.refresh_from_db()
    assert not registration.is_billed
    register(allocation, date(2025, 4, 5), 20)
    invoice = invoice_of(allocation, bill(network, APRIL))
    assert (invoice.hours, invoice.minutes_carried_out, invoice.items.count()) == (1, 5, 2)


def test_run_only_bills_its_own_network(network, allocation, make_allocation):
    other_network = NetworkFactory(code="ADS", name="GG ADS")
    elsewhere = make_allocation(net=other_network)
    register(allocation, date(2025, 3, 5), 60)
    register(elsewhere, date(2025, 3, 5), 60)

    run = bill(network, MARCH)

    assert run.invoices.get().psychologist == allocation.psychologist
    assert Registration.objects.billable().get().allocation == elsewhere


def test_credited_registrations_are_not_billed(network, allocation):
    registration = register(allocation, date(2025, 3, 5), 60)
    Registration.objects.filter(pk=registration.pk).update(is_credited=True)

    assert not bill(network, MARCH).invoices.exists()


def test_run_totals_and_progress(network, make_allocation):
    for minutes in (60, 120, 30):
        register(make_allocation(), date(2025, 3, 5), minutes)

    run = bill(network, MARCH)

    assert (run.invoice_count, run.total_hours, run.total_amount) == (2, 3, Decimal("260.07"))
    assert (run.progress_done, run.progress_total) == (3, 3)
    assert run.period_start == date(2025, 3, 1)


def test_invoice_keeps_payer_and_payee_as_issued(network, allocation):
    psychologist = allocation.psychologist
    psychologist.iban = "BE68539007547034"
    psychologist.save()
    register(allocation, date(2025, 3, 5), 60)
    invoice = invoice_of(allocation, bill(network, MARCH))

    psychologist.iban = "BE00000000000000"
    psychologist.save()

    invoice.refresh_from_db()
    assert invoice.payee_iban == "BE68539007547034"
    assert invoice.payer_name == "Het PAKT"
    assert invoice.lines.get().pseudocode == "726994"


# --- Rates -----------------------------------------------------------------------------


def test_rate_in_force_on_the_last_day_of_the_period_is_used(network, allocation):
    Rate.objects.create(effective_from=date(2025, 3, 31), hourly_rate=Decimal("90.00"))
    register(allocation, date(2025, 3, 5), 120)

    invoice = invoice_of(allocation, bill(network, MARCH))

    assert (invoice.unit_price, invoice.amount) == (Decimal("90.00"), Decimal("180.00"))


def test_rate_starting_after_the_period_end_is_not_used(network, allocation):
    Rate.objects.create(effective_from=date(2025, 4, 1), hourly_rate=Decimal("90.00"))
    register(allocation, date(2025, 3, 5), 60)

    assert invoice_of(allocation, bill(network, MARCH)).unit_price == Decimal("86.69")


def test_run_without_a_rate_fails_and_bills_nothing(network, allocation):
    Rate.objects.all().delete()
    register(allocation, date(2025, 3, 5), 60)

    with pytest.raises(ValidationError) as error:
        bill(network, MARCH)

    assert error.value.code == "no_rate"
    assert BillingRun.objects.get().status == RunStatus.FAILED
    assert Registration.objects.billable().count() == 1


# --- Numbering -------------------------------------------------------------------------


def test_numbers_are_gapless_per_network(network, make_allocation):
    for _ in range(3):
        register(make_allocation(), date(2025, 3, 5), 60)

    run = bill(network, MARCH, issue_date=date(2025, 4, 1))

    assert sorted(run.invoices.values_list("number", flat=True)) == [
        "PAKT-2025-00001",
        "PAKT-2025-00002",
        "PAKT-2025-00003",
    ]


def test_each_network_has_its_own_sequence(network, make_allocation):
    other = NetworkFactory(code="ADS", name="GG ADS")
    register(make_allocation(), date(2025, 3, 5), 60)
    register(make_allocation(net=other), date(2025, 3, 5), 60)

    bill(network, MARCH)
    bill(other, MARCH)

    assert set(Invoice.objects.values_list("number", flat=True)) == {
        "PAKT-2025-00001",
        "ADS-2025-00001",
    }


def test_numbering_restarts_at_00001_in_a_new_year(network, allocation):
    register(allocation, date(2025, 11, 5), 60)
    bill(network, date(2025, 11, 30), issue_date=date(2025, 12, 1))
    register(allocation, date(2025, 12, 5), 60)

    run = bill(network, date(2025, 12, 31), issue_date=date(2026, 1, 2))

    assert invoice_of(allocation, run).number == "PAKT-2026-00001"


# --- Locks and immutability ------------------------------------------------------------


def test_billed_registration_cannot_be_changed(network, allocation):
    registration = register(allocation, date(2025, 3, 5), 60)
    bill(network, MARCH)
    registration.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        update_registration(registration, {"subject": "ander onderwerp"}, today=date(2025, 6, 1))

    assert error.value.error_list[0].code == "already_billed"


def test_billed_registration_cannot_be_deleted(network, allocation):
    registration = register(allocation, date(2025, 3, 5), 60)
    bill(network, MARCH)
    registration.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        delete_registration(registration)

    assert error.value.error_list[0].code == "already_billed"


def test_issued_invoice_cannot_be_saved_again_or_deleted(network, allocation):
    register(allocation, date(2025, 3, 5), 60)
    invoice = invoice_of(allocation, bill(network, MARCH))

    invoice.amount = Decimal("1.00")
    with pytest.raises(ValidationError):
        invoice.save()
    with pytest.raises(ValidationError):
        invoice.delete()
    invoice.refresh_from_db()
    assert invoice.amount == Decimal("86.69")


# --- Credit notes ----------------------------------------------------------------------


@pytest.fixture
def march_invoice(network, allocation):
    """Domain example 7: 40 + 30 + 45 min billed as 1 h, 55 min carried."""
    for day, minutes in ((3, 40), (10, 30), (20, 45)):
        register(allocation, date(2025, 3, day), minutes)
    return invoice_of(allocation, bill(network, MARCH))


def test_credit_note_takes_the_next_number_of_the_sequence(march_invoice):
    registration = march_invoice.items.first().registration

    note = credit_notes.issue_credit_note(registration, reason="dubbel", issue_date=ISSUED)

    assert note.number == "PAKT-2025-00002"
    assert note.kind == InvoiceKind.CREDIT_NOTE
    assert note.credited_invoice == march_invoice


def test_credit_note_returns_the_minutes_to_the_quota(march_invoice):
    registration = march_invoice.items.get(minutes=45).registration

    credit_notes.issue_credit_note(registration, reason="fout", issue_date=ISSUED)

    registration.refresh_from_db()
    assert registration.is_credited
    assert not Registration.objects.counting().filter(pk=registration.pk).exists()


def test_credit_note_absorbed_by_the_carry_is_for_zero_hours(march_invoice):
    registration = march_invoice.items.get(minutes=45).registration

    note = credit_notes.issue_credit_note(registration, reason="fout", issue_date=ISSUED)

    assert (note.hours, note.amount) == (0, Decimal("0.00"))
    assert (note.minutes_carried_in, note.minutes_carried_out) == (55, 10)


def test_credit_note_reverses_whole_hours_beyond_the_carry(network, allocation):
    registration = register(allocation, date(2025, 3, 5), 120)
    register(allocation, date(2025, 3, 6), 15)
    invoice = invoice_of(allocation, bill(network, MARCH))  # 135 → 2 h, 15 carried

    note = credit_notes.issue_credit_note(registration, reason="fout", issue_date=ISSUED)

    assert (note.hours, note.amount, note.minutes_carried_out) == (-2, Decimal("-173.38"), 15)
    assert note.lines.get().amount == Decimal("-173.38")
    assert invoice.unit_price == note.unit_price


def test_next_run_starts_from_the_credit_notes_carry(march_invoice, network, allocation):
    credit_notes.issue_credit_note(
        march_invoice.items.get(minutes=45).registration, reason="fout", issue_date=ISSUED
    )
    register(allocation, date(2025, 4, 2), 50)

    invoice = invoice_of(allocation, bill(network, APRIL))

    assert (invoice.minutes_carried_in, invoice.hours, invoice.minutes_carried_out) == (10, 1, 0)


def test_credit_note_accepts_the_invoice_item(march_invoice):
    item = march_invoice.items.get(minutes=30)

    note = credit_notes.issue_credit_note(item, reason="fout", issue_date=ISSUED)

    assert note.items.get().registration == item.registration


def test_registration_cannot_be_credited_twice(march_invoice):
    registration = march_invoice.items.first().registration
    credit_notes.issue_credit_note(registration, reason="fout", issue_date=ISSUED)

    with pytest.raises(ValidationError) as error:
        credit_notes.issue_credit_note(registration, reason="nog eens", issue_date=ISSUED)

    assert error.value.code == "already_credited"


def test_unbilled_registration_cannot_be_credited(allocation):
    registration = register(allocation, date(2025, 3, 5), 60)

    with pytest.raises(ValidationError) as error:
        credit_notes.issue_credit_note(registration, reason="fout")

    assert error.value.code == "not_billed"


# --- Idempotency -----------------------------------------------------------------------


def _snapshot():
    return list(
        Invoice.objects.order_by("number").values_list(
            "number", "psychologist_id", "hours", "amount", "minutes_carried_out"
        )
    )


def test_running_a_period_twice_gives_identical_invoices(network, make_allocation):
    for minutes in (60, 95, 130):
        register(make_allocation(), date(2025, 3, 5), minutes)
    bill(network, MARCH)
    before = _snapshot()

    again = bill(network, MARCH)

    assert _snapshot() == before
    assert BillingRun.objects.count() == 1
    assert again.status == RunStatus.DONE


class WorkerKilled(BaseException):
    """Stands in for kill -9: no exception handler of the run sees it."""


def test_rerun_after_a_crash_halfway_completes_without_duplicates_or_gaps(
    network, make_allocation, monkeypatch
):
    for _ in range(4):
        register(make_allocation(), date(2025, 3, 5), 60)
    real_mark = batches.mark_registrations
    calls = {"n": 0}

    def crash_on_second(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise WorkerKilled
        return real_mark(*args, **kwargs)

    monkeypatch.setattr(execution, "BATCH_SIZE", 1)  # one psychologist per transaction
    monkeypatch.setattr(batches, "mark_registrations", crash_on_second)
    with pytest.raises(WorkerKilled):
        bill(network, MARCH)
    run = BillingRun.objects.get()
    assert (run.status, run.invoices.count()) == (RunStatus.RUNNING, 1)

    run = bill(network, MARCH)

    assert run.status == RunStatus.DONE
    assert sorted(run.invoices.values_list("number", flat=True)) == [
        f"PAKT-2025-0000{n}" for n in range(1, 5)
    ]
    assert not Registration.objects.billable().exists()
    assert (run.progress_done, run.progress_total) == (4, 4)


def test_a_month_that_has_not_ended_cannot_be_billed(network):
    with pytest.raises(ValidationError) as excinfo:
        runs.request_run(network, timezone.localdate())
    assert excinfo.value.error_list[0].code == "period_not_ended"
    assert not BillingRun.objects.exists()
