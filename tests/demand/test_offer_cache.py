"""The public offer pages read through the shared cache (demand.offer_cache), and what
they show of a person never outlives that person's choice."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal.models import Theme
from tests.demand.test_published_offer import page, running
from tests.factories import NetworkFactory, PsychologistFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(code="ADS", name="GG ADS")


@pytest.fixture
def listed(network):
    psychologist = PsychologistFactory(
        networks=[network], listed_publicly=True, user__first_name="Ann", user__last_name="Peeters"
    )
    return running(network, psychologist)


def test_a_second_visit_reads_the_offer_from_the_cache(
    client, network, listed, django_assert_max_num_queries
):
    page(client, network)

    with django_assert_max_num_queries(2):  # the network by its code, with its postcodes
        assert "Ann Peeters" in page(client, network)


def test_the_list_of_networks_is_read_from_the_cache_too(
    client, network, django_assert_num_queries
):
    client.get(reverse("demand:offer"))

    with django_assert_num_queries(0):
        assert client.get(reverse("demand:offer")).status_code == 200


def test_a_new_allocation_shows_once_the_cached_offer_expires(client, network, listed):
    newcomer = PsychologistFactory(
        networks=[network], listed_publicly=True, user__last_name="Claes"
    )
    page(client, network)
    running(network, newcomer)
    assert "Claes" not in page(client, network)

    cache.clear()  # what OFFER_CACHE_SECONDS later does

    assert "Claes" in page(client, network)


def test_a_psychologist_who_leaves_the_listing_is_gone_at_once(client, network, listed):
    page(client, network)

    listed.listed_publicly = False
    listed.save()

    assert "Ann Peeters" not in page(client, network)


def test_a_changed_name_shows_at_once(client, network, listed):
    page(client, network)

    listed.user.last_name = "Janssens"
    listed.user.save()

    assert "Ann Janssens" in page(client, network)


def test_a_removed_theme_is_gone_at_once(client, network, listed):
    listed.themes.add(Theme.objects.create(name="Rouw"))
    assert "Rouw" in page(client, network)

    listed.themes.clear()

    assert "Rouw" not in page(client, network)


def test_a_login_keeps_the_cached_offer(client, network, listed, django_assert_max_num_queries):
    page(client, network)

    listed.user.save(update_fields=["last_login"])

    with django_assert_max_num_queries(2):
        page(client, network)


def test_each_language_has_its_own_cached_offer(client, network, listed):
    listed.themes.add(Theme.objects.create(name_nl_be="Rouw", name_fr_be="Deuil"))
    assert "Rouw" in page(client, network)

    url = reverse("demand:offer_network", args=[network.code])
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr-be").content.decode()

    assert "Deuil" in french and "Rouw" not in french
