"""The signed-in user read through the shared cache (portal.user_cache): no user or role
query per page, and every change that matters for access takes effect at once."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from redis.exceptions import RedisError

from portal import services, user_cache
from portal.models import Role
from tests.factories import ApplicationFactory, CoordinatorFactory, NetworkFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("coordination:queue")


@pytest.fixture(autouse=True)
def cached_users(settings):
    settings.USER_CACHE_SECONDS = 60


@pytest.fixture
def network():
    return NetworkFactory()


@pytest.fixture
def coordinator(network):
    return CoordinatorFactory(networks=[network])


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    assert client.get(QUEUE).status_code == 200  # the copy is stored
    return client


def tables_read(client, url) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_a_signed_in_page_reads_neither_the_user_nor_their_roles(signed_in):
    sql = tables_read(signed_in, QUEUE)

    assert 'FROM "portal_user"' not in sql
    assert '"auth_group"' not in sql


def test_the_copy_holds_no_psychologist_profile(signed_in, coordinator):
    copy = user_cache.get(coordinator.pk)

    assert copy.pk == coordinator.pk
    assert "psychologist" not in copy._state.fields_cache


def test_a_deactivated_user_is_signed_out_at_once(signed_in, coordinator):
    coordinator.is_active = False
    coordinator.save()

    assert signed_in.get(QUEUE).status_code == 302


def test_a_changed_password_ends_the_other_sessions_at_once(signed_in, coordinator):
    coordinator.set_password("een-nieuw-wachtwoord-42")
    coordinator.save()

    assert signed_in.get(QUEUE).status_code == 302


def test_a_role_taken_away_is_refused_at_once(signed_in, coordinator):
    coordinator.groups.remove(Group.objects.get(name=Role.COORDINATOR))

    assert signed_in.get(QUEUE).status_code == 403


def test_a_role_taken_away_from_the_groups_side_is_refused_at_once(signed_in, coordinator):
    Group.objects.get(name=Role.COORDINATOR).user_set.remove(coordinator)

    assert signed_in.get(QUEUE).status_code == 403


def test_a_network_taken_away_is_out_of_reach_at_once(signed_in, coordinator, network):
    application = ApplicationFactory(network=network, status="submitted")
    review = reverse("coordination:review", args=[application.pk])
    assert signed_in.get(review).status_code == 200

    coordinator.networks.remove(network)

    assert signed_in.get(review).status_code == 404


def test_a_chosen_language_shows_at_once(signed_in, coordinator):
    services.set_language(coordinator, "fr-be")

    assert signed_in.get(QUEUE).headers["Content-Language"] == "fr-be"


def test_without_a_shared_cache_nothing_is_stored(client, coordinator, settings):
    settings.USER_CACHE_SECONDS = 0
    client.force_login(coordinator)

    client.get(QUEUE)

    assert cache.get(f"signed-in-user:{coordinator.pk}") is None


def test_a_cache_failure_reads_the_user_from_the_database(signed_in, monkeypatch):
    def broken(*args, **kwargs):
        raise RedisError("down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)

    assert 'FROM "portal_user"' in tables_read(signed_in, QUEUE)


def test_a_chosen_delivery_forgets_the_copy(signed_in, coordinator):
    services.set_notification_delivery(coordinator, "none")

    assert user_cache.get(coordinator.pk) is None
