"""Two-factor journey on a phone: password login, set up the authenticator app, reach the queue."""

from base64 import b32decode

from django.urls import reverse
from django_otp.oath import totp

from tests.e2e.conftest import axe_violations, login
from tests.factories import CoordinatorFactory, NetworkFactory


def test_coordinator_sets_up_the_authenticator_app_after_password_login(phone_page, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    coordinator = CoordinatorFactory(networks=[NetworkFactory()])
    page = phone_page
    login(page, coordinator)
    assert page.get_by_role("heading", name="Tweestapsverificatie instellen").is_visible()
    assert page.get_by_role(
        "img", name="QR-code om de authenticator-app in te stellen"
    ).is_visible()
    assert axe_violations(page) == []
    secret = page.locator("figcaption code").inner_text().replace(" ", "")
    page.get_by_label("Code van 6 cijfers").fill(f"{totp(b32decode(secret)):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(reverse("coordination:queue"))
    assert page.get_by_text("Tweestapsverificatie is ingesteld.").is_visible()
