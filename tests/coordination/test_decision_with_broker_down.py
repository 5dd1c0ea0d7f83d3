"""A broker outage never turns a committed decision into an error page, nor loses its e-mail."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from post_office.models import STATUS, Email

from applications.models import ApplicationStatus
from portal.tasks import send_queued_mail
from tests.broker import broker_down
from tests.coordination.conftest import make_application


@pytest.fixture
def reject_with_broker_down(coordinator_client, network):
    """Reject an application while the broker is down; the response and its duration."""
    application = make_application(network)
    coordinator_client.raise_request_exception = False
    with broker_down():
        started = time.monotonic()
        response = coordinator_client.post(
            reverse("coordination:reject", args=[application.pk]),
            {"reject-reason": "Geen structureel aanbod."},
        )
        elapsed = time.monotonic() - started
    application.refresh_from_db()
    return application, response, elapsed


@pytest.mark.django_db(transaction=True)
def test_rejecting_with_the_broker_down_redirects_at_once(reject_with_broker_down):
    _application, response, elapsed = reject_with_broker_down
    assert response.status_code == 302
    assert elapsed < 2


@pytest.mark.django_db(transaction=True)
def test_rejecting_with_the_broker_down_commits_the_decision(reject_with_broker_down):
    application, _response, _elapsed = reject_with_broker_down
    assert application.status == ApplicationStatus.REJECTED


@pytest.mark.django_db(transaction=True)
def test_rejecting_with_the_broker_down_keeps_the_email_in_the_outbox(reject_with_broker_down):
    application, _response, _elapsed = reject_with_broker_down
    queued = Email.objects.get()
    assert (queued.status, queued.to) == (STATUS.queued, [application.psychologist.user.email])
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_the_sender_delivers_the_email_queued_while_the_broker_was_down(reject_with_broker_down):
    application, _response, _elapsed = reject_with_broker_down
    send_queued_mail()
    assert [m.to for m in mail.outbox] == [[application.psychologist.user.email]]
    assert mail.outbox[0].body == "Geen structureel aanbod."
    assert Email.objects.get().status == STATUS.sent


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_a_send_that_breaks_after_the_commit_is_no_error_page(
    coordinator_client, network, monkeypatch
):
    def broken_send(*args, **kwargs):
        raise RuntimeError("the outbox table is locked")

    monkeypatch.setattr("post_office.mail.send_queued", broken_send)
    application = make_application(network)
    coordinator_client.raise_request_exception = False
    response = coordinator_client.post(
        reverse("coordination:reject", args=[application.pk]),
        {"reject-reason": "Geen structureel aanbod."},
    )
    assert response.status_code == 302
    assert Email.objects.get().status == STATUS.queued  # the next sender run delivers it
