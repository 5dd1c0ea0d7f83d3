"""A credit note, its correction and a withdrawal keep the allocation's usage
(registrations.usage) equal to what still counts."""

from datetime import date

import pytest

from billing.services import credit_notes, runs
from registrations.models import AllocationUsage, Registration
from registrations.services import delete_registration, update_registration
from tests.billing.helpers import register

MARCH = date(2025, 3, 31)
TEXTS = {"subject": "Overleg over een casus", "attendee_roles": "huisartsen"}


def kept(allocation) -> int:
    return AllocationUsage.objects.get(allocation=allocation).minutes


@pytest.fixture
def credited(network, allocation):
    """Two registrations billed in March, the second credited."""
    register(allocation, date(2025, 3, 3), 40)
    second = register(allocation, date(2025, 3, 10), 45)
    runs.run_billing(network, MARCH, issue_date=MARCH)
    credit_notes.issue_credit_note(Registration.objects.get(pk=second.pk), reason="fout")
    return Registration.objects.get(pk=second.pk)


def test_a_credited_registration_stops_counting_in_the_usage(credited, allocation):
    assert kept(allocation) == 40


def test_its_correction_counts_again_with_its_new_duration(credited, allocation):
    update_registration(credited, TEXTS | {"duration_minutes": 50})

    assert kept(allocation) == 40 + 50


def test_its_withdrawal_leaves_it_out_of_the_usage(credited, allocation):
    delete_registration(credited)

    assert kept(allocation) == 40
