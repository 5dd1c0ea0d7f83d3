"""Scope and method rules of every coordinator URL: other networks' objects are 404,
other roles 403, decisions POST-only."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications.models import Allocation, ApplicationStatus, ExtraHoursStatus
from tests.coordination.conftest import make_allocation, make_application, make_extra_hours
from tests.factories import PsychologistFactory

APPLICATION_DECISIONS = [
    "coordination:approve",
    "coordination:reject",
    "coordination:request_changes",
]
EXTRA_HOURS_DECISIONS = ["coordination:extra_hours_grant", "coordination:extra_hours_refuse"]
DECISION_DATA = {
    "approve-hours": "2",
    "approve-start_date": "2025-01-01",
    "reject-reason": "Niet volledig.",
    "changes-question": "Welke vindplaats?",
    "grant-hours": "1",
    "refuse-reason": "Geen motivatie.",
}


def test_review_of_another_networks_application_is_404(coordinator_client, other_network):
    application = make_application(other_network)
    response = coordinator_client.get(reverse("coordination:review", args=[application.pk]))
    assert response.status_code == 404


def test_review_of_a_draft_is_404(coordinator_client, network):
    application = make_application(network, status=ApplicationStatus.DRAFT)
    response = coordinator_client.get(reverse("coordination:review", args=[application.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("url_name", APPLICATION_DECISIONS)
def test_deciding_another_networks_application_is_404(coordinator_client, other_network, url_name):
    application = make_application(other_network)
    response = coordinator_client.post(reverse(url_name, args=[application.pk]), DECISION_DATA)
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not Allocation.objects.filter(application=application).exists()


def test_extra_hours_review_of_another_network_is_404(coordinator_client, other_network):
    extra = make_extra_hours(make_allocation(other_network))
    response = coordinator_client.get(reverse("coordination:extra_hours_review", args=[extra.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("url_name", EXTRA_HOURS_DECISIONS)
def test_deciding_another_networks_extra_hours_is_404(coordinator_client, other_network, url_name):
    extra = make_extra_hours(make_allocation(other_network))
    response = coordinator_client.post(reverse(url_name, args=[extra.pk]), DECISION_DATA)
    assert response.status_code == 404
    extra.refresh_from_db()
    assert extra.status == ExtraHoursStatus.SUBMITTED


@pytest.mark.parametrize("url_name", APPLICATION_DECISIONS)
def test_application_decisions_are_post_only(coordinator_client, network, url_name):
    application = make_application(network)
    response = coordinator_client.get(reverse(url_name, args=[application.pk]))
    assert response.status_code == 405


@pytest.mark.parametrize("url_name", EXTRA_HOURS_DECISIONS)
def test_extra_hours_decisions_are_post_only(coordinator_client, network, url_name):
    extra = make_extra_hours(make_allocation(network))
    response = coordinator_client.get(reverse(url_name, args=[extra.pk]))
    assert response.status_code == 405


def test_decisions_need_a_csrf_token(coordinator, network):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(coordinator)
    application = make_application(network)
    response = csrf_client.post(
        reverse("coordination:reject", args=[application.pk]), {"reject-reason": "Nee."}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "url_name, kind",
    [
        ("coordination:review", "application"),
        ("coordination:approve", "application"),
        ("coordination:extra_hours_review", "extra"),
        ("coordination:extra_hours_grant", "extra"),
        ("coordination:queue", None),
        ("coordination:follow_up", None),
        ("coordination:uptake", None),
        ("coordination:uptake_csv", None),
    ],
)
def test_psychologist_gets_403_on_coordinator_urls(client, network, url_name, kind):
    psychologist = PsychologistFactory(networks=[network])
    client.force_login(psychologist.user)
    args = []
    if kind == "application":
        args = [make_application(network, psychologist=psychologist).pk]
    elif kind == "extra":
        args = [make_extra_hours(make_allocation(network)).pk]
    method = client.post if url_name.endswith(("approve", "grant")) else client.get
    assert method(reverse(url_name, args=args)).status_code == 403


def test_queue_lists_only_own_networks_applications(coordinator_client, network, other_network):
    own = make_application(network)
    other = make_application(other_network)
    response = coordinator_client.get(reverse("coordination:queue"))
    ids = [a.pk for a in response.context["page_obj"]]
    assert own.pk in ids
    assert other.pk not in ids


def test_queue_lists_only_own_networks_extra_hours(coordinator_client, network, other_network):
    own = make_extra_hours(make_allocation(network))
    make_extra_hours(make_allocation(other_network))
    response = coordinator_client.get(reverse("coordination:queue"))
    assert [e.pk for e in response.context["extra_hours"]] == [own.pk]


def test_follow_up_shows_only_own_networks_allocations(coordinator_client, network, other_network):
    start = timezone.localdate() - timedelta(days=330)
    own = make_allocation(network, start=start)
    make_allocation(other_network, start=start)
    response = coordinator_client.get(reverse("coordination:follow_up"))
    assert [a.pk for a in response.context["ending"]] == [own.pk]


def test_uptake_shows_only_own_networks(coordinator_client, network, other_network):
    make_allocation(other_network)
    response = coordinator_client.get(reverse("coordination:uptake"))
    assert [item.network for item in response.context["networks"]] == [network]
