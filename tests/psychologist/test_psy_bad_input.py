"""Bad input on the psychologist's pages is a form error or a 404, never a server error:
dates at the ends of the calendar, NUL in a search, ids that are not numbers, texts longer
than their column; and the profile service refuses what the profile form refuses."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.services import update_profile
from registrations.models import Registration
from tests.factories import PsychologistFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CALENDAR_ENDS = ["0001-01-01", "9999-12-31"]


def activity(day: str, **extra):
    return {
        "date": day,
        "start_time": "23:00",
        "duration_minutes": "120",
        "work_form": "consultation",
        "attendees": "4",
        "attendee_roles": "huisartsen",
        "subject": "Overleg",
        **extra,
    }


def date_error_codes(response) -> set[str]:
    return {error.code for error in response.context["form"].errors.as_data().get("date", [])}


@pytest.mark.parametrize("day", CALENDAR_ENDS)
def test_registering_on_a_date_at_the_end_of_the_calendar_is_a_form_error(
    psy_client, allocation, day
):
    response = psy_client.post(reverse("registrations:create", args=[allocation.pk]), activity(day))

    assert response.status_code == 200
    assert date_error_codes(response) & {"outside_window", "in_future"}
    assert response.context["form"]["date"].value() == day
    assert not Registration.objects.exists()


@pytest.mark.parametrize("day", CALENDAR_ENDS)
def test_editing_to_a_date_at_the_end_of_the_calendar_is_a_form_error(
    psy_client, allocation, today, day
):
    registration = RegistrationFactory(allocation=allocation, date=today - timedelta(days=2))

    response = psy_client.post(reverse("registrations:edit", args=[registration.pk]), activity(day))

    assert response.status_code == 200
    assert date_error_codes(response) & {"outside_window", "in_future"}
    registration.refresh_from_db()
    assert registration.date == today - timedelta(days=2)


@pytest.mark.parametrize("day", CALENDAR_ENDS)
def test_preview_of_a_date_at_the_end_of_the_calendar_lists_the_refusal(
    psy_client, allocation, day
):
    response = psy_client.post(
        reverse("registrations:preview", args=[allocation.pk]), activity(day)
    )

    assert response.status_code == 200
    assert {r.code for r in response.context["refusals"]} & {"outside_window", "in_future"}


@pytest.mark.parametrize("value", ["\u00b2", "abc"])
def test_preview_for_a_registration_id_that_is_not_a_number_is_not_found(
    psy_client, allocation, today, value
):
    url = reverse("registrations:preview", args=[allocation.pk])

    response = psy_client.post(f"{url}?registratie={value}", activity(today.isoformat()))

    assert response.status_code == 404


def test_findplace_search_with_a_nul_byte_finds_nothing(psy_client, findplace):
    response = psy_client.get(reverse("applications:findplace_search"), {"q": "abc\x00def"})

    assert response.status_code == 200
    assert response.context["results"] == []


def test_a_findplace_choice_that_is_not_a_number_is_a_form_error(psy_client):
    response = psy_client.post(
        reverse("applications:apply", args=[1]),
        {"findplace": "\u00b2", "start_date": "2026-01-01", "action": "save"},
    )

    assert response.status_code == 200
    assert "findplace" in response.context["form"].errors


LONG_EMAIL = "a" * 250 + "@example.org"  # valid, but longer than the 254 of the column


def test_a_valid_e_mail_address_longer_than_its_column_is_a_profile_form_error(psy_client):
    response = psy_client.post(
        reverse("profile"),
        {
            "first_name": "An",
            "last_name": "Peeters",
            "email": LONG_EMAIL,
            "riziv_number": "12345678901",
        },
    )

    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_a_partner_e_mail_address_longer_than_its_column_is_a_form_error(psy_client):
    response = psy_client.post(
        reverse("applications:apply", args=[3]),
        {"partner_email": LONG_EMAIL, "start_date": "2026-01-01", "action": "save"},
    )

    assert response.status_code == 200
    assert "partner_email" in response.context["form"].errors


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"riziv_number": "12345678901"}, "riziv_taken"),
        ({"riziv_number": "123"}, "invalid_riziv"),
        ({"iban": "BE00 0000 0000 0000"}, "invalid_iban"),
        ({"employer": "x" * 161}, "text_too_long"),
        ({"email": LONG_EMAIL}, "text_too_long"),
    ],
)
def test_the_profile_service_refuses_what_the_form_refuses(psychologist, change, code):
    PsychologistFactory(riziv_number="12345678901")

    with pytest.raises(ValidationError) as excinfo:
        update_profile(psychologist, change)

    assert [error.code for error in excinfo.value.error_list] == [code]
