"""Two-factor authentication pages: confirm an authenticator app once, then enter its code
once per session. portal.permissions.role_required sends coordinators and network staff
here when settings.REQUIRE_2FA_FOR_STAFF is on.
"""

from base64 import b32encode, b64encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device

from portal.forms import TwoFactorCodeForm
from portal.services import confirm_totp_device, pending_totp_device, verify_second_factor


@never_cache
@login_required
def setup(request):
    """First time: scan the QR code (or type the key) and confirm with the app's first code."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    if user_has_device(request.user):
        # A confirmed device exists: only its code may verify; no second device without it.
        return redirect(_with_next("two_factor_verify", next_url))
    device = pending_totp_device(request.user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = confirm_totp_device(request.user, form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            _mark_verified(request, device)
            messages.success(request, _("Tweestapsverificatie is ingesteld."))
            return redirect(next_url)
    context = {
        "form": form,
        "qr_code": _qr_code_data_uri(device.config_url),
        "secret": _grouped(b32encode(device.bin_key).decode()),
    }
    return render(request, "portal/two_factor_setup.html", context)


@never_cache
@login_required
def verify(request):
    """Every new session: the current code of the confirmed authenticator app."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    if not user_has_device(request.user):
        return redirect(_with_next("two_factor_setup", next_url))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = verify_second_factor(request.user, form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            _mark_verified(request, device)
            return redirect(next_url)
    return render(request, "portal/two_factor_verify.html", {"form": form})


def _mark_verified(request, device) -> None:
    # A new session key for the raised privilege, as Django does at login.
    request.session.cycle_key()
    otp_login(request, device)


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("home")


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _qr_code_data_uri(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode").encode()
    return "data:image/svg+xml;base64," + b64encode(svg).decode()


def _grouped(secret: str, size: int = 4) -> str:
    """The key in groups of four, easier to type; authenticator apps ignore the spaces."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))
