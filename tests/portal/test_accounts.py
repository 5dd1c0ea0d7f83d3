"""Accounts through the real forms: login, logout, password change and password reset.

Posts what a browser posts, so the templates, URLs and authentication backends all take part.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import Role
from tests.factories import PASSWORD

NEW_PASSWORD = "Nieuw-Wachtwoord-2026!"
RESET_LINK = re.compile(r"https?://[^/\s]+(/accounts/reset/\S+/)")


@pytest.fixture
def psychologist_user(user_with_role):
    return user_with_role(Role.PSYCHOLOGIST)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_form_signs_in_and_sends_user_home(client, psychologist_user):
    response = client.post(
        reverse("login"), {"username": psychologist_user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in_user_id(client) == str(psychologist_user.pk)


def test_login_form_with_wrong_password_shows_dutch_error(client, psychologist_user):
    response = client.post(
        reverse("login"), {"username": psychologist_user.username, "password": "fout"}
    )
    assert response.status_code == 200
    assert "hoofdlettergevoelig" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_logout_form_signs_out(client, psychologist_user):
    client.post(reverse("login"), {"username": psychologist_user.username, "password": PASSWORD})
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert signed_in_user_id(client) is None


def test_password_change_form_sets_the_new_password(client, psychologist_user):
    client.force_login(psychologist_user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    psychologist_user.refresh_from_db()
    assert psychologist_user.check_password(NEW_PASSWORD)


def test_password_reset_mails_a_link_that_sets_a_new_password(
    client, psychologist_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after the commit
        response = client.post(reverse("password_reset"), {"email": psychologist_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [psychologist_user.email]

    link = RESET_LINK.search(mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # the token moves into the session
    assert client.get(form_url).context["validlink"] is True
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    psychologist_user.refresh_from_db()
    assert psychologist_user.check_password(NEW_PASSWORD)
