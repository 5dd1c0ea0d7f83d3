"""Use cases that change the directory and accounts: a psychologist's own profile, a user's
preferred language and how they get their notifications, and the authenticator app (TOTP
device) of two-factor authentication.

The profile's name, address, RIZIV number, enterprise number, IBAN and BIC are printed on
the invoices the network draws up in the psychologist's name (self-billing).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import user_cache
from portal.languages import supported
from portal.models import Delivery, DigestItem, Language, Psychologist, User
from portal.validators import (
    normalize_bic,
    normalize_enterprise_number,
    normalize_iban,
    normalize_riziv,
    too_long,
)

logger = logging.getLogger(__name__)

PROFILE_FIELDS = (
    "riziv_number",
    "employer",
    "street",
    "postal_code",
    "municipality",
    "iban",
    "bic",
    "enterprise_number",
    "listed_publicly",
    "languages",
)
USER_FIELDS = ("first_name", "last_name", "email", "language")


def update_profile(psychologist: Psychologist, data: dict) -> Psychologist:
    """Save the psychologist's own profile. The RIZIV number, enterprise number, IBAN and
    BIC are stored in their normal form; a RIZIV number of another psychologist and a text
    longer than its column are refused (`riziv_taken`, `text_too_long`), as are numbers
    that are not valid (`invalid_riziv`, `invalid_enterprise_number`, `invalid_iban`,
    `invalid_bic`, `bic_mismatch`) and a language the portal does not offer
    (`unknown_language`), and working languages that are none or not a network's
    (`no_work_language`, `unknown_work_language`): the published offer shows them to the
    public when the psychologist opted in (`listed_publicly`). An IBAN changed without a
    BIC takes its bank's BIC: the old one was another account's."""
    data = dict(data)
    if "language" in data and not supported(data["language"]):
        raise ValidationError(_("Kies een van de talen van het portaal."), code="unknown_language")
    if "languages" in data:
        data["languages"] = _work_languages(data["languages"])
    if "riziv_number" in data:
        data["riziv_number"] = normalize_riziv(data["riziv_number"])
    if data.get("enterprise_number"):
        data["enterprise_number"] = normalize_enterprise_number(data["enterprise_number"])
    if data.get("iban"):
        data["iban"] = normalize_iban(data["iban"])
    if "bic" in data or data.get("iban", psychologist.iban) != psychologist.iban:
        data["bic"] = normalize_bic(data.get("bic", ""), data.get("iban", psychologist.iban))
    errors = too_long(User, data) + too_long(Psychologist, data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        psychologist = Psychologist.objects.select_for_update().get(pk=psychologist.pk)
        if "riziv_number" in data and (
            Psychologist.objects.filter(riziv_number=data["riziv_number"])
            .exclude(pk=psychologist.pk)
            .exists()
        ):
            raise ValidationError(
                _("Dit RIZIV-nummer is al gekoppeld aan een andere psycholoog."),
                code="riziv_taken",
            )
        user = psychologist.user
        for name in USER_FIELDS:
            if name in data:
                setattr(user, name, data[name])
        user.save(update_fields=[name for name in USER_FIELDS if name in data] or None)
        for name in PROFILE_FIELDS:
            if name in data:
                setattr(psychologist, name, data[name])
        psychologist.save()
        if "themes" in data:
            psychologist.themes.set(data["themes"])
        # The overview shows what is still missing for the invoices (portal.data_version).
        Psychologist.objects.filter(pk=psychologist.pk).touch()
    return psychologist


def _work_languages(codes) -> list[str]:
    """The working languages in the order of `Language`, or the refusal."""
    codes = list(codes) if isinstance(codes, list | tuple) else [codes]
    if any(code not in Language.values for code in codes):
        raise ValidationError(
            _("Kies de talen waarin u werkt uit de lijst."), code="unknown_work_language"
        )
    if not codes:
        raise ValidationError(_("Kies minstens één taal waarin u werkt."), code="no_work_language")
    return [code for code in Language.values if code in codes]


def set_language(user: User, language: str) -> bool:
    """Keep `language` as the user's preferred language (pages, e-mails, invoices); a code
    that is not one of settings.LANGUAGES changes nothing. True when it was saved."""
    if not supported(language):
        return False
    User.objects.filter(pk=user.pk).update(language=language)
    user_cache.forget(user.pk)
    user.language = language
    return True


def set_notification_delivery(user: User, delivery: str) -> User:
    """How the user gets their non-urgent notifications (Delivery); anything else is refused
    (`unknown_delivery`). Choosing none drops what waited for their digest: "none" keeps
    nothing; going back to e-mails at once leaves it for one last digest."""
    if delivery not in Delivery.values:
        raise ValidationError(
            _("Kies meteen, één overzicht per dag of geen e-mail."), code="unknown_delivery"
        )
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(notification_delivery=delivery)
        user_cache.forget(user.pk)
        if delivery == Delivery.NONE:
            DigestItem.objects.filter(user=user, sent_at__isnull=True).delete()
    user.notification_delivery = delivery
    return user


def pending_totp_device(user: User) -> TOTPDevice:
    """The user's not yet confirmed authenticator device, created once (same QR on reload)."""
    with transaction.atomic():
        # Lock the user so two concurrent setup pages cannot create two devices.
        User.objects.select_for_update().filter(pk=user.pk).first()
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


def confirm_totp_device(user: User, token: str) -> TOTPDevice:
    """Confirm the pending device with its first code; from then on it is the second factor."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            refusal = ValidationError(
                _("Er is geen authenticator-app om te bevestigen. Laad de pagina opnieuw."),
                code="otp_no_pending_device",
            )
        else:
            refusal = _token_refusal(device, token)
        if refusal is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    # Raised after the transaction so django-otp's count of failed attempts is kept.
    if refusal is not None:
        raise refusal
    logger.info("Two-factor device confirmed for user %s", user.pk)
    return device


def verify_second_factor(user: User, token: str) -> TOTPDevice:
    """The user's confirmed device if `token` is its current code; refusals are throttled."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is None:
            refusal = ValidationError(
                _("Er is nog geen authenticator-app ingesteld."), code="otp_no_device"
            )
        else:
            refusal = _token_refusal(device, token)
    if refusal is not None:
        logger.info("Two-factor code refused for user %s (%s)", user.pk, refusal.code)
        raise refusal
    return device


def _token_refusal(device: TOTPDevice, token: str) -> ValidationError | None:
    """Check `token` on a locked device. django-otp counts each wrong code and then refuses
    further attempts for 1, 2, 4, 8 … seconds; a code is never accepted twice."""
    if not device.verify_is_allowed()[0]:
        return ValidationError(
            _("Te veel foute codes na elkaar. Wacht even en probeer het opnieuw."),
            code="otp_throttled",
        )
    if not device.verify_token(token):
        return ValidationError(
            _("Deze code klopt niet. Geef de code in die de app nu toont."), code="otp_invalid"
        )
    return None
