"""Language: Dutch (nl-BE) by default, English through the language switch.

Dutch msgids are the source; the English catalogue lives in locale/en, the French
(Belgium) one for the Walloon and Brussels networks in locale/fr.
"""

from pathlib import Path

import polib
from django.urls import reverse
from django.utils import translation

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


def untranslated(language: str) -> list[str]:
    """Msgids without a translation; polib counts a fuzzy entry as not translated."""
    catalogue = polib.pofile(str(BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"))
    return [e.msgid for e in catalogue if not e.translated() and not e.obsolete]


def test_english_catalogue_translates_every_string():
    assert untranslated("en") == []


def test_french_catalogue_translates_every_string():
    assert untranslated("fr") == []


def test_french_catalogue_counts_zero_as_singular():
    # msgids in variables, so makemessages does not list this test as a source
    singular, plural = "%(counter)s registratie", "%(counter)s registraties"
    with translation.override("fr"):
        text = translation.ngettext(singular, plural, 0)
    assert text == "%(counter)s enregistrement"
