"""The application file as one PDF (docs/application-pdf.md): the answers, the partner's
answer, the agreement and the audit trail, in the reader's language, followed by the pages
of the signed agreement; for the psychologist and their network's coordinators only."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from applications import services
from applications.models import ApplicationStatus
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    CoordinatorFactory,
    NetworkFactory,
    PsychologistFactory,
    call,
)

pytestmark = pytest.mark.django_db

SIGNED_TEXT = "Handtekening van de partner"


def signed_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{SIGNED_TEXT}</p>").write_pdf()


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def application(network, settings, tmp_path):
    """An approved call-3 application with its agreement, a stored signed PDF and a trail."""
    settings.MEDIA_ROOT = tmp_path
    application = ApplicationFactory(
        psychologist=PsychologistFactory(networks=[network]),
        call=call(3),
        status=ApplicationStatus.DRAFT,
        findplace=None,
        partner_name="OCMW Aalst",
        motivation="Veel vragen over verslaving.",
        agreement__periodicity="Elke eerste dinsdag",
    )
    application.agreement.signed_pdf.save("overeenkomst.pdf", ContentFile(signed_pdf()))
    services.submit_application(application, actor=application.psychologist.user, absolute_url=str)
    services.record_partner_answer(application, accept=True)
    return application


def url(application) -> str:
    return reverse("applications:application_file", args=[application.pk])


def pages(response) -> list[str]:
    reader = PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_coordinator_downloads_the_answers_partner_agreement_and_trail(client, application):
    client.force_login(CoordinatorFactory(networks=[application.network]))
    response = client.get(url(application))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = " ".join(pages(response))
    assert "Veel vragen over verslaving." in text
    assert "OCMW Aalst" in text
    assert "Bevestigd op" in text
    assert "Elke eerste dinsdag" in text
    assert "Partner heeft bevestigd" in text  # the audit trail


def test_the_signed_agreement_follows_as_the_last_pages(client, application):
    client.force_login(application.psychologist.user)
    text = pages(client.get(url(application)))
    assert SIGNED_TEXT in text[-1]
    assert SIGNED_TEXT not in " ".join(text[:-1])


def test_a_french_reader_gets_the_file_in_french(client, application):
    reader = CoordinatorFactory(networks=[application.network], language="fr-be")
    client.force_login(reader)
    text = " ".join(pages(client.get(url(application))))
    assert "Données introduites" in text
    assert "Piste d’audit" in text


def test_an_unreadable_upload_is_said_instead_of_failing(client, application):
    agreement = application.agreement
    agreement.signed_pdf.save("kapot.pdf", ContentFile(b"%PDF-1.4 kapot"))
    client.force_login(application.psychologist.user)
    response = client.get(url(application))
    assert response.status_code == 200
    assert "kon niet als PDF gelezen worden" in " ".join(pages(response))


def test_an_application_without_agreement_has_no_agreement_pages(client, network):
    application = AllocationFactory(
        application__psychologist=PsychologistFactory(networks=[network])
    ).application
    client.force_login(application.psychologist.user)
    text = " ".join(pages(client.get(url(application))))
    assert "Samenwerkingsovereenkomst" not in text
    assert "Toekenning" in text


def test_a_coordinator_of_another_network_gets_a_404(client, application):
    client.force_login(CoordinatorFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")]))
    assert client.get(url(application)).status_code == 404


def test_another_psychologist_gets_a_404(client, application, network):
    client.force_login(PsychologistFactory(networks=[network]).user)
    assert client.get(url(application)).status_code == 404


def test_a_coordinator_never_sees_a_draft(client, network):
    draft = ApplicationFactory(
        psychologist=PsychologistFactory(networks=[network]), status=ApplicationStatus.DRAFT
    )
    client.force_login(CoordinatorFactory(networks=[network]))
    assert client.get(url(draft)).status_code == 404


def test_the_review_and_detail_pages_link_the_file(client, application):
    link = url(application)
    client.force_login(application.psychologist.user)
    detail = reverse("applications:application_detail", args=[application.pk])
    assert link in client.get(detail).content.decode()
    client.force_login(CoordinatorFactory(networks=[application.network]))
    review = reverse("coordination:review", args=[application.pk])
    assert link in client.get(review).content.decode()
