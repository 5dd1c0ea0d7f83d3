"""The uptake in detail per psychologist, one page at a time: its pages are the CSV's rows
in the CSV's order, its total counts every page, and a psychologist shows when they have
figures in the range (granted by an active allocation, or minutes registered on any)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.coordination.conftest import make_allocation
from tests.factories import PsychologistFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

URL = reverse("coordination:uptake_detail")
CSV = reverse("coordination:uptake_detail_csv")
RANGE = {"van": "2025-03", "tot": "2025-05", "indeling": "psychologist"}
NAMES = ["bert", "Anna", "carl", "Émile", "dirk"] * 6  # 30 rows: two pages of 25


def allocation_of(network, first_name: str, **fields):
    psychologist = PsychologistFactory(networks=[network], user__first_name=first_name)
    return make_allocation(network, start=date(2025, 1, 1), psychologist=psychologist, **fields)


def register(allocation, day=date(2025, 3, 3), minutes=60):
    return RegistrationFactory(
        allocation=allocation, date=day, duration_minutes=minutes, quota_minutes=minutes
    )


def page(client, number=1):
    return client.get(URL, {**RANGE, "page": number}).context


def labels(rows) -> list[str]:
    return [row.label for row in rows]


def csv_labels(client) -> list[str]:
    lines = client.get(CSV, RANGE).content.decode("utf-8-sig").splitlines()[1:]
    return [line.split(";")[0] for line in lines]


@pytest.fixture
def thirty(network):
    allocations = [allocation_of(network, name) for name in NAMES]
    for allocation in allocations[::3]:
        register(allocation)
    return allocations


def test_the_pages_are_the_csv_rows_in_the_csv_order(coordinator_client, thirty):
    first, second = page(coordinator_client, 1), page(coordinator_client, 2)
    shown = labels(first["page_obj"]) + labels(second["page_obj"])
    assert len(first["page_obj"]) == 25
    assert shown == csv_labels(coordinator_client)
    assert shown[0].startswith("Anna") and shown[-1].startswith("Émile")


def test_a_page_beyond_the_last_shows_the_last(coordinator_client, thirty):
    assert labels(page(coordinator_client, 99)["page_obj"]) == labels(
        page(coordinator_client, 2)["page_obj"]
    )


def test_each_row_carries_its_own_figures(coordinator_client, network):
    busy, idle = allocation_of(network, "Anna"), allocation_of(network, "Bert")
    register(busy, minutes=90)
    rows = {row.key: row for row in page(coordinator_client)["page_obj"]}
    busy_row, idle_row = rows[busy.psychologist_id], rows[idle.psychologist_id]
    assert (busy_row.granted, busy_row.registered) == (busy.total_minutes, 90)
    assert (idle_row.granted, idle_row.registered) == (idle.total_minutes, 0)


def test_the_total_counts_every_page_not_only_the_shown_one(coordinator_client, thirty):
    total = page(coordinator_client, 2)["total"]
    assert total.registered == 10 * 60
    assert total.granted == sum(allocation.total_minutes for allocation in thirty)


def test_a_withdrawn_allocation_keeps_its_registered_minutes_without_granted_ones(
    coordinator_client, network
):
    withdrawn = allocation_of(network, "Anna")
    register(withdrawn, minutes=45)
    withdrawn.is_active = False
    withdrawn.save()
    (row,) = page(coordinator_client)["page_obj"]
    assert (row.key, row.granted, row.registered) == (withdrawn.psychologist_id, 0, 45)


def test_a_withdrawn_allocation_without_minutes_in_the_range_shows_no_row(
    coordinator_client, network
):
    withdrawn = allocation_of(network, "Anna")
    register(withdrawn, day=date(2025, 6, 2))
    withdrawn.is_active = False
    withdrawn.save()
    assert len(page(coordinator_client)["page_obj"]) == 0


def test_an_allocation_whose_window_ends_before_the_range_shows_no_row(coordinator_client, network):
    psychologist = PsychologistFactory(networks=[network])
    make_allocation(network, start=date(2024, 1, 1), psychologist=psychologist)
    assert len(page(coordinator_client)["page_obj"]) == 0


def test_the_queries_of_a_page_do_not_grow_with_its_rows(
    coordinator_client, network, django_assert_max_num_queries
):
    register(allocation_of(network, "Anna"))
    with CaptureQueriesContext(connection) as counted:
        assert len(page(coordinator_client)["page_obj"]) == 1
    for name in NAMES:
        register(allocation_of(network, name))
    with django_assert_max_num_queries(len(counted.captured_queries)):
        assert len(page(coordinator_client)["page_obj"]) == 25
