"""The e-mail outbox: written in the caller's transaction, sent once by the sender, retried."""

import smtplib
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email, Log

from portal.celery import app
from portal.outbox import SENDER_LOCK, queue_email
from portal.tasks import send_queued_mail
from tests.broker import broker_down, celery_configured
from tests.factories import UserFactory

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
REFUSING = "tests.portal.test_outbox.RefusingBackend"
GATED = "tests.portal.test_outbox.GatedBackend"
RETRY = timedelta(minutes=15)


class RefusingBackend(LocmemBackend):
    """An SMTP server that hangs up."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class GatedBackend(LocmemBackend):
    """Delivers once the test opens the gate, so a test can catch a sender in the middle."""

    sending = threading.Event()
    gate = threading.Event()

    def send_messages(self, messages):
        self.sending.set()
        self.gate.wait(timeout=10)
        return super().send_messages(messages)


@pytest.fixture
def transport(settings):
    """Switch the real transport the sender delivers through; two retries, 15 minutes apart."""

    def use(backend: str) -> None:
        settings.POST_OFFICE = {
            **settings.POST_OFFICE,
            "BACKENDS": {"default": backend},
            "MAX_RETRIES": 2,
            "RETRY_INTERVAL": RETRY,
        }

    use(LOCMEM)
    return use


@pytest.fixture
def with_broker():
    """Celery as in production: queuing a mail leaves it to the sender task."""
    with celery_configured(task_always_eager=False):
        yield


@pytest.fixture
def user(db):
    return UserFactory(email="psycholoog@example.org")


def queue(user) -> None:
    queue_email([user.email], "Onderwerp", "Inhoud")


def send_after(monkeypatch, delay: timedelta) -> None:
    """Run the sender `delay` later than the clock says now."""
    moment = timezone.now() + delay
    monkeypatch.setattr(timezone, "now", lambda: moment)
    send_queued_mail()


def test_beat_runs_the_outbox_sender_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-queued-mail"]
    assert entry["schedule"] == timedelta(minutes=1)
    assert entry["task"] == send_queued_mail.name
    assert entry["task"] in app.tasks


def test_a_queued_mail_is_written_to_the_outbox_not_to_the_transport(user):
    queue(user)
    email = Email.objects.get()
    assert (email.status, email.to, email.subject, email.message) == (
        STATUS.queued,
        ["psycholoog@example.org"],
        "Onderwerp",
        "Inhoud",
    )
    assert mail.outbox == []


def test_a_rolled_back_transaction_leaves_no_mail(user):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue(user)
        raise RuntimeError
    assert not Email.objects.exists()
    send_queued_mail()
    assert mail.outbox == []


def test_without_a_broker_the_mail_is_sent_right_after_the_commit(
    user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue(user)
        assert mail.outbox == []
    assert [m.to for m in mail.outbox] == [["psycholoog@example.org"]]
    assert Email.objects.get().status == STATUS.sent


def test_a_mail_is_sent_once_when_the_sender_runs_twice(user, transport):
    queue(user)
    send_queued_mail()
    send_queued_mail()
    assert len(mail.outbox) == 1


def test_an_smtp_failure_keeps_the_mail_queued_for_a_retry(user, transport):
    queue(user)
    transport(REFUSING)
    before = timezone.now()
    send_queued_mail()
    email = Email.objects.get()
    assert (email.status, email.number_of_retries) == (STATUS.requeued, 1)
    assert email.scheduled_time >= before + RETRY
    assert "Connection unexpectedly closed" in Log.objects.get(email=email).message
    assert mail.outbox == []


def test_a_requeued_mail_waits_for_the_retry_interval(user, transport, monkeypatch):
    queue(user)
    transport(REFUSING)
    send_queued_mail()
    transport(LOCMEM)
    send_after(monkeypatch, RETRY - timedelta(minutes=1))
    assert Email.objects.get().status == STATUS.requeued
    assert mail.outbox == []


def test_a_later_send_delivers_the_mail_that_failed(user, transport, monkeypatch):
    queue(user)
    transport(REFUSING)
    send_queued_mail()
    transport(LOCMEM)
    send_after(monkeypatch, RETRY)
    assert Email.objects.get().status == STATUS.sent
    assert [m.subject for m in mail.outbox] == ["Onderwerp"]


def test_the_last_retry_still_keeps_the_mail_queued(user, transport, monkeypatch):
    queue(user)
    transport(REFUSING)
    send_queued_mail()
    send_after(monkeypatch, RETRY)  # the second retry of two
    email = Email.objects.get()
    assert (email.status, email.number_of_retries) == (STATUS.requeued, 2)


def test_a_failure_after_the_last_retry_marks_the_mail_failed(user, transport, monkeypatch):
    queue(user)
    transport(REFUSING)
    send_queued_mail()
    send_after(monkeypatch, RETRY)
    send_after(monkeypatch, RETRY)
    assert Email.objects.get().status == STATUS.failed
    transport(LOCMEM)
    send_after(monkeypatch, RETRY)
    assert mail.outbox == []


def test_a_failed_mail_is_listed_in_the_admin(user, client):
    queue(user)
    Email.objects.update(status=STATUS.failed)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:post_office_email_changelist"), {"status": STATUS.failed})
    assert response.status_code == 200
    assert "psycholoog@example.org" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_password_reset_mail_waits_in_the_outbox_while_the_broker_is_down(client):
    UserFactory(email="psycholoog@example.org")
    with broker_down():
        response = client.post(reverse("password_reset"), {"email": "psycholoog@example.org"})
    assert response.status_code == 302
    assert Email.objects.get().to == ["psycholoog@example.org"]
    assert mail.outbox == []
    send_queued_mail()
    assert "wachtwoord" in mail.outbox[0].body.lower()


def in_a_thread(job):
    def run():
        try:
            job()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_deliver_a_mail_once(transport, with_broker):
    queue(UserFactory())
    transport(GATED)
    GatedBackend.sending.clear()
    GatedBackend.gate.clear()
    first = in_a_thread(send_queued_mail)
    assert GatedBackend.sending.wait(timeout=10)
    send_queued_mail()  # the second sender, while the first is delivering
    GatedBackend.gate.set()
    first.join(timeout=10)
    assert len(mail.outbox) == 1
    assert Email.objects.get().status == STATUS.sent


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_sender_on_another_machine_keeps_this_one_out(transport, with_broker):
    """The lock lives in PostgreSQL, not in a file: a worker elsewhere holds it."""
    queue(UserFactory())
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [SENDER_LOCK])
            holding.set()
            release.wait(timeout=10)
            cursor.execute("SELECT pg_advisory_unlock(%s)", [SENDER_LOCK])

    other = in_a_thread(hold_the_lock)
    assert holding.wait(timeout=10)
    send_queued_mail()
    release.set()
    other.join(timeout=10)
    assert Email.objects.get().status == STATUS.queued
    assert mail.outbox == []
    send_queued_mail()
    assert len(mail.outbox) == 1
