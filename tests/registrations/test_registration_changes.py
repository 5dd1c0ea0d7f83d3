"""The history shown on a registration's edit page."""

import pytest

from registrations.selectors import changes_of
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_a_registration_without_history_records_shows_no_changes():
    # Bulk-loaded rows (COPY, the load generator) have no history record of their own.
    registration = RegistrationFactory()
    registration.history.all().delete()

    assert changes_of(registration) == []


def test_a_created_registration_shows_its_creation():
    assert len(changes_of(RegistrationFactory())) == 1
