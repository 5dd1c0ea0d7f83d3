"""The psychologist's pages show a client-data refusal of the services on its field, with
the input kept, and warn (without blocking) about an e-mail address or phone number."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from applications.models import Application, ExtraHoursRequest
from registrations.models import Registration
from tests.psychologist.test_psy_registrations import activity

pytestmark = pytest.mark.django_db

NATIONAL_NUMBER = "85.07.30-033.28"


def post_registration(client, allocation, today, **extra):
    return client.post(
        reverse("registrations:create", args=[allocation.pk]), activity(today, **extra)
    )


def test_the_registration_form_shows_a_national_register_number_on_the_subject(
    psy_client, allocation, today
):
    response = post_registration(psy_client, allocation, today, subject=f"Casus {NATIONAL_NUMBER}")

    assert response.status_code == 200
    [message] = response.context["form"].errors["subject"]
    assert "rijksregisternummer" in message
    assert not Registration.objects.exists()


def test_the_registration_form_keeps_the_input_after_the_refusal(psy_client, allocation, today):
    response = post_registration(psy_client, allocation, today, subject=f"Casus {NATIONAL_NUMBER}")

    assert f'value="Casus {NATIONAL_NUMBER}"' in response.content.decode()


def test_a_phone_number_in_the_subject_is_saved_with_a_warning(psy_client, allocation, today):
    response = post_registration(psy_client, allocation, today, subject="Bel ons op 09 123 45 67")

    assert response.status_code == 302
    assert Registration.objects.get().subject == "Bel ons op 09 123 45 67"
    [warning] = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert "telefoonnummer" in str(warning)


def test_the_live_preview_shows_a_national_register_number_before_saving(
    psy_client, allocation, today
):
    response = psy_client.post(
        reverse("registrations:preview", args=[allocation.pk]),
        {"subject": f"Casus {NATIONAL_NUMBER}"},
    )

    assert 'data-code="client_identifier"' in response.content.decode()


def test_an_application_answer_with_a_national_register_number_shows_on_its_field(
    psy_client, network, today
):
    response = psy_client.post(
        reverse("applications:apply", args=[4]),
        {
            "start_date": today.isoformat(),
            "portfolio": f"Begeleiding van cliënt {NATIONAL_NUMBER}",
            "action": "draft",
        },
    )

    assert response.status_code == 200
    assert "rijksregisternummer" in str(response.context["form"].errors["portfolio"])
    assert not Application.objects.exists()


def test_an_extra_hours_motivation_with_a_national_register_number_shows_on_its_field(
    psy_client, allocation
):
    response = psy_client.post(
        reverse("applications:extra_hours", args=[allocation.pk]),
        {"hours": "2", "motivation": f"Voor cliënt {NATIONAL_NUMBER}"},
    )

    assert "rijksregisternummer" in str(response.context["extra_form"].errors["motivation"])
    assert not ExtraHoursRequest.objects.exists()
