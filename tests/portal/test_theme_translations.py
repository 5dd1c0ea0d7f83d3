"""Theme names are data translated as data: a column per language, Dutch as fallback."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from portal.models import Theme
from tests.factories import PsychologistFactory, UserFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("portal.migrations.0003_user_language_and_theme_translations")


def test_a_theme_is_named_in_the_active_language_and_in_dutch_without_translation():
    theme = Theme.objects.create(name_nl_be="rouw en verlies", name_fr_be="deuil et perte")
    with translation.override("fr-be"):
        assert theme.name == "deuil et perte"
    with translation.override("en"):
        assert theme.name == "rouw en verlies"


def test_the_profile_of_a_french_psychologist_lists_the_themes_in_french(client):
    Theme.objects.create(name_nl_be="angst", name_fr_be="anxiété", name_en="anxiety")
    client.force_login(PsychologistFactory(user__language="fr-be").user)
    content = client.get(reverse("profile")).content.decode()
    assert "anxiété" in content
    assert "angst" not in content


def test_the_migration_moves_the_dutch_theme_names_into_the_dutch_column():
    theme = Theme.objects.create(name_nl_be="verslaving")
    Theme.objects.filter(pk=theme.pk).update(name_nl_be=None)
    MIGRATION.dutch_theme_names(apps, None)
    theme.refresh_from_db()
    assert theme.name_nl_be == "verslaving"


def test_the_theme_admin_asks_the_dutch_name_and_offers_french_and_english(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(reverse("admin:portal_theme_add"), {"name_fr_be": "stress"})
    assert response.status_code == 200  # refused: the Dutch name is required
    assert not Theme.objects.exists()
    content = response.content.decode()
    assert all(f'name="name_{code}"' in content for code in ("nl_be", "fr_be", "en"))
