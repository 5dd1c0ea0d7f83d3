"""Two-factor authentication (REQUIRE_2FA_FOR_STAFF): coordinators and network staff confirm
an authenticator app once, then enter its code once per session; psychologists never."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import Role
from tests.factories import UserFactory

QUEUE = reverse("coordination:queue")
SETUP = reverse("two_factor_setup")
VERIFY = reverse("two_factor_verify")
PAGE_OF_ROLE = {Role.COORDINATOR: QUEUE, Role.NETWORK_STAFF: reverse("billing:runs")}


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA_FOR_STAFF = True


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.COORDINATOR)


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the authenticator app shows now (or `steps_ahead` periods of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)


def test_without_the_setting_a_coordinator_reaches_the_queue_without_second_factor(
    client, coordinator
):
    client.force_login(coordinator)
    assert client.get(QUEUE).status_code == 200


@pytest.mark.usefixtures("required")
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.NETWORK_STAFF])
def test_coordinator_and_staff_without_device_are_sent_to_setup(client, user_with_role, role):
    client.force_login(user_with_role(role))
    response = client.get(PAGE_OF_ROLE[role])
    assert response.status_code == 302
    assert response.url == f"{SETUP}?next={PAGE_OF_ROLE[role].replace('/', '%2F')}"


@pytest.mark.usefixtures("required")
def test_setup_page_shows_qr_code_and_key_with_an_accessible_code_field(client, coordinator):
    client.force_login(coordinator)
    content = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    secret = device.config_url.split("secret=")[1].split("&")[0]
    assert 'src="data:image/svg+xml;base64,' in content
    assert secret[:4] in content and secret[-4:] in content
    assert 'for="id_token"' in content
    assert 'autocomplete="one-time-code"' in content
    assert 'inputmode="numeric"' in content


@pytest.mark.usefixtures("required")
def test_setup_page_keeps_the_same_key_on_reload(client, coordinator):
    client.force_login(coordinator)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=coordinator).count() == 1


@pytest.mark.usefixtures("required")
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.NETWORK_STAFF])
def test_confirming_the_device_with_a_valid_code_opens_the_role_page(client, user_with_role, role):
    user = user_with_role(role)
    client.force_login(user)
    page = PAGE_OF_ROLE[role]
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(f"{SETUP}?next={page}", {"token": code(device)})
    assert response.status_code == 302
    assert response.url == page
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(page).status_code == 200


@pytest.mark.usefixtures("required")
def test_wrong_code_at_setup_is_a_form_error_and_confirms_nothing(client, coordinator):
    client.force_login(coordinator)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=coordinator)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"token": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


@pytest.mark.usefixtures("required")
@pytest.mark.parametrize("token", ["", "12345", "abcdef", "1234567"])
def test_malformed_code_is_a_form_error_not_a_crash(client, coordinator, token):
    client.force_login(coordinator)
    confirmed_device(coordinator)
    response = client.post(VERIFY, {"token": token})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]


@pytest.mark.usefixtures("required")
def test_code_with_a_space_in_the_middle_is_accepted(client, coordinator):
    client.force_login(coordinator)
    device = confirmed_device(coordinator)
    token = code(device)
    assert client.post(VERIFY, {"token": f"{token[:3]} {token[3:]}"}).status_code == 302


@pytest.mark.usefixtures("required")
def test_user_with_a_confirmed_device_is_sent_to_verify_not_setup(client, coordinator):
    confirmed_device(coordinator)
    client.force_login(coordinator)
    response = client.get(QUEUE)
    assert response.url.startswith(VERIFY)


@pytest.mark.usefixtures("required")
def test_setup_cannot_add_a_second_device_once_one_is_confirmed(client, coordinator):
    confirmed_device(coordinator)
    client.force_login(coordinator)
    response = client.get(SETUP)
    assert response.url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=coordinator).count() == 1


@pytest.mark.usefixtures("required")
def test_valid_code_verifies_the_session_and_returns_to_next(client, coordinator):
    device = confirmed_device(coordinator)
    client.force_login(coordinator)
    response = client.post(f"{VERIFY}?next={QUEUE}", {"token": code(device)})
    assert response.url == QUEUE
    assert client.get(QUEUE).status_code == 200


@pytest.mark.usefixtures("required")
def test_verified_session_stays_verified_across_requests(client, coordinator):
    device = confirmed_device(coordinator)
    client.force_login(coordinator)
    client.post(VERIFY, {"token": code(device)})
    assert client.get(QUEUE).status_code == 200
    assert client.get(reverse("coordination:follow_up")).status_code == 200
    assert client.get(QUEUE).status_code == 200


@pytest.mark.usefixtures("required")
def test_after_logout_and_login_the_code_is_asked_again(client, coordinator):
    device = confirmed_device(coordinator)
    client.force_login(coordinator)
    client.post(VERIFY, {"token": code(device)})
    client.post(reverse("logout"))
    client.force_login(coordinator)
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)


@pytest.mark.usefixtures("required")
def test_wrong_codes_are_throttled_even_the_right_code_right_after(client, coordinator, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = confirmed_device(coordinator)
    client.force_login(coordinator)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    assert "Deze code klopt niet." in client.post(VERIFY, {"token": wrong}).content.decode()
    response = client.post(VERIFY, {"token": code(device)})
    assert response.status_code == 200
    assert "Te veel foute codes na elkaar." in response.content.decode()
    assert client.get(QUEUE).url.startswith(VERIFY)


@pytest.mark.usefixtures("required")
def test_a_code_cannot_be_used_twice(client, coordinator):
    device = confirmed_device(coordinator)
    token = code(device)
    client.force_login(coordinator)
    client.post(VERIFY, {"token": token})
    client.post(reverse("logout"))
    client.force_login(coordinator)
    response = client.post(VERIFY, {"token": token})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()


@pytest.mark.usefixtures("required")
def test_psychologist_is_never_asked_for_a_second_factor(client, user_with_role):
    client.force_login(user_with_role(Role.PSYCHOLOGIST))
    assert client.get(reverse("applications:overview")).status_code == 200


@pytest.mark.usefixtures("required")
def test_administrator_is_asked_before_role_pages_too(client, user_with_role):
    client.force_login(user_with_role("administrator"))
    assert client.get(QUEUE).url.startswith(SETUP)


@pytest.mark.usefixtures("required")
def test_next_pointing_to_another_site_is_ignored(client, coordinator):
    device = confirmed_device(coordinator)
    client.force_login(coordinator)
    response = client.post(f"{VERIFY}?next=https://evil.example/", {"token": code(device)})
    assert response.url == reverse("home")


@pytest.mark.usefixtures("required")
def test_htmx_request_is_redirected_by_header(client, coordinator):
    client.force_login(coordinator)
    response = client.get(QUEUE, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(SETUP)


@pytest.mark.usefixtures("required")
def test_post_to_a_role_page_goes_to_the_second_factor_without_next(client, coordinator):
    client.force_login(coordinator)
    response = client.post(QUEUE)
    assert response.url == SETUP


def test_two_factor_pages_need_a_login(client, db):
    assert client.get(VERIFY).url.startswith(reverse("login"))


def test_administrator_resets_a_lost_device_in_the_admin_without_seeing_its_key(
    client, user_with_role, coordinator
):
    device = confirmed_device(coordinator)
    client.force_login(user_with_role("administrator"))
    url = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    assert device.key not in client.get(url).content.decode()
    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


@pytest.mark.usefixtures("required")
def test_setup_page_speaks_english_after_the_language_switch(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": SETUP})
    content = client.get(SETUP).content.decode()
    assert "Set up two-step verification" in content
    assert "Tweestapsverificatie" not in content


@pytest.fixture
def administrator(db):
    return UserFactory(is_staff=True, is_superuser=True)


ADMIN = reverse("admin:index")


def test_without_the_setting_an_administrator_opens_the_admin(client, administrator):
    client.force_login(administrator)
    assert client.get(ADMIN).status_code == 200


@pytest.mark.usefixtures("required")
def test_administrator_without_device_is_sent_to_setup_before_the_admin(client, administrator):
    client.force_login(administrator)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url == f"{SETUP}?next={ADMIN.replace('/', '%2F')}"


@pytest.mark.usefixtures("required")
def test_administrator_opens_the_admin_after_entering_the_code(client, administrator):
    device = confirmed_device(administrator)
    client.force_login(administrator)
    assert client.get(ADMIN).url.startswith(VERIFY)
    response = client.post(f"{VERIFY}?next={ADMIN}", {"token": code(device)})
    assert response.url == ADMIN
    assert client.get(ADMIN).status_code == 200


@pytest.mark.usefixtures("required")
def test_admin_login_page_stays_reachable_for_signing_in(client):
    assert client.get(reverse("admin:login")).status_code == 200
