"""Abuse of the public form: the honeypot, the rate limits, a cache that does not answer."""

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from post_office.models import Email
from redis.exceptions import ConnectionError as RedisConnectionError

from demand import throttle
from demand.models import SupportRequest
from tests.conftest import redis_url
from tests.demand.posts import form_post

pytestmark = pytest.mark.django_db
URL = reverse("demand:request_form")


def test_a_filled_honeypot_pretends_success_and_stores_nothing(client):
    response = client.post(URL, form_post(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("demand:request_sent")
    assert not SupportRequest.objects.exists()
    assert not Email.objects.exists()


@override_settings(DEMAND_REQUESTS_PER_IP="2/h")
def test_too_many_sendings_from_one_ip_get_a_429_page(client):
    for n in range(2):
        assert client.post(URL, form_post(email=f"v{n}@example.org")).status_code == 302
    response = client.post(URL, form_post(email="v3@example.org"))
    assert response.status_code == 429
    assert "te veel vragen" in response.content.decode()
    assert SupportRequest.objects.count() == 2


@override_settings(DEMAND_REQUESTS_PER_IP="2/h")
def test_the_ip_limit_is_per_address(client):
    for _ in range(3):
        client.post(URL, form_post(), REMOTE_ADDR="192.0.2.1")
    assert client.post(URL, form_post(), REMOTE_ADDR="192.0.2.2").status_code == 302


@override_settings(DEMAND_REQUESTS_PER_EMAIL="1/d")
def test_too_many_requests_for_one_e_mail_address_get_a_429_page(client):
    assert client.post(URL, form_post(), REMOTE_ADDR="192.0.2.1").status_code == 302
    response = client.post(URL, form_post(email="ELS@example.org"), REMOTE_ADDR="192.0.2.2")
    assert response.status_code == 429
    assert SupportRequest.objects.count() == 1


@override_settings(DEMAND_REQUESTS_PER_IP="1/h")
def test_the_limit_page_is_in_the_language_of_the_page(client):
    client.cookies["django_language"] = "en"
    client.post(URL, form_post())
    response = client.post(URL, form_post())
    assert response.status_code == 429
    assert '<html lang="en">' in response.content.decode()


def test_a_cache_that_does_not_answer_lets_the_request_through(client, monkeypatch):
    def down(*args, **kwargs):
        raise RedisConnectionError("down")

    monkeypatch.setattr(throttle, "is_ratelimited", down)
    assert client.post(URL, form_post()).status_code == 302
    assert SupportRequest.objects.count() == 1


def test_the_live_check_does_not_count_against_the_limit(client):
    with override_settings(DEMAND_REQUESTS_PER_IP="1/h"):
        for _ in range(3):
            client.post(reverse("demand:request_check"), form_post())
        assert client.post(URL, form_post()).status_code == 302


@pytest.mark.redis
def test_the_limit_counts_in_redis_as_in_production(client):
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url(),
    }
    with override_settings(CACHES={"default": redis_cache}, DEMAND_REQUESTS_PER_IP="1/h"):
        caches["default"].clear()
        try:
            assert client.post(URL, form_post(), REMOTE_ADDR="198.51.100.7").status_code == 302
            response = client.post(URL, form_post(), REMOTE_ADDR="198.51.100.7")
            assert response.status_code == 429
        finally:
            caches["default"].clear()
