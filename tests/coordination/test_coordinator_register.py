"""The call-4 register: admitted psychologists with their themes, searchable, for existing
services and coordinators."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import ApplicationStatus
from portal.models import Theme
from tests.coordination.conftest import make_application
from tests.factories import AllocationFactory, PsychologistFactory, RegistrationFactory, call

REGISTER = reverse("coordination:register")


def admit(network, *, themes=(), municipality="Gent", start=None, number=4):
    """A psychologist with an approved allocation under call `number` starting on `start`."""
    psychologist = PsychologistFactory(networks=[network], municipality=municipality)
    psychologist.themes.set([Theme.objects.get_or_create(name=name)[0] for name in themes])
    application = make_application(
        network,
        psychologist=psychologist,
        call=call(number),
        findplace=None,
        status=ApplicationStatus.APPROVED,
        start_date=start or timezone.localdate() - timedelta(days=10),
    )
    AllocationFactory(application=application)
    return psychologist


def listed(client, **params):
    return [row["psychologist"].pk for row in client.get(REGISTER, params).context["rows"]]


@pytest.fixture
def service_client(client, existing_service_user):
    client.force_login(existing_service_user)
    return client


def test_register_lists_psychologists_with_a_running_call4_allocation(service_client, network):
    admitted = admit(network, themes=["angst"])
    admit(network, number=3)  # another call
    admit(network, start=timezone.localdate() - timedelta(days=400))  # window over
    assert listed(service_client) == [admitted.pk]


def test_register_shows_themes_and_networks(service_client, network):
    admit(network, themes=["emotieregulatie", "angst"])
    response = service_client.get(REGISTER)
    assert [t.name for t in response.context["rows"][0]["themes"]] == ["angst", "emotieregulatie"]
    assert "Het PAKT" in response.content.decode()


def test_register_filters_on_theme(service_client, network):
    admit(network, themes=["angst"])
    grief = admit(network, themes=["rouw en verlies"])
    theme = Theme.objects.get(name="rouw en verlies")
    assert listed(service_client, theme=theme.pk) == [grief.pk]


def test_register_filter_on_theme_includes_themes_of_the_application(service_client, network):
    psychologist = admit(network)
    theme = Theme.objects.create(name="verslaving")
    psychologist.applications.get().themes.add(theme)
    assert listed(service_client, theme=theme.pk) == [psychologist.pk]


def test_register_filters_on_municipality(service_client, network):
    admit(network, municipality="Gent")
    aalst = admit(network, municipality="Aalst")
    assert listed(service_client, municipality="aal") == [aalst.pk]


def test_coordinators_see_the_register_too(coordinator_client, network):
    admitted = admit(network)
    assert listed(coordinator_client) == [admitted.pk]


def test_psychologists_cannot_see_the_register(client, network):
    client.force_login(PsychologistFactory(networks=[network]).user)
    assert client.get(REGISTER).status_code == 403


def row_of(client, psychologist) -> dict:
    rows = client.get(REGISTER).context["rows"]
    return next(row for row in rows if row["psychologist"] == psychologist)


def test_register_shows_the_call4_hours_left_of_each_psychologist(service_client, network):
    psychologist = admit(network)
    allocation = psychologist.allocations.get()
    RegistrationFactory(
        allocation=allocation,
        date=timezone.localdate() - timedelta(days=2),
        duration_minutes=180,
        quota_minutes=180,
    )
    assert row_of(service_client, psychologist)["hours_left"] == allocation.total_minutes - 180


def test_register_shows_no_hours_left_once_the_ten_hours_are_used(service_client, network):
    psychologist = admit(network)
    allocation = psychologist.allocations.get()
    RegistrationFactory(
        allocation=allocation,
        date=timezone.localdate() - timedelta(days=2),
        duration_minutes=allocation.total_minutes,
        quota_minutes=allocation.total_minutes,
    )
    assert row_of(service_client, psychologist)["hours_left"] == 0


def test_register_shows_the_portfolio_of_the_call4_application(service_client, network):
    psychologist = admit(network)
    portfolio = psychologist.allocations.get().application.portfolio
    assert row_of(service_client, psychologist)["portfolios"] == [portfolio]
    assert portfolio in service_client.get(REGISTER).content.decode()


def test_the_register_costs_the_same_queries_for_one_or_ten_psychologists(
    service_client, network, django_assert_max_num_queries
):
    admit(network, themes=["angst"])
    with CaptureQueriesContext(connection) as one:
        service_client.get(REGISTER)
    for _ in range(9):
        admit(network, themes=["angst", "rouw"])
    with django_assert_max_num_queries(len(one.captured_queries)):
        service_client.get(REGISTER)
