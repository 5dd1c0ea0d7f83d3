"""The privacy page: public, in every language, linked from every page's footer, and saying
what the settings and the register of processing (docs/privacy.md) say."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from portal.models import Role
from tests.factories import PsychologistFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["nl-be", "fr-be", "en"]
# The page's heading as the catalogues translate it (tr/privacypage.json).
HEADINGS = {
    "nl-be": "Privacyverklaring",
    "fr-be": "Déclaration de confidentialité",
    "en": "Privacy statement",
}


def privacy_page(client, language: str | None = None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("privacy:privacy"))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_page_opens_for_anonymous_visitors_in_every_language(client, language):
    response = privacy_page(client, language)

    assert response.status_code == 200
    assert response.headers["Content-Language"] == language


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_page_opens_for_signed_in_users_in_their_language(client, language):
    client.force_login(PsychologistFactory(user__language=language).user)

    response = privacy_page(client)

    assert response.status_code == 200
    assert response.headers["Content-Language"] == language


@pytest.mark.django_db
def test_privacy_page_opens_for_every_other_role(client):
    for role in (Role.COORDINATOR, Role.NETWORK_STAFF, Role.EXISTING_SERVICE):
        client.force_login(UserFactory(roles=[role]))
        assert privacy_page(client).status_code == 200


@pytest.mark.django_db
def test_privacy_page_shows_the_dutch_heading_by_default(client):
    assert '<h1 class="h2">Privacyverklaring</h1>' in privacy_page(client).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr-be", "en"])
def test_privacy_page_shows_the_translated_heading(client, language):
    content = privacy_page(client, language).content.decode()

    assert f'<h1 class="h2">{HEADINGS[language]}</h1>' in content


@pytest.mark.django_db
def test_privacy_page_names_the_cookies_of_the_settings(client, settings):
    settings.SESSION_COOKIE_NAME = "art8_session"
    content = privacy_page(client).content.decode()

    for name in ("art8_session", settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME):
        assert f"<code>{name}</code>" in content
    assert "<code>messages</code>" in content


@pytest.mark.django_db
def test_privacy_page_states_the_retention_periods(client):
    content = privacy_page(client).content.decode()

    for period in ("10 jaar", "7 dagen", "24 maanden", "1 jaar", "90 dagen"):
        assert period in content


@pytest.mark.django_db
def test_privacy_page_states_the_session_age_and_lockout_of_the_settings(client, settings):
    settings.SESSION_COOKIE_AGE = 3 * 24 * 60 * 60
    content = privacy_page(client).content.decode()

    assert "3 dagen na het aanmelden" in content
    assert "15 minuten" in content


@pytest.mark.django_db
def test_footer_links_the_privacy_page_on_the_home_page(client):
    url = reverse("privacy:privacy")
    assert (
        f'<a href="{url}">Privacy</a>' in client.get(reverse("home"), follow=True).content.decode()
    )

    client.force_login(PsychologistFactory().user)
    assert (
        f'<a href="{url}">Privacy</a>' in client.get(reverse("home"), follow=True).content.decode()
    )


def test_privacy_register_names_every_category_of_person():
    register = (ROOT / "docs" / "privacy.md").read_text()

    for category in (
        "### Psychologists (KPKO)",
        "### Local coordinators",
        "### Network staff",
        "### Existing services",
        "### Partners who confirm a cooperation",
        "### First-line actors who ask for support",
        "### Administrators",
    ):
        assert category in register


def test_privacy_register_is_linked_from_the_documentation_index():
    assert "[privacy.md](privacy.md)" in (ROOT / "docs" / "README.md").read_text()
