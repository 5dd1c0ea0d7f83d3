"""Uptake overview per network: granted, registered and billed hours this year, CSV export,
and a bounded number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import FindplaceKind
from tests.coordination.conftest import make_allocation
from tests.factories import FindplaceFactory, RegistrationFactory, call

UPTAKE = reverse("coordination:uptake")
UPTAKE_CSV = reverse("coordination:uptake_csv")
# Session, user, groups, the user's network ids, networks, calls, granted sums,
# registration sums: 8; the demand funnel (coordination.selectors.funnel): networks,
# received, matched, closed, feedback, hours: 6. 14 today.
UPTAKE_MAX_QUERIES = 15


def year_start():
    return date(timezone.localdate().year, 1, 1)


def own(response):
    (item,) = response.context["networks"]
    return item


def call1_row(item):
    return next(row for row in item.by_call if row.key == 1)


@pytest.fixture
def used_allocation(network):
    """Call 1, 4 h granted; 60 min billed and 90 min not yet billed this year."""
    allocation = make_allocation(network, start=year_start())
    RegistrationFactory(
        allocation=allocation, date=year_start(), duration_minutes=60, is_billed=True
    )
    RegistrationFactory(
        allocation=allocation, date=year_start() + timedelta(days=1), duration_minutes=90
    )
    return allocation


def test_uptake_sums_granted_registered_and_billed_per_call(coordinator_client, used_allocation):
    row = call1_row(own(coordinator_client.get(UPTAKE)))
    assert (row.granted, row.registered, row.billed) == (240, 150, 60)
    assert row.percent == 63  # 150 of 240 min is 62.5 %, rounded half up


def test_uptake_sums_per_findplace_kind(coordinator_client, used_allocation):
    item = own(coordinator_client.get(UPTAKE))
    assert [(row.key, row.granted, row.registered) for row in item.by_kind] == [
        ("gp_practice", 240, 150)
    ]


def test_uptake_ignores_registrations_of_other_years(coordinator_client, network):
    allocation = make_allocation(network, start=year_start() - timedelta(days=100))
    RegistrationFactory(allocation=allocation, date=year_start() - timedelta(days=1))
    assert call1_row(own(coordinator_client.get(UPTAKE))).registered == 0


def test_uptake_ignores_credited_registrations(coordinator_client, network):
    allocation = make_allocation(network, start=year_start())
    RegistrationFactory(allocation=allocation, date=year_start(), is_credited=True)
    assert call1_row(own(coordinator_client.get(UPTAKE))).registered == 0


def test_uptake_page_draws_an_svg_chart(coordinator_client, used_allocation):
    content = coordinator_client.get(UPTAKE).content.decode()
    assert '<svg class="uptake-chart"' in content
    assert 'role="img"' in content


def test_uptake_csv_is_semicolon_separated_utf8_with_bom(coordinator_client, used_allocation):
    response = coordinator_client.get(UPTAKE_CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffNetwerk;")
    assert (
        "Het PAKT;Oproep;Oproep 1: Opstart op en overleg met een vindplaats;4,00;2,50;1,00;63"
        in body
    )


@pytest.mark.parametrize("allocations", [2, 20])
def test_uptake_runs_a_bounded_number_of_queries(
    coordinator_client, network, allocations, django_assert_max_num_queries
):
    for _ in range(allocations):
        RegistrationFactory(
            allocation=make_allocation(network, start=year_start()), date=year_start()
        )
    with django_assert_max_num_queries(UPTAKE_MAX_QUERIES):
        response = coordinator_client.get(UPTAKE)
    assert call1_row(own(response)).granted == allocations * 240


def test_uptake_of_a_call_no_longer_published_fetches_it_once(
    coordinator_client, network, django_assert_max_num_queries
):
    """One figure per findplace kind, all of the unpublished call: one query for the call."""
    kinds = [
        FindplaceKind.GP_PRACTICE,
        FindplaceKind.COMMUNITY_HEALTH_CENTRE,
        FindplaceKind.NURSING_HOME,
    ]
    for kind in kinds:
        make_allocation(
            network, start=year_start(), findplace=FindplaceFactory(network=network, kind=kind)
        )
    network.calls.remove(call(1))
    with django_assert_max_num_queries(UPTAKE_MAX_QUERIES + 1):
        response = coordinator_client.get(UPTAKE)
    assert call1_row(own(response)).granted == len(kinds) * 240
