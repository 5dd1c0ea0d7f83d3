"""Fixtures of the billing tests: a network, psychologists with an allocation, registrations."""

import pytest

from tests.factories import AllocationFactory, NetworkFactory, PsychologistFactory


@pytest.fixture
def network(db):
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def allocation(network):
    """An allocation of a fresh psychologist in `network` (window 2025)."""
    return AllocationFactory(application__psychologist=PsychologistFactory(networks=[network]))


@pytest.fixture
def make_allocation(network):
    def make(psychologist=None, net=None):
        net = net or network
        psychologist = psychologist or PsychologistFactory(networks=[net])
        return AllocationFactory(application__psychologist=psychologist, application__network=net)

    return make
