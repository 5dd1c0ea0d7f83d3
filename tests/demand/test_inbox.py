"""The inbox of a network's workers: their requests only, never unconfirmed ones, what
needs action first on top, filters that survive hostile values."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from demand.models import ProposalState, RequestState
from tests.demand.factories import ProposalFactory, SupportRequestFactory
from tests.factories import CoordinatorFactory, NetworkFactory, PsychologistFactory

pytestmark = pytest.mark.django_db
INBOX = reverse("demand:inbox")


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def coordinator_client(client, network):
    client.force_login(CoordinatorFactory(networks=[network]))
    return client


def listed(client, **params):
    return [r.pk for r in client.get(INBOX, params).context["page_obj"]]


def confirmed(network, days_ago, **fields):
    return SupportRequestFactory(
        network=network, confirmed_at=timezone.now() - timedelta(days=days_ago), **fields
    )


def test_the_inbox_lists_the_networks_requests_but_not_unconfirmed_or_foreign_ones(
    coordinator_client, network
):
    own = confirmed(network, 1)
    SupportRequestFactory(network=network, state=RequestState.NEW, confirmed_at=None)
    SupportRequestFactory(network=NetworkFactory(code="ADS", name="GG ADS"))
    assert listed(coordinator_client) == [own.pk]


def test_what_needs_action_comes_first(coordinator_client, network):
    matched = confirmed(network, 9, state=RequestState.MATCHED)
    waiting_on_answer = confirmed(network, 8, state=RequestState.PROPOSED)
    ProposalFactory(request=waiting_on_answer)
    all_answered = confirmed(network, 7, state=RequestState.PROPOSED)
    ProposalFactory(request=all_answered, state=ProposalState.DECLINED)
    newer = confirmed(network, 1)
    older = confirmed(network, 5, state=RequestState.IN_TRIAGE)

    assert listed(coordinator_client) == [
        older.pk,
        newer.pk,
        all_answered.pk,
        matched.pk,
        waiting_on_answer.pk,
    ]


def test_the_age_filter_keeps_requests_confirmed_long_enough_ago(coordinator_client, network):
    old = confirmed(network, 10)
    confirmed(network, 2)
    assert listed(coordinator_client, min_age=5) == [old.pk]


def test_the_state_filter_and_the_counts(coordinator_client, network):
    triage = confirmed(network, 3, state=RequestState.IN_TRIAGE)
    confirmed(network, 2)
    response = coordinator_client.get(INBOX, {"state": "in_triage"})
    counts = {c["value"]: c["count"] for c in response.context["state_counts"]}
    assert [r.pk for r in response.context["page_obj"]] == [triage.pk]
    assert (counts["in_triage"], counts["confirmed"], counts["matched"]) == (1, 1, 0)


@pytest.mark.parametrize(
    "params",
    [
        {"min_age": "-1"},
        {"min_age": "9" * 40},
        {"min_age": "abc"},
        {"state": "<script>"},
        {"theme": "999999999999999999999"},
        {"municipality": "x" * 5000},
        {"page": "-3"},
        {"work_form": "\x00"},
    ],
)
def test_hostile_filter_values_never_give_a_server_error(coordinator_client, network, params):
    confirmed(network, 1)
    assert coordinator_client.get(INBOX, params).status_code == 200


def test_a_psychologist_is_refused_the_inbox(client):
    client.force_login(PsychologistFactory().user)
    assert client.get(INBOX).status_code == 403


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert reverse("login") in response.url
