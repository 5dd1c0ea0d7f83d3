"""The admin creates and renames networks; their settings, postcodes and existing services
change only through the settings page, and their history is never restored."""

import pytest
from django.urls import reverse

from portal.models import Network
from tests.factories import ExistingServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_the_admin_cannot_change_a_networks_enterprise_number(admin_client, network):
    url = reverse("admin:portal_network_change", args=[network.pk])

    response = admin_client.post(url, {"name": "Het PAKT vzw", "enterprise_number": "0000000097"})

    assert response.status_code == 302
    network.refresh_from_db()
    assert (network.name, network.enterprise_number) == ("Het PAKT vzw", "")


def test_the_admin_cannot_add_or_change_an_existing_service(admin_client, network):
    service = ExistingServiceFactory(network=network)
    assert admin_client.get(reverse("admin:portal_existingservice_add")).status_code == 403
    change = reverse("admin:portal_existingservice_change", args=[service.pk])
    admin_client.post(change, {"name": "x"})
    service.refresh_from_db()
    assert service.name != "x"


def test_a_networks_history_is_never_restored(admin_client, network):
    network.municipality = "Gent"
    network.save()
    version = network.history.earliest("history_id")
    url = reverse("admin:portal_network_simple_history", args=[network.pk, version.history_id])

    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"name": network.name}).status_code == 403
    assert Network.objects.get(pk=network.pk).municipality == "Gent"
