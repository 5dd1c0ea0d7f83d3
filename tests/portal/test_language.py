"""Language: Dutch (nl-BE) by default, English through the language switch.

Dutch msgids are the source; the English catalogue lives in locale/en.
"""

from pathlib import Path

import polib
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]


def switch_language(client, language: str):
    return client.post(reverse("set_language"), {"language": language, "next": reverse("login")})


def test_default_language_is_belgian_dutch(client, db):
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "nl-be"
    assert '<html lang="nl-be">' in response.content.decode()


def test_language_switch_to_english_changes_the_page_language(client, db):
    assert switch_language(client, "en").status_code == 302
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_login_page_in_english_shows_english_text(client, db):
    switch_language(client, "en")
    content = client.get(reverse("login")).content.decode()
    assert "Sign in" in content
    assert "Aanmelden" not in content


def test_english_catalogue_translates_every_string():
    catalogue = polib.pofile(str(BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    assert missing == []
