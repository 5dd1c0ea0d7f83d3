"""IBANs and enterprise numbers are masked in lists; in full only on a person's own page."""

import pytest
from django.urls import reverse

from portal.validators import masked_enterprise_number, masked_iban
from tests.billing.invoice_pdf_helpers import IBAN, PSYCHOLOGIST_ENTERPRISE_NUMBER
from tests.factories import NetworkFactory, PsychologistFactory, UserFactory


def test_a_masked_iban_keeps_the_country_check_digits_and_last_group():
    assert masked_iban("BE68539007547034") == "BE68 **** **** 7034"


def test_a_masked_enterprise_number_keeps_its_last_three_digits():
    assert masked_enterprise_number("0812345702") == "****.***.702"


def test_an_empty_number_stays_empty():
    assert (masked_iban(""), masked_enterprise_number("")) == ("", "")


@pytest.mark.django_db
def test_the_admin_list_of_psychologists_masks_both_numbers(client):
    PsychologistFactory(
        networks=[NetworkFactory()], iban=IBAN, enterprise_number=PSYCHOLOGIST_ENTERPRISE_NUMBER
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:portal_psychologist_changelist")).content.decode()
    assert "BE68 **** **** 7034" in page and "****.***.702" in page
    assert IBAN not in page and "0812.345.702" not in page
