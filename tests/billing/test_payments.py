"""Payment states and the payment services: mark paid (one and many), undo, refusals with
their codes and boundaries, who may, and the SQL form of the state agreeing with the rule."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from billing.models import Invoice, InvoicePayment
from billing.payment_selectors import run_payments, with_payment_state
from billing.payment_state import (
    PaymentFacts,
    PaymentState,
    annotate,
    facts_of,
    payment_status,
    status_of,
)
from billing.services import credit_notes, runs
from billing.services.payments import mark_paid, mark_paid_bulk, undo_payment
from portal.models import Psychologist
from tests.billing.helpers import register
from tests.factories import NetworkFactory, StaffFactory

MARCH = date(2025, 3, 31)
ISSUED = date(2025, 4, 1)


@pytest.fixture
def staff(network):
    return StaffFactory(networks=[network])


@pytest.fixture
def today():
    return timezone.localdate()


def bill(network):
    return runs.run_billing(network, MARCH, issue_date=ISSUED)


@pytest.fixture
def invoice(network, allocation):
    """3 h (40 + 45 + 95 min) billed in March, issued on 1 April 2025."""
    register(allocation, date(2025, 3, 5), 40)
    register(allocation, date(2025, 3, 12), 45, hour=11)
    register(allocation, date(2025, 3, 19), 95, hour=13)
    return Invoice.objects.get(run=bill(network))


def codes(error: ValidationError) -> list[str]:
    return [item.code for item in error.error_list]


def refused_codes(invoice, paid_on, actor) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        mark_paid(invoice, paid_on=paid_on, actor=actor)
    return codes(refused.value)


def credit(invoice, index):
    item = invoice.items.order_by("registration__date")[index]
    return credit_notes.issue_credit_note(item.registration, reason="fout", issue_date=ISSUED)


# --- The states ------------------------------------------------------------------------


def test_an_issued_invoice_is_to_pay_for_its_whole_amount(invoice, today):
    status = status_of(invoice.pk, today)

    assert (status.state, status.amount_due) == (PaymentState.TO_PAY, Decimal("260.07"))


def test_an_invoice_to_pay_after_its_due_date_is_overdue(invoice):
    assert status_of(invoice.pk, invoice.due_date).overdue is False
    assert status_of(invoice.pk, invoice.due_date + timedelta(days=1)).overdue is True


def test_a_paid_invoice_is_paid_with_its_date_and_never_overdue(invoice, staff, today):
    mark_paid(invoice, paid_on=date(2025, 4, 20), actor=staff)

    status = status_of(invoice.pk, today)
    assert (status.state, status.paid_on, status.amount_due, status.overdue) == (
        PaymentState.PAID,
        date(2025, 4, 20),
        Decimal("0.00"),
        False,
    )


def test_a_partially_credited_invoice_stays_to_pay_less_its_credit_notes(invoice, today):
    note = credit(invoice, 2)  # the 95 minutes

    status = status_of(invoice.pk, today)
    assert status.state == PaymentState.TO_PAY
    assert status.amount_due == invoice.amount + note.amount < invoice.amount


def test_an_invoice_whose_every_registration_is_credited_is_credited(invoice, today):
    for index in range(3):
        credit(invoice, index)

    status = status_of(invoice.pk, today)
    assert (status.state, status.amount_due, status.overdue) == (
        PaymentState.CREDITED,
        Decimal("0.00"),
        False,
    )


def test_a_credit_note_has_no_payment_state(invoice, today):
    note = credit(invoice, 0)

    assert status_of(note.pk, today).state == ""


def test_the_rule_never_leaves_less_than_nothing_due():
    facts = PaymentFacts("invoice", Decimal("86.69"), Decimal("-173.38"), 2, 1, None, None)

    assert payment_status(facts, date(2025, 5, 1)).amount_due == Decimal("0.00")


def test_the_sql_state_agrees_with_the_rule_in_every_state(network, make_allocation, staff, today):
    allocations = [make_allocation() for _ in range(4)]
    for allocation in allocations:
        register(allocation, date(2025, 3, 5), 60)
        register(allocation, date(2025, 3, 6), 60)
    run = bill(network)
    to_pay, paid, partly, credited = [
        Invoice.objects.get(run=run, psychologist=a.psychologist) for a in allocations
    ]
    mark_paid(paid, paid_on=ISSUED, actor=staff)
    credit(partly, 0)
    credit(credited, 0)
    credit(credited, 1)

    seen = set()
    for row in annotate(Invoice.objects.all(), today):
        status = payment_status(facts_of(row), today)
        assert (row.payment_state, row.amount_due, row.is_overdue) == (
            status.state,
            status.amount_due,
            status.overdue,
        )
        seen.add(row.payment_state)
    assert seen == {"", "to_pay", "paid", "credited"}


def test_run_totals_count_each_state(network, make_allocation, staff, today):
    allocations = [make_allocation() for _ in range(3)]
    for allocation in allocations:
        register(allocation, date(2025, 3, 5), 60)
    run = bill(network)
    first, second, _third = run.invoices.order_by("number")
    mark_paid(first, paid_on=ISSUED, actor=staff)
    credit(second, 0)

    totals = {total.state: (total.count, total.due) for total in run_payments(run, today).totals}
    assert totals == {
        "to_pay": (1, Decimal("86.69")),
        "paid": (1, Decimal("0.00")),
        "credited": (1, Decimal("0.00")),
    }


def test_the_list_annotation_costs_one_query(invoice, today, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert [i.payment_state for i in with_payment_state(Invoice.objects.all(), today)] == [
            "to_pay"
        ]


# --- Marking paid and its refusals -----------------------------------------------------


def test_marking_paid_records_the_date_and_who(invoice, staff):
    payment = mark_paid(invoice, paid_on=date(2025, 4, 20), actor=staff)

    assert (payment.paid_on, payment.recorded_by) == (date(2025, 4, 20), staff)


def test_paid_on_the_issue_date_is_accepted(invoice, staff):
    assert mark_paid(invoice, paid_on=invoice.issue_date, actor=staff).paid_on == ISSUED


def test_paid_on_the_day_before_the_issue_date_is_refused(invoice, staff):
    day_before = invoice.issue_date - timedelta(days=1)

    assert refused_codes(invoice, day_before, staff) == ["paid_on_before_issue"]


def test_paid_on_tomorrow_is_refused(invoice, staff, today):
    assert refused_codes(invoice, today + timedelta(days=1), staff) == ["paid_on_in_future"]


def test_paid_on_today_is_accepted(invoice, staff, today):
    assert mark_paid(invoice, paid_on=today, actor=staff).paid_on == today


def test_an_invoice_cannot_be_marked_paid_twice(invoice, staff):
    mark_paid(invoice, paid_on=ISSUED, actor=staff)

    assert refused_codes(invoice, ISSUED, staff) == ["already_paid"]
    assert InvoicePayment.objects.count() == 1


def test_a_credited_invoice_cannot_be_marked_paid(invoice, staff):
    for index in range(3):
        credit(invoice, index)

    assert refused_codes(invoice, ISSUED, staff) == ["invoice_credited"]


def test_an_invoice_with_nothing_left_due_cannot_be_marked_paid(network, allocation, staff):
    # 30 + 30 min bill 1 h; crediting one 30-minute registration reverses that hour.
    register(allocation, date(2025, 3, 5), 30)
    register(allocation, date(2025, 3, 6), 30)
    invoice = Invoice.objects.get(run=bill(network))
    credit(invoice, 0)

    assert refused_codes(invoice, ISSUED, staff) == ["nothing_to_pay"]


def test_a_credit_note_is_not_payable(invoice, staff):
    note = credit(invoice, 0)

    assert refused_codes(note, ISSUED, staff) == ["credit_note_not_payable"]


def test_staff_of_another_network_cannot_mark_paid(invoice):
    outsider = StaffFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")])

    assert refused_codes(invoice, ISSUED, outsider) == ["payment_not_your_network"]
    assert not InvoicePayment.objects.exists()


def test_a_psychologist_cannot_mark_their_own_invoice_paid(invoice):
    assert refused_codes(invoice, ISSUED, invoice.psychologist.user) == ["payment_not_your_network"]


def test_the_date_and_state_refusals_are_reported_together(invoice, staff, today):
    mark_paid(invoice, paid_on=ISSUED, actor=staff)

    assert refused_codes(invoice, today + timedelta(days=1), staff) == [
        "already_paid",
        "paid_on_in_future",
    ]


# --- Many at once ----------------------------------------------------------------------


def test_bulk_pays_the_others_and_reports_the_one_already_paid(network, make_allocation, staff):
    for allocation in [make_allocation() for _ in range(3)]:
        register(allocation, date(2025, 3, 5), 60)
    first, second, third = bill(network).invoices.order_by("number")
    mark_paid(second, paid_on=ISSUED, actor=staff)

    outcome = mark_paid_bulk([third, second, first], paid_on=date(2025, 4, 10), actor=staff)

    assert outcome.paid == [first, third]
    assert [(invoice, len(reasons)) for invoice, reasons in outcome.refused] == [(second, 1)]
    assert "al als betaald gemarkeerd" in outcome.refused[0][1][0]
    assert InvoicePayment.objects.get(invoice=second).paid_on == ISSUED  # left as it was


def test_bulk_refuses_every_invoice_with_its_reason_when_the_date_is_wrong(invoice, staff, today):
    outcome = mark_paid_bulk([invoice], paid_on=today + timedelta(days=1), actor=staff)

    assert outcome.paid == []
    assert [invoice for invoice, _reasons in outcome.refused] == [invoice]
    assert not InvoicePayment.objects.exists()


# --- Undo ------------------------------------------------------------------------------


def test_undoing_a_payment_makes_the_invoice_to_pay_again(invoice, staff, today):
    mark_paid(invoice, paid_on=ISSUED, actor=staff)

    undo_payment(invoice, actor=staff)

    assert status_of(invoice.pk, today).state == PaymentState.TO_PAY


def test_the_history_keeps_the_undone_payment_and_who_undid_it(invoice, staff):
    mark_paid(invoice, paid_on=ISSUED, actor=staff)
    undo_payment(invoice, actor=staff)

    rows = InvoicePayment.history.filter(invoice_id=invoice.pk).order_by("history_id")
    assert [(row.history_type, row.paid_on, row.history_user) for row in rows] == [
        ("+", ISSUED, staff),
        ("-", ISSUED, staff),
    ]


def test_undoing_without_a_payment_is_refused(invoice, staff):
    with pytest.raises(ValidationError) as refused:
        undo_payment(invoice, actor=staff)

    assert codes(refused.value) == ["payment_not_recorded"]


def test_staff_of_another_network_cannot_undo_a_payment(invoice, staff):
    mark_paid(invoice, paid_on=ISSUED, actor=staff)
    outsider = StaffFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")])

    with pytest.raises(ValidationError) as refused:
        undo_payment(invoice, actor=outsider)

    assert codes(refused.value) == ["payment_not_your_network"]
    assert InvoicePayment.objects.filter(invoice=invoice).exists()


# --- The psychologist's cached pages ---------------------------------------------------


def _version(invoice) -> int:
    return Psychologist.objects.get(pk=invoice.psychologist_id).data_version


def test_marking_paid_raises_the_psychologists_data_version(invoice, staff):
    before = _version(invoice)

    mark_paid(invoice, paid_on=ISSUED, actor=staff)

    assert _version(invoice) > before


def test_undoing_a_payment_raises_the_psychologists_data_version(invoice, staff):
    mark_paid(invoice, paid_on=ISSUED, actor=staff)
    before = _version(invoice)

    undo_payment(invoice, actor=staff)

    assert _version(invoice) > before
