"""The overview lives until its day ends, shows a renamed directory entry at once, and is
rendered every night for who signed in lately, so their first visit finds it ready."""

from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation
from redis.exceptions import RedisError

from applications import overview
from applications.models import Call
from applications.tasks import prerender_overviews
from portal import backup
from portal.cache_versions import DIRECTORY
from tests.factories import ApplicationFactory
from tests.psychologist.psy_helpers import make_allocation
from tests.psychologist.test_overview_cache import OVERVIEW, sql_of

pytestmark = pytest.mark.django_db


def signed_in_days_ago(psychologist, days: int) -> None:
    psychologist.user.last_login = timezone.now() - timedelta(days=days)
    psychologist.user.save(update_fields=["last_login"])


def at(monkeypatch, hour: int, minute: int, second: int = 0):
    moment = timezone.make_aware(datetime(2026, 12, 7, hour, minute, second))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment.date()


def test_an_overview_is_kept_until_midnight(monkeypatch):
    today = at(monkeypatch, 0, 0)

    assert overview.seconds_until_the_end_of(today) == 24 * 3600


def test_an_overview_rendered_just_before_midnight_is_still_kept_a_minute(monkeypatch):
    today = at(monkeypatch, 23, 59, 30)

    assert overview.seconds_until_the_end_of(today) == overview.MINIMUM_CACHE_SECONDS


def test_the_nightly_job_renders_the_overview_of_who_signed_in_lately(
    psy_client, psychologist, allocation
):
    signed_in_days_ago(psychologist, overview.PRERENDER_ACTIVE_DAYS)

    assert prerender_overviews() == 1
    sql = sql_of(psy_client, OVERVIEW)

    assert "registrations_registration" not in sql
    assert "applications_allocation" not in sql


def test_the_nightly_job_leaves_out_who_has_not_signed_in_for_thirty_one_days(
    psy_client, psychologist, allocation
):
    signed_in_days_ago(psychologist, overview.PRERENDER_ACTIVE_DAYS + 1)

    assert prerender_overviews() == 0
    assert "applications_allocation" in sql_of(psy_client, OVERVIEW)


def test_the_nightly_job_renders_in_the_psychologists_own_language(
    psy_client, psychologist, allocation
):
    psychologist.user.language = "fr-be"
    psychologist.user.save(update_fields=["language"])

    prerender_overviews()
    with translation.override("fr-be"):
        sql = sql_of(psy_client, OVERVIEW)

    assert "applications_allocation" not in sql
    assert "Mon aperçu" in psy_client.get(OVERVIEW).content.decode()


def test_the_nightly_job_does_not_render_a_cached_overview_again(
    psy_client, allocation, monkeypatch
):
    psy_client.get(OVERVIEW)

    def render_again(*args):
        raise AssertionError("rendered again")

    monkeypatch.setattr(overview, "overview_context", render_again)

    assert prerender_overviews() == 1


def test_the_command_renders_as_the_nightly_job_does(psy_client, allocation):
    out = StringIO()

    call_command("prerender_overviews", stdout=out)

    assert out.getvalue().startswith("1 overviews rendered or found cached")
    assert "applications_allocation" not in sql_of(psy_client, OVERVIEW)


def test_the_nightly_job_runs_after_the_billing_run_in_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["overview-prerender"]
    billing = settings.CELERY_BEAT_SCHEDULE["monthly-billing"]

    assert entry["task"] == "applications.tasks.prerender_overviews"
    assert min(entry["schedule"].hour) > max(billing["schedule"].hour)


def test_renaming_a_findplace_shows_on_a_cached_overview(
    psy_client, findplace, psychologist, django_capture_on_commit_callbacks
):
    make_allocation(psychologist, 1, findplace=findplace)
    assert "De Linde" in psy_client.get(OVERVIEW).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        findplace.name = "Huisartsenpraktijk Ter Beuken"
        findplace.save()

    assert "Ter Beuken" in psy_client.get(OVERVIEW).content.decode()


def test_renaming_a_call_shows_on_a_cached_overview(
    psy_client, psychologist, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(psychologist=psychologist)
    psy_client.get(OVERVIEW)

    with django_capture_on_commit_callbacks(execute=True):
        call = Call.objects.get(pk=application.call_id)
        call.name = "Aanwezigheid op de vindplaats"
        call.save()

    assert "Aanwezigheid op de vindplaats" in psy_client.get(OVERVIEW).content.decode()


def test_the_directory_version_changes_only_after_the_commit(
    findplace, django_capture_on_commit_callbacks
):
    before = DIRECTORY.current()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        findplace.save()
        assert DIRECTORY.current() == before

    assert callbacks


def test_a_restored_database_sets_every_cached_overview_aside(monkeypatch):
    before = DIRECTORY.current()
    monkeypatch.setattr(backup, "run", lambda command: None)

    backup.restore_database(Path("database.dump"))

    assert DIRECTORY.current() != before


def test_without_the_cache_the_overview_still_renders(psy_client, allocation, monkeypatch):
    def broken(*args, **kwargs):
        raise RedisError("down")

    for method in ("get", "set", "add"):
        monkeypatch.setattr(cache, method, broken)

    assert "Mijn toekenningen" in psy_client.get(OVERVIEW).content.decode()
