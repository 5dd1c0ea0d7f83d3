"""The review queue: filters, sorting, counts per status and a bounded number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import ApplicationStatus
from tests.coordination.conftest import make_allocation, make_application, make_extra_hours
from tests.factories import FindplaceFactory, PsychologistFactory, call

QUEUE = reverse("coordination:queue")
# Session, user, groups, the user's network ids, status counts; the waiting rows, their
# editions, the editions' calls and work forms; the allocations of their quotas; the decided
# rows (count); call choices; extra hours (list + count): 14 whatever the number of rows;
# one spare for the shared layout.
QUEUE_MAX_QUERIES = 15


def listed(client, **params):
    return [a.pk for a in client.get(QUEUE, params).context["page_obj"]]


def test_queue_lists_oldest_waiting_first(coordinator_client, network):
    newer = make_application(network, days_ago=1)
    older = make_application(network, days_ago=10)
    decided = make_application(network, days_ago=20, status=ApplicationStatus.REJECTED)
    assert listed(coordinator_client) == [older.pk, newer.pk, decided.pk]


def test_queue_can_show_newest_first(coordinator_client, network):
    newer = make_application(network, days_ago=1)
    older = make_application(network, days_ago=10)
    assert listed(coordinator_client, sort="newest") == [newer.pk, older.pk]


def test_queue_never_shows_drafts(coordinator_client, network):
    make_application(network, status=ApplicationStatus.DRAFT, submitted_at=None)
    assert listed(coordinator_client) == []


def test_queue_filters_on_call(coordinator_client, network):
    make_application(network)
    second = make_application(
        network,
        call=call(2),
        findplace=FindplaceFactory(network=network, kind="youth_house"),
        weekly_individual_minutes=240,
    )
    assert listed(coordinator_client, call=call(2).pk) == [second.pk]


def test_queue_filters_on_status(coordinator_client, network):
    make_application(network)
    approved = make_application(network, status=ApplicationStatus.APPROVED)
    assert listed(coordinator_client, status="approved") == [approved.pk]


def test_queue_filters_on_findplace_kind(coordinator_client, network):
    make_application(network)
    youth = make_application(
        network, findplace=FindplaceFactory(network=network, kind="youth_house")
    )
    assert listed(coordinator_client, findplace_kind="youth_house") == [youth.pk]


def test_queue_filters_on_municipality(coordinator_client, network):
    make_application(network)
    eeklo = make_application(
        network, findplace=FindplaceFactory(network=network, municipality="Eeklo")
    )
    assert listed(coordinator_client, municipality="eek") == [eeklo.pk]


def test_queue_filters_on_psychologist_name(coordinator_client, network):
    make_application(network)
    psychologist = PsychologistFactory(
        networks=[network], user__first_name="Greet", user__last_name="De Wilde"
    )
    wanted = make_application(network, psychologist=psychologist)
    assert listed(coordinator_client, psychologist="greet wilde") == [wanted.pk]


def test_queue_filters_on_submission_dates(coordinator_client, network):
    make_application(network, days_ago=40)
    recent = make_application(network, days_ago=5)
    today = timezone.localdate()
    params = {
        "submitted_from": (today - timedelta(days=10)).isoformat(),
        "submitted_to": today.isoformat(),
    }
    assert listed(coordinator_client, **params) == [recent.pk]


def test_queue_shows_a_bad_date_as_a_form_error(coordinator_client, network):
    make_application(network)
    response = coordinator_client.get(QUEUE, {"submitted_from": "gisteren"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["submitted_from"]


def test_queue_counts_applications_per_status(coordinator_client, network):
    make_application(network)
    make_application(network)
    make_application(network, status=ApplicationStatus.APPROVED)
    counts = {
        c["value"]: c["count"] for c in coordinator_client.get(QUEUE).context["status_counts"]
    }
    assert counts["submitted"] == 2
    assert counts["approved"] == 1
    assert "draft" not in counts


def test_queue_lists_waiting_extra_hours_requests(coordinator_client, network):
    extra = make_extra_hours(make_allocation(network))
    response = coordinator_client.get(QUEUE)
    assert [e.pk for e in response.context["extra_hours"]] == [extra.pk]
    assert reverse("coordination:extra_hours_review", args=[extra.pk]) in response.content.decode()


def test_queue_pages_by_fifty(coordinator_client, network):
    for _ in range(51):
        make_application(network)
    response = coordinator_client.get(QUEUE)
    assert len(response.context["page_obj"]) == 50
    assert response.context["page_obj"].paginator.num_pages == 2


@pytest.mark.parametrize("rows", [5, 50])
def test_queue_runs_a_bounded_number_of_queries(
    coordinator_client, network, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        application = make_application(network)
    make_extra_hours(make_allocation(network))
    assert application
    with django_assert_max_num_queries(QUEUE_MAX_QUERIES):
        response = coordinator_client.get(QUEUE, {"status": "submitted"})
    assert len(response.context["page_obj"]) == rows
