"""Rates per network with effective dates: a network's own rate wins from its first day, the
shared rate applies before; a rate never changes a period already billed for a network it
applies to; staff change only the rates of the networks they follow, and each change is in
the history with who made it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from billing.models import Invoice, Rate
from billing.services import credit_notes, rates, runs
from tests.billing.helpers import register
from tests.factories import NetworkFactory, StaffFactory, UserFactory

FEBRUARY = date(2025, 2, 28)
MARCH = date(2025, 3, 31)
APRIL = date(2025, 4, 30)
SHARED = Decimal("86.69")


@pytest.fixture
def other_network(db):
    return NetworkFactory(code="ADS", name="GG ADS")


@pytest.fixture
def staff(network):
    return StaffFactory(networks=[network])


def own_rate(network, day: date, amount: str) -> Rate:
    return Rate.objects.create(network=network, effective_from=day, hourly_rate=Decimal(amount))


def unit_price_of_run(network, allocation, period_end: date, day: date) -> Decimal:
    register(allocation, day, 60, hour=8 + day.day % 10)
    run = runs.run_billing(network, period_end)
    return Invoice.objects.get(run=run, psychologist=allocation.psychologist).unit_price


def code_of(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        call(*args, **kwargs)
    return refused.value.error_list[0].code


# --- The rate in force --------------------------------------------------------------------


def test_a_networks_own_rate_is_used_from_its_first_day(network, make_allocation, other_network):
    own_rate(network, MARCH, "90.00")

    assert unit_price_of_run(network, make_allocation(), MARCH, date(2025, 3, 5)) == Decimal(
        "90.00"
    )
    other = make_allocation(net=other_network)
    assert unit_price_of_run(other_network, other, MARCH, date(2025, 3, 5)) == SHARED


def test_the_shared_rate_is_used_the_day_before_a_networks_own_rate(network, allocation):
    own_rate(network, date(2025, 4, 1), "90.00")

    assert unit_price_of_run(network, allocation, MARCH, date(2025, 3, 5)) == SHARED
    assert unit_price_of_run(network, allocation, APRIL, date(2025, 4, 5)) == Decimal("90.00")


def test_a_later_shared_rate_does_not_replace_a_networks_own_rate(network):
    own_rate(network, date(2025, 1, 1), "90.00")
    Rate.objects.create(effective_from=date(2025, 3, 1), hourly_rate=Decimal("95.00"))

    assert rates.rate_on(network, MARCH) == Decimal("90.00")
    assert rates.rate_on(NetworkFactory(code="RADAR"), MARCH) == Decimal("95.00")


def test_another_networks_own_rate_is_never_used(network, other_network):
    own_rate(other_network, date(2025, 1, 1), "90.00")
    assert rates.rate_on(network, MARCH) == SHARED


def test_a_network_without_own_or_shared_rate_has_none(network):
    Rate.objects.all().delete()
    own_rate(NetworkFactory(code="ADS"), date(2025, 1, 1), "90.00")

    assert code_of(rates.rate_on, network, MARCH) == "no_rate"


def test_a_run_before_the_networks_first_rate_is_refused(network, other_network):
    Rate.objects.all().delete()
    own_rate(network, date(2025, 3, 1), "90.00")
    own_rate(other_network, date(2025, 1, 1), "90.00")

    assert code_of(runs.start_run, network, FEBRUARY) == "period_before_first_rate"
    assert runs.start_run(other_network, FEBRUARY).period_end == FEBRUARY


def test_a_credit_note_takes_the_networks_rate_of_the_invoice(network, allocation):
    own_rate(network, date(2025, 1, 1), "90.00")
    register(allocation, date(2025, 3, 5), 60)
    invoice = Invoice.objects.get(run=runs.run_billing(network, MARCH))
    own_rate(network, date(2025, 4, 1), "99.00")

    note = credit_notes.issue_credit_note(invoice.items.get(), reason="fout")

    assert (note.unit_price, note.amount) == (Decimal("90.00"), Decimal("-90.00"))


# --- A billed period keeps its rate, per network ---------------------------------------------


@pytest.fixture
def march_billed(network, allocation):
    register(allocation, date(2025, 3, 5), 60)
    return runs.run_billing(network, MARCH)


def test_a_rate_for_a_period_billed_for_the_network_is_refused(network, march_billed):
    assert code_of(rates.add_rate, MARCH, Decimal("90.00"), network) == "rate_in_billed_period"
    assert not Rate.objects.filter(network=network).exists()


def test_the_same_rate_is_allowed_for_another_network(network, march_billed, other_network):
    rate = rates.add_rate(MARCH, Decimal("90.00"), other_network)
    assert rates.rate_on(other_network, MARCH) == rate.hourly_rate


def test_a_rate_from_the_day_after_the_billed_period_is_allowed(network, march_billed):
    rates.add_rate(date(2025, 4, 1), Decimal("90.00"), network)
    assert rates.rate_on(network, APRIL) == Decimal("90.00")


def test_a_shared_rate_for_a_period_a_network_billed_with_it_is_refused(network, march_billed):
    assert code_of(rates.add_rate, date(2025, 3, 15), Decimal("90.00")) == "rate_in_billed_period"


def test_a_shared_rate_is_allowed_when_the_billed_network_used_its_own_rate(network, allocation):
    own_rate(network, date(2025, 1, 1), "90.00")
    register(allocation, date(2025, 3, 5), 60)
    runs.run_billing(network, MARCH)

    rates.add_rate(date(2025, 3, 15), Decimal("95.00"))

    assert rates.rate_on(NetworkFactory(code="RADAR"), MARCH) == Decimal("95.00")
    assert rates.rate_on(network, MARCH) == Decimal("90.00")


def test_a_networks_rate_a_billed_run_used_cannot_be_removed(network, allocation):
    rate = own_rate(network, date(2025, 1, 1), "90.00")
    register(allocation, date(2025, 3, 5), 60)
    runs.run_billing(network, MARCH)

    assert code_of(rates.delete_rate, rate) == "rate_in_billed_period"
    assert Rate.objects.filter(pk=rate.pk).exists()


def test_a_rate_of_a_network_that_billed_nothing_after_it_can_be_removed(
    network, march_billed, other_network
):
    rate = own_rate(other_network, date(2025, 1, 1), "90.00")
    rates.delete_rate(rate)
    assert not Rate.objects.filter(pk=rate.pk).exists()


def test_two_rates_of_a_network_on_one_date_are_refused_but_a_shared_one_may_share_it(network):
    rates.add_rate(date(2026, 1, 1), Decimal("90.00"), network)
    rates.add_rate(date(2026, 1, 1), Decimal("91.00"))

    assert code_of(rates.add_rate, date(2026, 1, 1), Decimal("92.00"), network) == "rate_exists"


# --- Who may change which rate ----------------------------------------------------------------


def test_staff_may_not_add_a_shared_rate(staff):
    assert code_of(rates.add_rate, date(2026, 1, 1), Decimal("90.00"), actor=staff) == (
        "shared_rate_admin_only"
    )


def test_staff_may_not_add_a_rate_of_a_network_they_do_not_follow(staff, other_network):
    refusal = code_of(
        rates.add_rate, date(2026, 1, 1), Decimal("90.00"), other_network, actor=staff
    )
    assert refusal == "network_not_followed"
    assert not Rate.objects.filter(network=other_network).exists()


def test_staff_may_not_remove_a_rate_of_a_network_they_do_not_follow(staff, other_network):
    rate = own_rate(other_network, date(2026, 1, 1), "90.00")
    assert code_of(rates.delete_rate, rate, actor=staff) == "network_not_followed"


def test_an_administrator_adds_a_shared_rate_with_the_history_naming_them(db):
    admin = UserFactory(is_superuser=True)

    rate = rates.add_rate(date(2026, 1, 1), Decimal("90.00"), actor=admin)

    assert rate.history.get().history_user == admin


# --- The rates pages ------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_staff_add_and_remove_a_rate_of_their_network_and_see_both_in_the_history(
    staff_client, network, staff
):
    url = reverse("billing:network_rates", args=[network.pk])
    staff_client.post(url, {"effective_from": "2026-01-01", "hourly_rate": "90.00"})
    rate = Rate.objects.get(network=network)

    response = staff_client.post(
        reverse("billing:network_rate_delete", args=[network.pk, rate.pk]), follow=True
    )

    assert not Rate.objects.filter(network=network).exists()
    changes = response.context["changes"]
    name = staff.get_full_name()
    assert [(change.kind, change.by) for change in changes[:2]] == [("-", name), ("+", name)]
    assert "Eigen tarief vanaf 01/01/2026" in response.content.decode()


def test_removing_a_rate_a_billed_run_used_is_refused_on_the_page(
    staff_client, network, allocation
):
    rate = own_rate(network, date(2025, 1, 1), "90.00")
    register(allocation, date(2025, 3, 5), 60)
    runs.run_billing(network, MARCH)

    response = staff_client.post(reverse("billing:network_rate_delete", args=[network.pk, rate.pk]))

    assert response.status_code == 422
    assert "al gefactureerd" in response.content.decode()
    assert Rate.objects.filter(pk=rate.pk).exists()


def test_another_networks_rate_cannot_be_removed_through_the_pages(
    staff_client, network, other_network
):
    rate = own_rate(other_network, date(2026, 1, 1), "90.00")

    for network_pk in (network.pk, other_network.pk):
        url = reverse("billing:network_rate_delete", args=[network_pk, rate.pk])
        assert staff_client.post(url).status_code == 404
    assert Rate.objects.filter(pk=rate.pk).exists()


def test_a_shared_rate_posted_by_staff_is_refused_on_the_page(staff_client):
    response = staff_client.post(
        reverse("billing:rates"), {"effective_from": "2026-01-01", "hourly_rate": "90.00"}
    )

    assert response.status_code == 422
    errors = response.context["form"].non_field_errors().as_data()
    assert [error.code for error in errors] == ["shared_rate_admin_only"]
    assert Rate.objects.count() == 1


def test_the_network_rates_page_marks_the_shared_rates_its_own_rate_replaces(staff_client, network):
    own_rate(network, date(2025, 1, 1), "90.00")
    Rate.objects.create(effective_from=date(2025, 6, 1), hourly_rate=Decimal("95.00"))

    response = staff_client.get(reverse("billing:network_rates", args=[network.pk]))

    rows = {(row.rate.hourly_rate, row.own, row.applies) for row in response.context["rows"]}
    assert rows == {
        (Decimal("95.00"), False, False),
        (Decimal("90.00"), True, True),
        (SHARED, False, True),
    }
    assert response.context["in_force"].hourly_rate == Decimal("90.00")
