"""Sessions read through the cache (portal.sessions): no query for a cached session, the
database always the truth, and a cache that fails costs a query, never a page or a logout."""

from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from portal.sessions import CACHED_SECONDS, SessionStore
from tests.factories import PsychologistFactory

pytestmark = pytest.mark.django_db

BROKEN = RedisConnectionError("Redis is down")


@pytest.fixture(autouse=True)
def cached_sessions(settings):
    settings.SESSION_ENGINE = "portal.sessions"
    cache.clear()


def saved(**data) -> SessionStore:
    store = SessionStore()
    store.update(data)
    store.save()
    return store


def test_a_cached_session_is_read_without_a_query():
    key = saved(user="an").session_key
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore(key).load() == {"user": "an"}
    assert len(queries) == 0


def test_a_cached_copy_lives_at_most_five_minutes():
    with mock.patch.object(cache, "set") as cache_set:
        saved(user="an")
    assert cache_set.call_args.args[2] == CACHED_SECONDS == 300


def test_with_the_cache_down_a_session_is_read_from_the_database():
    key = saved(user="an").session_key
    with mock.patch.object(cache, "get", side_effect=BROKEN):
        assert SessionStore(key).load() == {"user": "an"}


def test_with_the_cache_down_a_session_is_still_saved_in_the_database():
    with mock.patch.object(cache, "set", side_effect=BROKEN):
        key = saved(user="an").session_key
    assert Session.objects.filter(session_key=key).exists()


def test_with_the_cache_down_a_logout_still_deletes_the_session():
    key = saved(user="an").session_key
    with mock.patch.object(cache, "delete", side_effect=BROKEN):
        SessionStore(key).delete()
    assert not Session.objects.filter(session_key=key).exists()


def test_a_deleted_session_is_gone_from_the_cache_too():
    store = saved(user="an")
    store.delete()
    assert SessionStore(store.session_key).load() == {}


def test_a_signed_in_page_renders_with_the_cache_down(client):
    psychologist = PsychologistFactory()
    client.force_login(psychologist.user)
    with (
        mock.patch.object(cache, "get", side_effect=BROKEN),
        mock.patch.object(cache, "set", side_effect=BROKEN),
    ):
        assert client.get(reverse("profile")).status_code == 200
