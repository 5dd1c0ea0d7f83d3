"""Behind a reverse proxy the lockout and the request form's limits count per client, not
per proxy: the address comes from CLIENT_IP_HEADER when it is set, else from the connection."""

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.urls import reverse

from portal.client_ip import client_ip
from tests.demand.posts import form_post

PROXY = "172.18.0.5"


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, **meta)


def test_without_a_header_setting_the_address_is_the_connections():
    assert client_ip(request(HTTP_X_REAL_IP="192.0.2.9")) == PROXY


@override_settings(CLIENT_IP_HEADER="X-Real-IP")
def test_with_a_header_setting_the_address_is_the_one_the_proxy_gives():
    assert client_ip(request(HTTP_X_REAL_IP="192.0.2.9")) == "192.0.2.9"


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For")
def test_in_a_list_the_address_our_proxy_added_counts_not_one_the_client_sent():
    assert client_ip(request(HTTP_X_FORWARDED_FOR="10.6.6.6, 192.0.2.9")) == "192.0.2.9"


@override_settings(CLIENT_IP_HEADER="X-Real-IP")
def test_a_request_without_the_header_falls_back_to_the_connection():
    assert client_ip(request()) == PROXY


def test_the_lockout_and_the_rate_limits_ask_the_same_function():
    assert settings.AXES_CLIENT_IP_CALLABLE == "portal.client_ip.client_ip"
    assert settings.RATELIMIT_IP_META_KEY == "portal.client_ip.client_ip"


@pytest.mark.django_db
@override_settings(CLIENT_IP_HEADER="X-Real-IP", DEMAND_REQUESTS_PER_IP="2/h")
def test_behind_the_proxy_the_form_limit_is_per_client(client):
    url = reverse("demand:request_form")
    for _ in range(3):
        client.post(url, form_post(), REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="192.0.2.1")
    response = client.post(url, form_post(), REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="192.0.2.2")
    assert response.status_code == 302
