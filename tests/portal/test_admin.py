"""The admin shows every model with search and filters; immutable records are read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"portal", "applications", "registrations", "billing"}
MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in PROJECT_APPS
)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    RegistrationFactory()
    return client


def test_every_project_model_is_in_the_admin():
    from django.apps import apps

    expected = {
        (m._meta.app_label, m._meta.model_name)
        for label in PROJECT_APPS
        for m in apps.get_app_config(label).get_models()
        if not m._meta.auto_created
    }
    assert expected <= set(MODELS)


@pytest.mark.parametrize(("app_label", "model_name"), MODELS)
def test_changelist_renders_with_a_search(admin_client, app_label, model_name):
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert admin_client.get(url, {"q": "x"}).status_code == 200


@pytest.mark.parametrize(
    "model_name", ["auditentry", "registration"], ids=["audit", "registration"]
)
def test_immutable_records_cannot_be_added_in_the_admin(admin_client, model_name):
    app_label = "applications" if model_name == "auditentry" else "registrations"
    assert admin_client.get(reverse(f"admin:{app_label}_{model_name}_add")).status_code == 403
