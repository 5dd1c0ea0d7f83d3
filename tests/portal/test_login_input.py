"""A user name longer than any account's is a form error on both login pages, not a
failed attempt django-axes tries (and fails) to store."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_a_ten_thousand_character_user_name_is_a_form_error(client, url_name):
    response = client.post(reverse(url_name), {"username": "x" * 10_000, "password": "x"})

    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert not AccessAttempt.objects.exists()
