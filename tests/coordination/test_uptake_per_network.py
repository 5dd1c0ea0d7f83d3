"""The uptake page of a coordinator of several networks: a line per network with the
year's totals, and the tables and funnel of one network at a time (?netwerk=)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.selectors.uptake import per_network, uptake
from tests.coordination.conftest import make_allocation
from tests.demand.factories import SupportRequestFactory
from tests.factories import CoordinatorFactory, NetworkFactory, RegistrationFactory

UPTAKE = reverse("coordination:uptake")
# The 14 of a coordinator of one network (test_coordinator_uptake) and the two of the
# lines per network: granted and used.
MAX_QUERIES = 16


def year_start():
    return date(timezone.localdate().year, 1, 1)


def used(network, minutes, billed=False):
    allocation = make_allocation(network, start=year_start())
    RegistrationFactory(
        allocation=allocation, date=year_start(), duration_minutes=minutes, is_billed=billed
    )
    return allocation


@pytest.fixture
def third_network(db):
    return NetworkFactory(code="RADAR", name="RADAR")


@pytest.fixture
def regional_client(client, network, other_network, third_network):
    client.force_login(CoordinatorFactory(networks=[network, other_network]))
    return client


def lines(response):
    return {
        row.label: (row.granted, row.registered, row.billed)
        for row in response.context["totals"]["rows"]
    }


def test_each_followed_network_has_a_line_with_its_year_totals(
    regional_client, network, other_network
):
    used(network, 60, billed=True)
    used(other_network, 90)
    response = regional_client.get(UPTAKE)
    assert lines(response) == {"Het PAKT": (240, 60, 60), "GG ADS": (240, 90, 0)}


def test_the_lines_add_up_to_the_total_of_all_networks(regional_client, network, other_network):
    used(network, 60, billed=True)
    used(other_network, 90)
    total = regional_client.get(UPTAKE).context["totals"]["total"]
    assert (total.granted, total.registered, total.billed) == (480, 150, 60)


def test_a_network_not_followed_has_no_line(regional_client, third_network):
    used(third_network, 60)
    assert "RADAR" not in lines(regional_client.get(UPTAKE))


def test_the_line_of_a_network_equals_its_tables(network):
    """Read in two ways (month rows alone; allocations by call and kind): the same sums."""
    coordinator = CoordinatorFactory(networks=[network])
    used(network, 75, billed=True)
    old = make_allocation(network, start=year_start() - timedelta(days=200))
    RegistrationFactory(allocation=old, date=year_start() + timedelta(days=3), duration_minutes=45)
    RegistrationFactory(allocation=old, date=year_start() - timedelta(days=1), duration_minutes=30)
    year = timezone.localdate().year
    (line,) = per_network(coordinator, year, [network]).rows
    (tables,) = uptake(coordinator, year)
    assert line.figures == tables.total


def shown(response):
    return [item.network for item in response.context["networks"]]


def test_the_tables_are_those_of_the_first_network_by_name_by_default(
    regional_client, other_network
):
    assert shown(regional_client.get(UPTAKE)) == [other_network]  # GG ADS before Het PAKT


def test_the_tables_are_those_of_the_chosen_network(regional_client, network):
    response = regional_client.get(UPTAKE, {"netwerk": network.pk})
    assert shown(response) == [network]
    assert response.context["chosen"] == network


def test_the_funnel_is_that_of_the_chosen_network(regional_client, network, other_network):
    response = regional_client.get(UPTAKE, {"netwerk": network.pk})
    assert [item.network for item in response.context["funnels"]] == [network]


def test_the_chosen_line_is_marked_and_every_line_links_to_its_tables(
    regional_client, network, other_network
):
    content = regional_client.get(UPTAKE, {"jaar": 2025, "netwerk": network.pk}).content.decode()
    assert (
        f'href="?jaar=2025&amp;netwerk={network.pk}#network-{network.pk}" class="fw-bold" aria-current="true"'
        in content
    )
    assert (
        f'href="?jaar=2025&amp;netwerk={other_network.pk}#network-{other_network.pk}">' in content
    )


@pytest.mark.parametrize("wanted", ["third", "abc", "-1", "1 OR 1=1", "9" * 30])
def test_a_network_not_followed_or_no_network_shows_the_first_and_nothing_else(
    regional_client, other_network, third_network, wanted
):
    used(third_network, 60)
    value = third_network.pk if wanted == "third" else wanted
    response = regional_client.get(UPTAKE, {"netwerk": value})
    assert response.status_code == 200
    assert shown(response) == [other_network]
    assert "RADAR" not in response.content.decode()


def test_a_coordinator_of_one_network_has_no_lines_per_network(client, network):
    client.force_login(CoordinatorFactory(networks=[network]))
    response = client.get(UPTAKE)
    assert "totals" not in response.context
    assert 'id="uptake-networks"' not in response.content.decode()


def test_the_page_of_a_network_and_the_lines_of_all_take_a_fixed_number_of_queries(
    regional_client, network, other_network, django_assert_max_num_queries
):
    for target in (network, other_network):
        for _ in range(3):
            used(target, 30)
        SupportRequestFactory(network=target)
    with django_assert_max_num_queries(MAX_QUERIES):
        regional_client.get(UPTAKE, {"netwerk": network.pk})


def this_year() -> int:
    return timezone.localdate().year


def test_the_page_links_to_the_year_before_and_after_keeping_the_network(regional_client, network):
    year = this_year()
    response = regional_client.get(UPTAKE, {"jaar": year, "netwerk": network.pk})
    content = response.content.decode()
    assert f'href="?jaar={year - 1}&amp;netwerk={network.pk}" rel="prev"' in content
    assert f'href="?jaar={year + 1}&amp;netwerk={network.pk}" rel="next"' in content


def test_next_year_is_the_last_year_with_a_page(regional_client):
    response = regional_client.get(UPTAKE, {"jaar": this_year() + 1})
    assert response.context["year"] == this_year() + 1
    assert response.context["next_year"] is None
    assert 'rel="next"' not in response.content.decode()


def test_2000_is_the_first_year_with_a_page(regional_client):
    response = regional_client.get(UPTAKE, {"jaar": 2000})
    assert response.context["previous_year"] is None
    assert 'rel="prev"' not in response.content.decode()
