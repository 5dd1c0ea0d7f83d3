"""The candidate search of a request: the register of its network, narrowed by themes,
municipality and language, with hours left and open proposals; foreign ids are 404."""

import pytest
from django.urls import reverse

from demand.models import RequestState
from portal.models import Theme
from tests.demand.factories import ProposalFactory, SupportRequestFactory, register_psychologist
from tests.factories import CoordinatorFactory, NetworkFactory, PsychologistFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def support_request():
    return SupportRequestFactory()


@pytest.fixture
def worker_client(client, support_request):
    client.force_login(CoordinatorFactory(networks=[support_request.network]))
    return client


def found(client, support_request, **params):
    url = reverse("demand:search", args=[support_request.pk])
    return [row["psychologist"] for row in client.get(url, params).context["candidates"]]


def test_only_the_register_of_the_requests_network_is_found(worker_client, support_request):
    own = register_psychologist(support_request.network)
    register_psychologist(NetworkFactory(code="ADS", name="GG ADS"))
    PsychologistFactory(networks=[support_request.network])
    assert found(worker_client, support_request) == [own]


def test_the_theme_filter(worker_client, support_request):
    theme = Theme.objects.create(name="emotieregulatie")
    with_theme = register_psychologist(support_request.network)
    with_theme.themes.add(theme)
    register_psychologist(support_request.network)
    assert found(worker_client, support_request, themes=[theme.pk]) == [with_theme]


def test_the_language_and_municipality_filters(worker_client, support_request):
    french = register_psychologist(support_request.network, languages=["nl-be", "fr-be"])
    register_psychologist(support_request.network, municipality="Eeklo")
    assert found(worker_client, support_request, language="fr-be") == [french]
    assert [p.municipality for p in found(worker_client, support_request, municipality="eek")] == [
        "Eeklo"
    ]


def test_each_candidate_shows_hours_left_and_open_proposals(worker_client, support_request):
    candidate = register_psychologist(support_request.network)
    ProposalFactory(psychologist=candidate, request__state=RequestState.PROPOSED)
    url = reverse("demand:search", args=[support_request.pk])
    row = worker_client.get(url).context["candidates"][0]
    allocation = candidate.allocations.get()
    assert row["remaining_minutes"] == allocation.granted_minutes
    assert row["window_end"] == allocation.window_end
    assert row["psychologist"].open_proposals == 1


@pytest.mark.parametrize(
    "params", [{"themes": ["x", "-1"]}, {"language": "<b>"}, {"municipality": "é" * 3000}]
)
def test_hostile_filter_values_never_give_a_server_error(worker_client, support_request, params):
    register_psychologist(support_request.network)
    url = reverse("demand:search", args=[support_request.pk])
    assert worker_client.get(url, params).status_code == 200


def test_another_networks_request_is_not_found(client, support_request):
    client.force_login(CoordinatorFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")]))
    assert client.get(reverse("demand:search", args=[support_request.pk])).status_code == 404
