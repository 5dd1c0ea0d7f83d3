"""Login rate limiting with django-axes: five failures lock the username on this address."""

from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, CoordinatorFactory


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failed_logins_lock_the_account_out_with_a_dutch_page(db, client):
    user = CoordinatorFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.username, "fout")
    response = attempt(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "Te veel aanmeldpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_login_resets_the_failures(db, client):
    user = CoordinatorFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, user.username, "fout")
    assert attempt(client, user.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, user.username, "fout")
    assert attempt(client, user.username, PASSWORD).status_code == 302


def test_two_factor_for_staff_is_off_by_default():
    # Reserved setting; two-factor authentication itself is not implemented yet.
    assert settings.REQUIRE_2FA_FOR_STAFF is False
