"""Fixtures of the coordinator tests: two networks, a coordinator of the first, and helpers
that build applications, allocations and extra-hours requests in either network.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import ApplicationStatus, ExtraHoursRequest
from portal.models import Role
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    CoordinatorFactory,
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    UserFactory,
)


@pytest.fixture
def network(db):
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def other_network(db):
    return NetworkFactory(code="ADS", name="GG ADS")


@pytest.fixture
def coordinator(network):
    return CoordinatorFactory(networks=[network], first_name="Lotte", last_name="Coördinator")


@pytest.fixture
def coordinator_client(client, coordinator):
    # django-axes needs a request in authenticate(): force_login skips authentication.
    client.force_login(coordinator)
    return client


@pytest.fixture
def existing_service_user(db):
    return UserFactory(roles=[Role.EXISTING_SERVICE])


def make_application(network, *, days_ago=1, findplace=None, psychologist=None, **fields):
    """A submitted application in `network` (call 1 unless `call` is given)."""
    psychologist = psychologist or PsychologistFactory(networks=[network])
    findplace = findplace or FindplaceFactory(network=network)
    fields.setdefault("submitted_at", timezone.now() - timedelta(days=days_ago))
    return ApplicationFactory(
        psychologist=psychologist, network=network, findplace=findplace, **fields
    )


def make_allocation(network, *, start=None, **fields):
    """An approved allocation in `network` whose window starts on `start` (default today)."""
    start = start or timezone.localdate()
    application = make_application(network, status=ApplicationStatus.APPROVED, start_date=start)
    return AllocationFactory(application=application, **fields)


def make_extra_hours(allocation, minutes=120):
    return ExtraHoursRequest.objects.create(
        allocation=allocation,
        requested_minutes=minutes,
        motivation="Veel vragen van de vindplaats.",
    )
