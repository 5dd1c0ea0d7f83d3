"""Uptake in depth: per psychologist, findplace or call over a range of months (first and
last day included), month by month, only the coordinator's networks, bad filters a form
error, and a fixed number of queries."""

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
RANGE = {"van": "2025-03", "tot": "2025-05"}


@pytest.fixture
def allocation(network):
    """Call 1, 4 h, from 1 January 2025."""
    return make_allocation(network, start=date(2025, 1, 1))


def register(allocation, day: date, minutes: int, **fields):
    return RegistrationFactory(
        allocation=allocation, date=day, duration_minutes=minutes, quota_minutes=minutes, **fields
    )


def rows(client, **params) -> dict:
    page = client.get(URL, {**RANGE, **params}).context["page_obj"]
    return {row.label: (row.granted, row.registered, row.billed) for row in page}


def test_the_first_and_last_day_of_the_range_count_and_the_days_around_do_not(
    coordinator_client, allocation
):
    register(allocation, date(2025, 2, 28), 10)
    register(allocation, date(2025, 3, 1), 20, start_time="09:00")
    register(allocation, date(2025, 5, 31), 30, start_time="10:00")
    register(allocation, date(2025, 6, 1), 40, start_time="11:00")
    (figures,) = rows(coordinator_client).values()
    assert figures == (allocation.total_minutes, 50, 0)


def test_per_findplace_sums_the_psychologists_of_one_findplace(coordinator_client, network):
    first = make_allocation(network, start=date(2025, 1, 1))
    second = make_allocation(
        network,
        start=date(2025, 1, 1),
        findplace=first.findplace,
        application__findplace=first.findplace,
    )
    register(first, date(2025, 3, 3), 60, is_billed=True)
    register(second, date(2025, 4, 3), 30)
    result = rows(coordinator_client, indeling="findplace")
    assert result[first.findplace.name][1:] == (90, 60)


def test_per_psychologist_lists_each_by_name(coordinator_client, network, allocation):
    other = make_allocation(network, start=date(2025, 1, 1))
    register(allocation, date(2025, 3, 3), 60)
    result = rows(coordinator_client, indeling="psychologist")
    assert result[allocation.psychologist.name][1] == 60
    assert result[other.psychologist.name][1] == 0


def test_per_call_names_the_call(coordinator_client, allocation):
    register(allocation, date(2025, 3, 3), 60)
    (label,) = rows(coordinator_client, indeling="call")
    assert "1" in label


def test_another_networks_psychologists_never_show(coordinator_client, allocation, other_network):
    stranger = make_allocation(other_network, start=date(2025, 1, 1))
    register(stranger, date(2025, 3, 3), 60)
    assert stranger.psychologist.name not in rows(coordinator_client)


def test_the_months_add_up_registered_per_month(coordinator_client, allocation):
    register(allocation, date(2025, 3, 3), 60)
    register(allocation, date(2025, 5, 3), 30)
    months = coordinator_client.get(URL, RANGE).context["months"]
    assert [(m, f.registered) for m, f in months] == [
        (date(2025, 3, 1), 60),
        (date(2025, 4, 1), 0),
        (date(2025, 5, 1), 30),
    ]


def test_the_chart_counts_up_to_each_month_against_the_granted_hours(
    coordinator_client, allocation
):
    register(allocation, date(2025, 3, 3), 60)
    register(allocation, date(2025, 5, 3), 30)
    groups = coordinator_client.get(URL, RANGE).context["chart"]["groups"]
    values = [[bar["value"] for bar in group["bars"]] for group in groups]
    assert values[-1] == ["4 u", "1 u 30 min", "0 min"]


@pytest.mark.parametrize(
    "params",
    [
        {"van": "2025-06", "tot": "2025-05"},
        {"van": "2020-01", "tot": "2025-05"},
        {"van": "2025-13"},
        {"tot": "x" * 300},
        {"indeling": "everything"},
        {"netwerk": "999999"},
    ],
)
def test_a_bad_filter_is_a_form_error_not_a_crash(coordinator_client, params):
    response = coordinator_client.get(URL, params)
    assert response.status_code == 422
    assert response.context["form"].errors
    assert coordinator_client.get(CSV, params).status_code == 422


def test_the_last_month_of_the_calendar_does_not_crash(coordinator_client):
    assert coordinator_client.get(URL, {"van": "9999-12", "tot": "9999-12"}).status_code == 200


def test_the_csv_follows_the_filter_and_grouping(coordinator_client, allocation):
    register(allocation, date(2025, 3, 3), 90)
    body = coordinator_client.get(CSV, {**RANGE, "indeling": "psychologist"}).content
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Psycholoog;")
    assert f"{allocation.psychologist.name};4,00;1,50;0,00;38" in text


def test_the_queries_do_not_grow_with_the_number_of_psychologists(
    coordinator_client, network, django_assert_max_num_queries
):
    register(make_allocation(network, start=date(2025, 1, 1)), date(2025, 3, 3), 60)
    with CaptureQueriesContext(connection) as one:
        coordinator_client.get(URL, RANGE)
    for _ in range(10):
        allocation = make_allocation(
            network, start=date(2025, 1, 1), psychologist=PsychologistFactory(networks=[network])
        )
        register(allocation, date(2025, 4, 3), 60)
    with django_assert_max_num_queries(len(one.captured_queries)):
        coordinator_client.get(URL, RANGE)
