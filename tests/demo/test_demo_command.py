"""The demo command: idempotent demo data and printed logins that really sign in.

Running it twice must leave every table exactly as the first run left it.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from demo.management.commands.demo import DEMO_PASSWORD, PSYCHOLOGISTS, STAFF
from portal.dates import add_months
from portal.models import Theme, User

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


@pytest.mark.django_db
def test_demo_prints_every_login_once_with_its_role_and_network_as_the_last_thing():
    lines = run_demo().rstrip("\n").splitlines()

    table = lines[-len(DEMO_USERNAMES) :]
    assert sorted(line.split()[0] for line in table) == sorted(DEMO_USERNAMES)
    for line in lines[: -len(DEMO_USERNAMES)]:
        assert not any(line.split()[:1] == [name] for name in DEMO_USERNAMES)
    assert "Het PAKT" in next(line for line in table if line.split()[0] == "an.peeters")
    assert "GG ADS" in next(line for line in table if line.split()[0] == "coord.ads")
    assert "Lokale coördinator" in next(line for line in table if line.split()[0] == "coord.ads")


@pytest.mark.django_db
def test_a_fresh_demo_leaves_the_last_closed_month_ready_to_bill(
    django_capture_on_commit_callbacks,
):
    from applications.engine.closing import latest_closed_month
    from billing.models import BillingRun, RunStatus
    from billing.services.runs import request_run
    from portal.models import Network

    run_demo()
    last_closed = latest_closed_month(10, timezone.localdate())
    last_month_end = add_months(last_closed, 1) - timedelta(days=1)
    month_before_end = last_closed - timedelta(days=1)
    network = Network.objects.get(code="PAKT")
    assert BillingRun.objects.get(network=network, period_end=month_before_end).invoice_count == 1

    with django_capture_on_commit_callbacks(execute=True):
        run, enqueued = request_run(network, last_month_end)

    run.refresh_from_db()
    assert enqueued
    assert (run.status, run.invoice_count) == (RunStatus.DONE, 1)


@pytest.mark.django_db
def test_demo_themes_are_named_in_dutch_french_and_english():
    run_demo()
    assert Theme.objects.filter(
        name_nl_be="angst", name_fr_be="anxiété", name_en="anxiety"
    ).exists()
    assert not Theme.objects.filter(name_fr_be__isnull=True).exists()
