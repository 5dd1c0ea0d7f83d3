"""What free text may not hold (portal.client_data): a valid national register number is
found however it is written, an ordinary or invalid 11-digit number is not; an e-mail
address or phone number is only warned about. No database."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from stdnum.be import nn

from portal import client_data
from portal.forms import add_refusals

# 30 July 1985 (stdnum's example), and one of 15 March 2005 (check digits over 2 + the nine).
BORN_1985 = "85073003328"
BORN_2005 = "05031512367"


def test_the_examples_are_valid_national_register_numbers():
    assert nn.is_valid(BORN_1985) and nn.is_valid(BORN_2005)


@pytest.mark.parametrize(
    "written",
    ["85073003328", "85.07.30-033.28", "850730 033 28", "85.07.30 033-28", "85 07 30 033 28"],
)
def test_a_national_register_number_is_found_with_the_usual_separators(written):
    assert client_data.national_numbers(f"Overleg over {written} gisteren") == [BORN_1985]


def test_a_national_register_number_of_someone_born_after_2000_is_found():
    assert client_data.national_numbers(f"rrn {BORN_2005}") == [BORN_2005]


def test_a_bis_number_is_found_like_a_national_register_number():
    # stdnum's example: month + 40 (gender known), so never a national register number.
    assert client_data.national_numbers("BIS 98.47.28-997.65") == ["98472899765"]


def test_a_number_with_wrong_check_digits_is_not_a_national_register_number():
    assert client_data.national_numbers("85.07.30-033.27") == []


@pytest.mark.parametrize("ordinary", ["12345678901", "1-23456-78-901", "19876543210"])
def test_an_ordinary_eleven_digit_number_like_a_riziv_number_is_not_one(ordinary):
    assert client_data.national_numbers(f"RIZIV {ordinary}") == []


@pytest.mark.parametrize(
    "longer", ["185073003328", "850730033281", "1.85073003328", "85073003328-5"]
)
def test_digits_inside_a_longer_number_are_not_a_national_register_number(longer):
    assert client_data.national_numbers(longer) == []


@pytest.mark.parametrize(
    "phone",
    [
        "0470 12 34 56",
        "0470/123456",
        "+32 9 123 45 67",
        "+32 (0)470 12 34 56",
        "09/123.45.67",
        "09 123 45 67",
        "050 12 34 56",
        "0031 6 12345678",
    ],
)
def test_a_phone_number_is_recognised(phone):
    assert client_data.has_phone(f"bel {phone} na 17 u")


@pytest.mark.parametrize(
    "text",
    ["op 03.02.2025 om 09.00", "12/03/2025 10 u", "2 u 30", "RIZIV 1-23456-78-901", "8 deelnemers"],
)
def test_dates_times_and_other_numbers_are_not_phone_numbers(text):
    assert not client_data.has_phone(text)


def test_an_e_mail_address_is_recognised():
    assert client_data.has_email("mail naar info@ocmw-aalst.be")


def test_a_refusal_names_its_field_and_code():
    [error] = client_data.client_identifier_errors(
        {"subject": f"Casus {BORN_1985}", "place": "Aalst"},
        {"subject": "onderwerp", "place": "plaats"},
    )
    assert (error.code, client_data.field_of(error)) == ("client_identifier", "subject")
    assert "'onderwerp'" in error.message and "rijksregisternummer" in error.message


def test_a_refusal_does_not_repeat_the_number():
    [error] = client_data.client_identifier_errors({"note": BORN_1985}, {"note": "notitie"})
    assert BORN_1985 not in error.message


def test_a_contact_warning_says_which_field_and_what_it_seems_to_hold():
    warnings = client_data.contact_warnings(
        {"subject": "Mail els@example.org of bel 0470 12 34 56"}, {"subject": "onderwerp"}
    )
    assert len(warnings) == 2
    assert "e-mailadres" in warnings[0] and "telefoonnummer" in warnings[1]
    assert all("'onderwerp'" in warning for warning in warnings)


def test_a_text_without_contact_data_gets_no_warning():
    assert client_data.contact_warnings({"subject": "Intervisie"}, {"subject": "onderwerp"}) == []


def test_a_form_shows_a_client_data_refusal_on_the_field_it_names():
    class NoteForm(forms.Form):
        note = forms.CharField()

    form = NoteForm({"note": BORN_1985})
    form.is_valid()
    error = ValidationError(client_data.client_identifier_errors(form.data, {"note": "notitie"}))
    add_refusals(form, error)
    assert form.errors["note"][0].startswith("Het veld 'notitie' bevat een rijksregisternummer")
