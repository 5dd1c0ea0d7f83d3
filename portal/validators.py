"""Format checks for what people type: RIZIV number and IBAN with their normal form, and
texts that must fit their database column.

Both numbers accept the separators people write (spaces, dots, dashes, slashes) and return
the compact form that is stored, so the same number is always stored the same way.
"""

import re

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _

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


def normalize_iban(value: str) -> str:
    """An IBAN (ISO 13616): country code, 2 check digits, account; the mod-97 check must be 1."""
    compact = SEPARATORS.sub("", value or "").upper()
    error = ValidationError(
        _("Dit is geen geldig IBAN-rekeningnummer, bv. BE68 5390 0754 7034. Controleer het."),
        code="invalid_iban",
    )
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        raise error
    if compact.startswith("BE") and len(compact) != 16:
        raise error
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    if int(digits) % 97 != 1:
        raise error
    return compact


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
