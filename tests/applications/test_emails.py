"""The e-mails of the application services: written in templates/emails/, in one language."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from post_office.models import Email

from applications import services
from applications.models import ApplicationStatus
from tests.factories import ApplicationFactory, CoordinatorFactory

pytestmark = pytest.mark.django_db

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"
SERVICE_EMAILS = {
    "application_approved",
    "application_rejected",
    "changes_requested",
    "extra_hours_decided",
    "partner_answered",
    "partner_confirmation",
    "evaluation_reminder",
    "request_confirm",
    "request_received",
    "request_new",
    "proposal_new",
    "match_made",
    "request_feedback",
    "coordinator_application_submitted",
    "coordinator_partner_answered",
    "coordinator_extra_hours_requested",
    "digest",
}


def test_every_email_of_the_services_is_a_subject_a_text_and_an_html_body():
    folders = {path.name: path for path in EMAILS.iterdir() if path.is_dir()}
    assert set(folders) >= SERVICE_EMAILS
    for folder in folders.values():
        assert sorted(f.name for f in folder.iterdir()) == ["body.html", "body.txt", "subject.txt"]


def test_a_decision_is_mailed_in_the_default_language_even_from_an_english_page():
    application = ApplicationFactory()
    coordinator = CoordinatorFactory(networks=[application.network])
    with translation.override("en"):
        services.reject_application(application, actor=coordinator, reason="Geen aanbod.")
    assert Email.objects.get().subject == f"Uw aanvraag voor {application.call} is afgewezen"


def test_the_text_keeps_the_reason_as_typed_and_the_html_escapes_it():
    application = ApplicationFactory()
    coordinator = CoordinatorFactory(networks=[application.network])
    reason = "Vindplaats & aanbod <onduidelijk>"
    services.request_changes(application, actor=coordinator, question=reason)
    email = Email.objects.get()
    assert email.message == reason
    assert "Vindplaats &amp; aanbod &lt;onduidelijk&gt;" in email.html_message
    assert f"<title>{email.subject}</title>" in email.html_message


def test_the_partner_link_is_in_the_text_and_a_link_in_the_html():
    application = ApplicationFactory(status=ApplicationStatus.DRAFT, partner_name="Dr. Linde")
    services.submit_application(
        application,
        actor=application.psychologist.user,
        absolute_url=lambda path: "https://portaal" + path,
    )
    email = Email.objects.get()
    [link] = [line for line in email.message.splitlines() if "/partner/" in line]
    assert link.startswith("https://portaal/partner/")
    assert f'<a href="{link}">' in email.html_message
    assert email.subject == f"Bevestig de samenwerking met {application.psychologist} (Art. 8)"


def french_call_name(call) -> str:
    with translation.override("fr-be"):
        return str(call)


def test_a_decision_is_mailed_in_the_psychologists_own_language_from_a_dutch_page():
    application = ApplicationFactory(psychologist__user__language="fr-be")
    coordinator = CoordinatorFactory(networks=[application.network])
    with translation.override("nl-be"):
        services.reject_application(application, actor=coordinator, reason="Pas d'offre.")
    email = Email.objects.get()
    assert email.subject == f"Votre demande pour {french_call_name(application.call)} est refusée"
    assert '<html lang="fr-be">' in email.html_message


def test_a_french_email_names_the_call_in_french():
    application = ApplicationFactory(psychologist__user__language="fr-be")
    coordinator = CoordinatorFactory(networks=[application.network])
    services.approve_application(application, actor=coordinator, granted_minutes=240)
    assert "Démarrage et concertation avec un lieu de rencontre" in Email.objects.get().subject


def test_the_partner_without_an_account_is_mailed_in_the_psychologists_language():
    application = ApplicationFactory(
        status=ApplicationStatus.DRAFT, psychologist__user__language="fr-be"
    )
    with translation.override("en"):
        services.submit_application(
            application, actor=application.psychologist.user, absolute_url=str
        )
    email = Email.objects.get()
    assert email.to == [application.partner_email]
    assert email.subject == f"Confirmez la collaboration avec {application.psychologist} (Art. 8)"
