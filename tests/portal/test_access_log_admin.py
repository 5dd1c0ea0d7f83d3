"""The access log in the admin (read-only, searched by the psychologist's name; a
psychologist's admin page is itself logged) and its retention of a year, purged nightly."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.access_log import RETENTION, purge_access_log
from portal.models import AccessKind, AccessLogEntry
from tests.factories import PsychologistFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:portal_accesslogentry_changelist")
NOW = timezone.make_aware(datetime(2026, 6, 1, 3, 30))


@pytest.fixture
def administrator(db):
    return UserFactory(username="beheer", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def log(**fields) -> AccessLogEntry:
    values = {
        "at": NOW,
        "user_label": "Lotte Coördinator (lotte)",
        "kind": AccessKind.APPLICATION,
        "object_label": "Aanvraag #1",
        "path": "/coordinatie/aanvraag/1/",
    }
    return AccessLogEntry.objects.create(**(values | fields))


def found(admin_client, **params) -> list[AccessLogEntry]:
    response = admin_client.get(CHANGELIST, params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


# --- The admin ---------------------------------------------------------------------------


def test_the_admin_finds_who_looked_at_a_psychologists_data_by_their_name(admin_client):
    peeters = PsychologistFactory(user__first_name="An", user__last_name="Peeters")
    claes = PsychologistFactory(user__first_name="Bram", user__last_name="Claes")
    seen = log(psychologist=peeters)
    log(psychologist=claes)

    assert found(admin_client, q="An Peeters") == [seen]


def test_the_admin_finds_an_entry_by_who_looked(admin_client):
    looked = log(user_label="Lotte Coördinator (lotte)")
    log(user_label="Staf Boek (staf)")

    assert found(admin_client, q="lotte") == [looked]


def test_the_admin_filters_on_the_kind(admin_client):
    log(kind=AccessKind.APPLICATION)
    export = log(kind=AccessKind.UPTAKE_CSV, object_label="benutting-2025.csv")

    assert found(admin_client, kind__exact=AccessKind.UPTAKE_CSV) == [export]


@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_nobody_adds_changes_or_deletes_an_entry_in_the_admin(admin_client, action):
    args = [] if action == "add" else [log().pk]
    url = reverse(f"admin:portal_accesslogentry_{action}", args=args)

    response = admin_client.post(url, {"kind": AccessKind.INVOICE, "post": "yes"})

    assert response.status_code == 403
    assert AccessLogEntry.objects.count() == (0 if action == "add" else 1)


def test_opening_a_psychologist_in_the_admin_is_logged_as_their_profile(
    admin_client, administrator
):
    psychologist = PsychologistFactory(user__first_name="An", user__last_name="Peeters")
    url = reverse("admin:portal_psychologist_change", args=[psychologist.pk])

    assert admin_client.get(url).status_code == 200

    (entry,) = AccessLogEntry.objects.all()
    assert (entry.kind, entry.user, entry.psychologist, entry.object_label) == (
        AccessKind.PSYCHOLOGIST_PROFILE,
        administrator,
        psychologist,
        "Profiel van An Peeters",
    )


# --- A year, then gone -------------------------------------------------------------------


def test_an_entry_exactly_a_year_old_is_kept():
    kept = log(at=NOW - timedelta(days=365))

    assert purge_access_log(NOW) == 0
    assert list(AccessLogEntry.objects.all()) == [kept]


def test_an_entry_a_moment_older_than_a_year_is_purged():
    log(at=NOW - RETENTION - timedelta(microseconds=1))
    recent = log(at=NOW - timedelta(days=1))

    assert purge_access_log(NOW) == 1
    assert list(AccessLogEntry.objects.all()) == [recent]


def test_an_entry_stays_when_its_user_and_psychologist_are_gone():
    psychologist = PsychologistFactory(
        user__first_name="An", user__last_name="Peeters", self_billing=False
    )
    viewer = UserFactory(first_name="Lotte", last_name="Coördinator")
    entry = log(user=viewer, psychologist=psychologist, object_label="Aanvraag #1 van An Peeters")

    psychologist.user.delete()
    viewer.delete()

    entry.refresh_from_db()
    assert (entry.user, entry.psychologist) == (None, None)
    assert (entry.user_label, entry.object_label) == (
        "Lotte Coördinator (lotte)",
        "Aanvraag #1 van An Peeters",
    )
