"""My profile: RIZIV number format (normalised), IBAN checksum, address, employer, themes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.models import Psychologist, Theme
from portal.services import update_profile
from portal.validators import normalize_iban, normalize_riziv
from tests.factories import PsychologistFactory


@pytest.mark.parametrize(
    "typed",
    ["12345678901", "1-23456-78-901", "1.23456.78.901", " 1 23456 78 901 ", "1/23456/78/901"],
)
def test_riziv_number_with_separators_is_normalised_to_11_digits(typed):
    assert normalize_riziv(typed) == "12345678901"


@pytest.mark.parametrize("typed", ["1234567890", "123456789012", "1-23456-78-90A", "", "abc"])
def test_riziv_number_without_exactly_11_digits_is_refused(typed):
    with pytest.raises(ValidationError):
        normalize_riziv(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("BE68 5390 0754 7034", "BE68539007547034"),
        ("be68539007547034", "BE68539007547034"),
        ("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
    ],
)
def test_valid_iban_is_normalised(typed, stored):
    assert normalize_iban(typed) == stored


@pytest.mark.parametrize(
    "typed", ["BE68 5390 0754 7035", "BE68 5390 0754 703", "XX00", "1234567890123456", "BE68-ABC"]
)
def test_iban_with_wrong_checksum_or_format_is_refused(typed):
    with pytest.raises(ValidationError):
        normalize_iban(typed)


def profile_data(**extra):
    return {
        "first_name": "An",
        "last_name": "Peeters",
        "email": "an@example.org",
        "riziv_number": "1-23456-78-901",
        "street": "Kerkstraat 1",
        "postal_code": "9000",
        "municipality": "Gent",
        "iban": "BE68 5390 0754 7034",
        "employer": "",
        "language": "nl-be",
        **extra,
    }


@pytest.mark.django_db
def test_profile_saves_normalised_values_and_themes(psy_client, psychologist):
    theme = Theme.objects.create(name="rouw en verlies")
    response = psy_client.post(reverse("profile"), profile_data(themes=[theme.pk]))
    assert response.status_code == 302
    psychologist.refresh_from_db()
    assert psychologist.riziv_number == "12345678901"
    assert psychologist.iban == "BE68539007547034"
    assert list(psychologist.themes.all()) == [theme]
    assert psychologist.user.email == "an@example.org"


@pytest.mark.django_db
def test_profile_with_bad_iban_is_a_form_error(psy_client):
    response = psy_client.post(reverse("profile"), profile_data(iban="BE00 0000 0000 0000"))
    assert response.status_code == 200
    assert "iban" in response.context["form"].errors


@pytest.mark.django_db
def test_profile_with_a_riziv_number_of_someone_else_is_a_form_error(psy_client):
    PsychologistFactory(riziv_number="12345678901")
    response = psy_client.post(reverse("profile"), profile_data())
    assert response.status_code == 200
    assert "riziv_number" in response.context["form"].errors


@pytest.mark.django_db
def test_profile_page_shows_current_values(psy_client, psychologist):
    content = psy_client.get(reverse("profile")).content.decode()
    assert psychologist.riziv_number in content
    assert "Mijn profiel" in content


@pytest.mark.django_db
def test_opting_in_to_the_public_listing_saves_it_with_the_working_languages(
    psy_client, psychologist
):
    data = profile_data(listed_publicly="on", languages=["fr-be", "nl-be"])

    response = psy_client.post(reverse("profile"), data)

    assert response.status_code == 302
    psychologist.refresh_from_db()
    assert psychologist.listed_publicly is True
    assert psychologist.languages == ["nl-be", "fr-be"]


@pytest.mark.django_db
def test_the_profile_says_exactly_what_the_public_listing_shows(psy_client):
    html = psy_client.get(reverse("profile")).content.decode()
    assert "uw naam, uw thema's, uw gemeente en uw talen" in html
    assert "Nooit uw e-mailadres, telefoon, RIZIV-nummer, adres of IBAN" in html


@pytest.mark.django_db
def test_unticking_the_public_listing_removes_the_consent(psy_client, psychologist):
    Psychologist.objects.filter(pk=psychologist.pk).update(listed_publicly=True)
    psy_client.post(reverse("profile"), profile_data(languages=["nl-be"]))
    psychologist.refresh_from_db()
    assert psychologist.listed_publicly is False


@pytest.mark.django_db
def test_no_working_language_ticked_keeps_the_languages(psy_client, psychologist):
    Psychologist.objects.filter(pk=psychologist.pk).update(languages=["fr-be"])
    psy_client.post(reverse("profile"), profile_data())
    psychologist.refresh_from_db()
    assert psychologist.languages == ["fr-be"]


@pytest.mark.django_db
def test_a_working_language_outside_the_list_is_a_form_error(psy_client):
    response = psy_client.post(reverse("profile"), profile_data(languages=["de"]))
    assert response.status_code == 200
    assert response.context["form"].has_error("languages")


@pytest.mark.parametrize(
    ("languages", "code"), [(["de"], "unknown_work_language"), ([], "no_work_language")]
)
@pytest.mark.django_db
def test_the_service_refuses_working_languages_outside_the_list_or_none(languages, code):
    psychologist = PsychologistFactory()
    with pytest.raises(ValidationError) as error:
        update_profile(psychologist, {"languages": languages})
    assert error.value.error_list[0].code == code
