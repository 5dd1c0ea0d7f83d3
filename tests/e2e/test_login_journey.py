"""The first thing every user does: sign in and land on the page of their role."""

from tests.e2e.conftest import axe_violations, login
from tests.factories import PsychologistFactory


def test_psychologist_signs_in_and_lands_on_overview(page):
    psychologist = PsychologistFactory()
    login(page, psychologist.user)
    assert page.url.endswith("/mijn/")


def test_login_page_passes_label_and_contrast_checks_on_a_phone(phone_page):
    phone_page.goto("/accounts/login/")
    assert axe_violations(phone_page) == []
