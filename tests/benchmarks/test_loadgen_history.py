"""The load's history is what the portal itself would have left: invoices for every billed
month that itemise exactly the billed registrations, gapless numbers, amounts in Decimal,
consistent credit notes, and the audit, evaluations and support requests of three years."""

from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from django.db.models import Sum
from stdnum.be import ogm_vcs

from applications.models import AgreementEvaluation, Allocation, Application, AuditEntry
from benchmarks import suites
from benchmarks.loadgen import HISTORY_MONTHS, LoadGenerator, Scale
from billing.arithmetic import line_amount
from billing.models import BillingRun, Invoice, InvoiceItem, InvoiceKind, InvoiceSequence, RunStatus
from billing.services.runs import run_billing
from demand.models import RequestState, SupportRequest
from portal.dates import add_months
from portal.models import AccessLogEntry, Network
from registrations.models import Registration

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TODAY = date(2026, 11, 1)
# The last month the history billed: the one before the previous month.
LAST_BILLED_END = date(2026, 9, 30)


@pytest.fixture
def loaded():
    return LoadGenerator(Scale.of(0.002), seed=7, today=TODAY).run()


def months_of_history():
    first = add_months(TODAY, -HISTORY_MONTHS).replace(day=1)
    month = first
    while month <= LAST_BILLED_END:
        yield month
        month = add_months(month, 1)


def test_every_network_has_a_done_run_for_every_billed_month(loaded):
    runs = set(
        BillingRun.objects.filter(status=RunStatus.DONE).values_list("network_id", "period_start")
    )
    expected = {
        (n, m) for n in Network.objects.values_list("pk", flat=True) for m in months_of_history()
    }
    assert runs == expected


def test_invoice_items_cover_exactly_the_billed_registrations(loaded):
    billed = set(Registration.objects.filter(is_billed=True).values_list("pk", "billing_round"))
    itemised = set(
        InvoiceItem.objects.filter(kind=InvoiceKind.INVOICE).values_list("registration_id", "round")
    )
    reversed_ = set(
        InvoiceItem.objects.filter(kind=InvoiceKind.CREDIT_NOTE).values_list(
            "registration_id", "round"
        )
    )
    withdrawn = set(
        Registration.objects.filter(is_billed=True, is_credited=True).values_list(
            "pk", "billing_round"
        )
    )
    assert billed - withdrawn == itemised - reversed_
    assert withdrawn <= reversed_


def test_registrations_left_unbilled_before_the_last_billed_month_stay_under_an_hour(loaded):
    """As a run leaves a pool under an hour (with its carry) for the next run."""
    latest = {}
    for psychologist, carried in Invoice.objects.order_by("id").values_list(
        "psychologist_id", "minutes_carried_out"
    ):
        latest[psychologist] = carried
    waiting = (
        Registration.objects.billable()
        .filter(date__lte=LAST_BILLED_END)
        .values("psychologist_id")
        .annotate(minutes=Sum("quota_minutes"))
    )
    for row in waiting:
        assert latest.get(row["psychologist_id"], 0) + row["minutes"] < 60


def test_hours_and_carry_add_up_to_the_minutes_billed(loaded):
    """(hours billed - hours credited) x 60 + carry = minutes of the billed, uncredited ones."""
    hours = dict(
        Invoice.objects.values("psychologist_id")
        .annotate(total=Sum("hours"))
        .values_list("psychologist_id", "total")
    )
    latest = dict(
        Invoice.objects.order_by("id").values_list("psychologist_id", "minutes_carried_out")
    )
    minutes = dict(
        Registration.objects.filter(is_billed=True, is_credited=False)
        .values("psychologist_id")
        .annotate(total=Sum("quota_minutes"))
        .values_list("psychologist_id", "total")
    )
    assert hours
    for psychologist, total in hours.items():
        assert total * 60 + latest[psychologist] == minutes.get(psychologist, 0)


def test_numbers_are_gapless_per_network_and_year(loaded):
    numbers = defaultdict(list)
    for network, number in Invoice.objects.order_by("id").values_list("network_id", "number"):
        _prefix, year, sequence = number.rsplit("-", 2)
        numbers[(network, int(year))].append(int(sequence))
    assert numbers
    for (network, year), sequence in numbers.items():
        assert sequence == list(range(1, len(sequence) + 1))
        assert InvoiceSequence.objects.get(network_id=network, year=year).last_number == len(
            sequence
        )


def test_amounts_are_whole_hours_at_the_rate_in_decimal(loaded):
    for invoice in Invoice.objects.prefetch_related("lines"):
        assert invoice.amount == line_amount(invoice.hours, invoice.unit_price)
        (line,) = invoice.lines.all()
        assert (line.hours, line.amount) == (invoice.hours, invoice.amount)
        assert ogm_vcs.is_valid(invoice.structured_communication)
        if invoice.kind == InvoiceKind.INVOICE:
            assert invoice.due_date == invoice.issue_date + timedelta(days=30)


def test_credit_notes_reverse_an_item_of_the_invoice_they_name(loaded):
    notes = Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).select_related("credited_invoice")
    assert notes
    for note in notes:
        (item,) = note.items.all()
        original = note.credited_invoice
        assert original.psychologist_id == note.psychologist_id
        assert original.items.filter(registration=item.registration, round=item.round).exists()
        assert note.issue_date > original.issue_date
        registration = item.registration
        withdrawn = registration.is_billed and registration.is_credited
        assert withdrawn or registration.billing_round == item.round + 1


def test_old_invoices_are_mostly_paid(loaded):
    old = Invoice.objects.filter(kind=InvoiceKind.INVOICE, issue_date__lte=TODAY - timedelta(90))
    assert old.filter(payment__isnull=False).count() > 0.9 * old.count()


def test_a_billing_run_of_the_previous_month_continues_the_history(loaded):
    network = Network.objects.order_by("pk").first()
    run = run_billing(network, date(2026, 10, 31))

    assert run.status == RunStatus.DONE
    assert run.invoice_count > 0
    year = run.issue_date.year
    sequences = sorted(
        int(number.rsplit("-", 1)[1])
        for number in Invoice.objects.filter(
            network=network, number__contains=f"-{year}-"
        ).values_list("number", flat=True)
    )
    assert sequences == list(range(1, len(sequences) + 1))


def test_every_application_was_submitted_and_approved(loaded):
    statuses = Counter(
        AuditEntry.objects.filter(action="status").values_list("to_value", flat=True)
    )
    applications = Application.objects.count()
    assert statuses == {"submitted": applications, "approved": applications}


def test_agreements_older_than_a_year_were_evaluated_within_their_window(loaded):
    evaluated = AgreementEvaluation.objects.select_related("agreement__application__allocation")
    assert evaluated
    for evaluation in evaluated:
        allocation = evaluation.agreement.application.allocation
        assert allocation.window_start <= evaluation.held_on <= min(allocation.window_end, TODAY)
        assert evaluation.agreement.next_evaluation_date == evaluation.next_evaluation_date
    old = Allocation.objects.filter(call__number=3, window_end__lt=TODAY - timedelta(30))
    assert (
        old.count()
        == AgreementEvaluation.objects.filter(agreement__application__allocation__in=old).count()
    )


def test_support_requests_fill_the_funnel_and_some_registrations_answer_them(loaded):
    states = set(SupportRequest.objects.values_list("state", flat=True))
    assert {RequestState.DONE, RequestState.MATCHED, RequestState.ANSWERED_OTHERWISE} <= states
    linked = Registration.objects.filter(support_request__isnull=False).select_related(
        "allocation__call", "support_request"
    )
    assert linked
    for registration in linked:
        assert registration.allocation.call.number in (3, 4)
        accepted = registration.support_request.proposals.get(state="accepted")
        assert accepted.psychologist_id == registration.psychologist_id
        assert registration.date >= registration.support_request.matched_at.date()
    assert AccessLogEntry.objects.exists()


def test_registrations_spread_evenly_over_the_three_years(loaded):
    total = Registration.objects.count()
    last_year = Registration.objects.filter(date__gt=TODAY - timedelta(365)).count()
    assert 0.28 < last_year / total < 0.4


@pytest.mark.parametrize("factor", [0.01, 0.1, 0.5, 1, 2, 3])
def test_every_scale_keeps_its_proportions(factor):
    scale = Scale.of(factor)
    assert scale.networks == (32 if factor >= 1 else max(3, round(32 * factor)))
    assert scale.registrations == max(600, round(3_000_000 * factor))
    assert scale.yearly_allocations * 100 <= scale.registrations


def test_the_registration_benchmark_finds_its_500_targets_at_scale_001():
    LoadGenerator(Scale.of(0.01), seed=7, today=TODAY).run()

    targets = suites._registration_targets(500, TODAY)

    assert len(targets) == 500
    per_psychologist = Counter(a.psychologist_id for a, _start in targets)
    assert max(per_psychologist.values()) <= 14
