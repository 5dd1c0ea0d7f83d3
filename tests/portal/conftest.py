"""Fixtures of the foundation tests: one signed-in-able user per role, fast password hashing.

Roles here are the five of issue 2; the administrator is a superuser without a group.
"""

import pytest

from portal.models import Role
from tests.factories import (
    CoordinatorFactory,
    NetworkFactory,
    PsychologistFactory,
    StaffFactory,
    UserFactory,
)

ADMINISTRATOR = "administrator"
ROLES = [
    Role.PSYCHOLOGIST,
    Role.COORDINATOR,
    Role.NETWORK_STAFF,
    Role.EXISTING_SERVICE,
    ADMINISTRATOR,
]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 costs ~0.3 s per password; the demo command alone sets fifteen.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(role: str):
    """A user holding exactly `role`, with the profile or networks that role needs."""
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    if role == Role.PSYCHOLOGIST:
        return PsychologistFactory(networks=[network]).user
    if role == Role.COORDINATOR:
        return CoordinatorFactory(networks=[network])
    if role == Role.NETWORK_STAFF:
        return StaffFactory(networks=[network])
    if role == Role.EXISTING_SERVICE:
        return UserFactory(roles=[Role.EXISTING_SERVICE])
    if role == ADMINISTRATOR:
        return UserFactory(is_staff=True, is_superuser=True)
    raise ValueError(role)


@pytest.fixture
def user_with_role(db):
    return make_user
