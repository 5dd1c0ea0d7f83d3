"""Edits and deletions of registrations leave a trace: who, when, before and after, also for
a deleted one; the psychologist sees the changes on the edit page, the admin its history;
the billing run's bulk UPDATE of the billed flags writes no history."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from billing.services import runs
from registrations.models import Registration
from tests.factories import RegistrationFactory, UserFactory
from tests.psychologist.test_psy_registrations import activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(psy_client, allocation, today):
    """A registration the psychologist made through the form (60 minutes, yesterday)."""
    psy_client.post(reverse("registrations:create", args=[allocation.pk]), activity(today))
    return Registration.objects.get()


def test_registering_records_who_created_it(registered, psychologist):
    (created,) = registered.history.all()

    assert created.history_type == "+"
    assert created.history_user == psychologist.user


def test_editing_keeps_who_when_and_the_state_before_and_after(
    psy_client, registered, psychologist, today
):
    psy_client.post(
        reverse("registrations:edit", args=[registered.pk]),
        activity(today, duration_minutes="45"),
    )

    changed, created = registered.history.all()
    assert (changed.history_type, changed.history_user) == ("~", psychologist.user)
    assert (created.duration_minutes, changed.duration_minutes) == (60, 45)
    assert changed.history_date >= created.history_date
    delta = changed.diff_against(created)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "duration_minutes"] == [
        ("duration_minutes", 60, 45)
    ]


def test_a_deleted_registration_keeps_its_last_state(psy_client, registered, psychologist):
    psy_client.post(reverse("registrations:delete", args=[registered.pk]))

    assert not Registration.objects.exists()
    deleted = Registration.history.filter(id=registered.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", psychologist.user)
    assert (deleted.duration_minutes, deleted.subject) == (60, "Afspraken doorverwijzing")


def test_edit_page_lists_the_changes(psy_client, registered, today):
    url = reverse("registrations:edit", args=[registered.pk])
    psy_client.post(url, activity(today, duration_minutes="45", place=""))

    page = psy_client.get(url).content.decode()

    assert "Wijzigingen" in page
    assert "Duur (minuten): 60 → 45" in page
    assert "Plaats: Praktijk → –" in page
    assert "geregistreerd door An Peeters" in page


def test_edit_page_shows_at_most_the_ten_latest_changes(psy_client, registered, today):
    url = reverse("registrations:edit", args=[registered.pk])
    for minutes in range(31, 43):
        psy_client.post(url, activity(today, duration_minutes=str(minutes)))

    page = psy_client.get(url).content.decode()

    assert "41 → 42" in page
    assert "geregistreerd door" not in page
    assert page.count("aangepast door") == 10


def test_the_billing_run_marks_billed_in_one_update_without_history(allocation):
    registrations = [
        RegistrationFactory(allocation=allocation, date=date(2025, 3, day)) for day in (3, 4, 5)
    ]
    history_before = Registration.history.count()
    table = connection.ops.quote_name(Registration._meta.db_table)

    with CaptureQueriesContext(connection) as queries:
        runs.run_billing(allocation.network, allocation.window_start + timedelta(days=20))

    updates = [q["sql"] for q in queries if q["sql"].startswith(f"UPDATE {table}")]
    assert len(updates) == 1
    assert Registration.history.count() == history_before
    assert all(Registration.objects.get(pk=r.pk).is_billed for r in registrations)


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_admin_history_view_lists_the_changes(admin_client, psy_client, registered, today):
    psy_client.post(
        reverse("registrations:edit", args=[registered.pk]),
        activity(today, duration_minutes="45"),
    )

    response = admin_client.get(
        reverse("admin:registrations_registration_history", args=[registered.pk])
    )

    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 2
    assert response.context["revert_disabled"]


def test_admin_cannot_restore_a_past_version(admin_client, psy_client, registered, today):
    psy_client.post(
        reverse("registrations:edit", args=[registered.pk]),
        activity(today, duration_minutes="45"),
    )
    first = registered.history.earliest()
    url = reverse(
        "admin:registrations_registration_simple_history",
        args=[registered.pk, first.history_id],
    )

    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {}).status_code == 403
    registered.refresh_from_db()
    assert registered.duration_minutes == 45
