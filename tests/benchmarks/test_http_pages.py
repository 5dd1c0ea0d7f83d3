"""The HTTP page benchmark covers every page of the catalogue (tests/pages.py) of the
psychologist, coordinator and staff logins, so that a new page cannot be forgotten."""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from benchmarks.http_pages import EXCLUDED, SPECS
from tests import pages

BENCHMARKED = {spec.name for spec in SPECS}


@pytest.mark.django_db
@pytest.mark.parametrize("username", [pages.PSYCHOLOGIST, pages.COORDINATOR, pages.STAFF])
def test_every_catalogued_page_of_the_role_is_benchmarked_or_excluded(username):
    pages.load_demo()
    catalogued = {resolve(urlsplit(p.url).path).view_name for p in pages.pages_of(username)}

    assert catalogued - BENCHMARKED - EXCLUDED.keys() == set()


def test_an_excluded_page_is_not_benchmarked_and_says_why():
    assert BENCHMARKED.isdisjoint(EXCLUDED)
    assert all(reason for reason in EXCLUDED.values())


def test_every_benchmarked_page_has_its_own_figure_key():
    keys = [spec.key for spec in SPECS]
    assert len(keys) == len(set(keys))
