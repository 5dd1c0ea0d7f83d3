"""The invoice list's psychologist filter scales (issue 17): a text field (part of the name
or the RIZIV number) with suggestions, never a dropdown of every psychologist."""

import re
from datetime import date

import pytest
from django.urls import reverse

from billing.models import Invoice
from billing.services import runs
from tests.billing.helpers import register
from tests.factories import NetworkFactory, PsychologistFactory, StaffFactory, UserFactory

INVOICES = reverse("billing:invoices")


@pytest.fixture
def staff_client(client, network):
    client.force_login(StaffFactory(networks=[network]))
    return client


@pytest.fixture
def two_invoices(network, make_allocation):
    """March invoices of Mieke Wouters (RIZIV 71234567) and Jan Claes."""
    mieke = PsychologistFactory(
        networks=[network],
        riziv_number="71234567",
        user=UserFactory(first_name="Mieke", last_name="Wouters"),
    )
    jan = PsychologistFactory(
        networks=[network], user=UserFactory(first_name="Jan", last_name="Claes")
    )
    for psychologist in (mieke, jan):
        register(make_allocation(psychologist), date(2025, 3, 5), 60)
    runs.run_billing(network, date(2025, 3, 31), issue_date=date(2025, 4, 1))
    return mieke, jan


@pytest.fixture
def other_network_invoice(make_allocation):
    other = NetworkFactory(code="ADS", name="GG ADS")
    register(make_allocation(net=other), date(2025, 3, 5), 60)
    runs.run_billing(other, date(2025, 3, 31), issue_date=date(2025, 4, 1))
    return Invoice.objects.get(network=other)


def options(client) -> int:
    return len(re.findall(r"<option\b", client.get(INVOICES).content.decode()))


def psychologists_listed(client, text) -> list:
    response = client.get(INVOICES, {"psychologist": text})
    return sorted(invoice.psychologist.name for invoice in response.context["page_obj"])


def test_the_list_offers_no_option_per_psychologist(staff_client, network):
    before = options(staff_client)
    PsychologistFactory.create_batch(50, networks=[network])
    assert options(staff_client) == before


def test_the_psychologist_is_a_text_field_with_suggestions(staff_client):
    html = staff_client.get(INVOICES).content.decode()
    field = re.search(r'<input[^>]*name="psychologist"[^>]*>', html).group(0)
    assert 'list="psychologist-suggestions"' in field
    assert reverse("psychologist_suggestions") in field
    assert '<datalist id="psychologist-suggestions">' in html


@pytest.mark.parametrize("text", ["wout", "MIEKE", "Mieke Wouters", "1234", "71234567"])
def test_the_list_filters_by_part_of_the_name_or_the_riziv_number(staff_client, two_invoices, text):
    assert psychologists_listed(staff_client, text) == ["Mieke Wouters"]


def test_a_text_that_matches_nobody_lists_nothing(staff_client, two_invoices):
    assert psychologists_listed(staff_client, "Zzyzx") == []


@pytest.mark.parametrize("text", ["' OR 1=1 --", "%", "_", "a" * 5000, "abc\x00def"])
def test_hostile_text_answers_200_within_the_staffs_networks(
    staff_client, two_invoices, other_network_invoice, text
):
    response = staff_client.get(INVOICES, {"psychologist": text})
    assert response.status_code == 200
    assert other_network_invoice not in list(response.context["page_obj"])
