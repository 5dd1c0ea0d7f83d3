"""The numbers of a network's settings: enterprise number (KBO/BCE) with its mod-97 check
digits, IBAN and BIC through python-stdnum, and a phone number people can call."""

import pytest
from django.core.exceptions import ValidationError

from portal.validators import (
    format_enterprise_number,
    normalize_bic,
    normalize_enterprise_number,
    normalize_iban,
    normalize_phone,
)


def code_of(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        call(*args, **kwargs)
    return refused.value.code


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0123.456.749", "0123456749"),
        ("BE 0123 456 749", "0123456749"),
        ("be0123456749", "0123456749"),
        ("123456749", "0123456749"),  # the old form of 9 digits
        ("1999-999-943", "1999999943"),
    ],
)
def test_enterprise_number_with_valid_check_digits_is_stored_as_its_ten_digits(typed, stored):
    assert normalize_enterprise_number(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "0123.456.748",  # check digits one off
        "0123.456.750",
        "2123.456.749",  # starts with neither 0 nor 1
        "0123.456.7490",
        "12345",
        "abc",
        "",
        "\u00b2123456749",
    ],
)
def test_enterprise_number_with_wrong_check_digits_or_form_is_refused(typed):
    assert code_of(normalize_enterprise_number, typed) == "invalid_enterprise_number"


def test_enterprise_number_is_shown_with_its_dots():
    assert format_enterprise_number("0123456749") == "0123.456.749"


def test_a_network_iban_needs_a_bank_code_the_national_bank_handed_out():
    # Valid mod-97 and national check digits, but bank code 539 is not handed out.
    assert normalize_iban("BE68 5390 0754 7034") == "BE68539007547034"
    assert code_of(normalize_iban, "BE68 5390 0754 7034", known_bank=True) == "invalid_iban"


@pytest.mark.parametrize(
    "typed", ["BE02 0682 4173 5041", "BE02 0682 4173 504", "NL00ABNA0417164300"]
)
def test_an_iban_with_wrong_check_digits_or_length_is_refused(typed):
    assert code_of(normalize_iban, typed, known_bank=True) == "invalid_iban"


def test_a_network_iban_of_a_known_bank_is_stored_compact():
    assert normalize_iban("be02 0682.4173 5040", known_bank=True) == "BE02068241735040"


def test_an_empty_bic_becomes_the_bic_of_the_belgian_bank():
    assert normalize_bic("", "BE02068241735040") == "GKCCBEBB"


def test_a_bic_with_a_branch_code_of_the_right_bank_is_accepted():
    assert normalize_bic("gkcc be bb xxx", "BE02068241735040") == "GKCCBEBBXXX"


def test_a_bic_of_another_bank_than_the_iban_is_refused():
    assert code_of(normalize_bic, "KREDBEBB", "BE02068241735040") == "bic_mismatch"


@pytest.mark.parametrize("typed", ["GKCCBEB", "GKCC1EBB", "GKCCBEBBX", "x" * 100])
def test_a_bic_that_is_not_8_or_11_letters_and_digits_is_refused(typed):
    assert code_of(normalize_bic, typed) == "invalid_bic"


def test_a_foreign_bic_without_iban_is_accepted():
    assert normalize_bic("ABNANL2A") == "ABNANL2A"


@pytest.mark.parametrize("typed", ["09 123 45 67", "+32 9 123 45 67", "053/12.34.56"])
def test_a_phone_number_as_people_write_it_is_kept(typed):
    assert normalize_phone(typed) == typed


@pytest.mark.parametrize("typed", ["12345", "bel me", "09 123 45 67 of 0476", "٠٩١٢٣٤٥٦٧"])
def test_a_phone_number_without_six_digits_or_with_other_text_is_refused(typed):
    assert code_of(normalize_phone, typed) == "invalid_phone"
