"""The settings pages of network staff: only the networks they follow (another network's
settings, services and rates are a 404), refusals on their field, and the history shown."""

import pytest
from django.urls import reverse

from portal.models import ExistingService, Network
from tests.factories import ExistingServiceFactory, PsychologistFactory, UserFactory
from tests.networks.conftest import settings_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_the_list_shows_only_the_networks_the_staff_member_follows(
    staff_client, network, other_network
):
    response = staff_client.get(reverse("network_list"))

    assert [n.pk for n in response.context["networks"]] == [network.pk]
    assert "GG ADS" not in response.content.decode()


@pytest.mark.parametrize(
    "url_name", ["network_settings", "existing_service_add", "billing:network_rates"]
)
def test_another_networks_pages_are_not_found(staff_client, other_network, url_name):
    assert staff_client.get(reverse(url_name, args=[other_network.pk])).status_code == 404


def test_posting_another_networks_settings_is_not_found_and_changes_nothing(
    staff_client, other_network
):
    response = staff_client.post(
        reverse("network_settings", args=[other_network.pk]), settings_data()
    )

    assert response.status_code == 404
    assert Network.objects.get(pk=other_network.pk).street == ""


@pytest.mark.parametrize("action", ["existing_service_edit", "existing_service_delete"])
def test_another_networks_service_is_not_found_even_through_ones_own_network(
    staff_client, network, other_network, action
):
    service = ExistingServiceFactory(network=other_network)

    for network_pk in (network.pk, other_network.pk):
        url = reverse(action, args=[network_pk, service.pk])
        assert staff_client.post(url, {"name": "x"}).status_code == 404
    assert ExistingService.objects.get(pk=service.pk).name == service.name


def test_a_psychologist_is_refused_the_settings_pages(client, network):
    client.force_login(PsychologistFactory(networks=[network]).user)
    assert client.get(reverse("network_settings", args=[network.pk])).status_code == 403


def test_an_administrator_opens_every_networks_settings(client, other_network):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("network_settings", args=[other_network.pk])).status_code == 200


def test_staff_save_the_settings_and_see_the_change_in_the_history(staff_client, network, staff):
    url = reverse("network_settings", args=[network.pk])

    response = staff_client.post(url, settings_data(), follow=True)

    assert response.status_code == 200
    network.refresh_from_db()
    assert network.enterprise_number == "0812345702"
    page = response.content.decode()
    assert "Instellingen gewijzigd" in page
    assert staff.get_full_name() in page
    assert "Gent" in page


def test_a_refusal_of_the_service_lands_on_its_field(staff_client, network):
    url = reverse("network_settings", args=[network.pk])

    response = staff_client.post(url, settings_data(enterprise_number="0812.345.703"))

    assert response.status_code == 422
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["enterprise_number"]] == ["invalid_enterprise_number"]


def test_staff_add_an_existing_service_and_it_is_listed(staff_client, network):
    response = staff_client.post(
        reverse("existing_service_add", args=[network.pk]),
        {"name": "Crosslink", "description": "Jeugdhulp.", "phone": "055 12 34 56"},
        follow=True,
    )

    assert response.status_code == 200
    assert [s.name for s in response.context["services"]] == ["Crosslink"]
    assert "Bestaande werking Crosslink toegevoegd" in response.content.decode()


def test_a_service_without_contact_is_a_form_error_on_the_email_field(staff_client, network):
    response = staff_client.post(
        reverse("existing_service_add", args=[network.pk]),
        {"name": "Crosslink", "description": "Jeugdhulp."},
    )

    assert response.status_code == 422
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["email"]] == ["contact_required"]


def test_staff_remove_an_existing_service_of_their_network(staff_client, network):
    service = ExistingServiceFactory(network=network)

    response = staff_client.post(reverse("existing_service_delete", args=[network.pk, service.pk]))

    assert response.status_code == 302
    assert not ExistingService.objects.filter(pk=service.pk).exists()
