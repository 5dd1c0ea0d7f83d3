"""Call names and descriptions are data translated as data (django-modeltranslation): a
column per language, the active language shown, Dutch when a translation is missing."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from applications.models import Call
from tests.factories import PsychologistFactory, UserFactory, call

pytestmark = pytest.mark.django_db

TRANSLATIONS = importlib.import_module("applications.migrations.0007_call_translations")
FRENCH_CALL_1 = "Démarrage et concertation avec un lieu de rencontre"


def test_the_four_seeded_calls_have_a_name_in_dutch_french_and_english():
    names = list(Call.objects.order_by("number").values_list("name_nl_be", "name_fr_be", "name_en"))
    assert len(names) == 4
    assert all(all(name) for name in names)
    assert names[0] == (
        "Opstart op en overleg met een vindplaats",
        FRENCH_CALL_1,
        "Start-up and consultation with a findplace",
    )


def test_a_call_shows_its_name_and_description_in_the_active_language():
    first = call(1)
    first.description_fr_be = "Pour démarrer."
    first.save()
    with translation.override("fr-be"):
        assert (first.name, first.description) == (FRENCH_CALL_1, "Pour démarrer.")
    with translation.override("en"):
        assert first.name == "Start-up and consultation with a findplace"


def test_a_call_without_a_translation_shows_its_dutch_text():
    first = call(1)
    Call.objects.filter(pk=first.pk).update(name_fr_be=None, description_nl_be="Uitleg.")
    first.refresh_from_db()
    with translation.override("fr-be"):
        assert first.name == "Opstart op en overleg met een vindplaats"
        assert first.description == "Uitleg."


def test_the_calls_page_of_a_french_psychologist_names_the_calls_in_french(client):
    psychologist = PsychologistFactory(user__language="fr-be")
    client.force_login(psychologist.user)
    content = client.get(reverse("applications:calls")).content.decode()
    assert f"Appel 1: {FRENCH_CALL_1}" in content
    assert "Opstart op en overleg" not in content


def test_the_migration_moves_the_dutch_texts_into_the_dutch_columns():
    first = call(1)
    Call.objects.filter(pk=first.pk).update(name_nl_be=None, name_en=None)
    TRANSLATIONS.translate_calls(apps, None)
    first.refresh_from_db()
    assert first.name_nl_be == "Opstart op en overleg met een vindplaats"
    assert first.name_en == "Start-up and consultation with a findplace"


def test_the_migration_never_overwrites_an_edited_translation():
    Call.objects.filter(number=1).update(name_fr_be="Appel édité")
    TRANSLATIONS.translate_calls(apps, None)
    assert call(1).name_fr_be == "Appel édité"


def test_the_call_admin_has_a_name_and_a_description_per_language(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:applications_call_change", args=[call(1).pk])
    content = client.get(url).content.decode()
    for column in ("name", "description"):
        for language in ("nl_be", "fr_be", "en"):
            assert f'name="{column}_{language}"' in content
    assert 'name="name"' not in content
