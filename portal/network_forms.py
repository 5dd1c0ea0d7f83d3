"""Forms of a network's settings page and of its existing services.

They parse what staff type; every rule (check digits, postcodes no other network covers,
a prefix of its own, an address in full) is checked by `portal.network_settings`, whose
refusals land on the field they are about (`REFUSAL_FIELDS`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.models import MAX_CLOSING_DAY, MAX_PAYMENT_TERM_DAYS, ExistingService, Language, Network


class RefusalsOnFields:
    """Puts each refusal of a service on the field its code is about (others above)."""

    REFUSAL_FIELDS: dict[str, str] = {}

    def add_refusals(self, error: ValidationError) -> None:
        for item in error.error_list:
            self.add_error(self.REFUSAL_FIELDS.get(item.code), item)


class NetworkSettingsForm(RefusalsOnFields, forms.Form):
    street = forms.CharField(label=_("Straat en nummer"), max_length=160, required=False)
    postal_code = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    municipality = forms.CharField(label=_("Gemeente"), max_length=80, required=False)
    enterprise_number = forms.CharField(
        label=_("Ondernemingsnummer (KBO)"),
        max_length=20,
        required=False,
        help_text=_("10 cijfers, bv. 0123.456.749; het staat op elke factuur aan het netwerk."),
    )
    iban = forms.CharField(
        label=_("IBAN-rekeningnummer van het netwerk"),
        max_length=42,
        required=False,
        help_text=_("De rekening waarvan het netwerk de psychologen betaalt."),
    )
    bic = forms.CharField(
        label=_("BIC"),
        max_length=14,
        required=False,
        help_text=_("Leeg: de BIC van de bank van een Belgisch IBAN-rekeningnummer."),
    )
    invoice_prefix = forms.CharField(
        label=_("Voorvoegsel van de factuurnummers"),
        max_length=12,
        required=False,
        help_text=_(
            "Letters en cijfers, bv. PAKT (leeg: de code van het netwerk). Een nieuw "
            "voorvoegsel geldt vanaf de nummering van volgend jaar; de nummering van dit "
            "jaar houdt het voorvoegsel waarmee ze begon."
        ),
    )
    payment_term_days = forms.IntegerField(
        label=_("Betalingstermijn (dagen)"),
        min_value=1,
        max_value=MAX_PAYMENT_TERM_DAYS,
        help_text=_("Dagen na de factuurdatum; hoogstens 60."),
    )
    registration_closing_day = forms.IntegerField(
        label=_("Afsluitdag van de registraties"),
        min_value=1,
        max_value=MAX_CLOSING_DAY,
        required=False,
        help_text=_(
            "De activiteiten van een maand worden geregistreerd tot en met deze dag van de "
            "volgende maand, bv. 10; daarna kan enkel een coördinator de maand heropenen voor "
            "één psycholoog. De facturatierun van een maand start na die dag. Leeg: de maanden "
            "sluiten niet af."
        ),
    )
    postcodes = forms.CharField(
        label=_("Postcodes van het werkingsgebied"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Postcodes en reeksen, gescheiden door komma's, bv. 9000-9099, 9150. Een vraag "
            "van een eerstelijnsactor gaat naar het netwerk van zijn postcode; elke postcode "
            "hoort bij één netwerk."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen van het aanbod"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    education_open = forms.BooleanField(
        label=_("Aanvragen met scholen en CLB's toelaten"),
        required=False,
        help_text=_("Nog niet open zolang de afstemming met de CLB's loopt."),
    )

    REFUSAL_FIELDS = {
        "invalid_invoice_prefix": "invoice_prefix",
        "invoice_prefix_taken": "invoice_prefix",
        "invalid_postcode": "postal_code",
        "incomplete_address": "street",
        "invalid_enterprise_number": "enterprise_number",
        "invalid_iban": "iban",
        "invalid_bic": "bic",
        "bic_mismatch": "bic",
        "payment_term_out_of_range": "payment_term_days",
        "closing_day_out_of_range": "registration_closing_day",
        "invalid_languages": "languages",
        "invalid_postcodes": "postcodes",
        "postcode_covered_elsewhere": "postcodes",
    }

    def __init__(self, *args, network: Network, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "street": network.street,
                "postal_code": network.postal_code,
                "municipality": network.municipality,
                "enterprise_number": network.enterprise_number_display,
                "iban": network.iban,
                "bic": network.bic,
                "invoice_prefix": network.number_prefix,
                "payment_term_days": network.payment_term_days,
                "registration_closing_day": network.registration_closing_day,
                "postcodes": network.covered_postcodes,
                "languages": network.languages,
                "education_open": network.education_open,
            },
        )
        super().__init__(*args, **kwargs)


class ExistingServiceForm(RefusalsOnFields, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=160)
    description = forms.CharField(
        label=_("Wat de werking doet"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "In eenvoudige taal, voor eerstelijnsactoren: met welke vragen ze er terechtkunnen."
        ),
    )
    email = forms.EmailField(label=_("E-mailadres"), max_length=254, required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )
    municipality = forms.CharField(label=_("Gemeente"), max_length=80, required=False)

    REFUSAL_FIELDS = {
        "name_required": "name",
        "existing_service_exists": "name",
        "description_required": "description",
        "invalid_email": "email",
        "contact_required": "email",
        "invalid_phone": "phone",
        "invalid_website": "website",
    }

    def __init__(self, *args, service: ExistingService | None = None, **kwargs):
        if service is not None:
            kwargs.setdefault(
                "initial", {name: getattr(service, name) for name in self.base_fields}
            )
        super().__init__(*args, **kwargs)
