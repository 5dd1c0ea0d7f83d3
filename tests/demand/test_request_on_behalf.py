"""Entering a request on the requester's behalf (/vragen/nieuw/): who may, what it stores."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from post_office.models import Email

from demand.models import Channel, RequestEventKind, RequestState, SupportRequest
from demand.services import intake
from portal.models import Role
from tests.demand.posts import aalst_network, form_post
from tests.factories import CoordinatorFactory, NetworkFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("demand:on_behalf")


def test_an_existing_service_enters_a_confirmed_request_for_its_network(client):
    network = aalst_network()
    service = UserFactory(roles=(Role.EXISTING_SERVICE,), networks=[network])
    colleague = CoordinatorFactory(networks=[network])
    client.force_login(service)
    response = client.post(URL, form_post(network=network.pk, postcode="1000"))
    assert response.status_code == 302
    support_request = SupportRequest.objects.get()
    assert support_request.state == RequestState.CONFIRMED
    assert support_request.channel == Channel.ON_BEHALF
    assert support_request.entered_by == service
    assert support_request.network == network  # the chosen network, whatever the postcode
    event = support_request.events.get()
    assert (event.kind, event.actor) == (RequestEventKind.CREATED, service)
    recipients = sorted(a for e in Email.objects.all() for a in e.to)
    assert recipients == sorted([support_request.email, colleague.email])


def test_a_coordinator_cannot_choose_a_network_they_do_not_follow(client):
    coordinator = CoordinatorFactory(networks=[aalst_network()])
    other = NetworkFactory(code="PAKT")
    client.force_login(coordinator)
    response = client.post(URL, form_post(network=other.pk))
    assert "network" in response.context["form"].errors
    assert not SupportRequest.objects.exists()


def test_the_service_refuses_a_network_the_user_does_not_follow():
    coordinator = CoordinatorFactory(networks=[aalst_network()])
    other = NetworkFactory(code="PAKT")
    data = {**form_post(), "in_direct_contact": True, "about_clients_in_care": False}
    data["expected_attendees"] = 8
    with pytest.raises(ValidationError) as error:
        intake.create_on_behalf(
            coordinator, other, data, language="nl-be", absolute_url=lambda path: path
        )
    assert error.value.error_list[0].code == "not_worker_of_network"


def test_the_eligibility_rules_hold_on_behalf_too(client):
    network = aalst_network()
    client.force_login(CoordinatorFactory(networks=[network]))
    response = client.post(URL, form_post(network=network.pk, place_kind="clb"))
    assert "place_kind" in response.context["form"].errors
    assert not SupportRequest.objects.exists()


def test_anonymous_users_go_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("roles", [(Role.PSYCHOLOGIST,), (Role.NETWORK_STAFF,)])
def test_other_roles_are_refused(client, roles):
    client.force_login(UserFactory(roles=roles, networks=[aalst_network()]))
    assert client.get(URL).status_code == 403


def test_staff_cannot_post_a_request_either(client):
    client.force_login(StaffFactory(networks=[aalst_network()]))
    assert client.post(URL, form_post()).status_code == 403
    assert not SupportRequest.objects.exists()
