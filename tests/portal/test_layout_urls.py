"""The layout of every page reverses its links and looks up its static files once per
process: the same URLs as reverse() and {% static %} give, under the script prefix of the
request, and the menu of each role still links its pages."""

import json
from unittest import mock

import pytest
from django.urls import reverse, set_script_prefix

from portal.models import Role
from portal.navigation import nav_items, page_url
from portal.static_storage import StaticFilesStorage
from tests.factories import UserFactory


def test_page_url_is_the_url_reverse_gives():
    assert page_url("logout") == reverse("logout")
    assert page_url("privacy:privacy") == reverse("privacy:privacy")


def test_page_url_of_a_name_without_a_page_is_empty():
    assert page_url("no-such-page") == ""


def test_page_url_follows_the_script_prefix_of_the_request():
    plain = page_url("logout")
    set_script_prefix("/portaal/")
    try:
        assert page_url("logout") == "/portaal" + plain
    finally:
        set_script_prefix("/")
    assert page_url("logout") == plain


@pytest.mark.django_db
def test_the_menu_links_each_page_of_the_role_and_marks_the_current_one():
    user = UserFactory(roles=(Role.COORDINATOR,))
    queue = reverse("coordination:queue")
    items = nav_items(user, queue)
    assert queue in [item["url"] for item in items]
    assert [item["url"] for item in items if item["active"]] == [queue]


@pytest.mark.django_db
def test_a_signed_in_page_shows_the_layout_links(client):
    client.force_login(UserFactory(roles=(Role.PSYCHOLOGIST,)))
    page = client.get(reverse("password_change_done")).content.decode()
    for name in ("logout", "password_change", "privacy:privacy", "set_language"):
        assert f'"{reverse(name)}"' in page


@pytest.fixture
def storage(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/portal.css": "css/portal.abc123.css"}})
    )
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


def test_a_static_url_is_the_hashed_name_of_the_manifest(storage):
    assert storage.url("css/portal.css") == "/static/css/portal.abc123.css"


def test_a_static_url_is_looked_up_in_the_manifest_once(storage):
    with mock.patch.object(storage, "stored_name", wraps=storage.stored_name) as looked_up:
        first, second = storage.url("css/portal.css"), storage.url("css/portal.css")
    assert first == second == "/static/css/portal.abc123.css"
    assert looked_up.call_count == 1


def test_a_file_missing_from_the_manifest_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
