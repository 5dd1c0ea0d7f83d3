"""The invoice data on my profile: enterprise number (check digits), IBAN and BIC, address;
kept after a refusal that says what is wrong with an example; what is still missing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.models import Psychologist
from portal.services import update_profile
from tests.factories import PsychologistFactory

pytestmark = pytest.mark.django_db

PROFILE = reverse("profile")


def profile_data(**extra):
    return {
        "first_name": "An",
        "last_name": "Peeters",
        "email": "an@example.org",
        "riziv_number": "1-23456-78-901",
        "enterprise_number": "0123.456.749",
        "street": "Kerkstraat 1",
        "postal_code": "9000",
        "municipality": "Gent",
        "iban": "BE71 0961 2345 6769",
        "bic": "",
        "employer": "",
        "language": "nl-be",
        **extra,
    }


@pytest.mark.parametrize(
    "typed", ["0123.456.749", "BE0123456749", "123456749", "BE 0123 456 749", "0123-456-749"]
)
def test_a_valid_enterprise_number_in_any_written_form_is_stored_as_10_digits(
    psy_client, psychologist, typed
):
    response = psy_client.post(PROFILE, profile_data(enterprise_number=typed))

    assert response.status_code == 302
    psychologist.refresh_from_db()
    assert psychologist.enterprise_number == "0123456749"


def test_the_profile_shows_the_enterprise_number_as_written_on_invoices(psy_client, psychologist):
    Psychologist.objects.filter(pk=psychologist.pk).update(enterprise_number="0123456749")

    assert 'value="0123.456.749"' in psy_client.get(PROFILE).content.decode()


def test_wrong_check_digits_are_refused_with_an_example_and_the_input_kept(
    psy_client, psychologist
):
    before = psychologist.enterprise_number

    response = psy_client.post(PROFILE, profile_data(enterprise_number="0123.456.748"))

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["enterprise_number"]
    assert [e.code for e in errors] == ["invalid_enterprise_number"]
    page = response.content.decode()
    assert "10 cijfers zoals 0123.456.749" in page
    assert 'value="0123.456.748"' in page
    assert 'value="Kerkstraat 1"' in page  # the rest of the input too
    psychologist.refresh_from_db()
    assert psychologist.enterprise_number == before


def test_the_service_refuses_wrong_check_digits_whoever_calls_it(psychologist):
    with pytest.raises(ValidationError) as refused:
        update_profile(psychologist, {"enterprise_number": "0123456748"})

    assert refused.value.code == "invalid_enterprise_number"


def test_the_enterprise_number_may_be_left_empty(psy_client, psychologist):
    psy_client.post(PROFILE, profile_data(enterprise_number=""))

    psychologist.refresh_from_db()
    assert psychologist.enterprise_number == ""


def test_an_empty_bic_is_the_bic_of_the_belgian_ibans_bank(psy_client, psychologist):
    psy_client.post(PROFILE, profile_data(bic=""))

    psychologist.refresh_from_db()
    assert (psychologist.iban, psychologist.bic) == ("BE71096123456769", "GKCCBEBB")


def test_a_bic_of_another_bank_than_the_ibans_is_refused_on_its_field(psy_client):
    response = psy_client.post(PROFILE, profile_data(bic="KREDBEBB"))

    errors = response.context["form"].errors.as_data()["bic"]
    assert [e.code for e in errors] == ["bic_mismatch"]
    assert 'value="KREDBEBB"' in response.content.decode()


def test_a_bic_that_is_not_one_is_refused_with_an_example(psy_client):
    response = psy_client.post(PROFILE, profile_data(bic="GKCC"))

    errors = response.context["form"].errors.as_data()["bic"]
    assert [e.code for e in errors] == ["invalid_bic"]
    assert "GKCCBEBB" in response.content.decode()


def test_a_foreign_bic_is_kept_for_a_foreign_iban(psy_client, psychologist):
    psy_client.post(PROFILE, profile_data(iban="NL91 ABNA 0417 1643 00", bic="ABNANL2A"))

    psychologist.refresh_from_db()
    assert (psychologist.iban, psychologist.bic) == ("NL91ABNA0417164300", "ABNANL2A")


def test_a_new_iban_without_a_bic_drops_the_bic_of_the_old_account(psychologist):
    Psychologist.objects.filter(pk=psychologist.pk).update(
        iban="NL91ABNA0417164300", bic="ABNANL2A"
    )
    psychologist.refresh_from_db()

    update_profile(psychologist, {"iban": "BE71 0961 2345 6769"})

    psychologist.refresh_from_db()
    assert psychologist.bic == "GKCCBEBB"


@pytest.mark.parametrize(
    "fields",
    [
        {"enterprise_number": "9" * 10_000},
        {"enterprise_number": "0123\x00456749"},
        {"bic": "G" * 10_000},
        {"bic": "GKCC\x00BEBB"},
        {"iban": "BE" + "9" * 10_000},
        {"enterprise_number": ["0123456749", "x"]},
    ],
)
def test_garbage_in_the_invoice_fields_is_a_form_error_not_a_server_error(psy_client, fields):
    response = psy_client.post(PROFILE, profile_data(**fields))

    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_profile_lists_what_the_invoices_still_miss(client, network):
    psychologist = PsychologistFactory(networks=[network], enterprise_number="", iban="")
    client.force_login(psychologist.user)

    page = client.get(PROFILE).content.decode()

    assert "Nog in te vullen op uw profiel:" in page
    assert "<li>ondernemingsnummer (KBO)</li>" in page
    assert "<li>IBAN-rekeningnummer</li>" in page


def test_a_complete_profile_says_the_network_can_bill(psy_client):
    page = psy_client.get(PROFILE).content.decode()

    assert "Alles is in orde: uw netwerk kan u factureren." in page


def test_saving_the_profile_shows_on_the_cached_overview(client, network):
    psychologist = PsychologistFactory(networks=[network], enterprise_number="")
    client.force_login(psychologist.user)
    overview = reverse("applications:overview")
    assert "ondernemingsnummer (KBO)" in client.get(overview).content.decode()

    client.post(PROFILE, profile_data())

    assert "ondernemingsnummer (KBO)" not in client.get(overview).content.decode()
