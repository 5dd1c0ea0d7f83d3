"""The suggestions of a psychologist field (portal.psychologist_search): at most 20, only
psychologists of the networks the user follows, never another network's, whatever is typed."""

import re

import pytest
from django.urls import reverse

from portal.psychologist_search import SUGGESTION_LIMIT
from tests.factories import (
    CoordinatorFactory,
    NetworkFactory,
    PsychologistFactory,
    StaffFactory,
    UserFactory,
)

URL = reverse("psychologist_suggestions")


@pytest.fixture
def network(db):
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def stranger(db):
    """A psychologist of another network whose name and RIZIV number match every query."""
    other = NetworkFactory(code="ADS", name="GG ADS")
    user = UserFactory(first_name="Anneke", last_name="Peeters")
    return PsychologistFactory(networks=[other], user=user, riziv_number="99990000")


def suggested(client, text) -> list[str]:
    response = client.get(URL, {"psychologist": text})
    assert response.status_code == 200
    return re.findall(r'<option value="([^"]*)"', response.content.decode())


def namesakes(network, count, last_name="Peeters"):
    return [
        PsychologistFactory(networks=[network], user=UserFactory(last_name=last_name))
        for _ in range(count)
    ]


@pytest.fixture(params=["staff", "coordinator"])
def signed_in(request, client, network):
    factory = StaffFactory if request.param == "staff" else CoordinatorFactory
    client.force_login(factory(networks=[network]))
    return client


def test_the_suggestions_are_at_most_twenty(signed_in, network):
    namesakes(network, SUGGESTION_LIMIT + 5)
    assert len(suggested(signed_in, "peet")) == SUGGESTION_LIMIT


def test_only_psychologists_of_the_users_networks_are_suggested(signed_in, network, stranger):
    own = namesakes(network, 2)
    assert sorted(suggested(signed_in, "peeters")) == sorted(p.riziv_number for p in own)


def test_the_riziv_number_finds_its_psychologist(signed_in, network):
    psychologist = PsychologistFactory(networks=[network], riziv_number="71234567")
    assert suggested(signed_in, "12345") == [psychologist.riziv_number]


def test_another_networks_riziv_number_suggests_nothing(signed_in, stranger):
    assert suggested(signed_in, stranger.riziv_number) == []


def test_fewer_than_two_letters_suggest_nothing(signed_in, network):
    namesakes(network, 3)
    assert suggested(signed_in, "p") == []


@pytest.mark.parametrize(
    "text", ["' OR 1=1 --", "%", "%%", "_", "\\", "a" * 10_000, "pee\x00ters", "<script>"]
)
def test_hostile_input_answers_200_and_leaks_nothing(signed_in, network, stranger, text):
    namesakes(network, 1)
    assert stranger.riziv_number not in suggested(signed_in, text)


def test_a_psychologist_may_not_ask_for_suggestions(client, network):
    client.force_login(PsychologistFactory(networks=[network]).user)
    assert client.get(URL, {"psychologist": "peeters"}).status_code == 403
