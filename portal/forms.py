"""Forms of the directory and accounts: a psychologist's own profile (used on invoices) with
their preferred language, the code of two-factor authentication, the login, the password
reset mailed in the account's language, how a user wants their notifications, and the
parsing of ids and search terms that arrive in query strings."""

import re
from datetime import date

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from portal import client_data
from portal.languages import language_for
from portal.models import Delivery, Language, Psychologist, Theme
from portal.validators import (
    normalize_bic,
    normalize_enterprise_number,
    normalize_iban,
    normalize_riziv,
)


def language_choices() -> list[tuple[str, str]]:
    """The portal's languages, each named in itself ("Nederlands", "français", "English")."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class InvoiceDataFields:
    """The checks of the numbers the invoices print (portal.validators), shared by the
    profile page and the admin: enterprise number and IBAN (empty allowed), and the BIC
    checked against the bank of the IBAN (when that one is valid)."""

    def clean_iban(self) -> str:
        value = self.cleaned_data["iban"]
        return normalize_iban(value) if value.strip() else ""

    def clean_enterprise_number(self) -> str:
        value = self.cleaned_data["enterprise_number"]
        return normalize_enterprise_number(value) if value.strip() else ""

    def clean(self):
        cleaned = super().clean()
        if "bic" in cleaned and "iban" in cleaned:
            try:
                cleaned["bic"] = normalize_bic(cleaned["bic"], cleaned["iban"])
            except ValidationError as error:
                self.add_error("bic", error)
        return cleaned


class ProfileForm(InvoiceDataFields, forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Familienaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    riziv_number = forms.CharField(
        label=_("RIZIV-nummer"),
        max_length=20,
        help_text=_("11 cijfers, met of zonder streepjes: 1-23456-78-901."),
    )
    enterprise_number = forms.CharField(
        label=_("Ondernemingsnummer (KBO)"),
        max_length=20,
        required=False,
        help_text=_(
            "Het nummer waaronder u factureert: 10 cijfers, bv. 0123.456.749. Het netwerk zet "
            "het op de facturen die het in uw naam opmaakt (autofacturatie)."
        ),
    )
    street = forms.CharField(label=_("Straat en nummer"), max_length=160, required=False)
    postal_code = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    municipality = forms.CharField(label=_("Gemeente"), max_length=80, required=False)
    iban = forms.CharField(
        label=_("IBAN-rekeningnummer"),
        max_length=42,
        required=False,
        help_text=_("Voor de uitbetaling van uw facturen, bv. BE68 5390 0754 7034."),
    )
    bic = forms.CharField(
        label=_("BIC"),
        max_length=14,
        required=False,
        help_text=_("Leeg: de BIC van de bank van een Belgisch IBAN-rekeningnummer, bv. GKCCBEBB."),
    )
    employer = forms.CharField(
        label=_("Werkgever"),
        max_length=160,
        required=False,
        help_text=_("Leeg als u zelfstandige bent."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's van expertise"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Taal"),
        choices=language_choices,
        help_text=_("De taal van het portaal, van uw e-mails en van uw facturen."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen waarin u werkt"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Minstens één. Zonder vinkje blijven uw talen zoals ze waren."),
    )
    listed_publicly = forms.BooleanField(
        label=_("Vermeld mij in het publieke aanbod"),
        required=False,
        help_text=_(
            "Publiek, zonder aanmelding, op de aanbodpagina van elk netwerk waar u een "
            "lopende toekenning hebt: uw naam, uw thema's, uw gemeente en uw talen. Nooit uw "
            "e-mailadres, telefoon, RIZIV-nummer, adres of IBAN. Zonder vinkje telt u enkel "
            "mee in de aantallen, zonder naam. U kunt dit op elk moment uitzetten."
        ),
    )

    def __init__(self, *args, psychologist: Psychologist, **kwargs):
        self.psychologist = psychologist
        user = psychologist.user
        kwargs.setdefault(
            "initial",
            {
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "riziv_number": psychologist.riziv_number,
                "enterprise_number": psychologist.enterprise_number_display,
                "street": psychologist.street,
                "postal_code": psychologist.postal_code,
                "municipality": psychologist.municipality,
                "iban": psychologist.iban,
                "bic": psychologist.bic,
                "employer": psychologist.employer,
                "themes": list(psychologist.themes.all()),
                "language": user.language,
                "languages": psychologist.languages,
                "listed_publicly": psychologist.listed_publicly,
            },
        )
        super().__init__(*args, **kwargs)

    def clean_riziv_number(self) -> str:
        return normalize_riziv(self.cleaned_data["riziv_number"])

    def clean_languages(self) -> list[str]:
        """No box ticked keeps the languages as they were: a psychologist works in at least
        one, and a form posted without the field (an older page) must not clear them."""
        return self.cleaned_data["languages"] or list(self.psychologist.languages)

    # The field a refusal of services.update_profile is about (others go above the form).
    REFUSAL_FIELDS = {
        "riziv_taken": "riziv_number",
        "invalid_riziv": "riziv_number",
        "invalid_iban": "iban",
        "invalid_enterprise_number": "enterprise_number",
        "invalid_bic": "bic",
        "bic_mismatch": "bic",
        "unknown_language": "language",
        "unknown_work_language": "languages",
        "no_work_language": "languages",
    }

    def add_refusals(self, error: ValidationError) -> None:
        for item in error.error_list:
            self.add_error(self.REFUSAL_FIELDS.get(item.code), item)


class NotificationSettingsForm(forms.Form):
    """At once, one digest a day, or no e-mail (docs/notifications.md); a value that is not
    one of the three is a form error (services.set_notification_delivery checks it too)."""

    notification_delivery = forms.ChoiceField(
        label=_("Hoe wilt u deze meldingen krijgen?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een van de drie manieren.")},
    )


class TwoFactorCodeForm(forms.Form):
    """The 6-digit code of an authenticator app; spaces are allowed and ignored."""

    token = forms.CharField(
        label=_("Code van 6 cijfers"),
        help_text=_("De code die uw authenticator-app nu toont."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not re.fullmatch(r"\d{6}", token):
            raise forms.ValidationError(_("Geef de 6 cijfers van de code in."), code="otp_format")
        return token


class LoginForm(AuthenticationForm):
    """Django's login form, with the user name's length checked before anyone looks it up:
    a 10,000-character name is a form error, not a failed attempt the lockout must store."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class ResetPasswordForm(PasswordResetForm):
    """Django's password reset, its e-mail in the language of the account it is for (the
    visitor asking may read the page in another)."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(language_for(context.get("user"))):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class AdminLoginForm(LoginForm, AdminAuthenticationForm):
    """The admin's login form, with the same check (the admin also asks for staff status)."""


class SearchForm(forms.Form):
    """A search term from a query string (`?q=`): text without NUL, so it can reach the
    database; anything longer than `MAX_LENGTH` is cut off, not refused."""

    MAX_LENGTH = 80
    q = forms.CharField(required=False)

    def term(self) -> str:
        """The cleaned term, or "" when the query string held something unusable."""
        if not self.is_valid():
            return ""
        return self.cleaned_data["q"][: self.MAX_LENGTH]


def id_from(value) -> int | None:
    """A database id as it arrives in a query string or form ("12"), or None if it is not one."""
    try:
        return forms.IntegerField(min_value=1, max_value=2**31 - 1).clean(value)
    except ValidationError:
        return None


def date_from(value) -> date | None:
    """A date as a form posts it ("2026-03-01"), or None if it is not one."""
    try:
        return forms.DateField().clean(value)
    except ValidationError:
        return None


def add_refusals(form, error: ValidationError, fields: dict | None = None) -> None:
    """A service's refusals on the field they are about: the one a client-data refusal
    names (portal.client_data), else the one `fields` gives its code; others above the form."""
    for item in error.error_list:
        name = client_data.field_of(item) or (fields or {}).get(item.code)
        form.add_error(name if name in form.fields else None, item)
