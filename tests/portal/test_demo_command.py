"""The demo command: idempotent demo data and printed logins that really sign in.

Running it twice must leave every table exactly as the first run left it.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from billing.management.commands.demo import DEMO_PASSWORD, PSYCHOLOGISTS, STAFF
from portal.models import User

DEMO_USERNAMES = {row[0] for row in PSYCHOLOGISTS} | {row[0] for row in STAFF} | {"admin"}


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_demo_run_twice_gives_the_same_row_counts():
    run_demo()
    first = row_counts()
    run_demo()
    assert row_counts() == first


@pytest.mark.django_db
def test_demo_run_twice_gives_the_same_users():
    run_demo()
    first = sorted(User.objects.values_list("username", flat=True))
    run_demo()
    assert sorted(User.objects.values_list("username", flat=True)) == first
    assert set(first) == DEMO_USERNAMES


@pytest.mark.django_db
def test_demo_loads_the_three_networks_of_oost_vlaanderen():
    run_demo()
    names = set(apps.get_model("portal", "Network").objects.values_list("name", flat=True))
    assert names == {"Het PAKT", "GG ADS", "RADAR"}


@pytest.mark.django_db
def test_demo_prints_the_logins_and_their_password():
    output = run_demo()
    assert DEMO_PASSWORD in output
    for username in [row[0] for row in STAFF] + ["admin", PSYCHOLOGISTS[0][0]]:
        assert username in output


@pytest.mark.django_db
def test_demo_logins_sign_in_through_the_login_form(client):
    run_demo()
    for username in sorted(DEMO_USERNAMES):
        response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)
        client.post(reverse("logout"))
