"""The evaluations page of a cooperation agreement: the coordinator of its network and its
psychologist record an evaluation there; anyone else gets a 404; refusals keep the input."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from applications.models import ApplicationStatus
from tests.coordination.conftest import make_application
from tests.factories import AllocationFactory, CoordinatorFactory, PsychologistFactory, call

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def agreement(network):
    application = make_application(
        network,
        call=call(3),
        findplace=None,
        status=ApplicationStatus.APPROVED,
        start_date=today() - timedelta(days=300),
        partner_name="OCMW Aalst",
        agreement__next_evaluation_date=today() - timedelta(days=70),
    )
    AllocationFactory(application=application)
    return application.agreement


def url(agreement) -> str:
    return reverse("applications:agreement_evaluations", args=[agreement.application_id])


def form(**extra) -> dict:
    return {
        "held_on": today().isoformat(),
        "outcome": "continued",
        "notes": "Afspraken blijven.",
        "next_evaluation_date": (today() + timedelta(days=300)).isoformat(),
        **extra,
    }


def test_the_coordinator_records_an_evaluation_from_the_follow_up_page(
    coordinator_client, agreement
):
    follow_up = coordinator_client.get(reverse("coordination:follow_up")).content.decode()
    assert url(agreement) in follow_up

    response = coordinator_client.post(url(agreement), form(), follow=True)

    assert response.redirect_chain[-1][0] == url(agreement)
    assert "De evaluatie is geregistreerd" in response.content.decode()
    assert agreement.evaluations.get().notes == "Afspraken blijven."


def test_the_psychologist_records_an_evaluation_of_their_own_agreement(client, agreement):
    client.force_login(agreement.application.psychologist.user)
    response = client.post(url(agreement), form())
    assert response.status_code == 302
    assert agreement.evaluations.count() == 1


def test_the_psychologists_allocation_page_links_the_evaluations(client, agreement):
    client.force_login(agreement.application.psychologist.user)
    allocation = agreement.application.allocation
    page = client.get(reverse("applications:allocation_detail", args=[allocation.pk]))
    assert url(agreement) in page.content.decode()


def test_a_coordinator_of_another_network_gets_a_404(client, agreement, other_network):
    client.force_login(CoordinatorFactory(networks=[other_network]))
    assert client.get(url(agreement)).status_code == 404
    assert client.post(url(agreement), form()).status_code == 404
    assert not agreement.evaluations.exists()


def test_another_psychologist_gets_a_404(client, agreement, network):
    client.force_login(PsychologistFactory(networks=[network]).user)
    assert client.post(url(agreement), form()).status_code == 404


def test_a_refused_evaluation_says_why_on_its_field_and_keeps_the_input(
    coordinator_client, agreement
):
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = coordinator_client.post(url(agreement), form(held_on=tomorrow))
    assert response.status_code == 200
    assert "ligt na vandaag" in str(response.context["form"].errors["held_on"])
    assert "Afspraken blijven." in response.content.decode()
    assert not agreement.evaluations.exists()


@pytest.mark.parametrize("bad", ["", "31/02/2025", "x" * 300, "99999-01-01"])
def test_a_garbage_date_is_a_form_error_not_a_crash(coordinator_client, agreement, bad):
    response = coordinator_client.post(url(agreement), form(held_on=bad))
    assert response.status_code == 200
    assert "held_on" in response.context["form"].errors


def test_an_upload_that_is_not_a_pdf_is_refused(coordinator_client, agreement):
    fake = SimpleUploadedFile("overeenkomst.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = coordinator_client.post(url(agreement), {**form(), "signed_pdf": fake})
    assert "signed_pdf" in response.context["form"].errors


def test_an_overdue_evaluation_is_flagged_on_the_follow_up_page(coordinator_client, agreement):
    page = coordinator_client.get(reverse("coordination:follow_up")).content.decode()
    assert "Evaluatie te laat" in page


def test_the_flag_is_gone_once_the_evaluation_is_recorded(coordinator_client, agreement):
    coordinator_client.post(url(agreement), form())
    page = coordinator_client.get(url(agreement)).content.decode()
    assert "Evaluatie te laat" not in page
