"""What every page's head and transport give browsers and search engines: a favicon (also
at /favicon.ico), a meta description (the page's own where it has one), and compressed
HTML."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import PsychologistFactory

pytestmark = pytest.mark.django_db


def description(html: str) -> str:
    return re.search(r'<meta name="description" content="([^"]+)">', html).group(1)


def test_html_responses_are_gzip_compressed(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).decode().startswith("<!doctype html>")


def test_html_is_sent_plain_to_a_client_that_does_not_accept_gzip(client):
    response = client.get(reverse("login"))

    assert not response.has_header("Content-Encoding")


def test_favicon_ico_answers_with_the_static_file(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].endswith("/favicon.ico")
    assert finders.find("favicon.ico")


def test_every_page_links_its_favicon(client):
    html = client.get(reverse("login")).content.decode()

    assert 'rel="icon" href="/static/favicon.svg"' in html
    assert 'rel="icon" href="/static/favicon.ico"' in html


def test_the_login_page_has_its_own_meta_description(client):
    assert "Meld u aan op het Art. 8-portaal" in description(
        client.get(reverse("login")).content.decode()
    )


def test_other_pages_have_the_portals_meta_description(client):
    client.force_login(PsychologistFactory().user)

    html = client.get(reverse("registrations:list")).content.decode()

    assert description(html).startswith("Het Art. 8-portaal van de netwerken")
