"""Existing services and coordinators see the call-3 and call-4 activities of their network:
what, when, how long, how many actors, by whom and on which request; never client data."""

from datetime import date

import pytest
from django.urls import reverse

from portal.models import Role
from tests.demand.factories import SupportRequestFactory
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    CoordinatorFactory,
    NetworkFactory,
    PsychologistFactory,
    RegistrationFactory,
    UserFactory,
    call,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("coordination:network_activities")


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def other_network():
    return NetworkFactory(code="ADS", name="GG ADS")


def activity(network, number=4, *, day=date(2025, 3, 3), last_name="Peeters", **fields):
    psychologist = PsychologistFactory(networks=[network], user__last_name=last_name)
    application = ApplicationFactory(
        psychologist=psychologist, network=network, call=call(number), status="approved"
    )
    allocation = AllocationFactory(application=application)
    fields.setdefault("work_form", "workshop")
    return RegistrationFactory(allocation=allocation, date=day, **fields)


def service_of(network):
    return UserFactory(roles=(Role.EXISTING_SERVICE,), networks=[network])


def shown(client, user, **params):
    client.force_login(user)
    response = client.get(PAGE, params)
    assert response.status_code == 200
    return [row["registration"].pk for row in response.context["rows"]]


def test_an_existing_service_sees_the_call3_and_call4_activities_of_its_network(
    client, network, other_network
):
    call4, call3 = activity(network, 4), activity(network, 3, work_form="advice")
    activity(network, 1, work_form="consultation")
    activity(other_network, 4)
    assert sorted(shown(client, service_of(network))) == sorted([call4.pk, call3.pk])


def test_a_coordinator_sees_the_activities_of_the_networks_they_follow(
    client, network, other_network
):
    mine = activity(network)
    activity(other_network)
    assert shown(client, CoordinatorFactory(networks=[network])) == [mine.pk]


def test_an_existing_service_of_another_network_sees_nothing_of_ours(
    client, network, other_network
):
    # A name no generated user carries (the service's own could be "Peeters").
    activity(network, last_name="Onzepsycholoog")
    client.force_login(service_of(other_network))
    response = client.get(PAGE)
    assert response.context["rows"] == []
    assert "Onzepsycholoog" not in response.content.decode()


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_psychologist_may_not_open_the_page(client, network):
    client.force_login(PsychologistFactory().user)
    assert client.get(PAGE).status_code == 403


def test_the_page_shows_no_subject_place_or_consent(client, network):
    activity(network, subject="Geheim onderwerp", place="Geheime plaats", attendee_roles="GPs")
    client.force_login(service_of(network))
    page = client.get(PAGE).content.decode()
    assert "GPs" in page
    assert "Geheim onderwerp" not in page
    assert "Geheime plaats" not in page


def test_the_linked_request_is_named(client, network):
    support_request = SupportRequestFactory(network=network, organisation="WZC De Linde")
    activity(network, support_request=support_request)
    client.force_login(service_of(network))
    assert f"#{support_request.pk} WZC De Linde" in client.get(PAGE).content.decode()


def test_the_period_filter_keeps_the_activities_inside_it(client, network):
    inside = activity(network, day=date(2025, 5, 10))
    activity(network, day=date(2025, 2, 1))
    params = {"date_from": "2025-05-01", "date_to": "2025-05-31"}
    assert shown(client, service_of(network), **params) == [inside.pk]


def test_the_call_filter_keeps_one_call(client, network):
    activity(network, 4)
    call3 = activity(network, 3, work_form="advice")
    assert shown(client, service_of(network), call=call(3).pk) == [call3.pk]


def test_the_call_filter_offers_only_calls_3_and_4(client, network):
    client.force_login(service_of(network))
    field = client.get(PAGE).context["filter"].form.fields["call"]
    assert [c.number for c in field.queryset] == [3, 4]


def test_the_psychologist_filter_searches_names(client, network):
    wanted = activity(network, last_name="Vermeulen")
    activity(network, last_name="Janssens")
    assert shown(client, service_of(network), psychologist="vermeul") == [wanted.pk]


def test_the_list_is_paged(client, network):
    for day in range(1, 28):
        activity(network, day=date(2025, 3, day))
    client.force_login(service_of(network))
    response = client.get(PAGE, {"page": "2"})
    assert len(response.context["rows"]) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "31/02/2025"},
        {"date_to": "x" * 500},
        {"call": "abc"},
        {"call": "999999"},
        {"psychologist": "' OR 1=1 --"},
        {"psychologist": "\x00"},
        {"page": "-1"},
        {"page": "9999999999999999999999"},
    ],
)
def test_hostile_filters_never_give_a_server_error(client, network, params):
    activity(network)
    client.force_login(service_of(network))
    assert client.get(PAGE, params).status_code == 200
