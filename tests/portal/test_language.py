"""Language: Dutch (nl-BE) by default, French (Belgium) and English through the switch.

Dutch msgids are the source; the English catalogue lives in locale/en, the French
(Belgium) one for the Walloon and Brussels networks in locale/fr (fr-be reads it: gettext
falls back from fr_BE to fr). The catalogues must hold every string of the code, each
translated: `make messages` run now would change nothing.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
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


def test_language_switch_offers_dutch_french_and_english(client, db):
    content = client.get(reverse("login")).content.decode()
    for code in ("fr-be", "en"):
        assert f'name="language" value="{code}"' in content
    assert '<strong lang="nl-be" aria-current="true">' in content


def test_language_switch_to_french_serves_the_french_catalogue(client, db):
    assert switch_language(client, "fr-be").status_code == 302
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "fr-be"
    content = response.content.decode()
    assert '<html lang="fr-be">' in content
    with translation.override("fr-be"):
        assert translation.gettext("Aanmelden") != "Aanmelden"
        assert translation.gettext("Aanmelden") in content


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


LOCALES = ("en", "fr")
# What `make messages` runs (Makefile), so the comparison sees what the lead's run would.
MAKEMESSAGES = ["makemessages", "--all", "--no-obsolete", "--ignore=.venv", "--ignore=var"]


def entry_keys(path: Path) -> set[tuple]:
    """The strings of a catalogue, without line references: context, singular, plural."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural)
        for entry in polib.pofile(str(path))
        if not entry.obsolete
    }


@pytest.fixture(scope="module")
def extracted_catalogues(tmp_path_factory) -> Path:
    """The catalogues as `makemessages` makes them from the code now, in a copy of the
    project (makemessages writes into the locale folder next to the sources)."""
    copy = tmp_path_factory.mktemp("makemessages") / "project"
    shutil.copytree(
        BASE_DIR,
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns(".*", "var", "__pycache__", "*.mo", "node_modules"),
    )
    subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return copy / "locale"


@pytest.mark.gettext
@pytest.mark.parametrize("language", LOCALES)
def test_catalogue_holds_every_string_of_the_code(extracted_catalogues, language):
    catalogue = Path("locale") / language / "LC_MESSAGES" / "django.po"
    extracted = entry_keys(extracted_catalogues.parent / catalogue)
    committed = entry_keys(BASE_DIR / catalogue)
    assert sorted(extracted - committed, key=str) == [], "missing: run `make messages`"
    assert sorted(committed - extracted, key=str) == [], "no longer in the code"
