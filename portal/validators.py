"""Format checks for what people type: RIZIV number, IBAN, BIC and enterprise number with
their normal form, a phone number, and texts that must fit their database column.

The numbers accept the separators people write (spaces, dots, dashes, slashes) and return
the compact form that is stored, so the same number is always stored the same way. IBAN,
BIC and enterprise number are checked by python-stdnum (check digits included).
"""

import re

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.be import iban as belgian_iban
from stdnum.be import vat as enterprise
from stdnum.exceptions import ValidationError as NumberError

SEPARATORS = re.compile(r"[\s./-]+")


def normalize_riziv(value: str) -> str:
    """A RIZIV/INAMI number: exactly 11 digits, written with or without separators.

    Rule: remove spaces, dots, dashes and slashes ("1-23456-78-901" → "12345678901");
    what is left must be 11 digits. No checksum is verified: the RIZIV does not publish
    one that holds for every profession, so a stricter check would refuse real numbers.
    """
    compact = SEPARATORS.sub("", value or "")
    if not re.fullmatch(r"\d{11}", compact):
        raise ValidationError(
            _(
                "Een RIZIV-nummer bestaat uit 11 cijfers, bv. 1-23456-78-901 of 12345678901. "
                "Controleer het nummer."
            ),
            code="invalid_riziv",
        )
    return compact


def normalize_iban(value: str, *, known_bank: bool = False) -> str:
    """An IBAN (ISO 13616): country code, 2 check digits, the account as that country
    writes it; the mod-97 check must hold. With `known_bank`, a Belgian IBAN must also have
    its national check digits right and a bank code the National Bank has handed out (a
    network's own account, which its bank transfers leave from)."""
    compact = SEPARATORS.sub("", value or "").upper()
    try:
        return stdnum_iban.validate(compact, check_country=known_bank)
    except NumberError:
        raise ValidationError(
            _("Dit is geen geldig IBAN-rekeningnummer, bv. BE68 5390 0754 7034. Controleer het."),
            code="invalid_iban",
        ) from None


def normalize_bic(value: str, iban: str = "") -> str:
    """A BIC (ISO 9362): 8 or 11 letters and digits. For a Belgian IBAN it must be the BIC of
    the IBAN's bank (the first 8 characters; a branch code may follow); left empty, it is
    that bank's BIC."""
    compact = SEPARATORS.sub("", value or "").upper()
    expected = belgian_iban.to_bic(iban) if iban.startswith("BE") else None
    if not compact:
        return expected or ""
    try:
        compact = stdnum_bic.validate(compact)
    except NumberError:
        raise ValidationError(
            _("Dit is geen geldige BIC-code: 8 of 11 letters en cijfers, bv. GKCCBEBB."),
            code="invalid_bic",
        ) from None
    if expected and compact[:8] != expected[:8]:
        raise ValidationError(
            _(
                "De BIC-code %(bic)s hoort niet bij de bank van dit IBAN-rekeningnummer "
                "(%(expected)s). Laat het veld leeg om de juiste in te vullen."
            )
            % {"bic": compact, "expected": expected},
            code="bic_mismatch",
        )
    return compact


def normalize_enterprise_number(value: str) -> str:
    """A Belgian enterprise number (ondernemingsnummer, KBO/BCE): 10 digits starting with 0
    or 1, the last two the mod-97 check of the first eight; "BE" and the separators of
    0123.456.789 are allowed, and so is the old form of 9 digits. Stored as the 10 digits."""
    try:
        return enterprise.validate(SEPARATORS.sub("", value or ""))
    except (NumberError, ValueError):  # ValueError: more digits than Python converts
        raise ValidationError(
            _(
                "Dit is geen geldig ondernemingsnummer: 10 cijfers zoals 0123.456.749, "
                "waarvan de laatste twee de controle van de eerste acht zijn. Controleer het "
                "in de Kruispuntbank van Ondernemingen."
            ),
            code="invalid_enterprise_number",
        ) from None


def format_enterprise_number(compact: str) -> str:
    """0123456749 as it is written on documents: 0123.456.749 (anything else unchanged)."""
    if not re.fullmatch(r"\d{10}", compact or ""):
        return compact or ""
    return f"{compact[:4]}.{compact[4:7]}.{compact[7:]}"


def masked_iban(compact: str) -> str:
    """An IBAN as a list shows it: the country, its check digits and the last group only
    (BE68 **** **** 7034); the whole number is on the person's own page and the invoice."""
    groups = [compact[i : i + 4] for i in range(0, len(compact or ""), 4)]
    if len(groups) < 3:
        return "*" * len(compact or "")
    return " ".join([groups[0], *("*" * len(group) for group in groups[1:-1]), groups[-1]])


def masked_enterprise_number(compact: str) -> str:
    """An enterprise number as a list shows it: only its last three digits (****.***.749)."""
    if not compact:
        return ""
    return f"****.***.{compact[-3:]}" if len(compact) > 3 else "*" * len(compact)


PHONE = re.compile(r"\+?[0-9 ./()-]{6,30}")


def normalize_phone(value: str) -> str:
    """A phone number as people write it (09 123 45 67, +32 9 123 45 67): digits with
    spaces, dots, slashes, dashes or brackets, at least 6 digits; kept as typed."""
    value = (value or "").strip()
    if not PHONE.fullmatch(value) or len(re.findall(r"[0-9]", value)) < 6:
        raise ValidationError(
            _("Geef een telefoonnummer in cijfers, bv. 09 123 45 67 of +32 9 123 45 67."),
            code="invalid_phone",
        )
    return value


def too_long(model, values: dict) -> list[ValidationError]:
    """A refusal (`text_too_long`) for each text in `values` longer than its column on
    `model`, so a service refuses it whoever calls it instead of the database failing."""
    errors = []
    for name, value in values.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        limit = getattr(field, "max_length", None)  # relations have none
        if limit and isinstance(value, str) and len(value) > limit:
            errors.append(
                ValidationError(
                    _("Het veld '%(field)s' is te lang: hoogstens %(max)d tekens.")
                    % {"field": field.verbose_name, "max": limit},
                    code="text_too_long",
                )
            )
    return errors
