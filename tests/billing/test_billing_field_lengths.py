"""Every value copied onto an invoice fits: directory fields at their maximum length bill."""

from datetime import date

import pytest

from billing.models import Invoice, RunStatus
from billing.services import credit_notes, runs
from portal.models import Network, Psychologist, User
from tests.billing.helpers import LONGEST_VALID_IBAN, register
from tests.factories import AllocationFactory, NetworkFactory, PsychologistFactory

MARCH = date(2025, 3, 31)


def longest(model, field_name: str, char: str = "x") -> str:
    return char * model._meta.get_field(field_name).max_length


@pytest.fixture
def longest_network(db):
    return NetworkFactory(
        code=longest(Network, "code", "p"),
        name=longest(Network, "name", "N"),
        street=longest(Network, "street", "s"),
        postal_code="9999",
        municipality=longest(Network, "municipality", "m"),
        enterprise_number="1999999943",
    )


@pytest.fixture
def longest_psychologist(longest_network):
    psychologist = PsychologistFactory(
        networks=[longest_network],
        user__first_name=longest(User, "first_name", "F"),
        user__last_name=longest(User, "last_name", "L"),
        riziv_number=longest(Psychologist, "riziv_number", "1"),
        street=longest(Psychologist, "street", "s"),
        postal_code=longest(Psychologist, "postal_code", "9"),
        municipality=longest(Psychologist, "municipality", "m"),
        # The longest IBAN with valid check digits (Russia: 33 characters; no country
        # has 34): an invalid one counts as missing invoice data and is not billed.
        iban=LONGEST_VALID_IBAN,
    )
    allocation = AllocationFactory(
        application__psychologist=psychologist, application__network=longest_network
    )
    register(allocation, date(2025, 3, 5), 60)
    return psychologist


def test_every_directory_field_at_its_maximum_length_is_invoiced_in_full(
    longest_network, longest_psychologist
):
    run = runs.run_billing(longest_network, MARCH)

    assert run.status == RunStatus.DONE, run.error
    invoice = Invoice.objects.get(run=run)
    user = longest_psychologist.user
    assert invoice.payee_name == f"{user.first_name} {user.last_name}"
    assert invoice.payee_riziv_number == longest_psychologist.riziv_number
    assert invoice.payee_iban == longest_psychologist.iban
    assert invoice.payee_address == (
        f"{longest_psychologist.street}\n"
        f"{longest_psychologist.postal_code} {longest_psychologist.municipality}"
    )
    assert invoice.payer_name == longest_network.name
    assert invoice.payer_address == (
        f"{longest_network.street}\n9999 {longest_network.municipality}"
    )
    assert invoice.payer_company_number == "1999.999.943"
    assert invoice.number.startswith(f"{longest_network.code.upper()}-")


def test_credit_note_of_the_longest_directory_fields_is_issued_in_full(
    longest_network, longest_psychologist
):
    run = runs.run_billing(longest_network, MARCH)
    item = Invoice.objects.get(run=run).items.get()

    note = credit_notes.issue_credit_note(item, reason="r" * 1000)

    user = longest_psychologist.user
    assert note.payee_name == f"{user.first_name} {user.last_name}"
    assert note.payer_name == longest_network.name
