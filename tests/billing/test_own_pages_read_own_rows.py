"""A psychologist's profile and self-billing page read the psychologist's own allocations,
not every allocation of their network (issue 17: 1.1 s with three years of history; the
networks' query went from 985 ms to 2 ms), proved from PostgreSQL's plans
(tests/plans.py), not by a clock."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Allocation
from billing.access import self_billing_networks
from tests.factories import AllocationFactory, NetworkFactory, PsychologistFactory
from tests.plans import analyze, rows_read

pytestmark = pytest.mark.postgres

ALLOCATIONS = Allocation._meta.db_table
# The psychologist holds 2 allocations; 40 others of the same network are not theirs.
OWN_BOUND = 20


@pytest.fixture
def crowded_network(db):
    network, elsewhere = NetworkFactory(), NetworkFactory()
    psychologist = PsychologistFactory(networks=[network])
    for _ in range(2):
        AllocationFactory(application__psychologist=psychologist, application__network=network)
    AllocationFactory(application__psychologist=psychologist, application__network=elsewhere)
    for _ in range(40):
        colleague = PsychologistFactory(networks=[network])
        AllocationFactory(application__psychologist=colleague, application__network=network)
    analyze(ALLOCATIONS, "portal_psychologist_networks")
    return psychologist, network, elsewhere


def test_the_networks_of_self_billing_are_the_convention_and_those_that_granted_hours(
    crowded_network,
):
    psychologist, network, elsewhere = crowded_network
    assert set(self_billing_networks(psychologist)) == {network, elsewhere}


@pytest.mark.parametrize("url", [reverse("profile"), reverse("billing:self_billing")])
def test_an_own_page_reads_only_the_psychologists_allocations(client, crowded_network, url):
    psychologist, _network, _elsewhere = crowded_network
    client.force_login(psychologist.user)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # A table this small is always scanned whole; without sequential scans the plan shows
    # whether an index can find the psychologist's rows (it cannot for an OR of two joins).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert rows_read(queries.captured_queries, ALLOCATIONS) < OWN_BOUND
