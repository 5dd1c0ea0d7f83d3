"""Fixtures of the network tests: two networks, a staff member of each, valid settings."""

import pytest

from tests.factories import NetworkFactory, StaffFactory


@pytest.fixture
def network(db):
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def other_network(db):
    return NetworkFactory(code="ADS", name="GG ADS")


@pytest.fixture
def staff(network):
    return StaffFactory(networks=[network])


@pytest.fixture
def other_staff(other_network):
    return StaffFactory(networks=[other_network])


def settings_data(**changes) -> dict:
    """Every setting, valid, as the settings form sends it."""
    return {
        "street": "Voorbeeldlaan 12",
        "postal_code": "9000",
        "municipality": "Gent",
        "enterprise_number": "0812.345.702",
        "iban": "BE02 0682 4173 5040",
        "bic": "",
        "invoice_prefix": "PAKT",
        "payment_term_days": 30,
        "registration_closing_day": 10,
        "postcodes": "9000-9099, 9150",
        "languages": ["nl-be"],
        "education_open": False,
        **changes,
    }
