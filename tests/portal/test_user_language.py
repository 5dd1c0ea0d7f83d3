"""Each user's preferred language (User.language): set by the language switch and the
profile, activated on every page they open, kept across logout and login."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.languages import language_for
from portal.models import Role
from portal.services import set_language, update_profile
from tests.factories import PASSWORD, PsychologistFactory, UserFactory

pytestmark = pytest.mark.django_db

FRENCH_PROFILE_TITLE = "Mon profil"


def switch(client, language: str, next_url: str = "/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def page_language(client, url: str) -> str:
    return client.get(url).headers["Content-Language"]


def test_a_new_user_reads_the_portal_in_its_default_language():
    assert UserFactory().language == settings.LANGUAGE_CODE == "nl-be"


def test_the_language_switch_of_a_signed_in_user_becomes_their_language(client):
    user = UserFactory()
    client.force_login(user)
    switch(client, "fr-be")
    user.refresh_from_db()
    assert user.language == "fr-be"


def test_a_signed_in_users_language_wins_over_the_cookie_of_the_browser(client):
    psychologist = PsychologistFactory(user__language="fr-be")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(psychologist.user)
    response = client.get(reverse("profile"))
    assert response.headers["Content-Language"] == "fr-be"
    assert FRENCH_PROFILE_TITLE in response.content.decode()


def test_the_language_follows_the_user_to_another_browser_after_logout_and_login(client):
    user = UserFactory(roles=[Role.PSYCHOLOGIST])
    PsychologistFactory(user=user)
    client.force_login(user)
    switch(client, "fr-be")
    client.post(reverse("logout"))

    other_browser = client.__class__()
    other_browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert page_language(other_browser, reverse("profile")) == "fr-be"


def test_after_logout_the_login_page_stays_in_the_users_language(client):
    client.force_login(UserFactory(language="fr-be"))
    client.post(reverse("logout"))
    assert page_language(client, reverse("login")) == "fr-be"


def test_a_language_the_portal_does_not_offer_changes_nothing(client):
    user = UserFactory(language="fr-be")
    client.force_login(user)
    response = switch(client, "de")
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "fr-be"


@pytest.mark.parametrize("hostile", ["", "x" * 5000, "nl-be\x00", "<script>"])
def test_the_language_switch_refuses_hostile_input_without_an_error(client, hostile):
    user = UserFactory()
    client.force_login(user)
    assert switch(client, hostile).status_code == 302
    user.refresh_from_db()
    assert user.language == "nl-be"


def test_the_language_switch_only_takes_a_post(client):
    client.force_login(UserFactory())
    assert client.get(reverse("set_language") + "?language=en").status_code == 405


def test_set_language_keeps_only_languages_of_the_portal():
    user = UserFactory()
    assert set_language(user, "en") is True
    assert set_language(user, "fr") is False
    user.refresh_from_db()
    assert user.language == "en"


def test_the_profile_shows_the_language_and_saves_a_new_one(client):
    psychologist = PsychologistFactory()
    client.force_login(psychologist.user)
    content = client.get(reverse("profile")).content.decode()
    assert '<option value="fr-be">français</option>' in content

    data = {"first_name": "An", "last_name": "Peeters", "email": "an@example.org"}
    data |= {"riziv_number": "1-23456-78-901", "language": "fr-be"}
    response = client.post(reverse("profile"), data, follow=True)

    psychologist.user.refresh_from_db()
    assert psychologist.user.language == "fr-be"
    assert response.headers["Content-Language"] == "fr-be"
    assert "Votre profil" in response.content.decode()  # the confirmation, in French


def test_the_profile_service_refuses_a_language_the_portal_does_not_offer():
    psychologist = PsychologistFactory()
    with pytest.raises(ValidationError) as excinfo:
        update_profile(psychologist, {"language": "de"})
    assert [e.code for e in excinfo.value.error_list] == ["unknown_language"]


def test_the_language_of_what_a_user_receives_is_their_own():
    assert language_for(UserFactory(language="fr-be")) == "fr-be"
    assert language_for(UserFactory(language="en")) == "en"


def test_a_recipient_without_an_account_or_a_known_language_gets_the_default():
    assert language_for(None) == "nl-be"
    assert language_for(UserFactory.build(language="de")) == "nl-be"


def test_the_password_reset_is_mailed_in_the_language_of_the_account(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(language="fr-be")
    switch(client, "nl-be")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": user.email})
    assert mail.outbox[0].subject == "Nouveau mot de passe pour le portail Art. 8"
