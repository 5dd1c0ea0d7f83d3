"""The demo networks have settings every check of the settings page accepts, postcodes no two
of them share, and existing services to reach."""

import pytest
from django.urls import reverse

from demo.networks import NETWORK_SETTINGS
from portal.models import ExistingService, Network, PostcodeRange
from portal.network_forms import NetworkSettingsForm
from portal.network_settings import clean_settings, save_existing_service, update_network_settings
from tests import pages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    pages.load_demo()


def test_the_demo_settings_pass_every_check_unchanged(demo):
    for network in Network.objects.all():
        values, errors = clean_settings(NETWORK_SETTINGS[network.code], network)
        assert errors == [], network.code
        assert {name: getattr(network, name) for name in values} == values, network.code


def test_saving_the_demo_settings_page_unchanged_writes_no_history(demo, client):
    client.force_login(pages.user(pages.STAFF))
    for network in Network.objects.all():
        before = network.history.count(), PostcodeRange.history.count()
        form = NetworkSettingsForm(network=network)
        data = {name: form.initial.get(name) for name in form.fields}
        data = {name: value for name, value in data.items() if value not in (None, False)}

        response = client.post(reverse("network_settings", args=[network.pk]), data)

        assert response.status_code == 302, network.code
        assert (network.history.count(), PostcodeRange.history.count()) == before, network.code


def test_the_demo_postcodes_and_services_are_saved_again_by_the_services(demo):
    admin = UserFactory(is_superuser=True)
    for network in Network.objects.all():
        update_network_settings(network, {"postcodes": network.covered_postcodes}, actor=admin)
        for service in network.existing_services.all():
            data = {
                name: getattr(service, name)
                for name in ("name", "description", "email", "phone", "website", "municipality")
            }
            save_existing_service(network, data, actor=admin, service=service)


def test_every_demo_network_has_an_existing_service_and_postcodes_of_its_own(demo):
    for network in Network.objects.all():
        assert ExistingService.objects.filter(network=network).exists(), network.code
    assert [n.code for n in Network.objects.covering("9000")] == ["PAKT"]
    assert [n.code for n in Network.objects.covering("9300")] == ["ADS"]
    assert [n.code for n in Network.objects.covering("9600")] == ["RADAR"]
