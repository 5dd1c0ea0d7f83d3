"""The coordinator pages read their own networks' rows, whatever the rest of the country
holds (issue 17): proved from PostgreSQL's plans (tests/plans.py), not by a clock."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Allocation
from registrations import usage
from registrations.models import Registration
from tests.coordination.conftest import make_allocation
from tests.factories import RegistrationFactory
from tests.plans import analyze, rows_read

pytestmark = pytest.mark.postgres

FOLLOW_UP = reverse("coordination:follow_up")
REGISTRATIONS = Registration._meta.db_table
# The coordinator's network holds 30 registrations, another one 600.
OWN_BOUND = 200


def fill(network, allocations: int, per_allocation: int) -> None:
    """Allocations of `network` that end soon and run past their middle, with registrations
    bulk-created and counted, as the load generator writes them."""
    start = timezone.localdate() - timedelta(days=330)
    rows = []
    for _ in range(allocations):
        allocation = make_allocation(network, start=start)
        rows += RegistrationFactory.build_batch(
            per_allocation, allocation=allocation, duration_minutes=1, quota_minutes=1
        )
    Registration.objects.bulk_create(rows)
    usage.recount(Allocation.objects.filter(network=network))


def captured(client, url):
    client.get(url)  # the session and the caches warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries.captured_queries


@pytest.fixture
def crowded_country(network, other_network):
    fill(network, 3, 10)
    fill(other_network, 20, 30)
    analyze(REGISTRATIONS, "applications_allocation")


# The uptake pages are not here: they read no registration at all (below).
@pytest.mark.parametrize("name", ["follow_up", "queue", "reopenings"])
def test_the_coordinator_pages_read_only_their_networks_registrations(
    coordinator_client, crowded_country, name
):
    queries = captured(coordinator_client, reverse(f"coordination:{name}"))
    assert rows_read(queries, REGISTRATIONS) < OWN_BOUND


@pytest.mark.parametrize("name", ["uptake", "uptake_detail", "uptake_csv"])
def test_the_uptake_pages_read_the_usage_per_month_not_the_registrations(
    coordinator_client, crowded_country, name
):
    queries = captured(coordinator_client, reverse(f"coordination:{name}"))
    assert rows_read(queries, REGISTRATIONS) == 0


def test_the_follow_up_page_still_sums_the_usage_of_each_allocation(
    coordinator_client, crowded_country
):
    ending = coordinator_client.get(FOLLOW_UP).context["ending"]
    assert [allocation.used_minutes for allocation in ending] == [10, 10, 10]


def test_the_follow_up_page_runs_as_many_queries_whatever_the_data(
    coordinator_client, network, other_network
):
    fill(network, 1, 1)
    small = captured(coordinator_client, FOLLOW_UP)
    fill(network, 5, 3)
    fill(other_network, 5, 3)
    assert len(captured(coordinator_client, FOLLOW_UP)) == len(small)
