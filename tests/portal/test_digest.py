"""The daily digest: one e-mail per user listing, by kind, what was kept for them since the
last digest with its link; written to the outbox and marked sent in one transaction, so a
second run sends nothing and a crash loses nothing (portal.digest)."""

from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.utils import timezone
from post_office.models import Email

from applications import services
from applications.models import ApplicationStatus
from portal import digest
from portal.models import Delivery, DigestItem, DigestKind
from portal.services import set_notification_delivery
from portal.tasks import send_digests
from tests.concurrency import run_at_once
from tests.factories import (
    ApplicationFactory,
    CoordinatorFactory,
    NetworkFactory,
    PsychologistFactory,
    call,
)
from tests.portal.notifying import EVENTS, mails_to, partner_confirms, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def reader(network):
    """A coordinator of the network who chose one digest a day."""
    return CoordinatorFactory(networks=[network], notification_delivery=Delivery.DIGEST)


def test_one_digest_lists_every_item_of_the_day_with_its_link(network, reader):
    links = [make(network) for make in EVENTS.values()]
    assert send_digests() == 1
    [email] = mails_to(reader)
    for item in DigestItem.objects.filter(user=reader):
        assert item.summary in email.message
        assert f'<a href="{item.link}">' in email.html_message
    assert all(link in email.message for link in links)
    assert email.subject == "Uw dagoverzicht van het Art. 8-portaal: 4 meldingen"


def test_the_digest_groups_the_items_by_kind_in_a_fixed_order(network, reader):
    EVENTS["extra_hours_requested"](network)
    submit(network)
    submit(network)
    send_digests()
    [email] = mails_to(reader)
    submitted = email.message.index("Ingediende aanvragen (2)")
    extra = email.message.index("Aanvragen voor extra uren (1)")
    assert submitted < extra


def test_a_second_run_sends_nothing(network, reader):
    submit(network)
    send_digests()
    assert send_digests() == 0
    assert len(mails_to(reader)) == 1
    assert not DigestItem.objects.filter(sent_at__isnull=True).exists()


def test_nothing_to_list_sends_no_digest(network, reader):
    assert send_digests() == 0
    assert not Email.objects.exists()


def test_the_next_digest_lists_only_what_came_after_the_last_one(network, reader):
    first = submit(network)
    send_digests()
    second = partner_confirms(network)
    send_digests()
    latest = mails_to(reader)[-1]
    assert second in latest.message
    assert first not in latest.message
    assert "sinds uw vorige overzicht" in latest.message


def test_each_user_gets_their_own_items_only(network, reader):
    other = CoordinatorFactory(
        networks=[NetworkFactory(code="ADS", name="GG ADS")],
        notification_delivery=Delivery.DIGEST,
    )
    mine = submit(network)
    theirs = submit(other.networks.get())
    assert send_digests() == 2
    [email] = mails_to(reader)
    assert mine in email.message
    assert theirs not in email.message


def test_a_crash_before_the_items_are_marked_loses_nothing_and_sends_nothing(
    network, reader, monkeypatch
):
    submit(network)

    def crash(items, now):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(digest, "mark_sent", crash)
    assert send_digests() == 0
    assert not Email.objects.filter(subject__startswith="Uw dagoverzicht").exists()
    assert DigestItem.objects.filter(sent_at__isnull=True).count() == 1
    monkeypatch.undo()
    assert send_digests() == 1


def test_choosing_none_drops_what_waited_and_sends_no_digest(network, reader):
    submit(network)
    set_notification_delivery(reader, Delivery.NONE)
    assert send_digests() == 0
    assert not DigestItem.objects.exists()


def test_going_back_to_mail_at_once_still_sends_what_waited_in_a_last_digest(network, reader):
    link = submit(network)
    set_notification_delivery(reader, Delivery.IMMEDIATE)
    assert send_digests() == 1
    assert link in mails_to(reader)[0].message


def test_a_deactivated_user_gets_no_digest(network, reader):
    submit(network)
    reader.is_active = False
    reader.save()
    assert send_digests() == 0
    assert not DigestItem.objects.exists()


def test_the_digest_is_in_the_users_language(network, reader):
    reader.language = "fr-be"
    reader.save()
    submit(network)
    send_digests()
    assert '<html lang="fr-be">' in mails_to(reader)[0].html_message


def test_a_due_evaluation_waits_for_the_digest_of_a_coordinator_who_chose_it(network, reader):
    application = ApplicationFactory(
        psychologist=PsychologistFactory(networks=[network]),
        call=call(3),
        findplace=None,
        status=ApplicationStatus.APPROVED,
        agreement__next_evaluation_date=timezone.localdate() + timedelta(days=10),
    )
    services.send_evaluation_reminder(application.agreement.pk, today=timezone.localdate())
    assert mails_to(reader) == []
    [item] = DigestItem.objects.filter(user=reader)
    assert item.kind == DigestKind.EVALUATION_REMINDER


def test_the_digest_runs_every_morning_after_the_evaluation_reminders(settings):
    [entry] = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "portal.tasks.send_digests"
    ]
    assert entry["schedule"] == crontab(minute=30, hour=7)
    assert settings.CELERY_TIMEZONE == "Europe/Brussels"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_digest():
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    reader = CoordinatorFactory(networks=[network], notification_delivery=Delivery.DIGEST)
    submit(network)
    outcomes = run_at_once([lambda: digest.send_digest(reader.pk)] * 2)
    assert outcomes == [None, None]
    assert len(mails_to(reader)) == 1
