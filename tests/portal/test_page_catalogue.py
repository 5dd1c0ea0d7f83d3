"""The page catalogue (tests/pages.py) opens for its logins: the base of the every-page tests."""

import pytest

from tests import pages


@pytest.mark.django_db
@pytest.mark.parametrize("username", [*pages.LOGINS, pages.ANONYMOUS])
def test_every_catalogued_page_opens_for_its_login(client, username):
    pages.load_demo()
    if username:
        client.force_login(pages.user(username))
    catalogue = pages.pages_of(username)
    assert catalogue
    failures = {page.url: client.get(page.url).status_code for page in catalogue}
    assert {url: code for url, code in failures.items() if code != 200} == {}
