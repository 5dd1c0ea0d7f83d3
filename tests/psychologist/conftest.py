"""Fixtures of the psychologist tests: a signed-in psychologist, an allocation per call,
and a second psychologist whose ids must never open anything.
"""

import pytest
from django.utils import timezone

from tests.factories import FindplaceFactory, NetworkFactory, PsychologistFactory
from tests.psychologist.psy_helpers import make_allocation


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def network(db):
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def psychologist(network):
    return PsychologistFactory(networks=[network], user__first_name="An", user__last_name="Peeters")


@pytest.fixture
def other_psychologist(network):
    return PsychologistFactory(networks=[network])


@pytest.fixture
def psy_client(client, psychologist):
    client.force_login(psychologist.user)
    return client


@pytest.fixture
def findplace(network):
    return FindplaceFactory(network=network, name="Huisartsenpraktijk De Linde")


@pytest.fixture
def allocation(psychologist):
    """Call 1: 4 h on a findplace, no bonus."""
    return make_allocation(psychologist, 1)


@pytest.fixture
def call3_allocation(psychologist):
    return make_allocation(psychologist, 3)
