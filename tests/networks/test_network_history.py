"""The history a network's settings page shows: newest first, who, what, and each changed
field with its value before and after, for settings, postcodes and existing services."""

import pytest
from django.urls import reverse

from portal.history import changes_of_network
from portal.network_settings import save_existing_service, update_network_settings
from tests.networks.conftest import settings_data

pytestmark = pytest.mark.django_db


def test_changes_are_listed_newest_first_with_the_fields_they_changed(network, staff):
    update_network_settings(network, settings_data(), actor=staff)
    update_network_settings(
        network, settings_data(municipality="Gentbrugge", languages=["nl-be", "fr-be"]), actor=staff
    )

    latest = changes_of_network(network)[0]

    assert (latest.subject, latest.kind, latest.by) == ("Instellingen", "~", staff.get_full_name())
    assert sorted(latest.fields) == [
        ("gemeente", "Gent", "Gentbrugge"),
        ("talen van het aanbod", "Nederlands", "Nederlands, Frans"),
    ]


def test_postcodes_and_existing_services_are_in_the_networks_history(network, staff):
    update_network_settings(network, {"postcodes": "9000-9099"}, actor=staff)
    save_existing_service(
        network, {"name": "Crosslink", "description": "d", "phone": "055 12 34 56"}, actor=staff
    )

    subjects = [(change.subject, change.kind) for change in changes_of_network(network)]

    assert subjects[:2] == [("Bestaande werking Crosslink", "+"), ("Postcodes 9000-9099", "+")]


def test_another_networks_changes_are_not_in_this_networks_history(
    network, other_network, other_staff
):
    update_network_settings(other_network, {"postcodes": "9100"}, actor=other_staff)
    assert [change.subject for change in changes_of_network(network)] == ["Instellingen"]


def test_a_change_outside_a_request_is_by_the_portal(network):
    network.municipality = "Gent"
    network.save()
    assert changes_of_network(network)[0].by == "het portaal"


def test_the_history_keeps_a_change_hostile_text_escaped_on_the_page(client, network, staff):
    update_network_settings(network, settings_data(), actor=staff)
    update_network_settings(network, settings_data(street="<script>x</script> 1"), actor=staff)
    client.force_login(staff)

    page = client.get(reverse("network_settings", args=[network.pk])).content.decode()

    assert "<script>x" not in page
    assert "&lt;script&gt;x&lt;/script&gt; 1" in page
