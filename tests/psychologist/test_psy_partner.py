"""Partner confirmation through a signed, expiring link (no account needed)."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse

from applications import partner
from applications.models import ApplicationStatus, AuditEntry
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(psychologist):
    return ApplicationFactory(
        psychologist=psychologist,
        partner_name="Dr. De Linde",
        partner_email="linde@example.org",
        status=ApplicationStatus.SUBMITTED,
        partner_confirmed_at=None,
    )


def test_partner_sees_a_summary_without_logging_in(client, application):
    url = reverse("applications:partner", args=[partner.make_token(application)])
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "An Peeters" in content
    assert "Ik bevestig de samenwerking" in content


def test_partner_confirms_and_the_time_is_recorded(
    client, application, django_capture_on_commit_callbacks
):
    url = reverse("applications:partner", args=[partner.make_token(application)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer": "confirm"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.partner_confirmed_at is not None
    assert application.partner_declined_at is None
    assert AuditEntry.objects.filter(application=application, action="partner_confirmed").exists()
    assert mail.outbox[-1].to == [application.psychologist.user.email]


def test_partner_declines(client, application):
    url = reverse("applications:partner", args=[partner.make_token(application)])
    client.post(url, {"answer": "decline"})
    application.refresh_from_db()
    assert application.partner_declined_at is not None
    assert application.partner_confirmed_at is None


def test_partner_cannot_answer_twice(client, application):
    url = reverse("applications:partner", args=[partner.make_token(application)])
    client.post(url, {"answer": "confirm"})
    response = client.post(url, {"answer": "decline"})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.partner_declined_at is None


def test_garbled_token_gives_a_friendly_400(client):
    response = client.get(reverse("applications:partner", args=["niet-geldig:xyz"]))
    assert response.status_code == 400
    assert "Deze link werkt niet" in response.content.decode()


def test_expired_token_gives_a_friendly_400(client, application, monkeypatch):
    token = partner.make_token(application)
    monkeypatch.setattr(partner, "PARTNER_LINK_MAX_AGE", timedelta(seconds=-1))
    response = client.get(reverse("applications:partner", args=[token]))
    assert response.status_code == 400


def test_token_signed_with_another_key_is_refused(client, application):
    forged = signing.TimestampSigner(key="x" * 50, salt=partner.SALT).sign_object(
        {"a": application.pk, "e": application.partner_email}
    )
    assert client.get(reverse("applications:partner", args=[forged])).status_code == 400


def test_link_stops_working_when_the_partner_email_changes(client, application):
    token = partner.make_token(application)
    application.partner_email = "ander@example.org"
    application.save()
    assert client.get(reverse("applications:partner", args=[token])).status_code == 400


def test_partner_of_a_withdrawn_application_cannot_confirm(client, application):
    url = reverse("applications:partner", args=[partner.make_token(application)])
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    assert "ingetrokken of afgewezen" in client.get(url).content.decode()
    client.post(url, {"answer": "confirm"})
    application.refresh_from_db()
    assert application.partner_confirmed_at is None


def test_unknown_answer_is_a_400_not_a_500(client, application):
    url = reverse("applications:partner", args=[partner.make_token(application)])
    assert client.post(url, {"answer": "<script>"}).status_code == 400
